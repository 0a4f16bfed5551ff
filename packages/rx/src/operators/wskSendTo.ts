import type { OperatorFunction } from "rxjs";
import { checkOptions, type IRP, type NTSTATUS, type SockAddr, type WSK_PROVIDER_BASIC_DISPATCH, type WskBuf, type WskSocketObject } from "@wskit/core";
import { checkCount, checkSocket } from "../internal/checkOption";
import { sendingOperator } from "../internal/SendQueue";
import type { SendCompletion } from "../SendCompletion";

/** A datagram socket, as {@link wskSendTo} needs it: any socket whose dispatch has WskSendTo. */
export interface SendToTarget extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH & {
    /** Sends one datagram. */
    WskSendTo(socket: never, buffer: WskBuf, flags: number, remote: SockAddr | null, controlLength: number, control: unknown, irp: IRP): NTSTATUS;
  };
}

/** A datagram to send: its bytes and where to. */
export interface OutgoingDatagram {
  /** The datagram's bytes (unchanged until its send completes). */
  readonly bytes: Uint8Array;
  /** Where it goes. */
  readonly remote: SockAddr;
}

/** Options of {@link wskSendTo}. */
export interface SendToOptions {
  /** WskSendTo IRPs posted at once at most; later values wait, in order. Default 16. */
  maxInFlight?: number;
  /**
   * Where plain `Uint8Array` values go. Default null: the socket's fixed remote or destination
   * address (SIO_WSK_SET_REMOTE_ADDRESS / SIO_WSK_SET_SENDTO_ADDRESS).
   */
  remote?: SockAddr | null;
}

/**
 * Sends each value as one datagram with WskSendTo, with at most `maxInFlight` IRPs posted at once
 * (pooled and reused), and emits each completion in the order the sends complete. A value is a
 * `Uint8Array` (sent to `options.remote`) or `{ bytes, remote }`. A failed send is an error
 * notification (a WskError with the status); the source's completion completes the result once
 * every send has; unsubscribing cancels the pending IRPs. The bytes must not change until their
 * send completes (the verifier checks it).
 */
export function wskSendTo<T extends Uint8Array | OutgoingDatagram>(socket: SendToTarget, options: SendToOptions = {}): OperatorFunction<T, SendCompletion<T>> {
  checkOptions("wskSendTo", options);
  checkSocket("wskSendTo", socket, "WskSendTo");
  const maxInFlight = checkCount("wskSendTo", "maxInFlight", options.maxInFlight ?? 16);
  const fixed = options.remote ?? null;
  return sendingOperator<T>(
    maxInFlight,
    (slot, value) => socket.Dispatch.WskSendTo(socket as never, slot.buffer, 0, value instanceof Uint8Array ? fixed : value.remote, 0, null, slot.irp),
    (value) => (value instanceof Uint8Array ? value : value.bytes),
  );
}
