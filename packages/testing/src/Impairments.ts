/**
 * Gilbert-Elliott loss: a two-state chain, Good and Bad, moved once per datagram, as netem's
 * `loss gemodel`. Losses come in bursts: the mean burst lasts 1 / `r` datagrams, and the long-run
 * loss rate is (p·lossInBad + r·lossInGood) / (p + r).
 */
export interface GilbertElliottLoss {
  /** Probability of moving from Good to Bad, per datagram, 0 to 1. */
  p: number;
  /** Probability of moving from Bad back to Good, per datagram, 0 to 1. */
  r: number;
  /** Probability a datagram sent in the Bad state is lost (netem's 1 − h); default 1. */
  lossInBad?: number;
  /** Probability a datagram sent in the Good state is lost (netem's 1 − k); default 0. */
  lossInGood?: number;
}

/** Reordering: a datagram picked with `probability` is held back until `gap` later datagrams of its link have passed it. */
export interface Reordering {
  /** Probability, 0 to 1, that a datagram is held back. */
  probability: number;
  /** How many later datagrams pass it, 1 or more; default 1. If fewer come within `delay` + 10 ms, it goes on alone (not counted as reordered). */
  gap?: number;
}

/**
 * toxiproxy's slicer: a connection's writes reach the other end as segments of random small sizes,
 * spaced in time (the case that breaks a framer that expects one read per message).
 */
export interface Slicer {
  /** The mean segment size in bytes, 1 or more. */
  averageSize: number;
  /** Segments are `averageSize` ± up to this many bytes (never below 1); default 0. */
  sizeVariation?: number;
  /** Milliseconds between two segments; default 0. */
  delay?: number;
}

/**
 * What a link does to what it carries. Datagrams meet, in this order: partition, MTU, loss, the
 * queue limit, corruption, rate, delay and jitter, reordering, duplication. Connections (TCP) are
 * reliable and ordered, as TCP is: loss costs a retransmission (a timeout of 200 ms, doubling),
 * delay and jitter apply to each segment without reordering the stream, a partition holds the
 * bytes back until healed; and the connection impairments apply (slicer, resetAfter, resetAt,
 * limitData, slowClose, stopReading). Every field is optional; a link's own settings override the
 * network's defaults field by field.
 */
export interface Impairments {
  /** Drops everything (a blackhole), counted as `partition`, until healed. */
  partition?: boolean;
  /** The largest IP packet the path carries, in bytes (the datagram plus 28 bytes of IPv4 and UDP headers, 48 for IPv6); larger ones are dropped and counted, as a path with DF set would. Default 65,535. */
  mtu?: number;
  /** Independent loss (a probability, 0 to 1) or Gilbert-Elliott burst loss. */
  loss?: number | GilbertElliottLoss;
  /** Probability, 0 to 1, that one random bit of the datagram is flipped (delivered as if no checksum caught it). */
  corrupt?: number;
  /** Datagrams the link holds at once (queued for the rate, or in flight), as netem's `limit`; more are dropped and counted as `queue`. Default: no limit. */
  queueLimit?: number;
  /** Bytes per second the link carries (each datagram's IP packet size counts); 0 or absent: no limit. */
  rate?: number;
  /** One-way delay in milliseconds. */
  delay?: number;
  /** Uniform jitter in milliseconds, ± around `delay` (never before the datagram left): jitter larger than the spacing of datagrams reorders them, as on netem. */
  jitter?: number;
  /** Reordering: a probability (gap 1), or a probability and gap. */
  reorder?: number | Reordering;
  /** Probability, 0 to 1, that a datagram is delivered twice. */
  duplicate?: number;
  /** Connections: cut what is written into segments of random small sizes, spaced in time. */
  slicer?: Slicer;
  /** Connections: reset (both ends see ECONNRESET) once this many bytes have crossed in this direction. */
  resetAfter?: number;
  /** Connections: reset this many milliseconds after the connection is made. */
  resetAt?: number;
  /** Connections: close (a FIN each way) once this many bytes have crossed in this direction; what is past it is not delivered. */
  limitData?: number;
  /** Connections: a FIN takes this many milliseconds more to arrive. */
  slowClose?: number;
  /** Connections: the receiving end stops reading (what arrives waits unread, its window fills, the sender is held back) until set false. */
  stopReading?: boolean;
}
