import { programmerError } from "@wskit/core";
import { describeValue } from "@wskit/core/provider";

/** A count option: a positive integer (or `min`), else ERR_OUT_OF_RANGE, thrown at the call. */
export function checkCount(api: string, name: string, value: number, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw programmerError("ERR_OUT_OF_RANGE", `${api}: ${name} must be an integer >= ${min}; received ${describeValue(value)}`);
  }
  return value;
}

/**
 * A socket argument: an object whose provider dispatch has `call` (WskReceiveFrom for datagram
 * sockets, WskReceive for connections, …), else ERR_INVALID_ARG_TYPE, thrown at the call rather than
 * as a TypeError from inside a subscription.
 */
export function checkSocket<S>(api: string, socket: S, call: string): S {
  const dispatch = (socket as { Dispatch?: Record<string, unknown> } | null | undefined)?.Dispatch;
  if (typeof dispatch?.[call] !== "function") {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: socket must be a wskit socket whose dispatch has ${call}; received ${socket === null ? "null" : typeof socket}`);
  }
  return socket;
}

/** An Observable argument, else ERR_INVALID_ARG_TYPE. */
export function checkObservable<O>(api: string, source: O): O {
  if (typeof (source as { subscribe?: unknown } | null | undefined)?.subscribe !== "function") {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: indications must be an Observable`);
  }
  return source;
}
