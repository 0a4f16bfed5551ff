/**
 * One buffer of a scatter/gather array (`LPWSABUF`): `len` bytes at the start of `buf`.
 * WSPRecvFrom fills an array of them in order, packed, with no holes (seed 003).
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2def/ns-ws2def-wsabuf
 */
export interface WSABUF {
  /** The number of bytes of `buf` that the call may use. */
  len: number;
  /** The memory. */
  buf: Uint8Array;
}
