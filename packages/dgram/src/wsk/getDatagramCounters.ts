import { checkOptions } from "@wskit/core";
import { engineNameOf } from "../engines/engineChoice";
import { assertDatagramSocket } from "../internal/assertDatagramSocket";
import { noteKernelDrops } from "../internal/dropNotes";
import { BindPhase, kDatagram } from "../internal/datagramState";
import type { DatagramCounters } from "./DatagramCounters";
import type { DatagramSocket } from "./DatagramSocket";

/** Options of {@link getDatagramCounters}. */
export interface GetDatagramCountersOptions {
  /**
   * Read the kernel's drop count (`droppedKernel`): a getsockopt on the native engine, a read of
   * /proc/net/udp on the node engine. Default true; false leaves `droppedKernel` null, for a caller
   * that reads the counters very often.
   */
  kernelDrops?: boolean;
}

/** A snapshot of a datagram socket's counters (received, indicated, retained, dropped by reason, …). */
export function getDatagramCounters(socket: DatagramSocket, options: GetDatagramCountersOptions = {}): Readonly<DatagramCounters> {
  assertDatagramSocket(socket, "getDatagramCounters");
  checkOptions("getDatagramCounters", options);
  const state = socket[kDatagram];
  // `queued` and `buffersInUse` are the queue and the pool themselves, not counts kept beside them;
  // `droppedKernel` is the kernel's own count, read now.
  const engine = state.engine;
  const droppedKernel = options.kernelDrops !== false && state.phase === BindPhase.Bound && engine !== null ? engine.kernelDrops() : null;
  noteKernelDrops(socket, droppedKernel);
  return { ...state.counters, queued: state.queue.size, buffersInUse: state.pool.outstanding, droppedKernel, engine: engineNameOf(state) };
}

