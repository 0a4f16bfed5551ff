// A datagram socket's state, in one record under one symbol (STYLE.md §2).
import type { Fifo, IRP, SockAddr } from "@wskit/core";
import type { DatagramEngine, DatagramEngineChoice, DatagramEngineFactory, EngineTunable } from "../engines/DatagramEngine";
import type { DatagramCounters } from "../wsk/DatagramCounters";
import type { DatagramRecord } from "./DatagramRecord";
import type { IndicationPool } from "./IndicationPool";
import type { DropsNoted } from "./dropNotes";
import type { UdpOptions } from "./udpOptions";

export const BindPhase = { Unbound: 0, Binding: 1, Bound: 2 } as const;
export type BindPhase = (typeof BindPhase)[keyof typeof BindPhase];

export interface DatagramState {
  family: number;
  /** The engine that carries the socket: made by the bind, null before it (and after a failed one). */
  engine: DatagramEngine | null;
  /** The engine the next bind makes (SO_WSKIT_DGRAM_ENGINE; WSKIT_DGRAM_ENGINE by default). */
  engineChoice: DatagramEngineChoice;
  /** Set by a provider that carries the socket itself (a simulated network): it makes the engine, whatever the choice. */
  engineFactory: DatagramEngineFactory | null;
  /** SO_WSKIT_REUSEPORT, for the next bind. */
  reusePort: boolean;
  /** SO_WSKIT_RECEIVE_COALESCE and SO_WSKIT_SEND_SEGMENTATION as set; absent: the engine's default. */
  tunables: Partial<Record<EngineTunable, number>>;
  /** The UDP options (SO_SNDBUF, SO_BROADCAST, TTLs, multicast), for the engine. */
  udp: UdpOptions;
  /** Control information asked for (CONTROL_* bits of the IP options). */
  control: number;
  /** Whether the bound socket keeps the process alive (ref/unref). */
  referenced: boolean;
  phase: BindPhase;
  /** The engine failed or closed under us: calls complete with STATUS_FILE_FORCED_CLOSED. */
  broken: boolean;
  /** WSPShutdown(SD_RECEIVE / SD_BOTH) was called: datagrams are discarded, receives refused. */
  receiveShutdown: boolean;
  sendShutdown: boolean;
  local: SockAddr | null;
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
  counters: DatagramCounters;
  /** The drop counters and the kernel's count as last reported on `wskit:datagram:drop`. */
  dropsNoted: DropsNoted;
}

export const kDatagram = Symbol.for("@wskit/dgram.DatagramState");

/** Indications per WskReceiveFromEvent call at most. */
export const MAX_BATCH = 64;
