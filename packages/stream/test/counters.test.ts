// SPEC §9 (issue 14): connection and listening sockets count what they do, as datagram sockets do.
import { connect as netConnect, createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { connect, getStreamCounters, listen, receive, send, type ConnectionSocket } from "@wskit/stream";

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe("getStreamCounters (SPEC §9)", () => {
  it("bytes each way, receives and sends completed", async () => {
    await using server = await listen();
    const accepted = server.connections().next();
    await using client = await connect(server.address);
    await using peer = (await accepted).value as ConnectionSocket;
    await send(client, "hello");
    await send(client, " world");
    expect(new TextDecoder().decode(await receive(peer, 11, { waitAll: true }))).toBe("hello world");
    await send(peer, "ok");
    await receive(client, 2, { waitAll: true });
    expect(getStreamCounters(client)).toMatchObject({ bytesSent: 11, sendsCompleted: 2, bytesReceived: 2, receivesCompleted: 1 });
    expect(getStreamCounters(peer)).toMatchObject({ bytesSent: 2, sendsCompleted: 1, bytesReceived: 11, receivesCompleted: 1, backlog: 0 });
    expect(getStreamCounters(server.socket).connectionsAccepted).toBe(1);
  });

  it("flow control: a sender outrunning the reader pauses reading; the peak backlog stays at the bound", async () => {
    const raw = createServer();
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const peers: Socket[] = [];
    raw.on("connection", (s) => peers.push(s.on("error", () => {})));
    await using client = await connect(`127.0.0.1:${(raw.address() as { port: number }).port}`);
    await until(() => peers.length === 1);
    const chunk = Buffer.alloc(64 * 1024, 7);
    for (let i = 0; i < 32; i++) peers[0]?.write(chunk);
    await until(() => getStreamCounters(client).pausedByFlowControl > 0);
    const paused = getStreamCounters(client);
    expect(paused.pausedByFlowControl).toBeGreaterThan(0);
    expect(paused.peakBacklog).toBeGreaterThan(0);
    expect(paused.peakBacklog).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    expect(paused.backlog).toBe(paused.bytesReceived);
    // Draining it all: every byte arrives, counted once.
    let total = 0;
    while (total < 32 * chunk.byteLength) total += (await receive(client, 256 * 1024)).byteLength;
    expect(getStreamCounters(client).bytesReceived).toBe(32 * chunk.byteLength);
    for (const p of peers) p.destroy();
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it("connections refused when the accept backlog is full", async () => {
    await using server = await listen("127.0.0.1:0", { backlog: 1 });
    const clients = [0, 1, 2].map(() => netConnect(server.address.port, "127.0.0.1").on("error", () => {}));
    await until(() => getStreamCounters(server.socket).connectionsRefused >= 1);
    expect(getStreamCounters(server.socket).connectionsRefused).toBeGreaterThanOrEqual(1);
    for (const c of clients) c.destroy();
  });

  it("refuses what is not a stream socket with a coded error", () => {
    expect(() => getStreamCounters({})).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
