import { STATUS_CONNECTION_RESET, STATUS_FILE_FORCED_CLOSED } from "@wskit/core";
import type { StreamState } from "./streamState";

/**
 * What a request on a broken connection is refused with: STATUS_CONNECTION_RESET after a reset by
 * the peer, whether the request was pending at the reset or came after it (as a Winsock recv keeps
 * returning WSAECONNRESET); STATUS_FILE_FORCED_CLOSED after any other break.
 */
export function brokenConnectionStatus(state: StreamState): number {
  return state.brokenStatus === STATUS_CONNECTION_RESET ? STATUS_CONNECTION_RESET : STATUS_FILE_FORCED_CLOSED;
}
