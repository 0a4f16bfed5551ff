// Hostile inputs for the faithful-layer fuzzers (dgram and stream import it from here): a spec of plain numbers, drawn by
// fast-check, is turned here into a WSK_BUF, flags or an address mutation.
// Every buffer lies in guarded memory, so a fuzzer can check after each call that no byte outside
// what the WSK_BUF describes was written.
import fc from "fast-check";
import { IoAllocateMdl, MDL, type SockAddr, type WskBuf } from "@wskit/core";

/** The seed and run count of a fuzzer: fixed in CI, overridden by WSKIT_FUZZ_SEED / WSKIT_FUZZ_RUNS. */
export function fuzzSettings(defaultRuns: number): { seed: number; numRuns: number } {
  const seed = Number(process.env.WSKIT_FUZZ_SEED ?? 20261201);
  const numRuns = Number(process.env.WSKIT_FUZZ_RUNS ?? defaultRuns);
  return { seed, numRuns };
}

const GUARD = 0xa5;
const GUARD_BYTES = 32;

/** What a fuzzer draws for a buffer: a kind (see BUFFER_KINDS) and numbers it picks from. */
export interface BufferSpec {
  kind: number;
  sizes: number[];
  a: number;
  b: number;
}

/** The kinds of buffer, the first valid, every other one malformed in its own way. */
export const BUFFER_KINDS = [
  "valid",
  "offset past the first MDL",
  "length past the chain",
  "a field that is no ULONG",
  "a plain object for an MDL",
  "an MDL that is no object",
  "an object made from MDL.prototype",
  "a Next that is not an MDL",
  "a cyclic chain",
  "an MDL over detached memory",
  "a null MDL with a length",
  "no object at all",
  "a field whose accessor throws",
] as const;

/** A WSK_BUF over guarded memory, and how to check what was written. */
export interface HostileBuffer {
  readonly buf: WskBuf;
  readonly valid: boolean;
  /** Bytes the WSK_BUF describes (valid buffers only). */
  readonly length: number;
  /** True while nothing outside the described bytes was written (and, with `unchanged`, nothing at all). */
  intact(unchanged?: boolean): boolean;
  /** The described bytes, in order. */
  described(): Uint8Array;
}

/** Buffer specs, valid ones drawn more often than any one malformed kind. */
export const bufferSpec: fc.Arbitrary<BufferSpec> = fc
  .record({
    kind: fc.nat(BUFFER_KINDS.length * 3),
    sizes: fc.array(fc.integer({ min: 0, max: 48 }), { minLength: 1, maxLength: 4 }),
    a: fc.nat(1000),
    b: fc.nat(1000),
  })
  .map((spec) => ({ ...spec, kind: spec.kind >= BUFFER_KINDS.length ? 0 : spec.kind }));

const JUNK_NUMBERS: readonly unknown[] = [Number.NaN, 1.5, -1, "3", 2 ** 32, undefined, null, {}, Infinity];

