// One direction of one address pair, with its impairments, its own random stream and its counters.
import type { GilbertElliottLoss, Impairments, Reordering, Slicer } from "./Impairments";
import type { SegmentPlan } from "./internal/tcp/TcpEndpoint";
import { checkImpairments } from "./internal/checkImpairments";
import { copyInFlight, freeInFlight, type InFlight } from "./internal/InFlight";
import { Random } from "./internal/random";
import type { NetworkEvent } from "./internal/EventQueue";
import { newLinkCounters, type LinkCounters } from "./LinkCounters";

const DEFAULT_MTU = 65_535;
const DEFAULT_QUEUE_LIMIT = Infinity;
/** How long past its delay a held-back datagram waits for later ones to pass it. */
const REORDER_WAIT_MS = 10;
/** Lost attempts of one TCP segment at most before it gets through (the link's loss stops there). */
const MAX_RETRANSMITS = 8;

/** @internal What a link needs of its network. */
export interface LinkHost {
  defaults(): Impairments;
  schedule(delay: number, run: (arg: unknown) => void, arg: unknown): NetworkEvent;
  cancel(event: NetworkEvent): void;
  now(): number;
  /** A datagram reached the end of its link. */
  arrive(record: InFlight): void;
  /** A datagram entered the link: for captures (`fate` says why it went no further, if it did not). */
  sent(record: InFlight, fate: string | null): void;
  /** The link's impairments changed (connections held back may go on). */
  changed(link: Link): void;
}

/** @internal What a link does to connections. */
export interface ConnectionImpairments {
  partition: boolean;
  slicer: Slicer | null;
  resetAfter: number;
  resetAt: number;
  limitData: number;
  slowClose: number;
  stopReading: boolean;
}

interface Effective {
  connection: ConnectionImpairments;
  partition: boolean;
  mtu: number;
  loss: number;
  burst: GilbertElliottLoss | null;
  corrupt: number;
  queueLimit: number;
  rate: number;
  delay: number;
  jitter: number;
  reorder: Required<Reordering>;
  duplicate: number;
}

/**
 * A link of the network: what `network.link(from, to)` returns. Its impairments apply to datagrams
 * from `from` to `to` only (the other direction is another link); `impair()` changes them at any
 * time, and datagrams already in flight keep the fate they were given when sent.
 */
export class Link {
  /** The sending address. */
  readonly from: string;
  /** The receiving address. */
  readonly to: string;
  readonly #host: LinkHost;
  readonly #random: Random;
  readonly #counters: LinkCounters;
  #own: Impairments = {};
  #effective: Effective;
  /** Gilbert-Elliott: in the Bad state. */
  #bad = false;
  /** Rate limit: when the link finishes sending what it holds. */
  #busyUntil = 0;
  readonly #held: InFlight[] = [];
  readonly #deliver = (arg: unknown) => this.#arrive(arg as InFlight);
  readonly #letGo = (arg: unknown) => this.#releaseAlone(arg as InFlight);

  /** @internal Made by the network. */
  constructor(host: LinkHost, from: string, to: string, seed: number) {
    this.#host = host;
    this.from = from;
    this.to = to;
    this.#random = new Random(seed);
    this.#counters = newLinkCounters(from, to);
    this.#effective = this.#resolve();
  }

