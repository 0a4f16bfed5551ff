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

/** What a link did to connection traffic (TCP) in its direction. */
export interface LinkTcpCounters {
  /** Connections made across it (counted on the direction the connect went). */
  connections: number;
  /** Segments carried. */
  segments: number;
  /** Payload bytes carried. */
  bytes: number;
  /** Segments the link lost and TCP sent again. */
  retransmits: number;
  /** Connections reset by its impairments (resetAfter, resetAt). */
  resets: number;
  /** Connections closed by limitData. */
  limited: number;
}

/** What traffic counts, on one link or summed over the network. */
export interface TrafficCounters {
  /** Datagrams sent into the link(s). */
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
}

/**
 * What one link (one direction of one address pair) did, since the network was made: every datagram
 * sent is delivered, dropped for one cause, or still in flight; duplicates are delivered on top.
 */
export interface LinkCounters extends TrafficCounters {
  /** The sending address. */
  from: string;
  /** The receiving address. */
  to: string;
  /** Payload bytes sent into the link. */
  bytesSent: number;
  /** Payload bytes delivered. */
  bytesDelivered: number;
  /** Connection traffic. */
  tcp: LinkTcpCounters;
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
    tcp: { connections: 0, segments: 0, bytes: 0, retransmits: 0, resets: 0, limited: 0 },
  };
}
