import { AF_INET6, createWskBuf, MSG_TRUNC, NT_SUCCESS, ref, runIrp, SockAddr, STATUS_BUFFER_OVERFLOW, WskError } from "@wskit/core";
import { assertDatagramSocket } from "./internal/assertDatagramSocket";
import type { DatagramSocket } from "./wsk/DatagramSocket";

/** One datagram, as {@link receiveFrom} and {@link datagrams} give it. */
export interface Datagram {
  /** The datagram's bytes (cut to the buffer when `truncated`). */
  bytes: Uint8Array;
  /** The sender. */
  remote: SockAddr;
  /** The datagram was larger than the buffer; the rest was discarded. */
  truncated: boolean;
}

/** Options of {@link receiveFrom}. */
export interface ReceiveFromOptions {
  /** Where to receive; default a new 64 KiB buffer. `bytes` is then a view of it. */
  buffer?: Uint8Array;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with STATUS_CANCELLED. */
  signal?: AbortSignal;
}

/**
 * Receives one datagram with WskReceiveFrom. A datagram larger than the buffer resolves with
 * `truncated: true` (STATUS_BUFFER_OVERFLOW is a warning, not a failure).
 *
 * @throws ERR_INVALID_ARG_TYPE (not a datagram socket, a buffer that is not a Uint8Array); WskError
 *   with the completion status (STATUS_CANCELLED when aborted or closed,
 *   STATUS_FILE_FORCED_CLOSED when the socket broke, …).
 */
export async function receiveFrom(socket: DatagramSocket, options: ReceiveFromOptions = {}): Promise<Datagram> {
  assertDatagramSocket(socket, "receiveFrom");
  const buffer = options.buffer ?? new Uint8Array(65_536);
  const remote = new SockAddr(AF_INET6);
  const controlFlags = ref(0);
  const { Status, Information } = await runIrp(
    (irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(buffer), 0, remote, null, null, controlFlags, irp),
    { signal: options.signal },
  );
  if (!NT_SUCCESS(Status) && Status !== STATUS_BUFFER_OVERFLOW) throw new WskError(Status, { syscall: "recvfrom" });
  return { bytes: buffer.subarray(0, Information as number), remote, truncated: (controlFlags.value & MSG_TRUNC) !== 0 };
}
