import { createSocket } from "node:dgram";
import { createServer, type Server } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { getDatagramCounters, openDatagramSocket } from "@wskit/dgram";
import { connect, getStreamCounters, listen, receive, send, type ConnectionSocket } from "@wskit/stream";
import { registerWskitMetrics } from "../src/prometheus/wskitMetrics.js";

// SPEC §10: the exporter example, scraped over HTTP while a blast runs; its numbers are the
// sockets' own counters.
const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

async function serve(registry: Registry): Promise<{ scrape(): Promise<string>; server: Server }> {
  const server = createServer((_request, response) => void registry.metrics().then((text) => response.writeHead(200, { "content-type": registry.contentType }).end(text)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`;
  return { server, scrape: async () => (await fetch(url)).text() };
}

describe("the Prometheus exporter (apps/examples/src/prometheus)", () => {
  it("scraped during a blast into a full queue: received and dropped grow, and end equal to the socket's counters", async () => {
    const registry = new Registry();
    const metrics = registerWskitMetrics(registry);
    const { scrape, server } = await serve(registry);
    try {
      await using socket = await openDatagramSocket({ receiveBufferSize: 8 * 1024 });
      const sender = createSocket("udp4");
      const port = socket.localAddress?.port ?? 0;
      const seen: number[] = [];
      for (let round = 0; round < 4; round++) {
        await Promise.all(Array.from({ length: 1000 }, () => new Promise((resolve) => sender.send(Buffer.alloc(100), port, "127.0.0.1", resolve))));
        await delay(20);
        seen.push(value(await scrape(), "wskit_datagrams_received_total"));
      }
      sender.close();
      await delay(50);
      const text = await scrape();
      const counters = getDatagramCounters(socket);
      expect(seen.every((n, i) => i === 0 || n >= (seen[i - 1] as number))).toBe(true);
      expect(value(text, "wskit_datagrams_received_total")).toBe(counters.received);
      expect(value(text, 'wskit_datagrams_dropped_total{reason="queueFull"}')).toBe(counters.droppedQueueFull);
      expect(counters.droppedQueueFull).toBeGreaterThan(0);
      expect(value(text, "wskit_datagrams_received_total") + value(text, 'wskit_datagrams_dropped_total{reason="kernel"}')).toBe(4000);
      expect(value(text, "wskit_datagrams_queued")).toBe(counters.queued);
      expect(text).toContain("# TYPE wskit_datagrams_dropped_total counter");
    } finally {
      metrics.close();
      server.close();
    }
  });

  it("connections: active, accepted and bytes; a closed socket's counts stay in the totals", async () => {
    const registry = new Registry();
    const metrics = registerWskitMetrics(registry);
    const { scrape, server } = await serve(registry);
    try {
      const listener = await listen();
      const next = listener.connections().next();
      const client = await connect(listener.address);
      const peer = (await next).value as ConnectionSocket;
      await send(client, "0123456789");
      await receive(peer, 10, { waitAll: true });
      let text = await scrape();
      expect(value(text, "wskit_connections_active")).toBe(2);
      expect(value(text, "wskit_connections_accepted_total")).toBe(1);
      expect(value(text, "wskit_stream_sent_bytes_total")).toBe(getStreamCounters(client).bytesSent);
      await client[Symbol.asyncDispose]();
      await peer[Symbol.asyncDispose]();
      await listener[Symbol.asyncDispose]();
      // Helper connections end gracefully: their close completes once both FINs are through.
      for (let i = 0; i < 200 && value((text = await scrape()), "wskit_connections_active") !== 0; i++) await delay(10);
      expect(value(text, "wskit_connections_active")).toBe(0);
      expect(value(text, "wskit_connections_accepted_total")).toBe(1);
      expect(value(text, "wskit_stream_sent_bytes_total")).toBe(10);
      expect(value(text, "wskit_stream_received_bytes_total")).toBe(10);
    } finally {
      metrics.close();
      server.close();
    }
  });
});
