import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  createWskBuf,
  gatherWskBuf,
  IoAllocateMdl,
  scatterWskBuf,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  validateWskBuf,
  type WskBuf,
} from "@wskit/core";

// A random chain: 1 to 6 buffers of 0 to 40 bytes, each a view into a larger guarded region, so
// a write outside the WSK_BUF shows in the guard bytes.
const chainArb = fc
  .array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 })
  .chain((sizes) => {
    const total = sizes.reduce((a, b) => a + b, 0);
    const first = sizes[0] ?? 0;
    return fc.record({
      sizes: fc.constant(sizes),
      offset: fc.integer({ min: 0, max: first }),
      lengthCut: fc.nat({ max: total }),
    });
  });

function guardedChain(sizes: number[]) {
  const guard = 4;
  const regions = sizes.map((size) => new Uint8Array(size + 2 * guard).fill(0xaa));
  const views = regions.map((region, i) => region.subarray(guard, guard + (sizes[i] ?? 0)));
  return { regions, views, guard };
}

describe("createWskBuf", () => {
  it("builds one MDL per buffer, linked in order", () => {
    const a = new Uint8Array(3);
    const b = new Uint8Array(5);
    const buf = createWskBuf([a, b], 1);
    expect(buf.Offset).toBe(1);
    expect(buf.Length).toBe(7);
    expect(buf.Mdl?.MappedSystemVa).toBe(a);
    expect(buf.Mdl?.Next?.MappedSystemVa).toBe(b);
    expect(buf.Mdl?.Next?.Next).toBeNull();
    expect(validateWskBuf(buf)).toBe(STATUS_SUCCESS);
  });

  it.each([
    [() => createWskBuf(new Uint8Array(4), 5), "ERR_OUT_OF_RANGE"],
    [() => createWskBuf(new Uint8Array(4), 1, 4), "ERR_OUT_OF_RANGE"],
    [() => createWskBuf(new Uint8Array(4), 0, -1), "ERR_OUT_OF_RANGE"],
    [() => createWskBuf("abc" as never), "ERR_INVALID_ARG_TYPE"],
    [() => createWskBuf([new Uint8Array(1), [] as never]), "ERR_INVALID_ARG_TYPE"],
  ])("rejects bad input (%#) with %s", (make, code) => {
    expect(make).toThrow(expect.objectContaining({ code }));
  });
});

