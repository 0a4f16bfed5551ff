import { NT_SUCCESS, WSA_INVALID_PARAMETER, WSA_IO_INCOMPLETE, WSAENOTSOCK, type Ref } from "@wskit/core";
import { checkErrnoRef, wspState } from "../internal/wspCommon";
import type { DatagramSocket } from "./DatagramSocket";
import type { WSAOVERLAPPED } from "./WSAOVERLAPPED";
import { wsaErrorFromNtStatus } from "./wsaErrorFromNtStatus";

/**
 * The result of an overlapped WSP* call made without a completion routine: false with WSAENOTSOCK
 * when `s` is not an open datagram socket; true with the bytes and flags once it completed; false with WSA_IO_INCOMPLETE while it is pending (`fWait` cannot block in
 * Node and is ignored); false with the operation's error if it failed (WSAEMSGSIZE for a truncated
 * datagram, with the bytes delivered).
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2spi/nc-ws2spi-lpwspgetoverlappedresult
 */
export function WSPGetOverlappedResult(
  s: DatagramSocket,
  lpOverlapped: WSAOVERLAPPED,
  lpcbTransfer: Ref<number>,
  fWait: boolean,
  lpdwFlags: Ref<number>,
  lpErrno: Ref<number>,
): boolean {
  void fWait;
  checkErrnoRef(lpErrno, "WSPGetOverlappedResult");
  // As Windows: the result is asked of a socket, and one that is not (or no longer) open has none.
  if (wspState(s) === undefined) {
    lpErrno.value = WSAENOTSOCK;
    return false;
  }
  if (typeof lpOverlapped !== "object" || lpOverlapped === null) {
    lpErrno.value = WSA_INVALID_PARAMETER;
    return false;
  }
  if (lpOverlapped.Completed !== true) {
    lpErrno.value = WSA_IO_INCOMPLETE;
    return false;
  }
  lpcbTransfer.value = lpOverlapped.InternalHigh;
  lpdwFlags.value = lpOverlapped.Flags ?? 0;
  if (NT_SUCCESS(lpOverlapped.Internal)) return true;
  // STATUS_BUFFER_OVERFLOW maps to WSAEMSGSIZE, with the bytes delivered in lpcbTransfer.
  lpErrno.value = wsaErrorFromNtStatus(lpOverlapped.Internal);
  return false;
}
