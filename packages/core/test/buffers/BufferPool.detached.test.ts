// Where a runtime detaches pool memory all the same (ArrayBuffer.prototype.transfer, or a mark the
// runtime does not keep), the pool survives it: the mark is made a no-op here to get there.
import type * as workerThreads from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { BufferPool } from "@wskit/core";

vi.mock("node:worker_threads", async (importOriginal) => ({
  ...(await importOriginal<typeof workerThreads>()),
  markAsUntransferable: () => {},
}));

const detach = (view: Uint8Array) => structuredClone(view.buffer, { transfer: [view.buffer as ArrayBuffer] });

describe("BufferPool over memory detached under it", () => {
  it("takes back every buffer of the slab, before it noticed, and lends only live buffers after", () => {
    const pool = new BufferPool(8, 4);
    const [a, b, c] = [pool.allocate() as Uint8Array, pool.allocate() as Uint8Array, pool.allocate() as Uint8Array];
    expect(() => pool.free(b.subarray(0, 4))).toThrow(expect.objectContaining({ code: "ERR_POOL_FOREIGN_ENTRY" }));
    detach(a);
    expect(a.byteLength).toBe(0);
    pool.free(b); // before, a buffer other than the slab's first was taken for a foreign one
    expect(pool.outstanding).toBe(2);
    expect(() => pool.free(b)).toThrow(expect.objectContaining({ code: "ERR_POOL_DOUBLE_FREE" }));
    const d = pool.allocate() as Uint8Array;
    expect(d.byteLength).toBe(8);
    expect(d.buffer).not.toBe(a.buffer);
    pool.free(c);
    pool.free(a);
    pool.free(d);
    expect([pool.outstanding, pool.available]).toEqual([0, 4]);
    expect(pool.owns(a)).toBe(false); // the detached slab is gone
    expect(() => pool.free(a)).toThrow(expect.objectContaining({ code: "ERR_POOL_FOREIGN_ENTRY" }));
  });

  it("takes back the buffers of a slab an allocation found detached", () => {
    const pool = new BufferPool(8, 8);
    const out = Array.from({ length: 3 }, () => pool.allocate() as Uint8Array);
    detach(out[0] as Uint8Array);
    const fresh = pool.allocate() as Uint8Array; // finds the slab detached, takes another
    expect(fresh.byteLength).toBe(8);
    for (const view of out) pool.free(view);
    pool.free(fresh);
    expect(pool.outstanding).toBe(0);
  });
});
