// The engine of a datagram socket made on a test network: dgram's faithful layer decides every
// status, order and list, as on the real engines; this engine binds on the network, hands each
// datagram sent to it, and takes each one that arrives into dgram's receive path, the datagrams of
// one delivery batch indicated as one list. A send completes on a microtask once its datagram is
// on the network; while the socket's datagrams in flight fill SO_SNDBUF, further sends wait (their
// IRPs pending, in order) until some arrive or are dropped, as a kernel's send buffer holds a sender
// back: a sender that never yields cannot flood the network's memory.
import { AF_INET, AF_INET6, STATUS_SUCCESS, type IRP, type NTSTATUS, type SockAddr } from "@wskit/core";
import { ntStatusFromErrno, reportCallbackError } from "@wskit/core/provider";
import { breakSocket, datagramSent, deliverQueued, receiveDatagram, systemError, PortableEngine, type DatagramEngine, type DatagramSocket, type UdpIntOption } from "@wskit/dgram/engine";
import type { InFlight } from "./InFlight";

/** @internal What the engine needs of its network. */
export interface DatagramNetwork {
  /** Binds the engine; the errno code of a refusal, or the bound address. */
  bind(engine: TestDatagramEngine, family: number, address: string, port: number): string | SockAddr;
  unbind(engine: TestDatagramEngine): void;
  send(engine: TestDatagramEngine, payload: Uint8Array | Uint8Array[], port: number, address: string): void;
  /** The engine was handed a datagram in the current delivery batch (it indicates at the batch's end). */
  touched(engine: TestDatagramEngine): void;
}

/** What a datagram in flight counts against its sender's SO_SNDBUF: the IP packet's size. */
export function sendBufferCharge(length: number, family: number): number {
  return length + (family === AF_INET6 ? 48 : 28);
}

interface WaitingSend {
  irp: IRP;
  payload: Uint8Array | Uint8Array[];
  port: number;
  address: string;
  bytes: number;
}

const RESOLVED = Promise.resolve();
const DEFAULT_SEND_BUFFER = 212_992;
/** Datagrams indicated in one list at most (dgram's WskReceiveFromEvent batch). */
const INDICATION_BATCH = 64;

export class TestDatagramEngine extends PortableEngine implements DatagramEngine {
  readonly name = "test";
  readonly family: number;
  bindError: unknown = undefined;
  readonly #socket: DatagramSocket;
  readonly #network: DatagramNetwork;
  #local: SockAddr | null = null;
  #closed = false;
  #sendBuffer = DEFAULT_SEND_BUFFER;
  // Sends on the network, completed together on a microtask, in order.
  readonly #sent: IRP[] = [];
  readonly #sentBytes: number[] = [];
  #completionQueued = false;
  readonly #complete = () => this.#completeSends();
  // Sends waiting for room in SO_SNDBUF, in order (the caller's buffers stay theirs to us until completion).
  readonly #waiting: WaitingSend[] = [];
  #waitingHead = 0;
  #draining = false;
  #inFlightBytes = 0;
  /** Datagrams handed over in the current delivery batch, not yet indicated. */
  #batched = 0;

  constructor(network: DatagramNetwork, socket: DatagramSocket, family: number) {
    super();
    this.#network = network;
    this.#socket = socket;
    this.family = family;
  }

  /** The bound address (its `address` may be the unspecified one). */
  get local(): SockAddr | null {
    return this.#local;
  }

  bind(port: number, address: string): NTSTATUS {
    const bound = this.#network.bind(this, this.family, address, port);
    if (typeof bound === "string") {
      this.#closed = true;
      this.bindError = systemError(bound, "bind", address, port);
      return ntStatusFromErrno(bound);
    }
    this.#local = bound;
    return STATUS_SUCCESS;
  }

  localAddress(): SockAddr {
    return this.#local as SockAddr;
  }

  send(irp: IRP, payload: Uint8Array | Uint8Array[], port: number, address: string): void {
    let bytes = 0;
    if (Array.isArray(payload)) for (const part of payload) bytes += part.byteLength;
    else bytes = payload.byteLength;
    if (this.#waitingHead < this.#waiting.length || (this.#inFlightBytes > 0 && this.#inFlightBytes + sendBufferCharge(bytes, this.family) > this.#sendBuffer)) {
      this.#waiting.push({ irp, payload, port, address, bytes });
      return;
    }
    this.#put(irp, payload, port, address, bytes);
  }

