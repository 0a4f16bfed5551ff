// The engine's paths in one process, for valgrind (`pnpm memcheck`): receive batches into lent
// slabs (and the spill of a long datagram), control information, sendmmsg (a detached payload
// among good ones too), a detached slab, a detached table, sends whose payload accessors detach
// memory, send again or close, a close inside the callback, a close with the socket receiving,
// receive coalescing (a pause and a close while its timer is armed), and exit with one still open.
"use strict";
const { createSocket } = require("node:dgram");
const { binding: b, loadError } = require("..");

if (b === null) {
  console.log(`memcheck skipped: ${loadError.message}`);
  process.exit(0);
}

// Detaches `buffer` and frees its memory now (the copy that took it is collected), so an access
// through an old pointer is one valgrind sees. Needs --expose-gc.
function detachAndFree(buffer) {
  structuredClone(buffer, { transfer: [buffer] });
  globalThis.gc();
}

function open(onEvent, control) {
  const slots = new Int32Array(b.BATCH * 2).fill(-1);
  const meta = new Int32Array(b.BATCH * b.META_WORDS);
  const handle = b.create(4, onEvent, slots, meta, new Uint8Array(b.BATCH * b.CONTROL_BYTES));
  const slab = new ArrayBuffer(b.BATCH * b.SLOT_BYTES);
  const id = b.registerSlab(handle, slab);
  for (let i = 0; i < b.BATCH; i++) {
    slots[i * 2] = id;
    slots[i * 2 + 1] = i * b.SLOT_BYTES;
  }
  if (control) b.setOption(handle, b.OPTION_CONTROL, 7);
  b.bind(handle, "127.0.0.1", 0);
  return { handle, slab, meta, port: b.localAddress(handle)[1] };
}

async function main() {
  let batches = 0;
  const spill = new Uint8Array(70000);
  const a = open((event, count) => {
    if (event === b.EVENT_BATCH) {
      batches++;
      if (count > 0) b.copySpill(a.handle, 0, spill, 0, 100);
    }
  }, true);
  const dest = new Uint8Array(b.BATCH_SEND * 24);
  for (let i = 0; i < b.BATCH_SEND; i++) {
    dest[i * 24] = 4;
    dest[i * 24 + 2] = a.port >> 8;
    dest[i * 24 + 3] = a.port & 255;
    dest.set([127, 0, 0, 1], i * 24 + 4);
  }
  const payloads = Array.from({ length: b.BATCH_SEND }, (_, i) => (i % 2 ? [Buffer.alloc(30, i), Buffer.alloc(34, i)] : Buffer.alloc(i === 0 ? 9000 : 64, i)));
  for (let round = 0; round < 50; round++) b.send(a.handle, payloads, 0, payloads.length, dest);
  // A batch with a detached payload, or a detached part, after good ones: those ahead of it go.
  const gone = new Uint8Array(64);
  const part = new Uint8Array(16);
  detachAndFree(gone.buffer);
  detachAndFree(part.buffer);
  for (const bad of [gone, [Buffer.alloc(8), part]]) {
    const sent = b.send(a.handle, [Buffer.alloc(64, 1), bad, Buffer.alloc(64, 2)], 0, 3, dest);
    if (sent !== 1 || b.send(a.handle, [bad], 0, 1, dest) >= 0) throw new Error(`a detached payload: sent ${sent}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Payload accessors that detach a payload or the destinations, send again, or close.
  const f = open(() => {}, false);
  const accessor = (get) => {
    const list = [Buffer.alloc(100, 1)];
    Object.defineProperty(list, 1, { get, enumerable: true });
    return list;
  };
  const first = new Uint8Array(100);
  b.send(f.handle, Object.assign(accessor(() => (detachAndFree(first.buffer), first)), { 0: first }), 0, 2, dest);
  const table = dest.slice();
  b.send(f.handle, accessor(() => (detachAndFree(table.buffer), Buffer.alloc(4))), 0, 2, table);
  b.send(f.handle, accessor(() => (b.send(f.handle, [Buffer.alloc(8)], 0, 1, dest), Buffer.alloc(4))), 0, 2, dest);
  b.send(f.handle, accessor(() => (b.close(f.handle), Buffer.alloc(4))), 0, 2, dest);
  // A table detached while the socket receives.
  const g = open(() => {}, false);
  const b2 = open((event) => event === b.EVENT_BATCH && b.close(b2.handle), false);
  const c = open(() => {}, false);
  structuredClone(c.slab, { transfer: [c.slab] });
  // Coalescing: d pauses in every batch and resumes a turn later; e's timer (1 s) is armed at close.
  const d = open((event) => {
    if (event !== b.EVENT_BATCH) return;
    b.receive(d.handle, false);
    setImmediate(() => b.receive(d.handle, true));
  }, false);
  const e = open(() => {}, false);
  b.setOption(e.handle, b.OPTION_RECEIVE_COALESCE, 1000000);
  const peer = createSocket("udp4");
  detachAndFree(g.meta.buffer);
  for (const port of [b2.port, c.port, d.port, e.port, g.port]) for (let i = 0; i < 10; i++) peer.send(Buffer.alloc(32), port, "127.0.0.1");
  await new Promise((resolve) => setTimeout(resolve, 300));
  b.close(e.handle);
  for (let i = 0; i < 10; i++) peer.send(Buffer.alloc(32), d.port, "127.0.0.1");
  await new Promise((resolve) => setTimeout(resolve, 100));
  peer.close();
  b.close(d.handle);
  b.close(a.handle);
  b.close(c.handle);
  b.close(g.handle);
  open(() => {}, false); // left open at exit
  console.log(JSON.stringify({ batches, drops: "ok" }));
  process.exit(0);
}

main();
