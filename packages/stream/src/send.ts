import { checkOptions, createWskBuf, NT_SUCCESS, runFailure, runIrp, WSK_FLAG_NODELAY } from "@wskit/core";
import { assertConnection } from "./internal/assertConnection";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { StreamSocket } from "./wsk/StreamSocket";

/** Options of {@link send}. */
export interface SendOptions {
  /** Send without Nagle's delay (WSK_FLAG_NODELAY). */
  noDelay?: boolean;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Sends bytes (strings as UTF-8) with WskSend; resolves with the count once handed to the OS.
 * @throws ERR_INVALID_ARG_TYPE (not a connection, data neither bytes nor a string); the signal's
 *   reason when aborted; WskError with the completion status, `cause` the Node error
 *   (STATUS_CONNECTION_RESET after a reset by the peer, …).
 */
export async function send(socket: ConnectionSocket | StreamSocket, data: Uint8Array | string, options: SendOptions = {}): Promise<number> {
  checkOptions("send", options);
  assertConnection(socket, "send");
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const flags = options.noDelay === true ? WSK_FLAG_NODELAY : 0;
  const result = await runIrp((irp) => socket.Dispatch.WskSend(socket, createWskBuf(bytes), flags, irp), options);
  if (!NT_SUCCESS(result.Status)) throw runFailure(result, { syscall: "write", address: socket.remoteAddress, signal: options.signal });
  return result.Information as number;
}
