// SPEC §10: what connection and listening sockets say on diagnostics_channel.
import { createServer, type Socket } from "node:net";
import { tracingChannel } from "node:diagnostics_channel";
import { describe, expect, it } from "vitest";
import {
  CHANNEL_CONNECTION_ACCEPT,
  CHANNEL_CONNECTION_CONNECT,
  CHANNEL_CONNECTION_DISCONNECT,
  CHANNEL_CONNECTION_PAUSE,
  CHANNEL_CONNECTION_RESUME,
  CHANNEL_SOCKET_CLOSE,
  CHANNEL_SOCKET_CREATE,
  TRACING_CONNECT,
  type ConnectionFlowMessage,
  type ConnectionMessage,
  type OperationTraceContext,
  type SocketCloseMessage,
  type SocketCreateMessage,
} from "@wskit/core";
import { connect, disconnect, getStreamCounters, listen, receive, send, type ConnectionSocket, type StreamCounters } from "@wskit/stream";
import { collect } from "../../core/test/helpers/channels";

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe("diagnostics channels of connections (SPEC §10)", () => {
  it("create, connect, accept, disconnect (by each side, graceful and abortive) and close", async () => {
    const created = collect<SocketCreateMessage>(CHANNEL_SOCKET_CREATE);
    const connected = collect<ConnectionMessage>(CHANNEL_CONNECTION_CONNECT);
    const accepted = collect<ConnectionMessage>(CHANNEL_CONNECTION_ACCEPT);
    const ended = collect<ConnectionMessage>(CHANNEL_CONNECTION_DISCONNECT);
    const closed = collect<SocketCloseMessage>(CHANNEL_SOCKET_CLOSE);
    const server = await listen();
    const next = server.connections().next();
    const client = await connect(server.address);
    const peer = (await next).value as ConnectionSocket;
    expect(created.filter((m) => [server.socket, client, peer].includes(m.socket as never)).map((m) => m.category)).toEqual(["listen", "connection", "connection"]);
    expect(connected.filter((m) => m.socket === client).map((m) => [String(m.local), String(m.remote)])).toEqual([[String(client.localAddress), String(server.address)]]);
    expect(accepted.filter((m) => m.socket === peer).map((m) => String(m.remote))).toEqual([String(client.localAddress)]);
    await send(client, "bye");
    await disconnect(client);
    expect(new TextDecoder().decode(await receive(peer, 3, { waitAll: true }))).toBe("bye");
    expect((await receive(peer, 8)).byteLength).toBe(0);
    await until(() => ended.some((m) => m.socket === peer));
    expect(ended.find((m) => m.socket === client)).toMatchObject({ by: "local", abortive: false });
    expect(ended.find((m) => m.socket === peer)).toMatchObject({ by: "peer", abortive: false });
    await disconnect(peer, { abortive: true });
    expect(ended.filter((m) => m.socket === peer).map((m) => [m.by, m.abortive])).toEqual([
      ["peer", false],
      ["local", true],
    ]);
    await peer[Symbol.asyncDispose]();
    await client[Symbol.asyncDispose]();
    await server[Symbol.asyncDispose]();
    await until(() => closed.some((m) => m.socket === client));
    const clientClose = closed.find((m) => m.socket === client);
    expect((clientClose?.counters as StreamCounters | undefined)?.bytesSent).toBe(3);
    expect((closed.find((m) => m.socket === server.socket)?.counters as StreamCounters | undefined)?.connectionsAccepted).toBe(1);
  });

  it("a reset by the peer: disconnect, by the peer, abortive", async () => {
    const ended = collect<ConnectionMessage>(CHANNEL_CONNECTION_DISCONNECT);
    const raw = createServer((socket) => void setTimeout(() => socket.resetAndDestroy(), 50));
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    await using client = await connect(`127.0.0.1:${(raw.address() as { port: number }).port}`);
    await receive(client, 4).catch(() => null);
    expect(ended.find((m) => m.socket === client)).toMatchObject({ by: "peer", abortive: true });
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it("pause and resume when flow control pushes back, each once per pause", async () => {
    const paused = collect<ConnectionFlowMessage>(CHANNEL_CONNECTION_PAUSE);
    const resumed = collect<ConnectionFlowMessage>(CHANNEL_CONNECTION_RESUME);
    const raw = createServer();
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const peers: Socket[] = [];
    raw.on("connection", (s) => peers.push(s.on("error", () => {})));
    await using client = await connect(`127.0.0.1:${(raw.address() as { port: number }).port}`);
    await until(() => peers.length === 1);
    for (let i = 0; i < 16; i++) peers[0]?.write(Buffer.alloc(64 * 1024));
    await until(() => paused.some((m) => m.socket === client));
    expect(paused.find((m) => m.socket === client)?.backlog).toBeGreaterThanOrEqual(256 * 1024 - 64 * 1024);
    let total = 0;
    while (total < 16 * 64 * 1024) total += (await receive(client, 256 * 1024)).byteLength;
    const mine = paused.filter((m) => m.socket === client).length;
    expect(mine).toBe(getStreamCounters(client).pausedByFlowControl);
    expect(resumed.filter((m) => m.socket === client).length).toBe(mine);
    for (const p of peers) p.destroy();
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it("the tracing channel wskit:connect: start, then asyncEnd with the connection, or error", async () => {
    const events: Array<[string, OperationTraceContext]> = [];
    const handlers = {
      start: (c: unknown) => void events.push(["start", { ...(c as OperationTraceContext) }]),
      end: () => {},
      asyncStart: () => {},
      asyncEnd: (c: unknown) => void events.push(["asyncEnd", { ...(c as OperationTraceContext) }]),
      error: (c: unknown) => void events.push(["error", { ...(c as OperationTraceContext) }]),
    };
    const trace = tracingChannel(TRACING_CONNECT);
    trace.subscribe(handlers);
    try {
      // Both by name: the listener and the connect resolve "localhost" alike (127.0.0.1 or ::1).
      await using server = await listen("localhost:0");
      await using client = await connect(`localhost:${server.address.port}`);
      await connect("127.0.0.1:1").catch(() => null);
      expect(events.map(([kind, c]) => [kind, c.address])).toEqual([
        ["start", `localhost:${server.address.port}`],
        ["asyncEnd", `localhost:${server.address.port}`],
        ["start", "127.0.0.1:1"],
        ["error", "127.0.0.1:1"],
        ["asyncEnd", "127.0.0.1:1"],
      ]);
      expect(events[1]?.[1].result).toBe(client);
    } finally {
      trace.unsubscribe(handlers);
    }
  });
});
