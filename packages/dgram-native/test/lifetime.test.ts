// The addon's lifetime rules, through its own calls: it never writes memory JavaScript gave up
// (a detached slab is refused), a close inside its own callback or twice is safe, calls after close
// answer -EBADF, a foreign value is never taken for an engine, and a worker thread or a process that
// ends with a socket open ends cleanly.
import { execFileSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { binding, loadError } = require("../index.cjs") as { binding: Binding | null; loadError: Error | null };

interface Binding {
  [name: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const EFAULT = 14;
const EBADF = 9;
const EINVAL = 22;
const EBUSY = 16;
const ENOBUFS = 105;

function tables(b: Binding) {
  return {
    slots: new Int32Array(b.BATCH * 2).fill(-1),
    meta: new Int32Array(b.BATCH * b.META_WORDS),
    control: new Uint8Array(b.BATCH * b.CONTROL_BYTES),
  };
}

function open(b: Binding, onEvent: (event: number, value: number) => void) {
  const t = tables(b);
  const handle = b.create(4, onEvent, t.slots, t.meta, t.control);
  expect(typeof handle).toBe("object");
  const slab = new ArrayBuffer(8 * b.SLOT_BYTES);
  const id = b.registerSlab(handle, slab);
  for (let i = 0; i < 8; i++) {
    t.slots[i * 2] = id;
    t.slots[i * 2 + 1] = i * b.SLOT_BYTES;
  }
  expect(b.bind(handle, "127.0.0.1", 0)).toBe(0);
  const [, port] = b.localAddress(handle) as [string, number];
  return { handle, slab, port, ...t };
}

function send(port: number, count: number): Promise<void> {
  const peer = createSocket("udp4");
  return new Promise((resolve) => {
    let left = count;
    for (let i = 0; i < count; i++) peer.send(Buffer.from([i]), port, "127.0.0.1", () => --left === 0 && peer.close(() => resolve()));
  });
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe.skipIf(binding === null)("the native addon's lifetime", () => {
  const b = binding as Binding;

  it("loads from the prebuilt binary", () => {
    expect(loadError).toBeNull();
    expect(require("../index.cjs").path).toMatch(/prebuilds\/linux-x64\/wskit_dgram\.node$/);
  });

  it("a close inside its own batch callback stops everything; calls after it answer -EBADF", async () => {
    const events: number[] = [];
    let engine: ReturnType<typeof open> | undefined = undefined;
    engine = open(b, (event) => {
      events.push(event);
      b.close(engine?.handle);
    });
    await send(engine.port, 20);
    await turn();
    expect(events).toEqual([b.EVENT_BATCH]);
    expect(b.bind(engine.handle, "127.0.0.1", 0)).toBe(-EBADF);
    expect(b.kernelDrops(engine.handle)).toBe(-EBADF);
    b.close(engine.handle); // twice: nothing
  });

  it("never writes into a slab that was detached: the engine is told (EFAULT) instead", async () => {
    const events: Array<[number, number]> = [];
    const engine = open(b, (event, value) => events.push([event, value]));
    structuredClone(engine.slab, { transfer: [engine.slab] });
    expect(engine.slab.byteLength).toBe(0);
    await send(engine.port, 1);
    await turn();
    expect(events[0]).toEqual([b.EVENT_ERROR, EFAULT]);
    b.receive(engine.handle, false);
    b.close(engine.handle);
  });

  it("a slab detached and not lent again stops the socket (ENOBUFS) rather than waking for it forever", async () => {
    const events: Array<[number, number]> = [];
    const engine = open(b, (event, value) => events.push([event, value]));
    structuredClone(engine.slab, { transfer: [engine.slab] });
    await send(engine.port, 5);
    await turn();
    expect(events).toEqual([
      [b.EVENT_ERROR, EFAULT],
      [b.EVENT_ERROR, ENOBUFS],
    ]);
    b.close(engine.handle);
  });

  it("never touches a table JavaScript detached: the socket stops receiving (EINVAL), once", async () => {
    for (const table of ["slots", "meta", "control"] as const) {
      const events: Array<[number, number]> = [];
      const engine = open(b, (event, value) => events.push([event, value]));
      structuredClone(engine[table].buffer, { transfer: [engine[table].buffer] });
      await send(engine.port, 5);
      await turn();
      expect(events, table).toEqual([[b.EVENT_ERROR, EINVAL]]);
      b.close(engine.handle);
    }
  });

  it("sends take no memory until every payload is read: a payload or the destinations detached by an accessor is refused, a send from inside one is refused, a close inside one answers -EBADF", () => {
    const engine = open(b, () => {});
    const destinations = () => {
      const table = new Uint8Array(2 * b.DEST_BYTES);
      table.set([4, 0, engine.port >> 8, engine.port & 255, 127, 0, 0, 1]);
      table.copyWithin(b.DEST_BYTES, 0, b.DEST_BYTES);
      return table;
    };
    const withAccessor = (first: Uint8Array | Uint8Array[], second: () => Uint8Array) => {
      const payloads: unknown[] = [first];
      Object.defineProperty(payloads, 1, { get: second, enumerable: true });
      return payloads;
    };
    const payload = new Uint8Array(100).fill(65);
    const detachPayload = withAccessor(payload, () => (structuredClone(payload.buffer, { transfer: [payload.buffer] }), new Uint8Array(4)));
    expect(b.send(engine.handle, detachPayload, 0, 2, destinations())).toBe(-EINVAL);
    const part = new Uint8Array(10);
    const detachPart = withAccessor([part, new Uint8Array(5)], () => (structuredClone(part.buffer, { transfer: [part.buffer] }), new Uint8Array(4)));
    expect(b.send(engine.handle, detachPart, 0, 2, destinations())).toBe(-EINVAL);
    const table = destinations();
    const detachTable = withAccessor(new Uint8Array(4), () => (structuredClone(table.buffer, { transfer: [table.buffer] }), new Uint8Array(4)));
    expect(b.send(engine.handle, detachTable, 0, 2, table)).toBe(-EINVAL);
    let inner: number | undefined;
    const reentrant = withAccessor(new Uint8Array(4), () => ((inner = b.send(engine.handle, [new Uint8Array(1)], 0, 1, destinations())), new Uint8Array(4)));
    expect(b.send(engine.handle, reentrant, 0, 2, destinations())).toBe(2);
    expect(inner).toBe(-EBUSY);
    const closing = withAccessor(new Uint8Array(4), () => (b.close(engine.handle), new Uint8Array(4)));
    expect(b.send(engine.handle, closing, 0, 2, destinations())).toBe(-EBADF);
  });

  it("takes nothing but its own engines", () => {
    for (const junk of [undefined, null, 1, {}, new Uint8Array(4), () => 0]) {
      expect(() => b.bind(junk, "127.0.0.1", 0)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    }
    expect(() => b.create(4, () => 0, new Int32Array(1), new Int32Array(1), new Uint8Array(1))).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });

  it("a worker thread that ends with a socket open closes it: the port is free again", async () => {
    const code = `
      const { parentPort } = require("node:worker_threads");
      const { binding: b } = require(${JSON.stringify(require.resolve("../index.cjs"))});
      const h = b.create(4, () => {}, new Int32Array(b.BATCH * 2).fill(-1), new Int32Array(b.BATCH * b.META_WORDS), new Uint8Array(b.BATCH * b.CONTROL_BYTES));
      b.bind(h, "127.0.0.1", 0);
      parentPort.postMessage(b.localAddress(h)[1]);
    `;
    const worker = new Worker(code, { eval: true });
    const port = await new Promise<number>((resolve) => worker.once("message", resolve));
    await worker.terminate();
    const t = tables(b);
    const handle = b.create(4, () => {}, t.slots, t.meta, t.control);
    expect(b.bind(handle, "127.0.0.1", port)).toBe(0);
    b.close(handle);
  });

  it("a worker thread that ends while its socket coalesces (the timer armed, under a burst) closes both handles cleanly", async () => {
    const code = `
      const { parentPort } = require("node:worker_threads");
      const { binding: b } = require(${JSON.stringify(require.resolve("../index.cjs"))});
      const slots = new Int32Array(b.BATCH * 2).fill(-1);
      const slab = new ArrayBuffer(b.BATCH * b.SLOT_BYTES);
      let batches = 0;
      const h = b.create(4, (event) => { if (event === b.EVENT_BATCH && ++batches === 1) parentPort.postMessage("batch"); }, slots, new Int32Array(b.BATCH * b.META_WORDS), new Uint8Array(b.BATCH * b.CONTROL_BYTES));
      const id = b.registerSlab(h, slab);
      for (let i = 0; i < b.BATCH; i++) { slots[i * 2] = id; slots[i * 2 + 1] = i * b.SLOT_BYTES; }
      b.setOption(h, b.OPTION_RECEIVE_COALESCE, 1000000);
      b.bind(h, "127.0.0.1", 0);
      parentPort.postMessage(b.localAddress(h)[1]);
      // The loop is held while the burst arrives, so the first drain finds all of it and arms the timer.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    `;
    const worker = new Worker(code, { eval: true });
    const messages: unknown[] = [];
    const port = await new Promise<number>((resolve) => worker.on("message", (m) => (typeof m === "number" ? resolve(m) : messages.push(m))));
    await send(port, 50);
    for (let i = 0; i < 100 && messages.length === 0; i++) await turn();
    expect(messages).toEqual(["batch"]);
    // The first drain found the whole burst: the worker now waits on its 1 s timer.
    expect(await worker.terminate()).toBe(1);
    const t = tables(b);
    const handle = b.create(4, () => {}, t.slots, t.meta, t.control);
    expect(b.bind(handle, "127.0.0.1", port)).toBe(0);
    b.close(handle);
  });

  it("an unref'd socket lets the process exit; a process that exits with sockets open exits cleanly", () => {
    const script = (ref: boolean) => `
      const { binding: b } = require(${JSON.stringify(require.resolve("../index.cjs"))});
      const h = b.create(4, () => {}, new Int32Array(b.BATCH * 2).fill(-1), new Int32Array(b.BATCH * b.META_WORDS), new Uint8Array(b.BATCH * b.CONTROL_BYTES));
      b.bind(h, "127.0.0.1", 0);
      ${ref ? "setTimeout(() => process.exit(0), 50);" : "b.ref(h, false);"}
    `;
    expect(() => execFileSync(process.execPath, ["-e", script(false)], { timeout: 10_000 })).not.toThrow();
    expect(() => execFileSync(process.execPath, ["-e", script(true)], { timeout: 10_000 })).not.toThrow();
  });
});
