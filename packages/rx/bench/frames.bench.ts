// Small framed messages over TCP (issue 17): length-prefixed messages (a 2-byte length, 100 B and
// 1 KiB in all) from a sender in a child process, cut by lengthPrefixedFrames over
// connectionIndications, against the hand-written 'data' framer a Node user writes, in the same
// run, trials interleaved: messages/s and the ratio (goal ≥ 0.9× at 100 B, ≥ 1.0× at 1 KiB).
//
//   pnpm bench            (from packages/rx; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import { listen } from "@wskit/stream";
import { connectionFrames, connectionIndications, lengthPrefixedFrames } from "@wskit/rx";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { heapOver, measure, rawTcpServer, tcpSender, trialOrder, type Receiver } from "../../../configs/receiveBench";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const TRIALS = 5;
const SECTION = "frames: ";

// The hand-written framer, written well: a 2-byte big-endian length, then the message, cut out of
// 'data' chunks as views; only a message split across chunks is copied (just its own bytes).
const rawFramer = () =>
  rawTcpServer((socket, add) => {
    let pending: Buffer | null = null;
    socket.on("data", (chunk: Buffer) => {
      let messages = 0;
      let at = 0;
      if (pending !== null) {
        // Complete the split message with the bytes it needs from this chunk, no more.
        const headerNeed = Math.max(0, 2 - pending.byteLength);
        const head: Buffer = headerNeed > 0 ? Buffer.concat([pending, chunk.subarray(0, headerNeed)]) : pending;
        if (head.byteLength < 2) {
          pending = head;
          return;
        }
        const need = 2 + head.readUInt16BE(0) - head.byteLength;
        if (chunk.byteLength - headerNeed < need) {
          pending = Buffer.concat([head, chunk.subarray(headerNeed)]);
          return;
        }
        const message = Buffer.concat([head, chunk.subarray(headerNeed, headerNeed + need)]);
        void message;
        messages++;
        at = headerNeed + need;
        pending = null;
      }
      while (chunk.byteLength - at >= 2) {
        const length = chunk.readUInt16BE(at);
        if (chunk.byteLength - at - 2 < length) break;
        const message = chunk.subarray(at + 2, at + 2 + length);
        void message;
        at += 2 + length;
        messages++;
      }
      if (at < chunk.byteLength) pending = Buffer.from(chunk.subarray(at));
      add(messages);
    });
  });

async function wskitFramer(): Promise<Receiver> {
  const server = await listen("127.0.0.1:0", { disposeTimeout: 0 });
  let counted = 0;
  let stop = () => {};
  void (async () => {
    for await (const connection of server.connections()) {
      const subscription = connectionIndications(connection)
        .pipe(lengthPrefixedFrames({ headerBytes: 2 }))
        .subscribe((frame) => {
          void frame.bytes;
          counted++;
        });
      stop = () => subscription.unsubscribe();
    }
  })().catch(() => {});
  return {
    port: server.address.port,
    count: () => counted,
    close: async () => {
      stop();
      await server[Symbol.asyncDispose]();
    },
  };
}

// The same frames through the async iterator, a for await step per frame.
async function wskitIterator(): Promise<Receiver> {
  const server = await listen("127.0.0.1:0", { disposeTimeout: 0 });
  let counted = 0;
  const controller = new AbortController();
  void (async () => {
    for await (const connection of server.connections()) {
      void (async () => {
        for await (const frame of connectionFrames(connection, { lengthPrefixed: { headerBytes: 2 }, signal: controller.signal })) {
          void frame.bytes;
          counted++;
        }
      })().catch(() => {});
    }
  })().catch(() => {});
  return {
    port: server.address.port,
    count: () => counted,
    close: async () => {
      controller.abort();
      await server[Symbol.asyncDispose]();
    },
  };
}

const results: BenchResult[] = [];
for (const [mode, label] of [
  ["prefixed", "100 B"],
  ["prefixed1k", "1 KiB"],
] as const) {
  const paths: Array<[string, () => Promise<Receiver>]> = [
    ["framer", rawFramer],
    ["wskit", wskitFramer],
    ["iterator", wskitIterator],
  ];
  const runs = new Map<string, number[]>(paths.map(([key]) => [key, []]));
  for (let trial = 0; trial < TRIALS; trial++) {
    for (const [key, open] of trialOrder(paths, trial)) runs.get(key)?.push((await measure(open, tcpSender(mode))).perSecond);
  }
  const framer = median(runs.get("framer") ?? []);
  results.push(result(`${SECTION}length-prefixed ${label} messages: hand-written 'data' framer`, "messages/s", framer));
  results.push(result(`${SECTION}length-prefixed ${label} messages: lengthPrefixedFrames over connectionIndications`, "messages/s", median(runs.get("wskit") ?? []), framer));
  results.push(result(`${SECTION}length-prefixed ${label} messages: connectionFrames (for await)`, "messages/s", median(runs.get("iterator") ?? []), framer));
}
// The floor of one `for await` step, whatever it iterates: an iterator whose next() returns an
// already resolved promise, as connectionFrames' does when a frame waits. A frame iterator pays
// this on top of the framing, so it cannot come near a synchronous framer at 100 B frames.
async function forAwaitStep(): Promise<number> {
  const value = { done: false, value: 0 } as const;
  const steps: AsyncIterableIterator<number> = {
    next: () => Promise.resolve(value),
    [Symbol.asyncIterator]: () => steps,
  };
  const STEPS = 2_000_000;
  const started = process.cpuUsage();
  let taken = 0;
  for await (const _ of steps) if (++taken === STEPS) break;
  const used = process.cpuUsage(started);
  return (used.user + used.system) / STEPS;
}
const stepCosts: number[] = [];
for (let trial = 0; trial < 5; trial++) stepCosts.push(await forAwaitStep());
results.push(result(`${SECTION}one for await step over a resolved promise (the floor of a frame iterator's step)`, "CPU µs/step", median(stepCosts)));
// Heap flat: growth between the 100,000th and the 10,000,000th 100-byte frame (settled by gc()).
const FRAMES = 10_000_000;
results.push(result(`${SECTION}heap growth over ${FRAMES.toLocaleString("en")} 100 B frames: lengthPrefixedFrames`, "bytes", await heapOver(wskitFramer, tcpSender("prefixed"), FRAMES)));
results.push(result(`${SECTION}heap growth over ${FRAMES.toLocaleString("en")} 100 B frames: connectionFrames (for await)`, "bytes", await heapOver(wskitIterator, tcpSender("prefixed"), FRAMES)));
writeResults(packageDir, results, SECTION);
process.exit(0);
