import { AF_INET6, checkOptions, createWskBuf, MSG_TRUNC, NT_SUCCESS, ref, runFailure, runIrp, SockAddr, STATUS_BUFFER_OVERFLOW } from "@wskit/core";
import { assertDatagramSocket } from "./internal/assertDatagramSocket";
import { kDatagram } from "./internal/datagramState";
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
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Receives one datagram with WskReceiveFrom. A datagram larger than the buffer resolves with
 * `truncated: true` (STATUS_BUFFER_OVERFLOW is a warning, not a failure).
 *
 * @throws ERR_INVALID_ARG_TYPE (not a datagram socket, a buffer that is not a Uint8Array); the
 *   signal's reason when aborted; WskError with the completion status (STATUS_CANCELLED when the
 *   socket closed, STATUS_FILE_FORCED_CLOSED when it broke, …).
 */
export async function receiveFrom(socket: DatagramSocket, options: ReceiveFromOptions = {}): Promise<Datagram> {
  checkOptions("receiveFrom", options);
  assertDatagramSocket(socket, "receiveFrom");
  const buffer = options.buffer ?? new Uint8Array(65_536);
  const remote = new SockAddr(AF_INET6);
  const controlFlags = ref(0);
  const result = await runIrp(
    (irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(buffer), 0, remote, null, null, controlFlags, irp),
    { signal: options.signal },
  );
  if (!NT_SUCCESS(result.Status) && result.Status !== STATUS_BUFFER_OVERFLOW) {
    throw runFailure(result, { syscall: "recvfrom", address: socket[kDatagram].local, signal: options.signal });
  }
  return { bytes: buffer.subarray(0, result.Information as number), remote, truncated: (controlFlags.value & MSG_TRUNC) !== 0 };
}
