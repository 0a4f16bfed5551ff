import { checkOptions, createWskBuf, lookupSockAddr, NT_SUCCESS, runFailure, runIrp, type AddressFamily, type SockAddr } from "@wskit/core";
import { assertDatagramSocket } from "./internal/assertDatagramSocket";
import { kDatagram } from "./internal/datagramState";
import type { DatagramSocket } from "./wsk/DatagramSocket";

/** Options of {@link sendTo}. */
export interface SendToOptions {
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Sends one datagram with WskSendTo; resolves with the bytes sent once Node has handed it to the OS.
 * A null `to` uses the socket's fixed address; `to` may name a host (`"localhost:8125"`), resolved
 * with dns.lookup in the socket's family, as node:dgram does. Strings are sent as UTF-8.
 *
 * @throws ERR_INVALID_ARG_TYPE (not a datagram socket, data neither bytes nor a string); the
 *   signal's reason when aborted; WskError with the completion status, its message saying what
 *   failed and where, `cause` the Node error (STATUS_INVALID_BUFFER_SIZE for a datagram too large,
 *   STATUS_INVALID_PARAMETER with no address, STATUS_NOT_FOUND for a host name that does not resolve, …).
 */
export async function sendTo(socket: DatagramSocket, data: Uint8Array | string, to: SockAddr | string | null, options: SendToOptions = {}): Promise<number> {
  checkOptions("sendTo", options);
  assertDatagramSocket(socket, "sendTo");
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const buffer = createWskBuf(bytes);
  const remote = typeof to === "string" ? await lookupSockAddr(to, { family: socket[kDatagram].family as AddressFamily, signal: options.signal }) : to;
  const result = await runIrp((irp) => socket.Dispatch.WskSendTo(socket, buffer, 0, remote, 0, null, irp), options);
  if (!NT_SUCCESS(result.Status)) throw runFailure(result, { syscall: "send", address: remote ?? socket[kDatagram].fixedRemote, signal: options.signal });
  return result.Information as number;
}
