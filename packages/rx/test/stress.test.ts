import { createSocket } from "node:dgram";
import { describe, expect, it } from "vitest";
import { runIrp, SockAddr } from "@wskit/core";
import { getDatagramCounters, openDatagramSocket } from "@wskit/dgram";
import { datagramIndications, mergeMapRetained, type DatagramIndication } from "@wskit/rx";

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("a pipeline that retains every datagram across async work", () => {
  it("50,000 datagrams, each held for a random delay: every one emitted is processed and released exactly once, the pool full at the end", async () => {
    const total = 50_000;
    await using socket = await openDatagramSocket();
    const local = new SockAddr();
    await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));
    const counters = { emitted: 0, dropped: 0 };
    const seen = new Uint8Array(total);
    const processed: DatagramIndication[] = [];
    let failure: unknown;
    const subscription = datagramIndications(socket, { maxRetained: 1024, counters })
      .pipe(
        mergeMapRetained(async (datagram) => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
          // Still ours after the delay: retained by the operator, bytes intact.
          expect(datagram.retained).toBe(true);
          const sequence = new DataView(datagram.bytes.buffer, datagram.bytes.byteOffset).getUint32(0);
          seen[sequence] = (seen[sequence] as number) + 1;
          processed.push(datagram);
        }, 512),
      )
      .subscribe({ error: (error: unknown) => (failure = error) });

    const peer = createSocket("udp4");
    await new Promise<void>((resolve) => peer.bind(0, "127.0.0.1", resolve));
    const dgram = () => getDatagramCounters(socket);
    const settled = () => {
      const c = dgram();
      return processed.length + counters.dropped + c.droppedQueueFull + c.droppedNoBuffer;
    };
    for (let sent = 0; sent < total; ) {
      // Paced a little ahead of the pipeline, as a real sender on a LAN would be by its rate.
      while (sent - settled() > 1024) await new Promise((resolve) => setTimeout(resolve, 1));
      let last: Promise<void> = Promise.resolve();
      for (const end = Math.min(total, sent + 128); sent < end; sent++) {
        const payload = Buffer.alloc(64); // node:dgram sends the caller's buffer later, not a copy
        payload.writeUInt32BE(sent, 0);
        last = new Promise<void>((resolve) => peer.send(payload, local.port, local.address, () => resolve()));
      }
      await last;
      await turn();
    }
    const accounted = () => {
      const c = dgram();
      return c.indicated + c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNoBuffer;
    };
    // Wait (bounded) until the OS has handed over what it will, then until every projection settled.
    for (let idle = 0, last = -1; idle < 20; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const now = accounted() + counters.emitted;
      idle = now === last ? idle + 1 : 0;
      last = now;
    }
    while (processed.length < counters.emitted && failure === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    subscription.unsubscribe();
    await new Promise<void>((resolve) => peer.close(() => resolve()));

    expect(failure).toBeUndefined(); // a second release would have thrown and errored the pipeline
    const c = dgram();
    expect(c.indicated).toBe(counters.emitted + counters.dropped);
    expect(counters.emitted).toBeGreaterThan(total * 0.8);
    expect(processed).toHaveLength(counters.emitted);
    expect(processed.every((d) => !d.retained)).toBe(true);
    for (let i = 0; i < total; i++) expect(seen[i]).toBeLessThanOrEqual(1);
    expect(c.retained).toBe(0);
    expect(c.buffersInUse).toBe(0);
    console.log(`stress: ${total} sent, ${c.received} received, ${counters.emitted} processed, ${counters.dropped} dropped at the retention bound, ${c.droppedQueueFull} at SO_RCVBUF`);
  }, 60_000);
});
