import { engineNameOf } from "../engines/engineChoice";
import { BindPhase, kDatagram } from "../internal/datagramState";
import type { DatagramCounters } from "./DatagramCounters";
import type { DatagramSocket } from "./DatagramSocket";

/** A snapshot of a datagram socket's counters (received, indicated, retained, dropped by reason, …). */
export function getDatagramCounters(socket: DatagramSocket): Readonly<DatagramCounters> {
  const state = socket[kDatagram];
  // `queued` and `buffersInUse` are the queue and the pool themselves, not counts kept beside them;
  // `droppedKernel` is the kernel's own count, read now.
  const engine = state.engine;
  const droppedKernel = state.phase === BindPhase.Bound && engine !== null ? engine.kernelDrops() : null;
  return { ...state.counters, queued: state.queue.size, buffersInUse: state.pool.outstanding, droppedKernel, engine: engineNameOf(state) };
}