export function hostileBuffer(spec: BufferSpec): HostileBuffer {
  const kind = spec.kind % BUFFER_KINDS.length;
  // The first MDL holds a byte at least: WSK wants Offset inside it.
  const sizes = spec.sizes.length === 0 ? [8] : spec.sizes.slice(0, 4).map((size, i) => (i === 0 ? Math.max(1, size) : size));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const memory = new Uint8Array(GUARD_BYTES * 2 + total).fill(GUARD);
  // One MDL per size, over consecutive parts of the guarded region.
  const mdls: MDL[] = [];
  const starts: number[] = [];
  let at = GUARD_BYTES;
  for (const size of sizes) {
    starts.push(at);
    mdls.push(IoAllocateMdl(memory.subarray(at, at + size)));
    at += size;
  }
  for (let i = 0; i + 1 < mdls.length; i++) (mdls[i] as MDL).Next = mdls[i + 1] as MDL;
  const first = mdls[0] as MDL;
  const offset = first.ByteCount === 0 ? 0 : spec.a % first.ByteCount;
  const room = total - offset;
  const length = room === 0 ? 0 : spec.b % (room + 1);
  let buf: unknown = { Mdl: first, Offset: offset, Length: length };
  let valid = false;
  switch (BUFFER_KINDS[kind]) {
    case "valid":
      valid = true;
      break;
    case "offset past the first MDL":
      buf = { Mdl: first, Offset: first.ByteCount + 1 + (spec.a % 4), Length: 1 };
      break;
    case "length past the chain":
      buf = { Mdl: first, Offset: offset, Length: room + 1 + (spec.b % 8) };
      break;
    case "a field that is no ULONG": {
      const junk = JUNK_NUMBERS[spec.a % JUNK_NUMBERS.length];
      buf = spec.b % 2 === 0 ? { Mdl: first, Offset: junk, Length: length } : { Mdl: first, Offset: offset, Length: junk };
      break;
    }
    case "a plain object for an MDL":
      buf = { Mdl: { MappedSystemVa: memory.subarray(GUARD_BYTES, GUARD_BYTES + total), ByteCount: total + (spec.a % 64), Next: null }, Offset: 0, Length: Math.max(1, length) };
      break;
    case "an MDL that is no object":
      buf = { Mdl: [5, "mdl", true, Symbol("mdl")][spec.a % 4], Offset: 0, Length: 1 };
      break;
    case "an object made from MDL.prototype":
      buf = { Mdl: Object.create(MDL.prototype), Offset: 0, Length: Math.max(1, length) };
      break;
    case "a Next that is not an MDL":
      (mdls[mdls.length - 1] as { Next: unknown }).Next = [{}, 5, { MappedSystemVa: new Uint8Array(8), ByteCount: 8, Next: null }][spec.a % 3];
      break;
    case "a cyclic chain":
      (mdls[mdls.length - 1] as MDL).Next = mdls[spec.a % mdls.length] as MDL;
      break;
    case "an MDL over detached memory":
      structuredClone(memory.buffer, { transfer: [memory.buffer] });
      buf = { Mdl: first, Offset: 0, Length: Math.max(1, total) };
      break;
    case "a null MDL with a length":
      buf = { Mdl: null, Offset: 0, Length: 1 + (spec.a % 100) };
      break;
    case "no object at all":
      buf = [null, undefined, 5, "buf", true][spec.a % 5];
      break;
    case "a field whose accessor throws":
      buf = withThrowingAccessor({ Mdl: first, Offset: offset, Length: length }, (["Mdl", "Offset", "Length"] as const)[spec.a % 3] ?? "Length");
      break;
  }
  // The region the WSK_BUF describes, as absolute indexes into `memory`.
  const allowed = new Uint8Array(memory.byteLength);
  if (valid) {
    let left = length;
    let skip = offset;
    for (let i = 0; i < mdls.length && left > 0; i++) {
      const size = sizes[i] as number;
      const from = Math.min(skip, size);
      skip -= from;
      const count = Math.min(size - from, left);
      allowed.fill(1, (starts[i] as number) + from, (starts[i] as number) + from + count);
      left -= count;
    }
  }
  const snapshot = memory.byteLength > 0 ? memory.slice() : new Uint8Array(0);
  return {
    buf: buf as WskBuf,
    valid,
    length,
    intact(unchanged = false) {
      if (memory.byteLength === 0) return true; // detached: nothing can be written
      for (let i = 0; i < memory.byteLength; i++) {
        if ((unchanged || allowed[i] === 0) && memory[i] !== snapshot[i]) return false;
      }
      return true;
    },
    described() {
      const out: number[] = [];
      for (let i = 0; i < memory.byteLength; i++) if (allowed[i] === 1) out.push(memory[i] as number);
      return Uint8Array.from(out);
    },
  };
}

/**
 * `object` with `field` turned into an accessor that throws (on read, and on write when `onWrite`):
 * a client's object that a faithful call must refuse, never let throw out of it.
 */
export function withThrowingAccessor<T extends object>(object: T, field: keyof T & string, onWrite = false): T {
  const value = object[field];
  Object.defineProperty(object, field, {
    get() {
      if (onWrite) return value;
      throw new Error(`${field}: a getter that throws`);
    },
    set() {
      throw new Error(`${field}: a setter that throws`);
    },
  });
  return object;
}

/** Flags a fuzzer may pass: valid ones and every kind of junk. */
export function hostileFlags(pick: number, valid: readonly number[]): unknown {
  const junk: readonly unknown[] = [Number.NaN, undefined, {}, "0", 2 ** 32, 1.5, -1, 0x40000000, null, Infinity];
  const all = [...valid, ...junk];
  return all[pick % all.length];
}

