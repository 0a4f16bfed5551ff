// What WSPRecvFrom and WSPSendTo share: finding the socket behind a descriptor, reporting an error
// through lpErrno, capturing a WSABUF array (it is transient for the caller), and address sizes.
import { isUint8Array } from "node:util/types";
import { AF_INET6, createWskBuf, programmerError, SOCKET_ERROR, WSAEFAULT, type Ref, type WskBuf } from "@wskit/core";
import { isSocketOpen, isWritableObject, readBrand } from "@wskit/core/provider";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import type { WSABUF } from "../wsk/WSABUF";
import type { WSAOVERLAPPED } from "../wsk/WSAOVERLAPPED";
import { kDatagram, type DatagramState } from "./datagramState";

/** The state of an open datagram socket, or undefined (WSAENOTSOCK). */
export function wspState(s: DatagramSocket): DatagramState | undefined {
  const state = readBrand<DatagramState>(s, kDatagram);
  return state !== undefined && isSocketOpen(s) ? state : undefined;
}

export function checkErrnoRef(lpErrno: Ref<number>, api: string): void {
  if (!isWritableObject(lpErrno)) throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: lpErrno must be a Ref<number> that is not frozen`);
}

export function fail(lpErrno: Ref<number>, error: number): number {
  try {
    lpErrno.value = error;
  } catch {
    // left as the caller made it
  }
  return SOCKET_ERROR;
}

/**
 * An overlapped request's results, in its WSAOVERLAPPED (if any), as WSPGetOverlappedResult reads
 * them. A WSAOVERLAPPED the caller locked since the call is left as it is: the request still completes.
 */
export function completeOverlappedResult(lpOverlapped: WSAOVERLAPPED | null, status: number, bytes: number): void {
  if (lpOverlapped === null) return;
  try {
    lpOverlapped.Internal = status;
    lpOverlapped.InternalHigh = bytes;
    lpOverlapped.Flags = 0;
    lpOverlapped.Completed = true;
  } catch {
    // left as the caller made it
  }
}

/**
 * The WSABUF array as one WSK_BUF chain over the caller's memory (filled in order, no holes), or
 * WSAEFAULT for buffers not wholly inside their memory. The array itself is not kept.
 */
export function captureBuffers(lpBuffers: readonly WSABUF[], dwBufferCount: number): WskBuf | number {
  const views: Uint8Array[] = [];
  try {
    if (!Array.isArray(lpBuffers) || !Number.isInteger(dwBufferCount) || dwBufferCount < 1 || dwBufferCount > lpBuffers.length) return WSAEFAULT;
    for (let i = 0; i < dwBufferCount; i++) {
      const entry = lpBuffers[i];
      const buf = entry?.buf;
      const len = entry?.len;
      if (!isUint8Array(buf) || !Number.isInteger(len) || (len as number) < 0 || (len as number) > buf.byteLength) return WSAEFAULT;
      views.push(buf.subarray(0, len));
    }
  } catch {
    return WSAEFAULT; // the caller's array or an entry threw (an accessor, a Proxy's trap)
  }
  return createWskBuf(views);
}

/** sizeof(SOCKADDR_IN) or sizeof(SOCKADDR_IN6): what lpFromlen / iTolen must hold. */
export function sockaddrSize(family: number): number {
  return family === AF_INET6 ? 28 : 16;
}
