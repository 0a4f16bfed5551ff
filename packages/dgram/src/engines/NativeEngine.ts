// The native engine (Linux, @wskit/dgram-native). The addon owns the fd and polls it on Node's own
// loop; when it is readable, recvmmsg fills up to 64 slots straight into pool buffers this engine
// lends it, and this engine is called once per batch: each datagram goes through the same receive
// path as on the node engine (routeDatagram), and one that waits is queued in the very buffer it
// was received into (the slot gets a fresh buffer), so no JavaScript allocation and no copy per
// datagram. Sends of one turn of the event loop go out together, in one sendmmsg per 64.
import { constants as osConstants } from "node:os";
import { markAsUntransferable } from "node:worker_threads";
import { AF_INET, AF_INET6, SockAddr, STATUS_SUCCESS, type IRP, type NTSTATUS } from "@wskit/core";
import { ntStatusFromErrno, reportCallbackError } from "@wskit/core/provider";
import { ipv4Text, ipv6Text, writeAddressBytes } from "../internal/addressText";
import type { DatagramRecord } from "../internal/DatagramRecord";
import { kDatagram, type DatagramState } from "../internal/datagramState";
import { LARGE_CLASS_BYTES } from "../internal/IndicationPool";
import { breakSocket, deliverQueued, enqueue, ROUTE_QUEUE, routeDatagram } from "../internal/receive";
import { noteDrops } from "../internal/dropNotes";
import { datagramSent } from "../internal/send";
import { systemError } from "../internal/systemError";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import type { DatagramEngine, UdpIntOption, EngineTunable } from "./DatagramEngine";
import type { NativeBinding, NativeHandle } from "./nativeBinding";

const ERRNO = osConstants.errno;
const ERRNO_NAMES: string[] = [];
for (const [name, value] of Object.entries(ERRNO)) ERRNO_NAMES[value] ??= name;
const errnoCode = (negative: number): string => ERRNO_NAMES[-negative] ?? "EIO";
const errnoOrNull = (result: number): string | null => (result < 0 ? errnoCode(result) : null);

// Slots lent while the socket is quiet (one 16 KiB slab); more as batches come back full, back to
// this a second after the last batch, so an idle socket holds one slab, not 64 buffers.
const MIN_SLOTS = 8;
const SHRINK_AFTER_MS = 1000;
// The least kernel receive buffer the native engine asks for (see applyReceiveBuffer).
const KERNEL_BUFFER_BYTES = 4 * 1024 * 1024;
const V4_CACHE = 8;
const V6_CACHE = 4;
const MAX_SEND_PARTS = 64;
// The end-of-turn flush is a microtask queued through a resolved promise (Node's queueMicrotask
// makes an AsyncResource per call, which a send per turn would pay per datagram).
const RESOLVED = Promise.resolve();

export class NativeEngine implements DatagramEngine {
  readonly name = "native";
  readonly #socket: DatagramSocket;
  readonly #state: DatagramState;
  readonly #b: NativeBinding;
  readonly #h: NativeHandle;
  readonly #batch: number;
  readonly #metaWords: number;
  readonly #controlBytes: number;
  readonly #slots: Int32Array;
  readonly #meta: Int32Array;
  readonly #metaBytes: Uint8Array;
  readonly #control: Uint8Array;
  readonly #slotRecords: Array<DatagramRecord | null>;
  /** Slots of the batch being delivered whose datagram was queued in place. */
  readonly #held: Uint8Array;
  #lent = 0;
  readonly #slabIds = new Map<ArrayBuffer, number>();
  #batchesSinceCheck = 0;
  #shrinkTimer: ReturnType<typeof setTimeout> | null = null;
  // Senders seen lately, so a datagram's address is a string made once, not per datagram.
  readonly #v4Keys = new Int32Array(V4_CACHE);
  readonly #v4Names: string[] = new Array<string>(V4_CACHE).fill("");
  #v4Next = 0;
  readonly #v6Keys = new Int32Array(V6_CACHE * 4);
  readonly #v6Names: string[] = new Array<string>(V6_CACHE).fill("");
  #v6Next = 0;
  // Sends waiting for the end of the turn (or for the socket to be writable), in order.
  readonly #payloads: Array<Uint8Array | Uint8Array[] | null> = [];
  readonly #sendIrps: Array<IRP | null> = [];
  readonly #sendBytes: number[] = [];
  #dests: Uint8Array;
  #head = 0;
  #tail = 0;
  #flushQueued = false;
  #flushing = false;
  #waitingWritable = false;
  readonly #flushTask = () => this.#flushGuarded();
  #lastAddress = "";
  #lastPort = -1;
  readonly #lastDest: Uint8Array;
  #closed = false;
  #createError: string | null = null;
  #dropsAtBind = 0;
  #local: SockAddr | null = null;
  bindError: unknown = undefined;
  readonly #family: number;

