import { createWskBuf, NT_SUCCESS, runIrp, WSK_FLAG_WAITALL, WskError } from "@wskit/core";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { StreamSocket } from "./wsk/StreamSocket";

/** Options of {@link receive}. */
export interface ReceiveOptions {
  /** Wait until the buffer is full (WSK_FLAG_WAITALL), or the peer closes. */
  waitAll?: boolean;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with STATUS_CANCELLED. */
  signal?: AbortSignal;
}

/**
 * Receives with WskReceive into `buffer` (or a new buffer of that many bytes); resolves with the
 * bytes received as a view of it: empty at the end of the peer's stream, shorter than asked with
 * `waitAll` when the peer closed first.
 *
 * @throws WskError with the completion status (STATUS_CONNECTION_RESET, STATUS_CANCELLED when aborted, …).
 */
export async function receive(socket: ConnectionSocket | StreamSocket, buffer: Uint8Array | number, options: ReceiveOptions = {}): Promise<Uint8Array> {
  const target = typeof buffer === "number" ? new Uint8Array(buffer) : buffer;
  const flags = options.waitAll === true ? WSK_FLAG_WAITALL : 0;
  const { Status, Information } = await runIrp((irp) => socket.Dispatch.WskReceive(socket, createWskBuf(target), flags, irp), options);
  if (!NT_SUCCESS(Status)) throw new WskError(Status, { syscall: "read" });
  return target.subarray(0, Information as number);
}