/** The address mutations a fuzzer applies to a good SockAddr, the first leaving it good. */
export const ADDRESS_MUTATIONS: ReadonlyArray<[string, (address: SockAddr) => void]> = [
  ["none", () => {}],
  ["address localhost", (a) => void (a.address = "localhost")],
  ["address empty", (a) => void (a.address = "")],
  ["address a number", (a) => void ((a as { address: unknown }).address = 5)],
  ["address of the other family", (a) => void (a.address = a.family === 2 ? "::1" : "127.0.0.1")],
  ["address 256.0.0.1", (a) => void (a.address = "256.0.0.1")],
  ["port 70000", (a) => void (a.port = 70_000)],
  ["port -1", (a) => void (a.port = -1)],
  ["port NaN", (a) => void (a.port = Number.NaN)],
  ["port 1.5", (a) => void (a.port = 1.5)],
  ["port a string", (a) => void ((a as { port: unknown }).port = "80")],
  ["family 99", (a) => void ((a as { family: number }).family = 99)],
  ["an accessor that throws", (a) => void withThrowingAccessor(a, (["family", "address", "port"] as const)[a.port % 3] ?? "port")],
  ["not a SockAddr", () => {}],
];

/** The address a mutation makes from `good` (a copy; "not a SockAddr" gives a plain object). */
export function hostileAddress(good: SockAddr, pick: number): { address: SockAddr; valid: boolean } {
  const index = pick % ADDRESS_MUTATIONS.length;
  const [name, mutate] = ADDRESS_MUTATIONS[index] as [string, (a: SockAddr) => void];
  if (name === "not a SockAddr") return { address: { family: good.family, address: good.address, port: good.port } as SockAddr, valid: false };
  const address = good.clone();
  mutate(address);
  return { address, valid: name === "none" };
}

/** What {@link runFuzz} runs: sequences of operations, each performed and then checked. */
export interface FuzzPlan<T extends { op: string }> {
  /** Printed with the counts: "dgram fuzzer". */
  label: string;
  operation: fc.Arbitrary<T>;
  maxCalls: number;
  perform(step: T): Promise<void>;
  /** After every call (an invariant that must hold at once). */
  afterCall?(): void;
  /** After every run (the sockets still work, the streams are exact). */
  afterRun(run: number): Promise<void>;
  /** Where perform and the checks put what they found; the run fails on the first. */
  findings: string[];
}

/**
 * The fuzzers' loop: `numRuns` sequences of up to `maxCalls` hostile calls at `seed`, failing on the
 * first finding; prints the runs, calls per operation and findings (the figures of the closing note).
 */
export async function runFuzz<T extends { op: string }>(plan: FuzzPlan<T>, seed: number, numRuns: number): Promise<void> {
  let run = 0;
  let calls = 0;
  const perOperation = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(fc.array(plan.operation, { minLength: 1, maxLength: plan.maxCalls }), async (steps) => {
      for (const step of steps) {
        await plan.perform(step);
        perOperation.set(step.op, (perOperation.get(step.op) ?? 0) + 1);
        calls++;
        plan.afterCall?.();
      }
      await plan.afterRun(run++);
      if (plan.findings.length > 0) {
        console.log(plan.findings.join("\n"));
        throw new Error(`${plan.findings.length} finding(s): ${plan.findings[0]}`);
      }
    }),
    { seed, numRuns, endOnFailure: true },
  );
  const counts = [...perOperation].map(([op, n]) => `${op} ${n}`).join(", ");
  console.log(`${plan.label}: seed ${seed}, ${run} runs, ${calls} hostile calls (${counts}), ${plan.findings.length} findings`);
}

/** What a Proxy whose traps throw throws. */
export const TRAP_MESSAGE = "a trap that throws";

/** A Proxy whose every trap throws: reading, writing, asking its prototype, keys or extensibility. */
export function throwingProxy(): object {
  const trap = () => {
    throw new Error(TRAP_MESSAGE);
  };
  return new Proxy({}, { get: trap, set: trap, has: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap, ownKeys: trap, defineProperty: trap, isExtensible: trap, preventExtensions: trap });
}

/**
 * How a call took a hostile argument: "status" (it returned a number: an NTSTATUS or a Winsock
 * result), "typed error" (it threw an ERR_* programmer error), or what escaped instead.
 */
export function refusalOf(call: () => unknown): string {
  try {
    const status = call();
    return typeof status === "number" ? "status" : `returned ${typeof status}`;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && code.startsWith("ERR_") ? "typed error" : `threw ${String((error as Error).message)}`;
  }
}
