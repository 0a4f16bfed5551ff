import {
  IoSetCompletionRoutine,
  MSG_OOB,
  MSG_PARTIAL,
  MSG_PEEK,
  NT_SUCCESS,
  SockAddr,
  STATUS_BUFFER_OVERFLOW,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSA_IO_PENDING,
  WSAEFAULT,
  WSAEINVAL,
  WSAEISCONN,
  WSAEMSGSIZE,
  WSAENETDOWN,
  WSAENOTSOCK,
  WSAEOPNOTSUPP,
  WSAESHUTDOWN,
  WSAEWOULDBLOCK,
  createIrpPool,
  scatterInto,
  type IRP,
  type Ref,
  type WskBuf,
} from "@wskit/core";
import { BindPhase } from "../internal/datagramState";
import { dequeue } from "../internal/receive";
import { captureBuffers, checkErrnoRef, completeOverlappedResult, fail, sockaddrSize, wspState } from "../internal/wspCommon";
import type { DatagramSocket } from "./DatagramSocket";
import type { LPWSAOVERLAPPED_COMPLETION_ROUTINE, WSAOVERLAPPED } from "./WSAOVERLAPPED";
import type { WSABUF } from "./WSABUF";
import { wsaErrorFromNtStatus } from "./wsaErrorFromNtStatus";
import { WskReceiveFrom } from "./WskReceiveFrom";
import { isWritableObject } from "@wskit/core/provider";

const KNOWN_FLAGS = MSG_PEEK | MSG_OOB | MSG_PARTIAL;

// Overlapped receives run as WskReceiveFrom requests on pooled IRPs.
const irps = createIrpPool(64);

interface OverlappedReceive {
  lpFrom: SockAddr | null;
  lpFromlen: Ref<number> | null;
  from: SockAddr;
  lpOverlapped: WSAOVERLAPPED | null;
  lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE | null;
}

/**
 * The Winsock service provider's receive of one datagram and its source address (seed 003).
 * The buffers are filled in order with no holes; the WSABUF array may change after the call returns.
 *
 * - Non-overlapped (no lpOverlapped and no routine): takes a waiting datagram at once; with none,
 *   WSAEWOULDBLOCK (deviation: Node cannot block, so every socket behaves as non-blocking). MSG_PEEK
 *   copies without removing (non-overlapped only).
 * - Overlapped: returns SOCKET_ERROR with WSA_IO_PENDING, or 0 when the datagram was waiting (the
 *   completion routine is then already queued); the routine `(dwError, cbTransferred, dwFlags)` runs
 *   once, never inside the call. `lpFrom` / `lpFromlen` are set only at completion.
 * - A datagram larger than the buffers: the first part is delivered, the rest discarded, WSAEMSGSIZE
 *   (UDP is unreliable and has no MSG_PARTIAL).
 *
 * Errors (in `lpErrno`, with SOCKET_ERROR): WSAENOTSOCK (not an open socket), WSAEFAULT (bad
 * buffers, an out-parameter that is not a writable Ref, or an lpFrom too small for the peer
 * address: the datagram stays for a call with room),
 * WSAEINVAL (unbound; MSG_PEEK with overlapped I/O), WSAEISCONN (a fixed remote address is set),
 * WSAESHUTDOWN (after WSPShutdown of receives), WSAEOPNOTSUPP (MSG_OOB, unknown flags), WSAENETDOWN
 * (the socket broke), WSAEWOULDBLOCK; through the routine also WSA_OPERATION_ABORTED (closed or
 * cancelled under a pending call) and WSAEMSGSIZE.
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2spi/nc-ws2spi-lpwsprecvfrom
 */
