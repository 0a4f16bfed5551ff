// Drops for `wskit:datagram:drop` (and NODE_DEBUG=wskit), found from the counters themselves: the
// receive path only counts (a call in each drop branch would keep V8 from inlining it, ~20 % on
// the native engine's drain), and each engine reports the counters' growth once per batch or
// datagram it handled, only while someone listens. Core sums the notes per turn and reason.
import type { DatagramDropReason } from "@wskit/core";
import { datagramDropsObserved, noteDatagramDrop } from "@wskit/core/provider";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import type { DatagramCounters } from "../wsk/DatagramCounters";
import { kDatagram } from "./datagramState";

const REASONS: ReadonlyArray<[DatagramDropReason, keyof DatagramCounters]> = [
  ["queueFull", "droppedQueueFull"],
  ["retentionLimit", "droppedRetentionLimit"],
  ["notFromRemote", "droppedNotFromRemote"],
  ["shutdown", "droppedShutdown"],
  ["noBuffer", "droppedNoBuffer"],
  ["closed", "droppedClosed"],
];

/** What the drop counters (and the kernel's count) said when they were last reported. */
export interface DropsNoted {
  total: number;
  byReason: Partial<Record<keyof DatagramCounters, number>>;
  kernel: number;
}

export function newDropsNoted(): DropsNoted {
  return { total: 0, byReason: {}, kernel: 0 };
}

const totalOf = (c: DatagramCounters) => c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNotFromRemote + c.droppedShutdown + c.droppedNoBuffer + c.droppedClosed;

/** Reports the drops counted since the last report, while anyone listens; otherwise catches up silently. */
export function noteDrops(socket: DatagramSocket): void {
  const state = socket[kDatagram];
  const counters = state.counters;
  const noted = state.dropsNoted;
  const total = totalOf(counters);
  if (total === noted.total) return;
  const observed = datagramDropsObserved();
  for (const [reason, field] of REASONS) {
    const now = counters[field] as number;
    const delta = now - (noted.byReason[field] ?? 0);
    noted.byReason[field] = now;
    if (observed && delta > 0) noteDatagramDrop(socket, reason, delta);
  }
  noted.total = total;
}

/**
 * Reports the kernel's drops not reported yet (reason "kernel"). The kernel's count is read when
 * the counters are read and as the socket closes, never per datagram.
 */
export function noteKernelDrops(socket: DatagramSocket, droppedKernel: number | null): void {
  const noted = socket[kDatagram].dropsNoted;
  if (droppedKernel === null || droppedKernel <= noted.kernel) return;
  noteDatagramDrop(socket, "kernel", droppedKernel - noted.kernel);
  noted.kernel = droppedKernel;
}
