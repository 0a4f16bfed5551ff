// Impairments as given by the test, checked field by field before any is applied (SPEC §7): a
// wrong type is ERR_INVALID_ARG_TYPE, a value out of its range ERR_OUT_OF_RANGE, an unknown field
// ERR_INVALID_ARG_VALUE (a misspelt `dealy` must not pass silently).
import { checkOptions, programmerError } from "@wskit/core";
import type { GilbertElliottLoss, Impairments, Reordering, Slicer } from "../Impairments";
import { describeValue } from "@wskit/core/provider";

const FIELDS = new Set(["partition", "mtu", "loss", "corrupt", "queueLimit", "rate", "delay", "jitter", "reorder", "duplicate", "slicer", "resetAfter", "resetAt", "limitData", "slowClose", "stopReading"]);
const MAX_MS = 24 * 3600 * 1000;

/** A checked copy of `value` (only the fields it sets). */
export function checkImpairments(api: string, value: unknown): Impairments {
  checkOptions(api, value, "impairments");
  if (value === undefined) return {};
  // Read once, each field, so an accessor can neither throw into the network nor change its answer.
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) {
    if (!FIELDS.has(key)) throw programmerError("ERR_INVALID_ARG_VALUE", `${api}: ${key} is not an impairment (partition, mtu, loss, corrupt, queueLimit, rate, delay, jitter, reorder, duplicate, slicer, resetAfter, resetAt, limitData, slowClose, stopReading)`);
    try {
      given[key] = (value as Record<string, unknown>)[key];
    } catch {
      throw programmerError("ERR_INVALID_ARG_VALUE", `${api}: impairments.${key} could not be read`);
    }
  }
  const out: Impairments = {};
  const read = (key: string) => given[key];
  const partition = read("partition");
  if (partition !== undefined) {
    if (typeof partition !== "boolean") throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: partition must be a boolean`);
    out.partition = partition;
  }
  const mtu = read("mtu");
  if (mtu !== undefined) out.mtu = integer(api, "mtu", mtu, 68, 65_535);
  const loss = read("loss");
  if (loss !== undefined) out.loss = typeof loss === "number" ? probability(api, "loss", loss) : gilbertElliott(api, loss);
  const corrupt = read("corrupt");
  if (corrupt !== undefined) out.corrupt = probability(api, "corrupt", corrupt);
  const queueLimit = read("queueLimit");
  if (queueLimit !== undefined) out.queueLimit = integer(api, "queueLimit", queueLimit, 1, 1 << 30);
  const rate = read("rate");
  if (rate !== undefined) out.rate = number(api, "rate", rate, 0, 1e12);
  const delay = read("delay");
  if (delay !== undefined) out.delay = number(api, "delay", delay, 0, MAX_MS);
  const jitter = read("jitter");
  if (jitter !== undefined) out.jitter = number(api, "jitter", jitter, 0, MAX_MS);
  const reorder = read("reorder");
  if (reorder !== undefined) out.reorder = typeof reorder === "number" ? { probability: probability(api, "reorder", reorder), gap: 1 } : reordering(api, reorder);
  const duplicate = read("duplicate");
  if (duplicate !== undefined) out.duplicate = probability(api, "duplicate", duplicate);
  const slicer = read("slicer");
  if (slicer !== undefined) out.slicer = slicerOf(api, slicer);
  const resetAfter = read("resetAfter");
  if (resetAfter !== undefined) out.resetAfter = integer(api, "resetAfter", resetAfter, 0, Number.MAX_SAFE_INTEGER);
  const resetAt = read("resetAt");
  if (resetAt !== undefined) out.resetAt = number(api, "resetAt", resetAt, 0, MAX_MS);
  const limitData = read("limitData");
  if (limitData !== undefined) out.limitData = integer(api, "limitData", limitData, 0, Number.MAX_SAFE_INTEGER);
  const slowClose = read("slowClose");
  if (slowClose !== undefined) out.slowClose = number(api, "slowClose", slowClose, 0, MAX_MS);
  const stopReading = read("stopReading");
  if (stopReading !== undefined) {
    if (typeof stopReading !== "boolean") throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: stopReading must be a boolean`);
    out.stopReading = stopReading;
  }
  return out;
}

function gilbertElliott(api: string, value: unknown): GilbertElliottLoss {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: loss must be a probability or { p, r, lossInBad?, lossInGood? }`);
  }
  const model = readAll(api, "loss", value, ["p", "r", "lossInBad", "lossInGood"]);
  return {
    p: probability(api, "loss.p", model.p),
    r: probability(api, "loss.r", model.r),
    lossInBad: model.lossInBad === undefined ? 1 : probability(api, "loss.lossInBad", model.lossInBad),
    lossInGood: model.lossInGood === undefined ? 0 : probability(api, "loss.lossInGood", model.lossInGood),
  };
}

function slicerOf(api: string, value: unknown): Slicer {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: slicer must be { averageSize, sizeVariation?, delay? }`);
  }
  const given = readAll(api, "slicer", value, ["averageSize", "sizeVariation", "delay"]);
  return {
    averageSize: integer(api, "slicer.averageSize", given.averageSize, 1, 1 << 20),
    sizeVariation: given.sizeVariation === undefined ? 0 : integer(api, "slicer.sizeVariation", given.sizeVariation, 0, 1 << 20),
    delay: given.delay === undefined ? 0 : number(api, "slicer.delay", given.delay, 0, MAX_MS),
  };
}

function reordering(api: string, value: unknown): Reordering {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: reorder must be a probability or { probability, gap? }`);
  }
  const given = readAll(api, "reorder", value, ["probability", "gap"]);
  return { probability: probability(api, "reorder.probability", given.probability), gap: given.gap === undefined ? 1 : integer(api, "reorder.gap", given.gap, 1, 1 << 20) };
}

function probability(api: string, name: string, value: unknown): number {
  return number(api, name, value, 0, 1);
}

function number(api: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number") throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: ${name} must be a number; received ${value === null ? "null" : typeof value}`);
  if (!(value >= min && value <= max)) throw programmerError("ERR_OUT_OF_RANGE", `${api}: ${name} must be from ${min} to ${max}; received ${describeValue(value)}`);
  return value;
}

function integer(api: string, name: string, value: unknown, min: number, max: number): number {
  const checked = number(api, name, value, min, max);
  if (!Number.isInteger(checked)) throw programmerError("ERR_OUT_OF_RANGE", `${api}: ${name} must be an integer; received ${describeValue(value)}`);
  return checked;
}

// The named fields of a nested setting, each read once; an accessor that throws is ERR_INVALID_ARG_VALUE.
function readAll(api: string, name: string, value: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    try {
      out[key] = (value as Record<string, unknown>)[key];
    } catch {
      throw programmerError("ERR_INVALID_ARG_VALUE", `${api}: ${name}.${key} could not be read`);
    }
  }
  return out;
}
