// One end of a simulated TCP connection: what it has received and not yet handed to its socket,
// what its socket wrote and the network has not yet carried, and the FIN / RST state of each
// direction. Bytes cross in segments on the link from this end to the other, each at its own
// arrival time but never before the one sent ahead of it (TCP keeps order); a segment the link
// loses is sent again after a retransmission timeout, so the stream is never corrupted by loss,
// only slowed. The receiver's window bounds what is in flight plus what it has not read: a peer
// that stops reading holds the sender back, as TCP does.
import type { Link } from "../../Link";

/** Bytes a receiver holds unread plus those in flight to it, at most (its advertised window). */
export const RECEIVE_WINDOW = 256 * 1024;
/** Bytes a sender's kernel takes before its writes wait (SO_SNDBUF). */
export const SEND_BUFFER = 256 * 1024;
/** The largest segment. */
export const MSS = 64 * 1024;
/** The first retransmission timeout, doubled at each loss of the same segment. */
export const RTO_MS = 200;

/** What an end tells its socket. */
export interface EndpointSocket {
  /** Bytes arrived (or the FIN): the socket reads what it can. */
  dataArrived(): void;
  /** The peer reset the connection. */
  peerReset(): void;
  /** Room opened in the send buffer: waiting writes may go in. */
  roomOpened(): void;
}

/** What an end needs of the network. */
export interface EndpointNetwork {
  now(): number;
  schedule(delay: number, run: (arg: unknown) => void, arg: unknown): unknown;
  /** Delay, loss and the slicer of the link from `from` to its peer, for data (bytes > 0), a FIN or a RST. */
  carry(from: TcpEndpoint, bytes: number, kind: "data" | "fin" | "rst"): SegmentPlan;
  /** Whether `end`'s reader reads now (a link may be set so that it stops). */
  reading(end: TcpEndpoint): boolean;
  /** Whether `from` may send now (not across a partition: the bytes wait until healed). */
  open(from: TcpEndpoint): boolean;
  /** Bytes `from` may still send before its link's resetAfter / limitData. */
  allowance(from: TcpEndpoint): number;
  /** `from` reached its allowance. */
  limitReached(from: TcpEndpoint): void;
  /** The end is gone: its port is free. */
  done(end: TcpEndpoint): void;
  /** A segment entered its link ("sent") or reached the other end ("delivered"): for captures. */
  segment(point: "sent" | "delivered", from: TcpEndpoint, data: Uint8Array | null, header: SegmentHeader): void;
}

/** A segment's TCP header fields, as a capture shows them. */
export interface SegmentHeader {
  seq: number;
  ack: number;
  flags: number;
}

/** TCP flags. */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

/** What the link does to one segment: when it arrives (relative to now), and how much of the data it may hold. */
export interface SegmentPlan {
  /** Milliseconds until it arrives (retransmissions included). */
  delay: number;
  /** Retransmissions it took (lost attempts). */
  retransmits: number;
  /** The largest segment now (the slicer's choice, or MSS). */
  size: number;
  /** Milliseconds before the next segment may leave (the slicer's spacing), 0 for none. */
  spacing: number;
}

interface Segment {
  end: TcpEndpoint;
  data: Uint8Array | null;
  fin: boolean;
  rst: boolean;
  header: SegmentHeader;
}

