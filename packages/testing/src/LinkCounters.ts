/** Datagrams a link dropped, by cause. */
export interface LinkDrops {
  /** Lost (independent or Gilbert-Elliott loss). */
  loss: number;
  /** Larger than the link's MTU. */
  mtu: number;
  /** Over the link's queue limit. */
  queue: number;
  /** Sent while the link was partitioned. */
  partition: number;
  /** Arrived where no socket was bound (or the socket had closed). */
  noListener: number;
}

/**
 * What one link (one direction of one address pair) did, since the network was made: every datagram
 * sent is delivered, dropped for one cause, or still in flight; duplicates are delivered on top.
 */
export interface LinkCounters {
  /** The sending address. */
  from: string;
  /** The receiving address. */
  to: string;
  /** Datagrams sent into the link. */
  sent: number;
  /** Datagrams handed to a receiving socket (duplicates included). */
  delivered: number;
  /** Datagrams sent but neither delivered nor dropped yet. */
  inFlight: number;
  /** Extra copies made (each delivered on top of its original, unless that is dropped at arrival). */
  duplicated: number;
  /** Datagrams held back and passed by later ones. */
  reordered: number;
  /** Datagrams with one bit flipped. */
  corrupted: number;
  /** Datagrams dropped, by cause. */
  dropped: LinkDrops;
  /** Payload bytes sent into the link. */
  bytesSent: number;
  /** Payload bytes delivered. */
  bytesDelivered: number;
}

/** Fresh counters of a link. */
export function newLinkCounters(from: string, to: string): LinkCounters {
  return {
    from,
    to,
    sent: 0,
    delivered: 0,
    inFlight: 0,
    duplicated: 0,
    reordered: 0,
    corrupted: 0,
    dropped: { loss: 0, mtu: 0, queue: 0, partition: 0, noListener: 0 },
    bytesSent: 0,
    bytesDelivered: 0,
  };
}