describe("validateWskBuf", () => {
  const mdl = () => {
    const first = IoAllocateMdl(new Uint8Array(4));
    first.Next = IoAllocateMdl(new Uint8Array(6));
    return first;
  };
  it.each<[string, () => WskBuf, number]>([
    ["a whole chain", () => ({ Mdl: mdl(), Offset: 0, Length: 10 }), STATUS_SUCCESS],
    ["an offset into the first MDL", () => ({ Mdl: mdl(), Offset: 3, Length: 7 }), STATUS_SUCCESS],
    ["a null Mdl with Length 0", () => ({ Mdl: null, Offset: 0, Length: 0 }), STATUS_SUCCESS],
    ["a zero Length at the end of the first MDL", () => ({ Mdl: mdl(), Offset: 4, Length: 0 }), STATUS_SUCCESS],
    ["a Length longer than the chain", () => ({ Mdl: mdl(), Offset: 1, Length: 10 }), STATUS_INVALID_PARAMETER],
    ["an Offset outside the first MDL", () => ({ Mdl: mdl(), Offset: 4, Length: 1 }), STATUS_INVALID_PARAMETER],
    ["an Offset past the first MDL", () => ({ Mdl: mdl(), Offset: 5, Length: 0 }), STATUS_INVALID_PARAMETER],
    ["a negative Length", () => ({ Mdl: mdl(), Offset: 0, Length: -1 }), STATUS_INVALID_PARAMETER],
    ["a non-integer Length", () => ({ Mdl: mdl(), Offset: 0, Length: 1.5 }), STATUS_INVALID_PARAMETER],
    ["a negative Offset", () => ({ Mdl: mdl(), Offset: -1, Length: 1 }), STATUS_INVALID_PARAMETER],
    ["a null Mdl with a Length", () => ({ Mdl: null, Offset: 0, Length: 1 }), STATUS_INVALID_PARAMETER],
  ])("%s", (_name, make, status) => {
    expect(validateWskBuf(make())).toBe(status);
  });

  it("takes a cyclic chain of empty MDLs for invalid instead of looping", () => {
    const a = IoAllocateMdl(new Uint8Array(0));
    a.Next = a;
    expect(validateWskBuf({ Mdl: a, Offset: 0, Length: 1 })).toBe(STATUS_INVALID_PARAMETER);
  });

  it("throws ERR_INVALID_ARG_TYPE for something that is not a WSK_BUF", () => {
    expect(() => validateWskBuf(null as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("scatter and gather over random chains", () => {
  it("scatter fills the described bytes in order, packed, and never writes outside them", () => {
    fc.assert(
      fc.property(chainArb, fc.uint8Array({ maxLength: 300 }), ({ sizes, offset, lengthCut }, source) => {
        const { regions, views, guard } = guardedChain(sizes);
        const total = sizes.reduce((a, b) => a + b, 0);
        const length = Math.min(lengthCut, total - offset);
        const buf = createWskBuf(views, offset, length);
        const written = scatterWskBuf(buf, source);
        expect(written).toBe(Math.min(source.byteLength, length));
        // What gather reads back is exactly the first `written` bytes of the source.
        expect(gatherWskBuf(buf).subarray(0, written)).toEqual(source.subarray(0, written));
        // The flat picture of every region: only bytes inside [offset, offset + written) changed.
        const flat = Uint8Array.from(regions.flatMap((region) => [...region.subarray(guard, region.byteLength - guard)]));
        for (let i = 0; i < flat.byteLength; i++) {
          const inside = i >= offset && i < offset + written;
          if (!inside) expect(flat[i]).toBe(0xaa);
        }
        for (const region of regions) {
          expect([...region.subarray(0, guard), ...region.subarray(region.byteLength - guard)]).toEqual(new Array(2 * guard).fill(0xaa));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("scatter in pieces at increasing positions equals one scatter of the whole", () => {
    fc.assert(
      fc.property(chainArb, fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat({ max: 30 }), { maxLength: 10 }), ({ sizes, offset, lengthCut }, source, cuts) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        const length = Math.min(lengthCut, total - offset);
        const whole = createWskBuf(guardedChain(sizes).views, offset, length);
        const pieces = createWskBuf(guardedChain(sizes).views, offset, length);
        scatterWskBuf(whole, source);
        let position = 0;
        let from = 0;
        for (const cut of [...cuts, source.byteLength]) {
          const piece = source.subarray(from, Math.min(source.byteLength, from + cut));
          const wrote = scatterWskBuf(pieces, piece, position);
          position += wrote;
          from += piece.byteLength;
          if (from >= source.byteLength) break;
        }
        expect(gatherWskBuf(pieces)).toEqual(gatherWskBuf(whole));
      }),
      { numRuns: 300 },
    );
  });

  it("gather into a target at an offset, and refuses a target without room", () => {
    const buf = createWskBuf([Uint8Array.of(1, 2), Uint8Array.of(3)]);
    const target = new Uint8Array(5);
    gatherWskBuf(buf, target, 2);
    expect([...target]).toEqual([0, 0, 1, 2, 3]);
    expect(() => gatherWskBuf(buf, new Uint8Array(4), 2)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });
});

describe("IoAllocateMdl", () => {
  it("describes the start of the memory, sharing it", () => {
    const memory = new Uint8Array(8);
    const mdl = IoAllocateMdl(memory, 3);
    expect(mdl.ByteCount).toBe(3);
    mdl.MappedSystemVa[0] = 7;
    expect(memory[0]).toBe(7);
  });

  it.each([[-1], [9], [1.5]])("throws ERR_OUT_OF_RANGE for Length %s", (length) => {
    expect(() => IoAllocateMdl(new Uint8Array(8), length)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });

  it("throws ERR_INVALID_ARG_TYPE for memory that is not a Uint8Array", () => {
    expect(() => IoAllocateMdl([1, 2] as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("scatterWskBuf with a source length", () => {
  it("copies only the first sourceLength bytes", () => {
    const target = new Uint8Array(6);
    const written = scatterWskBuf(createWskBuf(target), Uint8Array.of(1, 2, 3, 4, 5), 1, 3);
    expect(written).toBe(3);
    expect([...target]).toEqual([0, 1, 2, 3, 0, 0]);
  });
});

describe("wskBufViews", () => {
  it("gives one view inside the first MDL, or one per MDL of the chain, sharing the memory", async () => {
    const { wskBufViews } = await import("@wskit/core");
    const a = Uint8Array.of(1, 2, 3);
    const b = Uint8Array.of(4, 5);
    const one = wskBufViews(createWskBuf([a, b], 1, 2)) as Uint8Array;
    expect([...one]).toEqual([2, 3]);
    expect(one.buffer).toBe(a.buffer);
    const chain = wskBufViews(createWskBuf([a, b], 2, 3)) as Uint8Array[];
    expect(chain.map((v) => [...v])).toEqual([[3], [4, 5]]);
    expect(wskBufViews({ Mdl: null, Offset: 0, Length: 0 })).toHaveLength(0);
  });
});
