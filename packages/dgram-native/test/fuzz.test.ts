// The addon's calls with arguments of every wrong kind, in a seeded random order, on live engines
// and closed ones: nothing crashes the process, and every refusal is a TypeError with a code or
// an -errno result (or, for a Proxy whose trap throws, that trap's own error).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { binding } = require("../index.cjs") as { binding: Binding | null };

interface Binding {
  [name: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const CALLS = [
  "create",
  "bind",
  "localAddress",
  "setOption",
  "getOption",
  "setOptionBytes",
  "kernelDrops",
  "registerSlab",
  "unregisterSlab",
  "receive",
  "awaitWritable",
  "send",
  "copySpill",
  "ref",
  "close",
] as const;

const TRAP = "a trap that throws";

function junk(): unknown[] {
  return [
    undefined,
    null,
    0,
    -1,
    2 ** 31,
    1.5,
    Number.NaN,
    "x",
    "127.0.0.1",
    {},
    [],
    [new Uint8Array(4)],
    () => 0,
    Symbol("s"),
    10n,
    new Uint8Array(0),
    new Uint8Array(64),
    new Int32Array(1000),
    new ArrayBuffer(8),
    new SharedArrayBuffer(64),
    new Proxy([], {}),
    new Proxy(
      {},
      {
        get() {
          throw new Error(TRAP);
        },
      },
    ),
  ];
}

describe.skipIf(binding === null)("the native addon's calls, fuzzed", () => {
  const b = binding as Binding;

  it("20,000 calls with wrong arguments: no crash, only typed refusals", () => {
    const open = () => b.create(4, () => {}, new Int32Array(b.BATCH * 2).fill(-1), new Int32Array(b.BATCH * b.META_WORDS), new Uint8Array(b.BATCH * b.CONTROL_BYTES));
    const made: unknown[] = [open(), open()];
    const engines = [made[0], made[1]];
    const values = junk();
    let seed = 12345;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const untyped: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const call = CALLS[next(CALLS.length)] as string;
      const args: unknown[] = [];
      const count = next(6);
      for (let a = 0; a < count; a++) args.push(a === 0 && next(3) > 0 ? engines[next(2)] : values[next(values.length)]);
      try {
        b[call](...args);
      } catch (error) {
        const typed = error instanceof TypeError && typeof (error as { code?: unknown }).code === "string";
        if (!typed && (error as Error).message !== TRAP) untyped.push(`${call}: ${String(error)}`);
      }
      if (next(500) === 0) {
        const engine = open();
        made.push(engine);
        engines[next(2)] = engine;
      }
    }
    for (const engine of made) b.close(engine);
    expect(untyped).toEqual([]);
  });
});