export function WSPRecvFrom(
  s: DatagramSocket,
  lpBuffers: readonly WSABUF[],
  dwBufferCount: number,
  lpNumberOfBytesRecvd: Ref<number> | null,
  lpFlags: Ref<number>,
  lpFrom: SockAddr | null,
  lpFromlen: Ref<number> | null,
  lpOverlapped: WSAOVERLAPPED | null,
  lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE | null,
  lpThreadId: unknown,
  lpErrno: Ref<number>,
): number {
  void lpThreadId;
  checkErrnoRef(lpErrno, "WSPRecvFrom");
  const state = wspState(s);
  if (state === undefined) return fail(lpErrno, WSAENOTSOCK);
  // Every out-parameter is checked before a datagram is taken: none is lost to a bad pointer (one
  // whose accessor or Proxy trap throws is as bad a pointer as one that is no object).
  let flags: number;
  try {
    if (!isWritable(lpFlags) || !Number.isInteger(lpFlags.value) || (lpNumberOfBytesRecvd !== null && !isWritable(lpNumberOfBytesRecvd))) {
      return fail(lpErrno, WSAEFAULT);
    }
    if (lpFrom !== null && (!isWritableObject(lpFrom) || (lpFromlen !== null && !isWritable(lpFromlen)))) return fail(lpErrno, WSAEFAULT);
    if (lpOverlapped !== null && !isWritableObject(lpOverlapped)) return fail(lpErrno, WSAEFAULT);
    if (lpCompletionRoutine !== null && typeof lpCompletionRoutine !== "function") return fail(lpErrno, WSAEFAULT);
    flags = lpFlags.value;
    if (lpFrom !== null && (!SockAddr.is(lpFrom) || lpFromlen === null || !(lpFromlen.value >= sockaddrSize(state.family)))) {
      return fail(lpErrno, WSAEFAULT);
    }
  } catch {
    return fail(lpErrno, WSAEFAULT);
  }
  const overlapped = lpOverlapped !== null || lpCompletionRoutine !== null;
  if ((flags & MSG_OOB) !== 0 || (flags & ~KNOWN_FLAGS) !== 0) return fail(lpErrno, WSAEOPNOTSUPP);
  if ((flags & MSG_PEEK) !== 0 && overlapped) return fail(lpErrno, WSAEINVAL);
  if (state.phase !== BindPhase.Bound) return fail(lpErrno, WSAEINVAL);
  if (state.fixedRemote !== null) return fail(lpErrno, WSAEISCONN);
  if (state.receiveShutdown) return fail(lpErrno, WSAESHUTDOWN);
  if (state.broken) return fail(lpErrno, WSAENETDOWN);
  const buffer = captureBuffers(lpBuffers, dwBufferCount);
  if (typeof buffer === "number") return fail(lpErrno, buffer);

  if (!overlapped) {
    const peek = (flags & MSG_PEEK) !== 0;
    const waiting = peek ? state.queue.peek() : dequeue(state);
    if (waiting === undefined) return fail(lpErrno, WSAEWOULDBLOCK);
    const length = waiting.length;
    const copied = scatterInto(buffer, waiting.memory, 0, length);
    // The results go to objects checked writable at the call; one the client locked since stays as it is.
    try {
      if (lpFrom !== null) {
        lpFrom.copyFrom(waiting.remote);
        (lpFromlen as Ref<number>).value = sockaddrSize(state.family);
      }
    } catch {
      // left as the caller made it
    }
    if (!peek) {
      state.counters.toIrps++;
      if (length > copied) state.counters.truncated++;
      state.pool.free(waiting);
    }
    try {
      if (lpNumberOfBytesRecvd !== null) lpNumberOfBytesRecvd.value = copied;
      lpFlags.value = flags & ~MSG_PARTIAL;
    } catch {
      // left as the caller made it
    }
    return length > copied ? fail(lpErrno, WSAEMSGSIZE) : 0;
  }

  const irp = irps.allocate();
  const request: OverlappedReceive = { lpFrom, lpFromlen, from: new SockAddr(state.family as 2 | 23), lpOverlapped, lpCompletionRoutine };
  IoSetCompletionRoutine(irp, completeOverlapped, request, true, true, true);
  const wasWaiting = state.queue.size > 0;
  const status = WskReceiveFrom(s, buffer as WskBuf, 0, request.from, null, null, null, irp);
  if (status !== STATUS_PENDING) {
    // Refused before it began: no completion indication will follow, and the caller's
    // WSAOVERLAPPED is left as it was.
    irps.free(irp);
    return fail(lpErrno, wsaErrorFromNtStatus(status));
  }
  // Taken: its completion runs after this call returns (never inside it), so marking it incomplete
  // now is in time.
  try {
    if (lpOverlapped !== null) lpOverlapped.Completed = false;
  } catch {
    // left as the caller made it
  }
  const { Status, Information } = irp.IoStatus;
  if (wasWaiting && Status === STATUS_SUCCESS) {
    // Complete at once: the results are the caller's now, and the routine is already queued.
    try {
      if (lpNumberOfBytesRecvd !== null) lpNumberOfBytesRecvd.value = Information as number;
      lpFlags.value = flags & ~MSG_PARTIAL;
    } catch {
      // left as the caller made it
    }
    try {
      copyFrom(request);
    } catch {
      // left as the caller made it
    }
    return 0;
  }
  return fail(lpErrno, WSA_IO_PENDING);
}

function isWritable(value: unknown): value is Ref<number> {
  return isWritableObject(value);
}

function copyFrom(request: OverlappedReceive): void {
  if (request.lpFrom === null) return;
  request.lpFrom.copyFrom(request.from);
  (request.lpFromlen as Ref<number>).value = sockaddrSize(request.from.family);
}

function completeOverlapped(_device: null, irp: IRP, request: OverlappedReceive): number {
  const { Status, Information } = irp.IoStatus;
  const bytes = Information as number;
  irps.free(irp);
  const error = Status === STATUS_BUFFER_OVERFLOW ? WSAEMSGSIZE : Status === STATUS_SUCCESS ? 0 : wsaErrorFromNtStatus(Status);
  // lpFrom and lpFromlen change only now, at completion.
  try {
    if (NT_SUCCESS(Status) || Status === STATUS_BUFFER_OVERFLOW) copyFrom(request);
  } catch {
    // left as the caller made it
  }
  completeOverlappedResult(request.lpOverlapped, Status, bytes);
  request.lpCompletionRoutine?.(error, bytes, 0);
  return STATUS_MORE_PROCESSING_REQUIRED;
}
