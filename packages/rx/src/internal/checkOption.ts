import { programmerError } from "@wskit/core";

/** A count option: a positive integer (or `min`), else ERR_OUT_OF_RANGE, thrown at the call. */
export function checkCount(api: string, name: string, value: number, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw programmerError("ERR_OUT_OF_RANGE", `${api}: ${name} must be an integer >= ${min}; received ${String(value)}`);
  }
  return value;
}
