import type { OperatorFunction } from "rxjs";
import { checkOptions, type IRP, type NTSTATUS, type WSK_PROVIDER_BASIC_DISPATCH, type WskBuf, type WskSocketObject } from "@wskit/core";
import { checkCount, checkSocket } from "../internal/checkOption";
import { sendingOperator } from "../internal/SendQueue";
import type { SendCompletion } from "../SendCompletion";

/** A connection socket, as {@link wskSend} needs it: any socket whose dispatch has WskSend. */
export interface SendTarget extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH & {
    /** Sends bytes on the connection. */
    WskSend(socket: never, buffer: WskBuf, flags: number, irp: IRP): NTSTATUS;
  };
}

/** Options of {@link wskSend}. */
export interface SendOptions {
  /** WskSend IRPs posted at once at most; later values wait, in order. Default 4. */
  maxInFlight?: number;
  /** WskSend flags for every send (0 or WSK_FLAG_NODELAY). Default 0. */
  flags?: number;
}

/**
 * Sends each `Uint8Array` on a connection with WskSend, in order, with at most `maxInFlight` IRPs
 * posted at once (pooled and reused), and emits each completion. A failed send is an error
 * notification; the source's completion completes the result once every send has; unsubscribing
 * cancels the pending IRPs. The bytes must not change until their send completes.
 */
export function wskSend<T extends Uint8Array>(socket: SendTarget, options: SendOptions = {}): OperatorFunction<T, SendCompletion<T>> {
  checkOptions("wskSend", options);
  checkSocket("wskSend", socket, "WskSend");
  const maxInFlight = checkCount("wskSend", "maxInFlight", options.maxInFlight ?? 4);
  const flags = options.flags ?? 0;
  return sendingOperator<T>(maxInFlight, (slot) => socket.Dispatch.WskSend(socket as never, slot.buffer, flags, slot.irp), (value) => value);
}
