import {
  AF_INET,
  createIrpPool,
  IoSetCompletionRoutine,
  NT_SUCCESS,
  runIrp,
  SockAddr,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  WSA_IO_PENDING,
  WSAEDESTADDRREQ,
  WSAEFAULT,
  WSAEINVAL,
  WSAEMSGSIZE,
  WSAENETDOWN,
  WSAENOTSOCK,
  WSAEOPNOTSUPP,
  WSAESHUTDOWN,
  type IRP,
  type Ref,
  type WskBuf,
} from "@wskit/core";
import { BindPhase } from "../internal/datagramState";
import { maxDatagram } from "../internal/send";
import { captureBuffers, checkErrnoRef, fail, sockaddrSize, wspState } from "../internal/wspCommon";
import type { DatagramSocket } from "./DatagramSocket";
import type { LPWSAOVERLAPPED_COMPLETION_ROUTINE, WSAOVERLAPPED } from "./WSAOVERLAPPED";
import type { WSABUF } from "./WSABUF";
import { wsaErrorFromNtStatus } from "./wsaErrorFromNtStatus";
import { WskBind } from "./WskBind";
import { WskSendTo } from "./WskSendTo";

const irps = createIrpPool(64);

interface OverlappedSend {
  lpOverlapped: WSAOVERLAPPED | null;
  lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE | null;
}

/**
 * The Winsock service provider's send of one datagram (the WSABUF array gathered in order) to
 * `lpTo`, or to the fixed address when `lpTo` is null. An unbound socket is bound to the
 * unspecified address first, as Winsock does implicitly. Non-overlapped calls return 0 once the
 * datagram is handed to Node (with the bytes in `lpNumberOfBytesSent`); overlapped ones return
 * SOCKET_ERROR with WSA_IO_PENDING and report through the routine `(dwError, cbTransferred, dwFlags)`.
 *
 * Errors: WSAENOTSOCK, WSAEFAULT (bad buffers, iTolen too small), WSAEDESTADDRREQ (no address and
 * none fixed), WSAEMSGSIZE (larger than UDP allows; nothing sent), WSAEOPNOTSUPP (flags),
 * WSAESHUTDOWN (after WSPShutdown of sends), WSAEINVAL (an address of the other family),
 * WSAENETDOWN (the socket broke).
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
  if (dwFlags !== 0) return fail(lpErrno, WSAEOPNOTSUPP);
  if (state.sendShutdown) return fail(lpErrno, WSAESHUTDOWN);
  if (state.broken) return fail(lpErrno, WSAENETDOWN);
  if (lpTo !== null && (!SockAddr.is(lpTo) || iTolen < sockaddrSize(lpTo.family))) return fail(lpErrno, WSAEFAULT);
  const to = lpTo ?? state.fixedRemote ?? state.sendTo;
  if (to === null) return fail(lpErrno, WSAEDESTADDRREQ);
  if (to.family !== state.family) return fail(lpErrno, WSAEINVAL);
  const buffer = captureBuffers(lpBuffers, dwBufferCount);
  if (typeof buffer === "number") return fail(lpErrno, buffer);
  if (buffer.Length > maxDatagram(state.family)) return fail(lpErrno, WSAEMSGSIZE);

  const request: OverlappedSend = { lpOverlapped, lpCompletionRoutine };
  if (lpOverlapped !== null) lpOverlapped.Completed = false;
  const send = () => {
    const irp = irps.allocate();
    IoSetCompletionRoutine(irp, completeSend, request, true, true, true);
    const status = WskSendTo(s, buffer, 0, to, 0, null, irp);
    if (status !== STATUS_PENDING) irps.free(irp);
    return status;
  };
  if (state.phase === BindPhase.Unbound) {
    // The implicit bind: to the unspecified address, then the send.
    const any = new SockAddr(state.family === AF_INET ? AF_INET : (state.family as 23));
    void runIrp((irp) => WskBind(s, any, 0, irp)).then(({ Status }) => {
      if (NT_SUCCESS(Status)) send();
      else finish(request, Status, 0);
    });
  } else {
    const status = send();
    if (status !== STATUS_PENDING) return fail(lpErrno, wsaErrorFromNtStatus(status));
  }
  if (lpOverlapped === null && lpCompletionRoutine === null) {
    if (lpNumberOfBytesSent !== null) lpNumberOfBytesSent.value = (buffer as WskBuf).Length;
    return 0;
  }
  return fail(lpErrno, WSA_IO_PENDING);
}

function completeSend(_device: null, irp: IRP, request: OverlappedSend): number {
  const { Status, Information } = irp.IoStatus;
  irps.free(irp);
  finish(request, Status, Information as number);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

function finish(request: OverlappedSend, status: number, bytes: number): void {
  if (request.lpOverlapped !== null) {
    request.lpOverlapped.Internal = status;
    request.lpOverlapped.InternalHigh = bytes;
    request.lpOverlapped.Flags = 0;
    request.lpOverlapped.Completed = true;
  }
  request.lpCompletionRoutine?.(NT_SUCCESS(status) ? 0 : wsaErrorFromNtStatus(status), bytes, 0);
}
