// A live UDP metrics aggregator with @wskit/rx: statsd lines (`name:value|c`, `|g`, `|ms`, with an
// optional `|@rate` sample rate) arrive as datagram indications; each one is retained across an async
// step (a tag lookup) and parsed straight from the provider's buffer afterwards, then released;
// the parsed samples are aggregated per 200 ms window. The sender, in the same program, posts its
// lines with the wskSendTo operator (IRP-backed sends, at most 8 in flight).
import { concatMap, filter, from, lastValueFrom, map, reduce, Subject, takeUntil, tap, timer, toArray, windowTime, zip } from "rxjs";
import { runIrp, SockAddr } from "@wskit/core";
import { getDatagramCounters, openDatagramSocket } from "@wskit/dgram";
import { datagramIndications, mergeMapRetained, wskSendTo, type DatagramIndication } from "@wskit/rx";
import { check } from "../check.js";

interface Sample {
  name: string;
  value: number;
  type: "c" | "g" | "ms";
  service: string;
}

interface Window {
  index: number;
  counters: Map<string, number>;
  gauges: Map<string, number>;
  timers: Map<string, { count: number; sum: number; max: number }>;
  lines: number;
}

// A service registry the aggregator consults per line (async, as a real lookup would be).
const SERVICES = new Map([
  ["api", "frontend"],
  ["db", "storage"],
]);
async function lookupService(prefix: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  return SERVICES.get(prefix) ?? "unknown";
}

const decoder = new TextDecoder();
function parse(line: string, service: string): Sample | null {
  const match = /^([\w.]+):(-?[\d.]+)\|(c|g|ms)(?:\|@([\d.]+))?$/.exec(line);
  if (match === null) return null;
  const [, name, raw, type, rate] = match as unknown as [string, string, string, Sample["type"], string | undefined];
  const value = Number(raw);
  // A sampled counter stands for 1/rate events.
  return { name, value: type === "c" && rate !== undefined ? value / Number(rate) : value, type, service };
}

function add(window: Window, sample: Sample): Window {
  window.lines++;
  const key = `${sample.service}/${sample.name}`;
  if (sample.type === "c") window.counters.set(key, (window.counters.get(key) ?? 0) + sample.value);
  else if (sample.type === "g") window.gauges.set(key, sample.value);
  else {
    const timer = window.timers.get(key) ?? { count: 0, sum: 0, max: 0 };
    timer.count++;
    timer.sum += sample.value;
    timer.max = Math.max(timer.max, sample.value);
    window.timers.set(key, timer);
  }
  return window;
}

function describe(window: Window): string {
  const counters = [...window.counters].map(([k, v]) => `${k}=${v}`).join(" ");
  const gauges = [...window.gauges].map(([k, v]) => `${k}=${v}`).join(" ");
  const timers = [...window.timers].map(([k, t]) => `${k} n=${t.count} mean=${(t.sum / t.count).toFixed(1)}ms max=${t.max}ms`).join(" ");
  return `window ${window.index}: ${window.lines} lines | ${counters} | ${gauges} | ${timers}`;
}

// The aggregator.
await using server = await openDatagramSocket({ address: "127.0.0.1:0" });
const serverAddress = new SockAddr();
await runIrp((irp) => server.Dispatch.WskGetLocalAddress(server, serverAddress, irp));
const counters = { emitted: 0, dropped: 0 };
const stop = new Subject<void>();
let heldAtOnce = 0;
let held = 0;
let windowIndex = 0;
const windows = lastValueFrom(
  datagramIndications(server, { maxRetained: 512, counters }).pipe(
    takeUntil(stop),
    // Retained across the lookup: the bytes are still the provider's, valid until the release.
    mergeMapRetained(async (datagram: DatagramIndication) => {
      held++;
      heldAtOnce = Math.max(heldAtOnce, held);
      const prefix = decoder.decode(datagram.bytes.subarray(0, datagram.bytes.indexOf(0x2e)));
      const service = await lookupService(prefix);
      const sample = parse(decoder.decode(datagram.bytes), service);
      held--;
      return sample;
    }, 64),
    filter((sample): sample is Sample => sample !== null),
    windowTime(200),
    concatMap((window) => window.pipe(reduce(add, { index: windowIndex++, counters: new Map(), gauges: new Map(), timers: new Map(), lines: 0 } as Window))),
    filter((window) => window.lines > 0),
    tap((window) => console.log(`  ${describe(window)}`)),
    toArray(),
  ),
);

// The sender: 40 rounds of 25 lines, one round every 20 ms, through wskSendTo.
await using client = await openDatagramSocket({ address: "127.0.0.1:0" });
const ROUNDS = 40;
const lines: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < 10; i++) lines.push("api.requests:1|c");
  for (let i = 0; i < 5; i++) lines.push(`api.latency:${10 + ((round * 5 + i) % 20)}|ms`);
  for (let i = 0; i < 5; i++) lines.push("db.queries:2|c|@0.5"); // each stands for 4 queries
  lines.push(`db.connections:${round % 7}|g`);
  lines.push("api.bogus line");
  for (let i = 0; i < 3; i++) lines.push(`db.latency:${round + i}|ms`);
}
const perRound = lines.length / ROUNDS;
const encoder = new TextEncoder();
const sent = await lastValueFrom(
  zip(from(Array.from({ length: ROUNDS }, (_, r) => lines.slice(r * perRound, (r + 1) * perRound))), timer(0, 20)).pipe(
    concatMap(([round]) => from(round)),
    map((line) => encoder.encode(line)),
    wskSendTo(client, { remote: serverAddress, maxInFlight: 8 }),
    toArray(),
  ),
);
// Let the last lines through the lookups, then end the stream: the open window closes and is emitted.
const settled = () => counters.emitted + counters.dropped === getDatagramCounters(server).received && held === 0;
for (let quiet = 0; quiet < 5; quiet = settled() ? quiet + 1 : 0) await new Promise((resolve) => setTimeout(resolve, 20));
stop.next();
const result = await windows;

const c = getDatagramCounters(server);
const total = (pick: (w: Window) => number) => result.reduce((sum, w) => sum + pick(w), 0);
const requests = total((w) => w.counters.get("frontend/api.requests") ?? 0);
const queries = total((w) => w.counters.get("storage/db.queries") ?? 0);
const apiTimings = total((w) => w.timers.get("frontend/api.latency")?.count ?? 0);
const lost = c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNoBuffer + counters.dropped + (lines.length - c.received);
console.log(`${sent.length} lines sent in ${result.length} windows; ${c.received} received, ${lost} lost; at most ${heldAtOnce} datagrams held across lookups at once`);
console.log(`totals: api.requests=${requests} db.queries=${queries} api.latency samples=${apiTimings}; pool buffers in use after: ${c.buffersInUse}`);
check(sent.length === lines.length, "every line was sent (one completion per WskSendTo)");
check(lost === 0, "no line lost on loopback at this rate");
check(requests === ROUNDS * 10, "api.requests counts every request");
check(queries === ROUNDS * 5 * 4, "db.queries scales the sampled counter by 1/rate");
check(apiTimings === ROUNDS * 5, "every api.latency timing is in a window");
check(result.length >= 3, "the traffic spans several windows");
check(c.buffersInUse === 0 && c.retained === 0, "every retained datagram was released");
