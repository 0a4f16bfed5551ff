import type { DatagramEngineName } from "../engines/DatagramEngine";
/**
 * What a datagram socket counts. Every datagram the OS hands over is `received`, and ends in exactly
 * one of: taken by a receive request (`toIrps`), indicated to WskReceiveFromEvent (`indicated`),
 * still queued (`queued`), or dropped for a reason (`dropped*`); so `received` is their sum.
 */
export interface DatagramCounters {
  /** Datagrams the OS handed over. */
  received: number;
  /** Taken by WskReceiveFrom (or WSPRecvFrom) requests. */
  toIrps: number;
  /** Passed to WskReceiveFromEvent. */
  indicated: number;
  /** Waiting now for a receive or the event callback (read from the queue itself). */
  queued: number;
  /** Indicated and kept by the client (STATUS_PENDING), not yet given back. */
  retained: number;
  /** Given back with WskRelease (or at close). */
  released: number;
  /** Larger than the buffer they were received into; the excess was discarded. */
  truncated: number;
  /** Dropped: the queue was at SO_RCVBUF. */
  droppedQueueFull: number;
  /** Dropped: retained indications were at the retention limit. */
  droppedRetentionLimit: number;
  /** Dropped: not from the fixed remote address (SIO_WSK_SET_REMOTE_ADDRESS). */
  droppedNotFromRemote: number;
  /** Dropped: receives were shut down (WSPShutdown). */
  droppedShutdown: number;
  /** Dropped: no pool buffer was free. */
  droppedNoBuffer: number;
  /** Still queued when the socket was closed. */
  droppedClosed: number;
  /**
   * Dropped by the kernel before the socket saw them (its receive buffer was full), since the
   * bind, read when the counters are read: on the native engine from the socket itself
   * (SO_MEMINFO's drop count), on the node engine from its /proc/net/udp row; null where the
   * platform gives no figure (not Linux, or not bound). On loopback, what a sender sent is
   * `received + droppedKernel`.
   */
  droppedKernel: number | null;
  /** The engine that carries the socket (or will, once bound): `"native"`, `"node"`, or `"test"` on a simulated network (@wskit/testing). */
  engine: DatagramEngineName;
  /** Receive buffers of the socket's pool in use now, queued or retained (read from the pool itself): 0 when the pool is full. */
  buffersInUse: number;
  /** Datagrams handed to the OS. */
  sent: number;
  /** Sends that failed. */
  sendErrors: number;
}

export function newCounters(): DatagramCounters {
  return {
    received: 0,
    toIrps: 0,
    indicated: 0,
    queued: 0,
    retained: 0,
    released: 0,
    truncated: 0,
    droppedQueueFull: 0,
    droppedRetentionLimit: 0,
    droppedNotFromRemote: 0,
    droppedShutdown: 0,
    droppedNoBuffer: 0,
    droppedClosed: 0,
    droppedKernel: null,
    engine: "node",
    buffersInUse: 0,
    sent: 0,
    sendErrors: 0,
  };
}
