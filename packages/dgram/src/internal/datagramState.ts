// A datagram socket's state, in one record under one symbol (STYLE.md §2).
import type { Socket } from "node:dgram";
import type { Fifo, IRP, SockAddr } from "@wskit/core";
import type { DatagramCounters } from "../wsk/DatagramCounters";
import type { DatagramRecord } from "./DatagramRecord";
import type { IndicationPool } from "./IndicationPool";

export const BindPhase = { Unbound: 0, Binding: 1, Bound: 2 } as const;
export type BindPhase = (typeof BindPhase)[keyof typeof BindPhase];

export interface DatagramState {
  family: number;
  node: Socket;
  phase: BindPhase;
  /** The Node socket failed or closed under us: calls complete with STATUS_FILE_FORCED_CLOSED. */
  broken: boolean;
  /** The Node socket emitted 'close'. */
  nodeClosed: boolean;
  /** WSPShutdown(SD_RECEIVE / SD_BOTH) was called: datagrams are discarded, receives refused. */
  receiveShutdown: boolean;
  sendShutdown: boolean;
  local: SockAddr | null;
  /** The kernel's drop count of the socket's row when it was bound (0 for a new socket), or null. */
  kernelDropsAtBind: number | null;
  /** SIO_WSK_SET_REMOTE_ADDRESS: sends go there and only its datagrams are accepted. */
  fixedRemote: SockAddr | null;
  /** SIO_WSK_SET_SENDTO_ADDRESS: sends go there; receives stay open. */
  sendTo: SockAddr | null;
  /** WskReceiveFrom IRPs waiting for a datagram, oldest first. */
  receives: Fifo<IRP>;
  /** Datagrams no IRP took, waiting for a receive or the event callback, oldest first. */
  queue: Fifo<DatagramRecord>;
  queuedBytes: number;
  /** SO_RCVBUF: the bound on queuedBytes. */
  receiveBufferBytes: number;
  retainedBytes: number;
  /** The bound on retainedBytes. */
  retentionLimitBytes: number;
  flushScheduled: boolean;
  pool: IndicationPool;
  /** Sends handed to Node, in the order Node completes them. */
  sends: Fifo<IRP>;
  /** The socket's one send callback. */
  onSent: (error: Error | null, bytes: number) => void;
  counters: DatagramCounters;
}

export const kDatagram = Symbol.for("@wskit/dgram.DatagramState");

/** Indications per WskReceiveFromEvent call at most. */
export const MAX_BATCH = 64;
