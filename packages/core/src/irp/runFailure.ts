import { WskError } from "../errors";
import { STATUS_CANCELLED } from "../headers/NTSTATUS";
import { ntStatusName } from "../headers/ntStatusName";
import { ntStatusText } from "../headers/ntStatusText";
import type { RunIrpResult } from "./runIrp";

/** An address as {@link FailedCall} takes it: a SockAddr, or anything like one. */
export interface CallAddress {
  /** The IP address. */
  readonly address: string;
  /** The port. */
  readonly port: number;
  /** `host:port` (`[v6]:port`), as the message shows it. */
  toString(): string;
}

/** What an idiomatic helper was doing when its request failed, for {@link runFailure}. */
export interface FailedCall {
  /** The operation, named as Node names its `syscall`: `"bind"`, `"connect"`, `"send"`, `"recvfrom"`, … */
  syscall: string;
  /** What failed, when `syscall` alone would not say it (`"set reusePort"`); default `syscall`. */
  what?: string;
  /** The address involved (anything whose text is `host:port`), when there is one. */
  address?: CallAddress | null | undefined;
  /** The helper's signal: a request it cancelled rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
}

/**
 * What a helper rejects with for a failed request: the signal's reason when the signal
 * cancelled it (the NTSTATUS kept as the reason's `cause`), otherwise a {@link WskError} whose
 * message says what failed and where (`"bind 127.0.0.1:8125: address already in use
 * (STATUS_ADDRESS_ALREADY_EXISTS)"`), with the Node error behind it as `cause`.
 */
export function runFailure(result: RunIrpResult, call: FailedCall): unknown {
  const { signal } = call;
  if (result.Status === STATUS_CANCELLED && signal?.aborted === true) return abortReason(signal);
  const what = call.what ?? call.syscall;
  const where = call.address === null || call.address === undefined ? what : `${what} ${String(call.address)}`;
  const text = ntStatusText(result.Status);
  const code = ntStatusName(result.Status);
  return new WskError(result.Status, {
    message: text === undefined ? `${where}: ${code}` : `${where}: ${text} (${code})`,
    cause: result.cause,
    syscall: call.syscall,
    ...(call.address === null || call.address === undefined ? {} : { address: call.address.address, port: call.address.port }),
  });
}

/**
 * The reason an aborted signal rejects with, as Node and undici reject: `signal.reason` itself (an
 * `AbortError` DOMException by default, a `TimeoutError` for `AbortSignal.timeout`, or whatever was
 * passed to `abort()`). An object reason without a `cause` of its own gets the cancellation's
 * {@link WskError} (STATUS_CANCELLED) as `cause`, so the NTSTATUS stays reachable.
 */
export function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (typeof reason !== "object" || reason === null) return reason;
  try {
    if (Object.isExtensible(reason) && !Object.hasOwn(reason, "cause")) {
      const cancelled = new WskError(STATUS_CANCELLED, { message: `the request was cancelled (${ntStatusName(STATUS_CANCELLED)})` });
      Object.defineProperty(reason, "cause", { value: cancelled, writable: true, configurable: true, enumerable: false });
    }
  } catch {
    // A reason that will not say (a Proxy's trap threw) is passed on as it is.
  }
  return reason;
}