export class TcpEndpoint {
  readonly family: 4 | 6;
  readonly address: string;
  readonly port: number;
  peer: TcpEndpoint | null = null;
  socket: EndpointSocket | null = null;
  link: Link | null = null;
  readonly #network: EndpointNetwork;
  // Receive side.
  readonly #unread: Uint8Array[] = [];
  #unreadHead = 0;
  #unreadOffset = 0;
  unreadBytes = 0;
  /** The peer's FIN arrived (after all its data). */
  finReceived = false;
  /** The peer reset the connection. */
  resetReceived = false;
  // Send side.
  readonly #sendQueue: Uint8Array[] = [];
  #sendHead = 0;
  sendQueuedBytes = 0;
  /** Bytes on their way to the peer. */
  inFlight = 0;
  #finQueued = false;
  finSent = false;
  closed = false;
  #lastArrival = 0;
  #nextDeparture = 0;
  #pumpScheduled = false;
  /** Bytes this end has sent into the network (for resetAfter / limitData). */
  bytesSent = 0;
  /** Bytes this end has received. */
  bytesReceived = 0;
  /** Its initial sequence number (deterministic: from its address and ports). */
  isn = 0;
  /** No more may be written (limitData closed the connection): a write is EPIPE. */
  writeShut = false;
  readonly #arrive = (arg: unknown) => this.#onArrival(arg as Segment);
  readonly #pumpTask = () => {
    this.#pumpScheduled = false;
    this.pump();
  };

  constructor(network: EndpointNetwork, family: 4 | 6, address: string, port: number) {
    this.#network = network;
    this.family = family;
    this.address = address;
    this.port = port;
  }

  /** Room in the send buffer. */
  get sendRoom(): number {
    return SEND_BUFFER - this.sendQueuedBytes;
  }

  /** Takes a copy of `bytes` into the send buffer (the caller checked the room) and starts sending. */
  queue(bytes: Uint8Array): void {
    if (bytes.byteLength === 0 || this.writeShut) return;
    // A copy (a Buffer's slice() is a view, not a copy): the writer may reuse its memory at once.
    this.#sendQueue.push(Uint8Array.prototype.slice.call(bytes));
    this.sendQueuedBytes += bytes.byteLength;
    // Sent at the end of the turn, so the writes of one turn share segments, as a kernel's send
    // queue coalesces them.
    this.#schedulePump(0);
  }

  /** The socket ended its side: a FIN after what is queued. */
  queueFin(): void {
    if (this.#finQueued || this.closed) return;
    this.#finQueued = true;
    this.#schedulePump(0);
  }

  /** Resets the connection: the peer hears of it after the link's delay; this end is done at once. */
  reset(): void {
    if (this.closed) return;
    this.closed = true;
    this.#discardSendQueue();
    const peer = this.peer;
    if (peer !== null && !peer.closed) this.#send({ end: peer, data: null, fin: false, rst: true, header: this.#header(RST | ACK) }, this.#network.carry(this, 0, "rst"));
    this.#network.done(this);
  }

  /** limitData closed the connection: nothing more goes from this end but a FIN. */
  stopSending(): void {
    this.writeShut = true;
    this.#discardSendQueue();
    this.queueFin();
  }

  /** The socket is gone (destroyed): unread data makes it a reset, as a kernel does; else a FIN if none was sent. */
  close(): void {
    if (this.closed) return;
    if (this.unreadBytes > 0 && !this.resetReceived) {
      this.reset();
      return;
    }
    this.queueFin();
    this.closed = true;
    this.#network.done(this);
  }

  /** Takes up to `target.byteLength` unread bytes into `target`; returns how many. The window opens by as much. */
  read(target: Uint8Array): number {
    let copied = 0;
    while (copied < target.byteLength && this.#unreadHead < this.#unread.length) {
      const chunk = this.#unread[this.#unreadHead] as Uint8Array;
      const take = Math.min(chunk.byteLength - this.#unreadOffset, target.byteLength - copied);
      target.set(chunk.subarray(this.#unreadOffset, this.#unreadOffset + take), copied);
      copied += take;
      this.#consumed(chunk, take);
    }
    if (copied > 0) this.peer?.windowOpened();
    return copied;
  }

  /** Takes the next unread chunk whole (for a socket that pushes chunks); null when none. */
  readChunk(max: number): Uint8Array | null {
    if (this.unreadBytes === 0) return null;
    const chunk = this.#unread[this.#unreadHead] as Uint8Array;
    const rest = chunk.byteLength - this.#unreadOffset;
    const take = Math.min(rest, max);
    const out = take === chunk.byteLength ? chunk : chunk.slice(this.#unreadOffset, this.#unreadOffset + take);
    this.#consumed(chunk, take);
    this.peer?.windowOpened();
    return out;
  }

  // `take` bytes of the oldest unread chunk were read.
  #consumed(chunk: Uint8Array, take: number): void {
    this.#unreadOffset += take;
    this.unreadBytes -= take;
    if (this.#unreadOffset < chunk.byteLength) return;
    this.#unread[this.#unreadHead++] = EMPTY;
    this.#unreadOffset = 0;
    if (this.#unreadHead === this.#unread.length) {
      this.#unread.length = 0;
      this.#unreadHead = 0;
    }
  }

  /** The peer read: room in its window, so more may go. */
  windowOpened(): void {
    this.pump();
  }

  /** Sends what the window and the link allow now; the rest when they allow it. */
  pump(): void {
    const peer = this.peer;
    if (peer === null) return;
    const network = this.#network;
    for (;;) {
      if (!network.open(this)) return; // held until the partition heals
      if (this.#sendHead === this.#sendQueue.length) {
        if (this.#finQueued && !this.finSent) {
          this.finSent = true;
          this.#send({ end: peer, data: null, fin: true, rst: false, header: this.#header(FIN | ACK) }, network.carry(this, 0, "fin"));
        }
        return;
      }
      if (peer.resetReceived) return;
      const allowed = network.allowance(this);
      if (allowed <= 0) {
        network.limitReached(this);
        return;
      }
      const now = network.now();
      if (now < this.#nextDeparture) {
        this.#schedulePump(this.#nextDeparture - now);
        return;
      }
      const window = RECEIVE_WINDOW - peer.unreadBytes - this.inFlight;
      if (window <= 0) return; // the peer reads, then windowOpened pumps again
      const plan = network.carry(this, Math.min(window, this.sendQueuedBytes, allowed), "data");
      const size = Math.max(1, Math.min(window, this.sendQueuedBytes, plan.size, allowed));
      const data = this.#take(size);
      this.sendQueuedBytes -= size;
      this.inFlight += size;
      const header = this.#header(PSH | ACK);
      this.bytesSent += size;
      this.#send({ end: peer, data, fin: false, rst: false, header }, plan);
      this.socket?.roomOpened();
      if (plan.spacing > 0) this.#nextDeparture = now + plan.spacing;
    }
  }

  // The next `size` bytes of the send queue, as one segment (a view when they lie in one write).
  #take(size: number): Uint8Array {
    const queue = this.#sendQueue;
    const head = queue[this.#sendHead] as Uint8Array;
    let data: Uint8Array;
    if (head.byteLength >= size) {
      data = head.subarray(0, size);
      if (size === head.byteLength) queue[this.#sendHead++] = EMPTY;
      else queue[this.#sendHead] = head.subarray(size);
    } else {
      data = new Uint8Array(size);
      let at = 0;
      while (at < size) {
        const chunk = queue[this.#sendHead] as Uint8Array;
        const take = Math.min(chunk.byteLength, size - at);
        data.set(chunk.subarray(0, take), at);
        at += take;
        if (take === chunk.byteLength) queue[this.#sendHead++] = EMPTY;
        else queue[this.#sendHead] = chunk.subarray(take);
      }
    }
    if (this.#sendHead === queue.length) {
      queue.length = 0;
      this.#sendHead = 0;
    }
    return data;
  }

  // The header of a segment this end sends now: its next sequence number, and the peer's it expects.
  #header(flags: number): SegmentHeader {
    const peer = this.peer;
    const seq = this.isn + 1 + this.bytesSent + ((flags & RST) !== 0 && this.finSent ? 1 : 0);
    const ack = peer === null ? 0 : peer.isn + 1 + this.bytesReceived + (this.finReceived ? 1 : 0);
    return { seq: seq >>> 0, ack: ack >>> 0, flags };
  }

  #send(segment: Segment, plan: SegmentPlan): void {
    const network = this.#network;
    network.segment("sent", this, segment.data, segment.header);
    // In order: never before the segment sent ahead of it.
    const arrival = Math.max(network.now() + plan.delay, this.#lastArrival);
    this.#lastArrival = arrival;
    network.schedule(arrival - network.now(), this.#arrive, segment);
  }

  #onArrival(segment: Segment): void {
    const end = segment.end;
    if (segment.data !== null) this.inFlight -= segment.data.byteLength;
    if (end.resetReceived) return;
    this.#network.segment("delivered", this, segment.data, segment.header);
    if (segment.rst) {
      end.resetReceived = true;
      end.closed = true;
      end.#discardSendQueue();
      end.socket?.peerReset();
      this.#network.done(end);
      return;
    }
    if (segment.data !== null) {
      end.#unread.push(segment.data);
      end.unreadBytes += segment.data.byteLength;
      end.bytesReceived += segment.data.byteLength;
    }
    if (segment.fin) end.finReceived = true;
    if (this.#network.reading(end)) end.socket?.dataArrived();
  }

  #schedulePump(delay: number): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    this.#network.schedule(delay, this.#pumpTask, null);
  }

  #discardSendQueue(): void {
    this.#sendQueue.length = 0;
    this.#sendHead = 0;
    this.sendQueuedBytes = 0;
  }
}

const EMPTY = new Uint8Array(0);