  /** A native engine for the socket, or the errno code (EMFILE, …) the addon could not make one with. */
  static open(socket: DatagramSocket, binding: NativeBinding, family: number): NativeEngine | string {
    const engine = new NativeEngine(socket, binding, family);
    return engine.#createError ?? engine;
  }

  private constructor(socket: DatagramSocket, binding: NativeBinding, family: number) {
    this.#socket = socket;
    this.#state = socket[kDatagram];
    this.#family = family;
    this.#b = binding;
    this.#batch = binding.BATCH;
    this.#metaWords = binding.META_WORDS;
    this.#controlBytes = binding.CONTROL_BYTES;
    this.#slots = new Int32Array(this.#batch * 2).fill(-1);
    this.#meta = new Int32Array(this.#batch * this.#metaWords);
    this.#metaBytes = new Uint8Array(this.#meta.buffer);
    this.#control = new Uint8Array(this.#batch * this.#controlBytes);
    this.#slotRecords = new Array<DatagramRecord | null>(this.#batch).fill(null);
    this.#held = new Uint8Array(this.#batch);
    this.#dests = new Uint8Array(binding.BATCH_SEND * binding.DEST_BYTES);
    this.#lastDest = new Uint8Array(binding.DEST_BYTES);
    const handle = binding.create(family === AF_INET6 ? 6 : 4, (event, value) => this.#onEvent(event, value), this.#slots, this.#meta, this.#control);
    if (typeof handle === "number") {
      this.#closed = true;
      this.#createError = errnoCode(handle);
      this.#h = null as unknown as NativeHandle;
      return;
    }
    this.#h = handle;
    this.#state.pool.receiveInPlace(this.#batch, (memory) => this.#forgetSlab(memory));
  }

  bind(port: number, address: string): NTSTATUS {
    this.#lendUpTo(MIN_SLOTS);
    if (this.#state.udp.reuseAddr) this.#b.setOption(this.#h, this.#b.OPTION_REUSEADDR, 1);
    const result = this.#b.bind(this.#h, address, port);
    if (result < 0) {
      void this.close();
      this.bindError = systemError(errnoCode(result), "bind", address, port);
      return ntStatusFromErrno(errnoCode(result));
    }
    const local = this.#b.localAddress(this.#h);
    if (typeof local === "number") {
      void this.close();
      this.bindError = systemError(errnoCode(local), "getsockname");
      return ntStatusFromErrno(errnoCode(local));
    }
    this.#local = SockAddr.from(local[0].includes(":") ? `[${local[0]}]:${local[1]}` : `${local[0]}:${local[1]}`);
    this.#dropsAtBind = Math.max(0, this.#b.kernelDrops(this.#h));
    return STATUS_SUCCESS;
  }

  localAddress(): SockAddr {
    return this.#local as SockAddr;
  }

  applyReceiveBuffer(bytes: number): void {
    if (this.#closed) return;
    // The kernel's buffer only holds what arrives between two wakeups; a larger one than SO_RCVBUF
    // (our queue bound) absorbs a scheduling hiccup at full rate instead of dropping, and costs
    // memory only while it is filled. The kernel doubles it and caps it at net.core.rmem_max.
    const wanted = Math.max(bytes, KERNEL_BUFFER_BYTES);
    if (this.#b.getOption(this.#h, this.#b.OPTION_RCVBUF) < wanted) this.#b.setOption(this.#h, this.#b.OPTION_RCVBUF, wanted);
  }

  kernelDrops(): number | null {
    if (this.#closed) return null;
    const drops = this.#b.kernelDrops(this.#h);
    return drops < 0 ? null : drops - this.#dropsAtBind;
  }

  setControl(bits: number): boolean {
    return !this.#closed && this.#b.setOption(this.#h, this.#b.OPTION_CONTROL, bits) === 0;
  }

  setReusePort(on: boolean): boolean {
    return !this.#closed && this.#b.setOption(this.#h, this.#b.OPTION_REUSEPORT, on ? 1 : 0) === 0;
  }

  setTunable(tunable: EngineTunable, value: number): boolean {
    return !this.#closed && this.#b.setOption(this.#h, this.#tunableOption(tunable), value) === 0;
  }

  tunable(tunable: EngineTunable): number {
    return this.#closed ? 0 : Math.max(0, this.#b.getOption(this.#h, this.#tunableOption(tunable)));
  }

  #tunableOption(tunable: EngineTunable): number {
    return tunable === "receiveCoalescing" ? this.#b.OPTION_RECEIVE_COALESCE : this.#b.OPTION_SEND_SEGMENTATION;
  }

  setUdpOption(option: UdpIntOption, value: number): string | null {
    if (this.#closed) return "EBADF";
    const b = this.#b;
    const id =
      option === "sendBuffer"
        ? b.OPTION_SNDBUF
        : option === "broadcast"
          ? b.OPTION_BROADCAST
          : option === "ttl"
            ? b.OPTION_TTL
            : option === "multicastTtl"
              ? b.OPTION_MULTICAST_TTL
              : b.OPTION_MULTICAST_LOOP;
    return errnoOrNull(b.setOption(this.#h, id, value));
  }

  setMulticastInterface(iface: string): string | null {
    if (this.#closed) return "EBADF";
    // IPv4: the interface's in_addr; IPv6: its index, a native int.
    const bytes = new Uint8Array(4);
    if (this.#family === AF_INET6) new DataView(bytes.buffer).setInt32(0, Number(iface), true);
    else writeAddressBytes(iface, bytes, 0);
    return errnoOrNull(this.#b.setOptionBytes(this.#h, this.#b.OPTION_MULTICAST_IF, bytes));
  }

  setMembership(join: boolean, group: string, iface: string): string | null {
    if (this.#closed) return "EBADF";
    // ip_mreq (group, interface address) or ipv6_mreq (group, interface index): the same on Linux and Windows.
    const v6 = this.#family === AF_INET6;
    const bytes = new Uint8Array(v6 ? 20 : 8);
    writeAddressBytes(group, bytes, 0);
    if (v6) new DataView(bytes.buffer).setUint32(16, Number(iface), true);
    else writeAddressBytes(iface, bytes, 4);
    return errnoOrNull(this.#b.setOptionBytes(this.#h, join ? this.#b.OPTION_ADD_MEMBERSHIP : this.#b.OPTION_DROP_MEMBERSHIP, bytes));
  }

  sendBufferSize(): number {
    return this.#closed ? 0 : Math.max(0, this.#b.getOption(this.#h, this.#b.OPTION_SNDBUF));
  }

  setRef(on: boolean): void {
    if (!this.#closed) this.#b.ref(this.#h, on);
  }

  loseHandle(): void {
    // The receive path hears of it as of any error from the addon.
    this.#onEvent(this.#b.EVENT_ERROR, ERRNO.EBADF);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#shrinkTimer !== null) clearTimeout(this.#shrinkTimer);
    this.#shrinkTimer = null;
    // The addon stops polling and closes the fd now, and lets go of every slab: only then do the
    // slots' buffers go back to the pool.
    this.#b.close(this.#h);
    this.#slabIds.clear();
    for (let i = 0; i < this.#lent; i++) this.#unlend(i);
    this.#lent = 0;
    // Sends still waiting never went out.
    while (this.#head < this.#tail) this.#completeSend(this.#head++, "ECANCELED", 0);
    this.#head = this.#tail = 0;
  }

  // ---- receiving --------------------------------------------------------------------------------

  // From the addon, on the loop: nothing thrown may escape into it (SPEC §7).
  #onEvent(event: number, value: number): void {
    try {
      if (event === this.#b.EVENT_BATCH) this.#onBatch(value);
      else if (event === this.#b.EVENT_WRITABLE) this.#onWritable();
      else if (value === ERRNO.EFAULT) this.#repairSlots();
      else this.#fail();
    } catch (error) {
      reportCallbackError("internal", "a native datagram batch", error);
    }
  }

  #onBatch(count: number): void {
    const socket = this.#socket;
    const state = this.#state;
    const meta = this.#meta;
    const words = this.#metaWords;
    const controlBytes = this.#controlBytes;
    this.#batchesSinceCheck++;
    let held = false;
    for (let i = 0; i < count && !this.#closed; i++) {
      const at = i * words;
      const length = meta[at] as number;
      const v6 = meta[at + 2] === 6;
      const port = meta[at + 3] as number;
      const address = v6 ? this.#v6Name(at + 4) : this.#v4Name(meta[at + 4] as number);
      const family = v6 ? AF_INET6 : AF_INET;
      const controlLength = meta[at + 8] as number;
      const slot = this.#slotRecords[i] as DatagramRecord;
      const bytes = length > LARGE_CLASS_BYTES ? this.#assemble(i, slot, length) : slot.memory;
      // An IRP is filled from a view of exactly the datagram, kept by the slot's record: no view per datagram.
      const datagram = bytes === slot.memory ? slot.exactView(length) : bytes;
      if (routeDatagram(socket, state, datagram, length, family, address, port, this.#control, i * controlBytes, controlLength) !== ROUTE_QUEUE) continue;
      if (bytes !== slot.memory) {
        // Longer than a slot: it waits in the buffer of its own size it was assembled in, as on the node engine.
        enqueue(state, state.pool.adopt(bytes), length, family, address, port, this.#control, i * controlBytes, controlLength);
        continue;
      }
      // It waits where it was received, still in its slot: if the event callback is done with it
      // before the next recvmmsg (STATUS_SUCCESS), it never left; otherwise the slot gets another
      // buffer after delivery (see #settleSlots).
      state.pool.claim(slot);
      enqueue(state, slot, length, family, address, port, this.#control, i * controlBytes, controlLength);
      this.#held[i] = 1;
      held = true;
    }
    if (this.#closed) return;
    if (state.queue.size > 0) deliverQueued(socket);
    if (this.#closed) return;
    if (held) this.#settleSlots(count);
    if (count === this.#lent) this.#lendUpTo(Math.min(this.#batch, this.#lent * 2));
    noteDrops(socket);
  }

  // After delivery: a slot whose datagram is still out (queued, retained, or taken by a receive
  // that has not given it back), or whose buffer went back to the pool (under the verifier, which
  // poisons every freed buffer), gets a fresh buffer; none free: the last slot takes its place, so
  // the slots lent stay the first ones. Every such slot lets go first, so no fresh buffer can be
  // one another slot still points at; then they are filled, descending, so a moved slot was
  // filled already.
  #settleSlots(count: number): void {
    const held = this.#held;
    const records = this.#slotRecords;
    for (let i = 0; i < count; i++) {
      if (held[i] === 0) continue;
      held[i] = 0;
      const record = records[i];
      if (record === null || record === undefined || record.lent) continue;
      record.inSlot = false;
      records[i] = null;
      this.#slots[i * 2] = -1;
    }
    for (let i = Math.min(count, this.#lent) - 1; i >= 0; i--) {
      if (records[i] !== null) continue;
      const replacement = this.#state.pool.allocateLent();
      if (replacement !== null) {
        this.#lend(i, replacement);
        continue;
      }
      const last = --this.#lent;
      if (last !== i) {
        records[i] = records[last] as DatagramRecord;
        this.#slots[i * 2] = this.#slots[last * 2] as number;
        this.#slots[i * 2 + 1] = this.#slots[last * 2 + 1] as number;
        records[last] = null;
        this.#slots[last * 2] = -1;
      }
      if (this.#lent === 0) this.#fail(); // nothing left to receive into
    }
  }

  // The socket no longer works (an error from the addon, or nothing left to receive into): the
  // addon stops polling, so a lasting error does not spin the loop, and the socket breaks.
  #fail(): void {
    if (!this.#closed) this.#b.receive(this.#h, false);
    breakSocket(this.#socket);
  }

  // A datagram longer than its slot: the rest is in the addon's spill region for that slot.
  #assemble(slot: number, record: DatagramRecord, length: number): Uint8Array {
    const whole = new Uint8Array(length);
    whole.set(record.memory, 0);
    this.#b.copySpill(this.#h, slot, whole, LARGE_CLASS_BYTES, length - LARGE_CLASS_BYTES);
    return whole;
  }

  #v4Name(word: number): string {
    const keys = this.#v4Keys;
    const names = this.#v4Names;
    for (let i = 0; i < V4_CACHE; i++) if (keys[i] === word && names[i] !== "") return names[i] as string;
    const name = ipv4Text(word);
    const slot = this.#v4Next;
    this.#v4Next = (slot + 1) % V4_CACHE;
    keys[slot] = word;
    names[slot] = name;
    return name;
  }

  #v6Name(at: number): string {
    const meta = this.#meta;
    const keys = this.#v6Keys;
    const names = this.#v6Names;
    const a = meta[at] as number;
    const b = meta[at + 1] as number;
    const c = meta[at + 2] as number;
    const d = meta[at + 3] as number;
    for (let i = 0; i < V6_CACHE; i++) {
      const k = i * 4;
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d && names[i] !== "") return names[i] as string;
    }
    const name = ipv6Text(this.#metaBytes, at * 4);
    const slot = this.#v6Next;
    this.#v6Next = (slot + 1) % V6_CACHE;
    keys.set(meta.subarray(at, at + 4), slot * 4);
    names[slot] = name;
    return name;
  }

  // Slots [lent, count) get buffers, as far as the pool allows.
  #lendUpTo(count: number): void {
    while (this.#lent < count) {
      const record = this.#state.pool.allocateLent();
      if (record === null) break;
      this.#lend(this.#lent++, record);
    }
    if (this.#lent > MIN_SLOTS && this.#shrinkTimer === null && !this.#closed) {
      this.#batchesSinceCheck = 0;
      this.#shrinkTimer = setTimeout(() => this.#checkShrink(), SHRINK_AFTER_MS);
      this.#shrinkTimer.unref();
    }
  }

  #lend(slot: number, record: DatagramRecord): void {
    const memory = record.memory;
    const slab = memory.buffer as ArrayBuffer;
    let id = this.#slabIds.get(slab);
    if (id === undefined) {
      id = this.#b.registerSlab(this.#h, slab);
      // The addon writes into it: it must never be transferred away to another thread. (The pool
      // marks its slabs too; the engine's memory safety does not rest on which core it runs with.)
      markAsUntransferable(slab);
      this.#slabIds.set(slab, id);
    }
    record.inSlot = true;
    this.#slotRecords[slot] = record;
    this.#slots[slot * 2] = id;
    this.#slots[slot * 2 + 1] = memory.byteOffset;
  }

  // A slot gives its buffer back; one whose datagram is out (in a list being indicated, say) is
  // left to whoever holds it, and goes back to the pool from there.
  #unlend(slot: number): void {
    const record = this.#slotRecords[slot];
    this.#slotRecords[slot] = null;
    this.#slots[slot * 2] = -1;
    if (record === null || record === undefined) return;
    record.inSlot = false;
    if (record.lent) this.#state.pool.free(record);
  }

  // Quiet for a second: back to MIN_SLOTS, so the pool can give the rest back. From a timer:
  // nothing thrown may escape (SPEC §7).
  #checkShrink(): void {
    try {
      this.#shrink();
    } catch (error) {
      reportCallbackError("internal", "returning a native engine's slots", error);
    }
  }

  #shrink(): void {
    this.#shrinkTimer = null;
    if (this.#closed) return;
    if (this.#batchesSinceCheck > 0) {
      this.#batchesSinceCheck = 0;
      this.#shrinkTimer = setTimeout(() => this.#checkShrink(), SHRINK_AFTER_MS);
      this.#shrinkTimer.unref();
      return;
    }
    while (this.#lent > MIN_SLOTS) this.#unlend(--this.#lent);
  }

  #forgetSlab(memory: ArrayBuffer): void {
    const id = this.#slabIds.get(memory);
    if (id === undefined) return;
    this.#slabIds.delete(memory);
    if (!this.#closed) this.#b.unregisterSlab(this.#h, id);
  }

  // A slot's memory was detached under us (the client transferred a pool buffer): lend new ones.
  #repairSlots(): void {
    for (let i = 0; i < this.#lent; i++) {
      const record = this.#slotRecords[i] as DatagramRecord;
      if (record.memory.byteLength === LARGE_CLASS_BYTES) continue;
      const replacement = this.#state.pool.allocateLent();
      this.#unlend(i);
      if (replacement === null) {
        // Nothing left to receive into: the socket no longer works.
        for (let j = i + 1; j < this.#lent; j++) this.#unlend(j);
        this.#lent = i;
        if (i === 0) this.#fail();
        return;
      }
      this.#lend(i, replacement);
    }
  }

  // ---- sending ----------------------------------------------------------------------------------

  send(irp: IRP, payload: Uint8Array | Uint8Array[], port: number, address: string): void {
    if (this.#closed) {
      datagramSent(this.#socket, irp, "EBADF", 0);
      return;
    }
    const at = this.#reserve();
    let bytes: number;
    if (payload instanceof Uint8Array) {
      bytes = payload.byteLength;
    } else {
      bytes = 0;
      for (const part of payload) bytes += part.byteLength;
      if (payload.length > MAX_SEND_PARTS) payload = gather(payload, bytes);
    }
    this.#payloads[at] = payload;
    this.#sendIrps[at] = irp;
    this.#sendBytes[at] = bytes;
    const destBytes = this.#lastDest.byteLength;
    if (address !== this.#lastAddress || port !== this.#lastPort) this.#encodeDestination(address, port);
    this.#dests.set(this.#lastDest, at * destBytes);
    if (this.#tail - this.#head >= this.#b.BATCH_SEND) {
      if (!this.#flushing && !this.#waitingWritable) this.#flush();
    } else if (!this.#flushQueued) {
      this.#flushQueued = true;
      void RESOLVED.then(this.#flushTask);
    }
  }

  // A place at the tail of the send queue, growing the destination table when it is full.
  #reserve(): number {
    if (this.#head === this.#tail) this.#head = this.#tail = 0;
    const destBytes = this.#lastDest.byteLength;
    if ((this.#tail + 1) * destBytes > this.#dests.byteLength) {
      const grown = new Uint8Array(this.#dests.byteLength * 2);
      grown.set(this.#dests, 0);
      this.#dests = grown;
    }
    return this.#tail++;
  }

  #encodeDestination(address: string, port: number): void {
    const dest = this.#lastDest;
    dest.fill(0);
    const v6 = address.includes(":");
    dest[0] = v6 ? 6 : 4;
    dest[2] = port >> 8;
    dest[3] = port & 255;
    const scope = writeAddressBytes(address, dest, 4);
    dest[20] = scope & 255;
    dest[21] = (scope >>> 8) & 255;
    dest[22] = (scope >>> 16) & 255;
    dest[23] = scope >>> 24;
    this.#lastAddress = address;
    this.#lastPort = port;
  }

  #flushGuarded(): void {
    this.#flushQueued = false;
    try {
      if (!this.#flushing && !this.#waitingWritable) this.#flush();
    } catch (error) {
      reportCallbackError("internal", "sending datagrams", error);
    }
  }

  #onWritable(): void {
    this.#waitingWritable = false;
    if (!this.#flushing) this.#flush();
  }

  // One sendmmsg per 64 datagrams; each completes on its own (sent, or its own errno).
  #flush(): void {
    this.#flushing = true;
    try {
      const batch = this.#b.BATCH_SEND;
      while (this.#head < this.#tail && !this.#closed && !this.#waitingWritable) {
        const count = Math.min(batch, this.#tail - this.#head);
        const result = this.#b.send(this.#h, this.#payloads as ReadonlyArray<Uint8Array | Uint8Array[]>, this.#head, count, this.#dests);
        if (result > 0) {
          const end = this.#head + result;
          while (this.#head < end) {
            const at = this.#head++;
            this.#completeSend(at, null, this.#sendBytes[at] as number);
          }
        } else if (result === -ERRNO.EAGAIN || result === -ERRNO.ENOBUFS) {
          // The socket's send buffer is full: the rest goes when it drains.
          this.#waitingWritable = true;
          this.#b.awaitWritable(this.#h);
        } else {
          // The first of these failed on its own (EMSGSIZE, EACCES, a route): it completes with that.
          this.#completeSend(this.#head++, errnoCode(result === 0 ? -ERRNO.EIO : result), 0);
        }
      }
    } finally {
      this.#flushing = false;
    }
    if (this.#head === this.#tail) this.#head = this.#tail = 0;
  }

  #completeSend(at: number, errorCode: string | null, bytes: number): void {
    const irp = this.#sendIrps[at] as IRP;
    this.#sendIrps[at] = null;
    this.#payloads[at] = null;
    datagramSent(this.#socket, irp, errorCode, bytes);
  }
}

function gather(parts: Uint8Array[], bytes: number): Uint8Array {
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}
