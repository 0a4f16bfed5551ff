import {
  AF_INET6,
  createIrpPool,
  IoSetCompletionRoutine,
  NT_SUCCESS,
  SockAddr,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSA_IO_PENDING,
  WSAEFAULT,
  WSAEINVAL,
  WSAEMSGSIZE,
  WSAENETDOWN,
  WSAENOTCONN,
  WSAENOTSOCK,
  WSAEOPNOTSUPP,
  WSAESHUTDOWN,
  type IRP,
  type Ref,
} from "@wskit/core";
import { checkSockAddr, isWritableObject } from "@wskit/core/provider";
import { bindSocket } from "../internal/bindSocket";
import { BindPhase } from "../internal/datagramState";
import { maxDatagram } from "../internal/send";
import { captureBuffers, checkErrnoRef, completeOverlappedResult, fail, sockaddrSize, wspState } from "../internal/wspCommon";
import type { DatagramSocket } from "./DatagramSocket";
import type { LPWSAOVERLAPPED_COMPLETION_ROUTINE, WSAOVERLAPPED } from "./WSAOVERLAPPED";
import type { WSABUF } from "./WSABUF";
import { wsaErrorFromNtStatus } from "./wsaErrorFromNtStatus";
import { WskSendTo } from "./WskSendTo";

const irps = createIrpPool(64);

interface OverlappedSend {
  lpOverlapped: WSAOVERLAPPED | null;
  lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE | null;
  /** The call already reported the result itself (a refusal): the completion only frees the IRP. */
  reported: boolean;
}

/**
 * The Winsock service provider's send of one datagram (the WSABUF array gathered in order) to
 * `lpTo`, or to the fixed address when `lpTo` is null. Everything is checked first; then an unbound
 * socket is bound to the unspecified address, port 0, as Winsock does implicitly, and the bound
 * address is visible when the call returns. Non-overlapped calls return 0 once the datagram is
 * handed to Node (with the bytes in `lpNumberOfBytesSent`); overlapped ones return SOCKET_ERROR with
 * WSA_IO_PENDING and report once through the routine `(dwError, cbTransferred, dwFlags)` and
 * `lpOverlapped`. A refused call returns SOCKET_ERROR with its error, sends nothing and reports
 * nothing else.
 *
 * Errors: WSAENOTSOCK, WSAEFAULT (bad buffers, iTolen too small, a null or read-only
 * `lpNumberOfBytesSent` on a non-overlapped call), WSAENOTCONN (no address and none fixed),
 * WSAEADDRNOTAVAIL (an address that is not a literal, a port 0 or out of range: Linux cannot send to
 * port 0, which Windows allows), WSAEINVAL (an address of the other family), WSAEMSGSIZE (larger
 * than UDP allows), WSAEOPNOTSUPP (flags), WSAESHUTDOWN (after WSPShutdown of sends), WSAENETDOWN
 * (the socket broke), and the implicit bind's error.
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2spi/nc-ws2spi-lpwspsendto
 */
export function WSPSendTo(
  s: DatagramSocket,
  lpBuffers: readonly WSABUF[],
  dwBufferCount: number,
  lpNumberOfBytesSent: Ref<number> | null,
  dwFlags: number,
  lpTo: SockAddr | null,
  iTolen: number,
  lpOverlapped: WSAOVERLAPPED | null,
  lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE | null,
  lpThreadId: unknown,
  lpErrno: Ref<number>,
): number {
  void lpThreadId;
  checkErrnoRef(lpErrno, "WSPSendTo");
  const state = wspState(s);
  if (state === undefined) return fail(lpErrno, WSAENOTSOCK);
  const overlapped = lpOverlapped !== null || lpCompletionRoutine !== null;
  if (lpNumberOfBytesSent === null ? !overlapped : !isWritable(lpNumberOfBytesSent)) return fail(lpErrno, WSAEFAULT);
  if (lpOverlapped !== null && !isWritable(lpOverlapped)) return fail(lpErrno, WSAEFAULT);
  if (lpCompletionRoutine !== null && typeof lpCompletionRoutine !== "function") return fail(lpErrno, WSAEFAULT);
  if (dwFlags !== 0) return fail(lpErrno, WSAEOPNOTSUPP);
  if (state.sendShutdown) return fail(lpErrno, WSAESHUTDOWN);
  if (state.broken) return fail(lpErrno, WSAENETDOWN);
  if (lpTo !== null && (!SockAddr.is(lpTo) || !Number.isInteger(iTolen) || iTolen < sockaddrSizeOf(lpTo))) return fail(lpErrno, WSAEFAULT);
  const to = lpTo ?? state.fixedRemote ?? state.sendTo;
  if (to === null) return fail(lpErrno, WSAENOTCONN);
  const addressStatus = checkSockAddr(to, state.family, { portZero: false });
  if (addressStatus !== STATUS_SUCCESS) return fail(lpErrno, wsaErrorFromNtStatus(addressStatus));
  const buffer = captureBuffers(lpBuffers, dwBufferCount);
  if (typeof buffer === "number") return fail(lpErrno, buffer);
  if (buffer.Length > maxDatagram(state.family)) return fail(lpErrno, WSAEMSGSIZE);

  if (state.phase === BindPhase.Unbound) {
    // The implicit bind, to the unspecified address and any port.
    const bound = bindSocket(s, 0, state.family === AF_INET6 ? "::" : "0.0.0.0");
    if (!NT_SUCCESS(bound)) return fail(lpErrno, wsaErrorFromNtStatus(bound));
  } else if (state.phase !== BindPhase.Bound) {
    return fail(lpErrno, WSAEINVAL); // a WskBind of the faithful layer is under way
  }

  const request: OverlappedSend = { lpOverlapped, lpCompletionRoutine, reported: false };
  try {
    if (lpOverlapped !== null) lpOverlapped.Completed = false;
  } catch {
    // left as the caller made it
  }
  const irp = irps.allocate();
  IoSetCompletionRoutine(irp, completeSend, request, true, true, true);
  const status = WskSendTo(s, buffer, 0, to, 0, null, irp);
  if (status !== STATUS_PENDING) {
    // Refused after all (the socket broke in between): reported here, once; the IRP still completes.
    request.reported = true;
    completeOverlappedResult(lpOverlapped, status, 0);
    return fail(lpErrno, wsaErrorFromNtStatus(status));
  }
  if (!overlapped) {
    try {
      (lpNumberOfBytesSent as Ref<number>).value = buffer.Length;
    } catch {
      // left as the caller made it
    }
    return 0;
  }
  return fail(lpErrno, WSA_IO_PENDING);
}

function isWritable(value: unknown): boolean {
  return isWritableObject(value);
}

function completeSend(_device: null, irp: IRP, request: OverlappedSend): number {
  const { Status, Information } = irp.IoStatus;
  irps.free(irp);
  if (!request.reported) finish(request, Status, Information as number);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

function finish(request: OverlappedSend, status: number, bytes: number): void {
  completeOverlappedResult(request.lpOverlapped, status, bytes);
  request.lpCompletionRoutine?.(NT_SUCCESS(status) ? 0 : wsaErrorFromNtStatus(status), bytes, 0);
}

// The size of the caller's address as its family says; an accessor of theirs that throws: none fits.
function sockaddrSizeOf(address: SockAddr): number {
  try {
    return sockaddrSize(address.family);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
