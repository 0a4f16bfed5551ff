import { describe, expect, it, vi } from "vitest";
import {
  BufferPool,
  createIrpPool,
  IoSetCompletionRoutine,
  LookasideList,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
} from "@wskit/core";
import { completeAtOnce, HeldRequests } from "../helpers/testProvider";

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("BufferPool", () => {
  it("hands out fixed-size buffers up to its capacity, then null, and counts", () => {
    const pool = new BufferPool(16, 3);
    const buffers = [pool.allocate(), pool.allocate(), pool.allocate()];
    expect(buffers.every((b) => b?.byteLength === 16)).toBe(true);
    expect(new Set(buffers).size).toBe(3);
    expect(pool.allocate()).toBeNull();
    expect([pool.available, pool.outstanding, pool.allocations, pool.misses]).toEqual([0, 3, 4, 1]);
    for (const b of buffers) pool.free(b as Uint8Array);
    expect([pool.available, pool.outstanding]).toEqual([3, 0]);
  });

  it("reuses the same buffer objects: a steady loop allocates nothing", () => {
    const pool = new BufferPool(8, 2);
    const seen = new Set<Uint8Array>();
    for (let i = 0; i < 1000; i++) {
      const b = pool.allocate() as Uint8Array;
      seen.add(b);
      pool.free(b);
    }
    expect(seen.size).toBe(1);
  });

  it("tells onSlabDropped of every slab it lets go (trimmed spares), and only those", async () => {
    vi.useFakeTimers();
    try {
      const dropped: ArrayBuffer[] = [];
      const pool = new BufferPool(1024, 64, { onSlabDropped: (memory) => dropped.push(memory) });
      const out = Array.from({ length: 48 }, () => pool.allocate() as Uint8Array); // three 16 KiB slabs
      const slabs = new Set(out.map((buffer) => buffer.buffer));
      expect(slabs.size).toBe(3);
      for (const buffer of out) pool.free(buffer);
      expect(dropped).toEqual([]);
      await vi.advanceTimersByTimeAsync(1500);
      expect(dropped).toHaveLength(2); // one spare is kept
      for (const memory of dropped) expect(slabs.has(memory)).toBe(true);
      expect(() => new BufferPool(8, 8, { onSlabDropped: 1 as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    } finally {
      vi.useRealTimers();
    }
  });

  it("buffers do not overlap", () => {
    const pool = new BufferPool(4, 4);
    const all = Array.from({ length: 4 }, () => pool.allocate() as Uint8Array);
    all.forEach((b, i) => b.fill(i + 1));
    all.forEach((b, i) => expect([...b]).toEqual([i + 1, i + 1, i + 1, i + 1]));
  });

  it("throws ERR_POOL_DOUBLE_FREE and ERR_POOL_FOREIGN_ENTRY, and stays consistent", () => {
    const pool = new BufferPool(8, 2);
    const other = new BufferPool(8, 2);
    const b = pool.allocate() as Uint8Array;
    pool.free(b);
    expect(() => pool.free(b)).toThrow(expect.objectContaining({ code: "ERR_POOL_DOUBLE_FREE" }));
    expect(() => pool.free(other.allocate() as Uint8Array)).toThrow(expect.objectContaining({ code: "ERR_POOL_FOREIGN_ENTRY" }));
    expect(() => pool.free(new Uint8Array(8))).toThrow(expect.objectContaining({ code: "ERR_POOL_FOREIGN_ENTRY" }));
    expect(() => pool.free(b.subarray(0, 4))).toThrow(expect.objectContaining({ code: "ERR_POOL_FOREIGN_ENTRY" }));
    expect(pool.available).toBe(2);
  });

  it("a transfer list naming a slab's memory leaves every buffer of the slab in place", () => {
    const pool = new BufferPool(8, 4);
    const [a, b] = [pool.allocate() as Uint8Array, pool.allocate() as Uint8Array];
    a.fill(1);
    b.fill(2);
    const memory = a.buffer as ArrayBuffer;
    try {
      structuredClone(memory, { transfer: [memory] }); // Node 20 copies an untransferable buffer
    } catch (error) {
      expect(error).toMatchObject({ name: "DataCloneError" }); // later Node versions refuse
    }
    expect([a.byteLength, ...b]).toEqual([8, 2, 2, 2, 2, 2, 2, 2, 2]);
    pool.free(b);
    pool.free(a);
    expect(pool.outstanding).toBe(0);
  });

  it.each([[0, 1], [1, 0], [1.5, 1], [-1, 4]])("throws ERR_OUT_OF_RANGE for size %s, capacity %s", (size, capacity) => {
    expect(() => new BufferPool(size, capacity)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });
});

describe("LookasideList", () => {
  it("makes entries on a miss, keeps up to depth freed ones, and releases the rest", () => {
    const released: object[] = [];
    let made = 0;
    const list = new LookasideList({ allocate: () => ({ id: made++ }), release: (e) => released.push(e), depth: 2 });
    const entries = [list.allocate(), list.allocate(), list.allocate()];
    expect(made).toBe(3);
    for (const e of entries) list.free(e);
    expect([list.available, list.outstanding, released.length]).toEqual([2, 0, 1]);
    list.allocate();
    expect([made, list.misses, list.allocations]).toEqual([3, 3, 4]);
    list.clear();
    expect(released.length).toBe(2); // the one past depth, and the one left free
  });

  it("throws ERR_POOL_DOUBLE_FREE and ERR_POOL_FOREIGN_ENTRY", () => {
    const a = new LookasideList({ allocate: () => ({}), depth: 4 });
    const b = new LookasideList({ allocate: () => ({}), depth: 4 });
    const entry = a.allocate();
    a.free(entry);
    expect(() => a.free(entry)).toThrow(expect.objectContaining({ code: "ERR_POOL_DOUBLE_FREE" }));
    expect(() => b.free(a.allocate())).toThrow(expect.objectContaining({ code: "ERR_POOL_FOREIGN_ENTRY" }));
    expect(() => a.free({})).toThrow(expect.objectContaining({ code: "ERR_POOL_FOREIGN_ENTRY" }));
  });
});

describe("createIrpPool", () => {
  it("a steady request loop allocates no IRP after the first", async () => {
    const pool = createIrpPool(4);
    const seen = new Set<object>();
    for (let i = 0; i < 100; i++) {
      const irp = pool.allocate();
      seen.add(irp);
      let done = false;
      IoSetCompletionRoutine(irp, () => ((done = true), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
      completeAtOnce(irp, STATUS_SUCCESS, i);
      await Promise.resolve();
      expect(done).toBe(true);
      pool.free(irp); // reused: IoStatus reset, routine cleared
      expect(irp.IoStatus.Information).toBe(0);
    }
    expect(seen.size).toBe(1);
    expect(pool.misses).toBe(1);
  });

  it("refuses a pending IRP with ERR_IRP_PENDING, and clear() frees what it keeps", async () => {
    const pool = createIrpPool(2);
    const irp = pool.allocate();
    new HeldRequests().take(irp);
    expect(() => pool.free(irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    const idle = pool.allocate();
    pool.free(idle);
    pool.clear();
    await flush();
    expect(pool.available).toBe(0);
  });
});
