import { programmerError } from "@wskit/core";
import type { ConnectionSocket } from "../wsk/ConnectionSocket";
import type { StreamSocket } from "../wsk/StreamSocket";

/** The helpers' check of their socket argument: a typed programmer error for anything but a connection or stream socket. */
export function assertConnection(socket: unknown, api: string): asserts socket is ConnectionSocket | StreamSocket {
  if (typeof (socket as Partial<ConnectionSocket> | null | undefined)?.Dispatch?.WskSend !== "function") {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: socket must be a connection or stream socket (connect, listen().connections(), or WskSocket)`);
  }
}
