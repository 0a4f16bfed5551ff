import { createWskBuf, NT_SUCCESS, runIrp, SockAddr, WskError } from "@wskit/core";
import { assertDatagramSocket } from "./internal/assertDatagramSocket";
import type { DatagramSocket } from "./wsk/DatagramSocket";

/** Options of {@link sendTo}. */
export interface SendToOptions {
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with STATUS_CANCELLED. */
  signal?: AbortSignal;
}

/**
 * Sends one datagram with WskSendTo; resolves with the bytes sent once Node has handed it to the OS.
 * A null `to` uses the socket's fixed address. Strings are sent as UTF-8.
 *
 * @throws ERR_INVALID_ARG_TYPE (not a datagram socket, data neither bytes nor a string); WskError
 *   with the completion status (STATUS_INVALID_BUFFER_SIZE for a datagram too large,
 *   STATUS_INVALID_PARAMETER with no address, STATUS_CANCELLED when aborted, …).
 */
export async function sendTo(socket: DatagramSocket, data: Uint8Array | string, to: SockAddr | string | null, options: SendToOptions = {}): Promise<number> {
  assertDatagramSocket(socket, "sendTo");
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const remote = typeof to === "string" ? SockAddr.from(to) : to;
  const { Status, Information } = await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(bytes), 0, remote, 0, null, irp), options);
  if (!NT_SUCCESS(Status)) {
    throw new WskError(Status, { syscall: "send", ...(remote === null ? {} : { address: remote.address, port: remote.port }) });
  }
  return Information as number;
}
