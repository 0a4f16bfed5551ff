import { checkOptions, createWskBuf, NT_SUCCESS, runFailure, runIrp, WSK_FLAG_ABORTIVE } from "@wskit/core";
import { assertConnection } from "./internal/assertConnection";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { StreamSocket } from "./wsk/StreamSocket";

/** Options of {@link disconnect}. */
export interface DisconnectOptions {
  /** Reset instead of FIN (WSK_FLAG_ABORTIVE). */
  abortive?: boolean;
  /** A last message to send before the FIN (graceful only). */
  data?: Uint8Array | string;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * WskDisconnect: graceful by default (the optional last data, then FIN; receiving goes on until the
 * peer closes), or abortive.
 * @throws the signal's reason when aborted; WskError with the completion status.
 */
export async function disconnect(socket: ConnectionSocket | StreamSocket, options: DisconnectOptions = {}): Promise<void> {
  checkOptions("disconnect", options);
  assertConnection(socket, "disconnect");
  const data = typeof options.data === "string" ? new TextEncoder().encode(options.data) : options.data;
  const buffer = data === undefined ? null : createWskBuf(data);
  const flags = options.abortive === true ? WSK_FLAG_ABORTIVE : 0;
  const result = await runIrp((irp) => socket.Dispatch.WskDisconnect(socket, buffer, flags, irp), options);
  if (!NT_SUCCESS(result.Status)) throw runFailure(result, { syscall: "shutdown", address: socket.remoteAddress, signal: options.signal });
}
