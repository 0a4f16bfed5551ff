import { programmerError } from "../errors";

/**
 * Checks an optional `signal` option as Node's own APIs do: undefined, or an AbortSignal; anything
 * else is a programmer error (ERR_INVALID_ARG_TYPE), thrown before anything starts.
 */
export function checkAbortSignal(api: string, signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return signal;
  try {
    if (signal instanceof AbortSignal) return signal;
  } catch {
    // a Proxy whose getPrototypeOf trap throws: not an AbortSignal
  }
  throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: options.signal must be an AbortSignal; received ${signal === null ? "null" : typeof signal}`);
}
