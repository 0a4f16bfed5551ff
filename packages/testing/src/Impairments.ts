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
 * What a link does to the datagrams it carries, in the order they apply: partition, MTU, loss,
 * corruption, the queue limit and rate, delay and jitter, reordering, duplication. Every field is
 * optional; a link's own settings override the network's defaults field by field.
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
}
