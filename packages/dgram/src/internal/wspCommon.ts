// What WSPRecvFrom and WSPSendTo share: finding the socket behind a descriptor, reporting an error
// through lpErrno, capturing a WSABUF array (it is transient for the caller), and address sizes.
import { AF_INET6, createWskBuf, programmerError, SOCKET_ERROR, WSAEFAULT, type Ref, type WskBuf } from "@wskit/core";
import { isSocketOpen } from "@wskit/core/provider";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import type { WSABUF } from "../wsk/WSABUF";
import { kDatagram, type DatagramState } from "./datagramState";

/** The state of an open datagram socket, or undefined (WSAENOTSOCK). */
export function wspState(s: DatagramSocket): DatagramState | undefined {
  const state = (s as Partial<DatagramSocket> | null)?.[kDatagram];
  return state !== undefined && isSocketOpen(s) ? state : undefined;
}

export function checkErrnoRef(lpErrno: Ref<number>, api: string): void {
  if (typeof lpErrno !== "object" || lpErrno === null) throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: lpErrno must be a Ref<number>`);
}

export function fail(lpErrno: Ref<number>, error: number): number {
  lpErrno.value = error;
  return SOCKET_ERROR;
}

/**
 * The WSABUF array as one WSK_BUF chain over the caller's memory (filled in order, no holes), or
 * WSAEFAULT for buffers not wholly inside their memory. The array itself is not kept.
 */
export function captureBuffers(lpBuffers: readonly WSABUF[], dwBufferCount: number): WskBuf | number {
  if (!Array.isArray(lpBuffers) || !Number.isInteger(dwBufferCount) || dwBufferCount < 1 || dwBufferCount > lpBuffers.length) return WSAEFAULT;
  const views: Uint8Array[] = [];
  for (let i = 0; i < dwBufferCount; i++) {
    const entry = lpBuffers[i];
    if (!(entry?.buf instanceof Uint8Array) || !Number.isInteger(entry.len) || entry.len < 0 || entry.len > entry.buf.byteLength) return WSAEFAULT;
    views.push(entry.buf.subarray(0, entry.len));
  }
  return createWskBuf(views);
}

/** sizeof(SOCKADDR_IN) or sizeof(SOCKADDR_IN6): what lpFromlen / iTolen must hold. */
export function sockaddrSize(family: number): number {
  return family === AF_INET6 ? 28 : 16;
}