  /** One of this socket's datagrams left the network (arrived or dropped): its room in SO_SNDBUF is free. */
  released(charge: number): void {
    this.#inFlightBytes -= charge;
    if (!this.#draining) this.#drain();
  }

  // Sends the waiting datagrams that fit now, in order. A datagram the network drops at once frees
  // its room inside #put: the loop here takes the next, rather than recursing per datagram.
  #drain(): void {
    const waiting = this.#waiting;
    this.#draining = true;
    try {
      while (this.#waitingHead < waiting.length && !this.#closed) {
        const next = waiting[this.#waitingHead] as WaitingSend;
        if (this.#inFlightBytes > 0 && this.#inFlightBytes + sendBufferCharge(next.bytes, this.family) > this.#sendBuffer) break;
        waiting[this.#waitingHead++] = undefined as unknown as WaitingSend;
        this.#put(next.irp, next.payload, next.port, next.address, next.bytes);
      }
    } finally {
      this.#draining = false;
    }
    if (this.#waitingHead === waiting.length) {
      waiting.length = 0;
      this.#waitingHead = 0;
    }
  }

  /** A datagram arrived for this socket: into dgram's receive path (which copies what it keeps); indicated with its batch. */
  deliver(record: InFlight): void {
    receiveDatagram(this.#socket, record.view(), record.family === 6 ? AF_INET6 : AF_INET, record.source, record.sourcePort, true);
    if (this.#batched++ === 0) this.#network.touched(this);
    if (this.#batched >= INDICATION_BATCH) this.indicate();
  }

  /** The end of a delivery batch: what it queued goes to the event callback as one list. */
  indicate(): void {
    if (this.#batched === 0) return;
    this.#batched = 0;
    if (!this.#closed) deliverQueued(this.#socket);
  }

  // Hands one datagram to the network; its IRP completes with the others of this turn.
  #put(irp: IRP, payload: Uint8Array | Uint8Array[], port: number, address: string, bytes: number): void {
    if (!this.#closed) {
      this.#inFlightBytes += sendBufferCharge(bytes, this.family);
      this.#network.send(this, payload, port, address);
    }
    this.#sent.push(irp);
    this.#sentBytes.push(this.#closed ? -1 : bytes);
    if (!this.#completionQueued) {
      this.#completionQueued = true;
      void RESOLVED.then(this.#complete);
    }
  }

  applyReceiveBuffer(_bytes: number): void {
    // No kernel buffer: the socket's own queue bound (SO_RCVBUF) is the only one.
  }

  kernelDrops(): number | null {
    // Nothing between the network and the socket drops: path drops are the links' counters.
    return this.#closed ? null : 0;
  }

  setUdpOption(option: UdpIntOption, value: number): string | null {
    if (this.#closed) return "EBADF";
    if (option === "sendBuffer") this.#sendBuffer = value;
    return null;
  }

  setMulticastInterface(_iface: string): string | null {
    return "EOPNOTSUPP";
  }

  setMembership(_join: boolean, _group: string, _iface: string): string | null {
    return "EOPNOTSUPP";
  }

  sendBufferSize(): number {
    return this.#closed ? 0 : this.#sendBuffer;
  }

  setRef(_on: boolean): void {
    // The network's own timers are what keep a real-clock test alive; a socket holds nothing.
  }

  loseHandle(): void {
    this.#unbind();
    breakSocket(this.#socket);
  }

  /** The network closed: nothing in flight will leave it, so sends waiting for room are cancelled. */
  networkClosed(): void {
    this.#cancelWaiting();
    this.#completeSends();
  }

  async close(): Promise<void> {
    this.#unbind();
    this.#cancelWaiting();
    this.#completeSends();
  }

  // Sends still waiting for room never went out: they complete cancelled, in order.
  #cancelWaiting(): void {
    for (let i = this.#waitingHead; i < this.#waiting.length; i++) {
      this.#sent.push((this.#waiting[i] as WaitingSend).irp);
      this.#sentBytes.push(-1);
    }
    this.#waiting.length = 0;
    this.#waitingHead = 0;
  }

  #unbind(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#network.unbind(this);
  }

  // Runs from a microtask: nothing thrown may escape (SPEC §7).
  #completeSends(): void {
    this.#completionQueued = false;
    const irps = this.#sent;
    const bytes = this.#sentBytes;
    const count = irps.length;
    for (let i = 0; i < count; i++) {
      const sent = bytes[i] as number;
      try {
        datagramSent(this.#socket, irps[i] as IRP, sent < 0 ? "ECANCELED" : null, Math.max(0, sent));
      } catch (error) {
        reportCallbackError("internal", "completing a test network send", error);
      }
    }
    irps.splice(0, count);
    bytes.splice(0, count);
  }
}
