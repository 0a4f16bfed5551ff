// wskit's counters on a Prometheus /metrics endpoint (prom-client), as an operator would run it:
// a UDP receiver whose consumer is too slow for a blast, scraped while the blast runs. The metrics
// find the sockets through wskit's diagnostics channels: the receiver itself has no metrics code.
import { createServer } from "node:http";
import { createSocket } from "node:dgram";
import { Registry } from "prom-client";
import { setTimeout as delay } from "node:timers/promises";
import { datagrams, getDatagramCounters, openDatagramSocket } from "@wskit/dgram";
import { registerWskitMetrics } from "../prometheus/wskitMetrics.js";
import { check } from "../check.js";

const registry = new Registry();
const metrics = registerWskitMetrics(registry);
const http = createServer((request, response) => {
  if (request.url !== "/metrics") return void response.writeHead(404).end();
  void registry.metrics().then((text) => response.writeHead(200, { "content-type": registry.contentType }).end(text));
});
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(http.address() as { port: number }).port}/metrics`;
const scrape = async () => (await fetch(endpoint)).text();
const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

// The service: a UDP receiver with a small queue, and a consumer that takes a millisecond a datagram.
await using receiver = await openDatagramSocket({ receiveBufferSize: 16 * 1024 });
const stop = new AbortController();
let consumed = 0;
const consuming = (async () => {
  try {
    for await (const _datagram of datagrams(receiver, { signal: stop.signal })) {
      consumed++;
      await delay(1);
    }
  } catch (error) {
    if (error !== stop.signal.reason) throw error;
  }
})();

// A blast from a plain node:dgram sender, scraped while it runs.
const sender = createSocket("udp4");
const port = receiver.localAddress?.port ?? 0;
const blast = 20_000;
const during: number[] = [];
for (let i = 0; i < blast; i++) {
  sender.send(Buffer.alloc(200), port, "127.0.0.1");
  if (i % 5000 === 4999) {
    await new Promise((resolve) => setImmediate(resolve));
    during.push(value(await scrape(), "wskit_datagrams_received_total"));
  }
}
await delay(300);
sender.close();
stop.abort();
await consuming;

const text = await scrape();
const counters = getDatagramCounters(receiver);
const shown = text.split("\n").filter((line) => /^wskit_(datagrams_(received|dropped)_total|sockets_open|datagrams_queued)/.test(line));
console.log(shown.join("\n"));
console.log(`scraped during the blast: received_total ${during.join(" → ")}; the consumer took ${consumed}`);
const droppedInMetrics = ["queueFull", "retentionLimit", "notFromRemote", "shutdown", "noBuffer", "closed", "kernel"].reduce(
  (sum, reason) => sum + value(text, `wskit_datagrams_dropped_total{reason="${reason}"}`),
  0,
);
check(value(text, "wskit_datagrams_received_total") === counters.received, "received_total is the socket's received count");
check(value(text, 'wskit_datagrams_dropped_total{reason="queueFull"}') === counters.droppedQueueFull, "dropped{queueFull} is the socket's count");
check(value(text, "wskit_datagrams_received_total") + value(text, 'wskit_datagrams_dropped_total{reason="kernel"}') === blast, "every datagram sent is received or a kernel drop");
check(droppedInMetrics >= counters.droppedQueueFull && counters.droppedQueueFull > 0, "the slow consumer dropped datagrams, and the metrics show it");
check(value(text, 'wskit_sockets_open{category="datagram"}') >= 1, "the open socket is counted");
metrics.close();
http.close();
