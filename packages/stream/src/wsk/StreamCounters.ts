/**
 * What a connection, stream or listening socket counts, as getDatagramCounters does for datagram
 * sockets. A connection's bytes received are every byte Node read from the peer; each ends taken
 * by a receive, indicated, buffered (`backlog`), or discarded at close.
 */
export interface StreamCounters {
  /** Bytes read from the peer. */
  bytesReceived: number;
  /** Bytes the OS took from completed sends. */
  bytesSent: number;
  /** WskReceive requests completed with data or the end of the stream. */
  receivesCompleted: number;
  /** WskSend requests completed with success. */
  sendsCompleted: number;
  /** WskReceiveEvent calls (each an indication list). */
  indications: number;
  /** Times reading paused because the buffered bytes reached their bound (flow control pushing back on the peer). */
  pausedByFlowControl: number;
  /** Bytes buffered now, waiting for a receive or the event callback (read from the backlog itself). */
  backlog: number;
  /** The most bytes ever buffered at once. */
  peakBacklog: number;
  /** Listening sockets: connections handed to WskAccept or taken by WskAcceptEvent. */
  connectionsAccepted: number;
  /** Listening sockets: connections closed unaccepted (the accept backlog full, or WskAcceptEvent refused them). */
  connectionsRefused: number;
}

export function newStreamCounters(): StreamCounters {
  return {
    bytesReceived: 0,
    bytesSent: 0,
    receivesCompleted: 0,
    sendsCompleted: 0,
    indications: 0,
    pausedByFlowControl: 0,
    backlog: 0,
    peakBacklog: 0,
    connectionsAccepted: 0,
    connectionsRefused: 0,
  };
}
