// Datagrams per second received by wskit, against raw node:dgram in the same run, with the sender
// in a child process: WskReceiveFromEvent, and a loop of reposted WskReceiveFrom IRPs (pooled IRPs
// and buffers), at 64 B and 1200 B. Then the heap over 1 M datagrams on each wskit path.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import { SO_WSK_EVENT_CALLBACK, SOL_SOCKET, STATUS_PENDING, WSK_EVENT_RECEIVE_FROM, WskSetOption } from "@wskit/core";
import { DEFAULT_RECEIVE_BUFFER_BYTES, DEFAULT_RETENTION_LIMIT_BYTES, getDatagramCounters, openDatagramSocket } from "@wskit/dgram";
import { median, result, settledHeap, writeResults, type BenchResult } from "../../../configs/bench";
import { heapOver, measure, rawUdpReceiver, udpSender } from "../../../configs/receiveBench";
import { eventReceiver, irpReceiver, localPort } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const TRIALS = 7;

// SPEC §6: a client that retains every list and never releases, under a 10 s blast. Its memory must
// stay within SO_RCVBUF + the retention limit (plus pool slack), and every datagram Node handed over
// must be counted as indicated, queued or dropped.
async function slowConsumer(seconds: number) {
  const socket = await openDatagramSocket({
    dispatch: { WskReceiveFromEvent: () => STATUS_PENDING },
  });
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
  const rssBefore = (settledHeap(), process.memoryUsage().rss);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  await udpSender(64)(await localPort(socket), seconds).exited;
  clearInterval(sampler);
  const c = getDatagramCounters(socket);
  const accounted = c.indicated + c.queued + c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNoBuffer;
  await socket[Symbol.asyncDispose]();
  return { rssGrowth: rssPeak - rssBefore, received: c.received, accounted, dropped: c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNoBuffer };
}

const results: BenchResult[] = [];
for (const size of [64, 1200]) {
  type Run = { perSecond: number; cpuMicros: number };
  const runs: Record<"raw" | "event" | "irp", Run[]> = { raw: [], event: [], irp: [] };
  // Interleave the three so drift on a noisy machine hits them alike.
  for (let trial = 0; trial < TRIALS; trial++) {
    runs.raw.push(await measure(rawUdpReceiver, udpSender(size)));
    runs.event.push(await measure(eventReceiver, udpSender(size)));
    runs.irp.push(await measure(() => irpReceiver(), udpSender(size)));
  }
  const perSecond = (key: keyof typeof runs) => median(runs[key].map((r) => r.perSecond));
  const cpu = (key: keyof typeof runs) => median(runs[key].map((r) => r.cpuMicros));
  const paths = [
    ["raw", "raw node:dgram 'message'"],
    ["event", "WskReceiveFromEvent"],
    ["irp", "reposted WskReceiveFrom IRPs (8 outstanding, pooled)"],
  ] as const;
  for (const [key, label] of paths) {
    results.push(result(`udp receive ${size} B: ${label}`, "datagrams/s", perSecond(key), key === "raw" ? null : perSecond("raw")));
  }
  for (const [key, label] of paths) {
    results.push(result(`udp receive ${size} B: ${label}`, "receiver CPU µs/datagram (lower is better)", cpu(key), key === "raw" ? null : cpu("raw")));
  }
}
results.push(result("heap growth over 1 M datagrams: WskReceiveFromEvent", "bytes", await heapOver(eventReceiver, udpSender(64), 1_000_000)));
results.push(result("heap growth over 1 M datagrams: reposted WskReceiveFrom IRPs", "bytes", await heapOver(() => irpReceiver(), udpSender(64), 1_000_000)));
const slow = await slowConsumer(10);
const bound = DEFAULT_RECEIVE_BUFFER_BYTES + DEFAULT_RETENTION_LIMIT_BYTES;
results.push(result("slow consumer, 10 s blast: peak RSS growth (bound: SO_RCVBUF + retention limit)", "bytes", slow.rssGrowth, bound));
results.push(result("slow consumer, 10 s blast: datagrams received from Node", "datagrams", slow.received));
results.push(result("slow consumer, 10 s blast: indicated + queued + counted drops", "datagrams", slow.accounted, slow.received));
results.push(result("slow consumer, 10 s blast: counted drops", "datagrams", slow.dropped));
writeResults(packageDir, results);
process.exit(0);
