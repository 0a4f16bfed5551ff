import { SD_BOTH, SD_RECEIVE, SD_SEND, WSAEINVAL, WSAENOTSOCK, type Ref } from "@wskit/core";
import { checkErrnoRef, fail, wspState } from "../internal/wspCommon";
import type { DatagramSocket } from "./DatagramSocket";

/**
 * Shuts down receives (SD_RECEIVE), sends (SD_SEND) or both (SD_BOTH) on a datagram socket: later
 * WSPRecvFrom / WSPSendTo fail with WSAESHUTDOWN, and datagrams that arrive after a receive
 * shutdown are discarded (counted as `droppedShutdown`). Returns 0, or SOCKET_ERROR with WSAEINVAL
 * (an unknown `how`) or WSAENOTSOCK.
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2spi/nc-ws2spi-lpwspshutdown
 */
export function WSPShutdown(s: DatagramSocket, how: number, lpErrno: Ref<number>): number {
  checkErrnoRef(lpErrno, "WSPShutdown");
  const state = wspState(s);
  if (state === undefined) return fail(lpErrno, WSAENOTSOCK);
  if (how !== SD_RECEIVE && how !== SD_SEND && how !== SD_BOTH) return fail(lpErrno, WSAEINVAL);
  if (how !== SD_SEND) state.receiveShutdown = true;
  if (how !== SD_RECEIVE) state.sendShutdown = true;
  return 0;
}
