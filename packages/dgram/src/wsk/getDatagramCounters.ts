import { BindPhase, kDatagram } from "../internal/datagramState";
import { kernelDrops } from "../internal/kernelDrops";
import type { DatagramCounters } from "./DatagramCounters";
import type { DatagramSocket } from "./DatagramSocket";

/** A snapshot of a datagram socket's counters (received, indicated, retained, dropped by reason, …). */
export function getDatagramCounters(socket: DatagramSocket): Readonly<DatagramCounters> {
  const state = socket[kDatagram];
  // `queued` and `buffersInUse` are the queue and the pool themselves, not counts kept beside them;
  // `droppedKernel` is the kernel's own count, read now.
  const kernel = state.phase === BindPhase.Bound ? kernelDrops(state.local) : null;
  const droppedKernel = kernel === null || state.kernelDropsAtBind === null ? null : kernel - state.kernelDropsAtBind;
  return { ...state.counters, queued: state.queue.size, buffersInUse: state.pool.outstanding, droppedKernel };
}
