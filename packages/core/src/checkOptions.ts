import { programmerError } from "./errors";

/**
 * Checks a helper's `options` argument as Node's own APIs do (`validateObject`): undefined is no
 * options; anything that is not an object (null, a number, a string, an array, a function) is a
 * programmer error, ERR_INVALID_ARG_TYPE, thrown before anything starts — never a TypeError from
 * reading one of its properties.
 */
export function checkOptions(api: string, options: unknown, name = "options"): void {
  if (options === undefined) return;
  if (typeof options === "object" && options !== null && !Array.isArray(options)) return;
  const received = options === null ? "null" : Array.isArray(options) ? "an array" : typeof options;
  throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: ${name} must be an object; received ${received}`);
}