  /**
   * Changes this link's impairments, field by field over what it had (a field set to undefined goes
   * back to the network's default); checked whole before any applies.
   * @throws ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE or ERR_INVALID_ARG_VALUE for a bad field.
   */
  impair(impairments: Impairments): this {
    const checked = checkImpairments("link.impair", impairments);
    const own: Record<string, unknown> = { ...this.#own, ...checked };
    // A field given as undefined goes back to the default.
    for (const key of Object.keys(own)) if (!(key in checked) && impairments !== undefined && Object.hasOwn(impairments, key)) delete own[key];
    this.#own = own as Impairments;
    this.refresh();
    return this;
  }

  /** Drops this link's own impairments: the network's defaults apply again. */
  reset(): this {
    this.#own = {};
    this.refresh();
    return this;
  }

  /** The impairments this link applies now (its own over the network's defaults). */
  get impairments(): Impairments {
    return { ...this.#host.defaults(), ...this.#own };
  }

  /** A snapshot of what the link did. */
  get counters(): LinkCounters {
    const counters = this.#counters;
    return { ...counters, dropped: { ...counters.dropped }, tcp: { ...counters.tcp } };
  }

  /** @internal The network's defaults changed. */
  refresh(): void {
    this.#effective = this.#resolve();
    this.#host.changed(this);
  }

  /** @internal The connection impairments in force now. */
  get connection(): ConnectionImpairments {
    return this.#effective.connection;
  }

  /**
   * @internal One TCP segment of up to `bytes` crossing this link: when it arrives (its delay and
   * jitter, plus a retransmission timeout for each attempt the link loses), how large the slicer
   * lets it be, and how long before the next may leave. Counted.
   */
  segmentPlan(bytes: number, mss: number, rto: number): SegmentPlan {
    const e = this.#effective;
    const random = this.#random;
    const tcp = this.#counters.tcp;
    let delay = e.delay;
    if (e.jitter > 0) delay = Math.max(0, delay + (random.next() * 2 - 1) * e.jitter);
    let retransmits = 0;
    for (let timeout = rto; retransmits < MAX_RETRANSMITS && this.#lost(e, random); timeout *= 2) {
      delay += timeout;
      retransmits++;
    }
    let size = mss;
    let spacing = 0;
    const slicer = e.connection.slicer;
    if (slicer !== null) {
      const variation = slicer.sizeVariation ?? 0;
      size = Math.max(1, slicer.averageSize - variation + random.below(2 * variation + 1));
      spacing = slicer.delay ?? 0;
    }
    const sent = Math.min(bytes, size);
    if (bytes > 0) {
      tcp.segments++;
      tcp.bytes += sent;
    }
    tcp.retransmits += retransmits;
    return { delay, retransmits, size, spacing };
  }

  /** @internal @returns the live counters, for the network's own counting. */
  get liveCounters(): LinkCounters {
    return this.#counters;
  }

  /** @internal A datagram enters the link: its fate is drawn now, in the order the impairments apply. */
  carry(record: InFlight): void {
    const e = this.#effective;
    const counters = this.#counters;
    const random = this.#random;
    const host = this.#host;
    counters.sent++;
    counters.bytesSent += record.length;
    record.link = this;
    const packetBytes = record.length + (record.family === 6 ? 48 : 28);
    let fate: keyof LinkCounters["dropped"] | null = null;
    if (e.partition) fate = "partition";
    else if (packetBytes > e.mtu) fate = "mtu";
    else if (this.#lost(e, random)) fate = "loss";
    else if (counters.inFlight >= e.queueLimit) fate = "queue";
    if (fate !== null) {
      counters.dropped[fate]++;
      host.sent(record, fate);
      freeInFlight(record);
      return;
    }
    host.sent(record, null);
    if (record.length > 0 && random.chance(e.corrupt)) {
      const bit = random.below(record.length * 8);
      const bytes = record.bytes;
      bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
      counters.corrupted++;
    }
    const now = host.now();
    let departure = now;
    if (e.rate > 0) {
      departure = Math.max(now, this.#busyUntil) + (packetBytes * 1000) / e.rate;
      this.#busyUntil = departure;
    }
    let arrival = departure + e.delay;
    if (e.jitter > 0) arrival = Math.max(departure, arrival + (random.next() * 2 - 1) * e.jitter);
    const duplicate = random.chance(e.duplicate) ? copyInFlight(record) : null;
    counters.inFlight++;
    if (random.chance(e.reorder.probability)) {
      // Held back: it goes after the next `gap` datagrams of this link, or alone after a while.
      record.held = e.reorder.gap;
      record.release = host.schedule(arrival - now + REORDER_WAIT_MS, this.#letGo, record);
      this.#held.push(record);
    } else {
      host.schedule(arrival - now, this.#deliver, record);
      this.#passHeld(arrival, now);
    }
    if (duplicate !== null) {
      counters.duplicated++;
      counters.inFlight++;
      host.schedule(arrival - now, this.#deliver, duplicate);
    }
  }

  // One more datagram (not held back itself) passed the held-back ones: those passed by enough go now, right behind it.
  #passHeld(arrival: number, now: number): void {
    const held = this.#held;
    if (held.length === 0) return;
    let kept = 0;
    for (const record of held) {
      if (--record.held > 0) {
        held[kept++] = record;
        continue;
      }
      this.#host.cancel(record.release as NetworkEvent);
      record.release = null;
      record.held = -1;
      this.#counters.reordered++;
      this.#host.schedule(arrival - now, this.#deliver, record);
    }
    held.length = kept;
  }

  #releaseAlone(record: InFlight): void {
    const index = this.#held.indexOf(record);
    if (index >= 0) this.#held.splice(index, 1);
    record.held = -1;
    record.release = null;
    this.#arrive(record);
  }

  #arrive(record: InFlight): void {
    this.#counters.inFlight--;
    this.#host.arrive(record);
  }

  // Loss for one datagram: Gilbert-Elliott (drawn in the current state, then the state moves) or independent.
  #lost(e: Effective, random: Random): boolean {
    const burst = e.burst;
    if (burst === null) return random.chance(e.loss);
    const lost = random.chance(this.#bad ? (burst.lossInBad ?? 1) : (burst.lossInGood ?? 0));
    this.#bad = this.#bad ? !random.chance(burst.r) : random.chance(burst.p);
    return lost;
  }

  #resolve(): Effective {
    const given = { ...this.#host.defaults(), ...this.#own };
    const loss = given.loss;
    const reorder = given.reorder;
    return {
      connection: {
        partition: given.partition === true,
        slicer: given.slicer ?? null,
        resetAfter: given.resetAfter ?? Infinity,
        resetAt: given.resetAt ?? Infinity,
        limitData: given.limitData ?? Infinity,
        slowClose: given.slowClose ?? 0,
        stopReading: given.stopReading === true,
      },
      partition: given.partition === true,
      mtu: given.mtu ?? DEFAULT_MTU,
      loss: typeof loss === "number" ? loss : 0,
      burst: typeof loss === "object" ? loss : null,
      corrupt: given.corrupt ?? 0,
      queueLimit: given.queueLimit ?? DEFAULT_QUEUE_LIMIT,
      rate: given.rate ?? 0,
      delay: given.delay ?? 0,
      jitter: given.jitter ?? 0,
      reorder: typeof reorder === "number" ? { probability: reorder, gap: 1 } : { probability: reorder?.probability ?? 0, gap: reorder?.gap ?? 1 },
      duplicate: given.duplicate ?? 0,
    };
  }
}
