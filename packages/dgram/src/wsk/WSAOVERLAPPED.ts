/**
 * `WSAOVERLAPPED`: what an overlapped WSP* call reports through. When the operation completes,
 * `Internal` holds its NTSTATUS and `InternalHigh` the bytes transferred (as Windows fills them);
 * `Completed` says whether it has. `hEvent` is the caller's, for its own context.
 *
 * @see https://learn.microsoft.com/windows/win32/api/winsock2/ns-winsock2-wsaoverlapped
 */
export interface WSAOVERLAPPED {
  /** The NTSTATUS of the operation, once it completed. */
  Internal: number;
  /** The bytes transferred, once it completed. */
  InternalHigh: number;
  /** Unused by sockets; 0. */
  Offset?: number;
  /** Unused by sockets; 0. */
  OffsetHigh?: number;
  /** The caller's, for its own context (no event object in Node). */
  hEvent?: unknown;
  /** wskit: true once the operation completed (what WSPGetOverlappedResult reads). */
  Completed?: boolean;
  /** wskit: the dwFlags the completion reported. */
  Flags?: number;
}

/**
 * The client's completion routine of an overlapped WSP* call, as seed 003 gives it:
 * `(dwError, cbTransferred, dwFlags)`. It is queued, never run inside the call, and runs once.
 */
export type LPWSAOVERLAPPED_COMPLETION_ROUTINE = (dwError: number, cbTransferred: number, dwFlags: number) => void;

/** Makes an empty WSAOVERLAPPED, as a C caller zeroes one. */
export function newOverlapped(hEvent?: unknown): WSAOVERLAPPED {
  return { Internal: 0, InternalHigh: 0, Offset: 0, OffsetHigh: 0, hEvent, Completed: false, Flags: 0 };
}
