import { checkOptions, createWskBuf, NT_SUCCESS, programmerError, runFailure, runIrp, WSK_FLAG_WAITALL } from "@wskit/core";
import { assertConnection } from "./internal/assertConnection";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { StreamSocket } from "./wsk/StreamSocket";

/** Options of {@link receive}. */
export interface ReceiveOptions {
  /** Wait until the buffer is full (WSK_FLAG_WAITALL), or the peer closes. */
  waitAll?: boolean;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Receives with WskReceive into `buffer` (or a new buffer of that many bytes); resolves with the
 * bytes received as a view of it: empty at the end of the peer's stream, shorter than asked with
 * `waitAll` when the peer closed first.
 *
 * @throws ERR_INVALID_ARG_TYPE (not a connection, a buffer that is neither bytes nor a size),
 *   ERR_OUT_OF_RANGE (a size that is not an integer from 0 to 2³¹−1); the signal's reason when
 *   aborted; WskError with the completion status, `cause` the Node error (STATUS_CONNECTION_RESET
 *   after a reset by the peer, whether the receive was posted before it or after, …).
 */
export async function receive(socket: ConnectionSocket | StreamSocket, buffer: Uint8Array | number, options: ReceiveOptions = {}): Promise<Uint8Array> {
  checkOptions("receive", options);
  assertConnection(socket, "receive");
  if (typeof buffer === "number" && (!Number.isInteger(buffer) || buffer < 0 || buffer > 0x7fff_ffff)) {
    throw programmerError("ERR_OUT_OF_RANGE", `receive: a buffer size must be an integer from 0 to 2147483647; received ${buffer}`);
  }
  if (typeof buffer !== "number" && !(buffer instanceof Uint8Array)) {
    throw programmerError("ERR_INVALID_ARG_TYPE", "receive: buffer must be a Uint8Array or a size in bytes");
  }
  const target = typeof buffer === "number" ? new Uint8Array(buffer) : buffer;
  const flags = options.waitAll === true ? WSK_FLAG_WAITALL : 0;
  const result = await runIrp((irp) => socket.Dispatch.WskReceive(socket, createWskBuf(target), flags, irp), options);
  if (!NT_SUCCESS(result.Status)) throw runFailure(result, { syscall: "read", address: socket.remoteAddress, signal: options.signal });
  return target.subarray(0, result.Information as number);
}
