// SPEC §10: what a datagram socket says on diagnostics_channel and in NODE_DEBUG=wskit's log.
import { execFile } from "node:child_process";
import { createSocket } from "node:dgram";
import { channel, tracingChannel } from "node:diagnostics_channel";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  AF_INET,
  CHANNEL_DATAGRAM_DROP,
  CHANNEL_SOCKET_CLOSE,
  CHANNEL_SOCKET_CREATE,
  TRACING_BIND,
  type DatagramDropMessage,
  type OperationTraceContext,
  type SocketCloseMessage,
  type SocketCreateMessage,
} from "@wskit/core";
import { getDatagramCounters, openDatagramSocket, type DatagramCounters, type DatagramSocket } from "@wskit/dgram";
import { nativeBinding } from "../src/engines/nativeBinding";
import { collect } from "../../core/test/helpers/channels";

const engines = nativeBinding().binding !== null ? (["node", "native"] as const) : (["node"] as const);
const run = promisify(execFile);

async function blast(socket: DatagramSocket, count: number, size = 100): Promise<void> {
  const peer = createSocket("udp4");
  const port = socket.localAddress?.port ?? 0;
  await Promise.all(Array.from({ length: count }, () => new Promise((resolve) => peer.send(Buffer.alloc(size), port, "127.0.0.1", resolve))));
  peer.close();
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe.each(engines)("diagnostics channels of a datagram socket on the %s engine (SPEC §10)", (engine) => {
  it("wskit:socket:create and wskit:socket:close, with the counters as it closed", async () => {
    const created = collect<SocketCreateMessage>(CHANNEL_SOCKET_CREATE);
    const closed = collect<SocketCloseMessage>(CHANNEL_SOCKET_CLOSE);
    const socket = await openDatagramSocket({ engine });
    expect(created.filter((m) => m.socket === socket)).toEqual([{ socket, category: "datagram", family: AF_INET }]);
    await socket[Symbol.asyncDispose]();
    const [message] = closed.filter((m) => m.socket === socket);
    expect((message?.counters as DatagramCounters | undefined)?.engine).toBe(engine);
    expect((message?.counters as DatagramCounters | undefined)?.received).toBe(0);
  });

  it("wskit:datagram:drop: a blast into a full queue gives a handful of messages whose counts sum to the counter", async () => {
    const drops = collect<DatagramDropMessage>(CHANNEL_DATAGRAM_DROP);
    await using socket = await openDatagramSocket({ engine, receiveBufferSize: 1024 });
    await blast(socket, 2000);
    await until(() => getDatagramCounters(socket).received + (getDatagramCounters(socket).droppedKernel ?? 0) >= 2000);
    await new Promise((resolve) => setImmediate(resolve));
    const counters = getDatagramCounters(socket);
    const mine = drops.filter((m) => m.socket === socket && m.reason === "queueFull");
    expect(counters.droppedQueueFull).toBeGreaterThan(100);
    expect(mine.reduce((sum, m) => sum + m.count, 0)).toBe(counters.droppedQueueFull);
    // Aggregated per turn: far fewer messages than datagrams.
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(counters.droppedQueueFull / 5);
  });

  it("wskit:datagram:drop for the datagrams still queued at close (reason closed)", async () => {
    const drops = collect<DatagramDropMessage>(CHANNEL_DATAGRAM_DROP);
    const socket = await openDatagramSocket({ engine });
    await blast(socket, 5);
    await until(() => getDatagramCounters(socket).queued === 5);
    await socket[Symbol.asyncDispose]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(drops.filter((m) => m.socket === socket)).toEqual([{ socket, reason: "closed", count: 5 }]);
  });

  it("the tracing channel wskit:bind: start and asyncEnd, with the socket as result or the error", async () => {
    const events: Array<[string, OperationTraceContext]> = [];
    const trace = tracingChannel(TRACING_BIND);
    const handlers = {
      start: (c: unknown) => void events.push(["start", { ...(c as OperationTraceContext) }]),
      end: () => {},
      asyncStart: () => {},
      asyncEnd: (c: unknown) => void events.push(["asyncEnd", { ...(c as OperationTraceContext) }]),
      error: (c: unknown) => void events.push(["error", { ...(c as OperationTraceContext) }]),
    };
    trace.subscribe(handlers);
    try {
      const socket = await openDatagramSocket({ engine, address: "127.0.0.1:0" });
      const taken = String(socket.localAddress);
      await openDatagramSocket({ engine, address: taken }).catch(() => null);
      await socket[Symbol.asyncDispose]();
      expect(events.map(([kind, c]) => [kind, c.operation, c.address])).toEqual([
        ["start", "bind", "127.0.0.1:0"],
        ["asyncEnd", "bind", "127.0.0.1:0"],
        ["start", "bind", taken],
        ["error", "bind", taken],
        ["asyncEnd", "bind", taken],
      ]);
      expect(events[1]?.[1].result).toBe(socket);
      expect((events[3]?.[1].error as { code?: string }).code).toBe("STATUS_ADDRESS_ALREADY_EXISTS");
    } finally {
      trace.unsubscribe(handlers);
    }
  });
});

describe("without subscribers nothing is published (SPEC §10)", () => {
  it("a blast of drops, a create and a close publish nothing", async () => {
    const spies = [CHANNEL_DATAGRAM_DROP, CHANNEL_SOCKET_CREATE, CHANNEL_SOCKET_CLOSE].map((name) => vi.spyOn(channel(name), "publish"));
    try {
      const socket = await openDatagramSocket({ receiveBufferSize: 1024 });
      await blast(socket, 500);
      await until(() => getDatagramCounters(socket).droppedQueueFull > 0);
      await socket[Symbol.asyncDispose]();
      await new Promise((resolve) => setImmediate(resolve));
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("NODE_DEBUG=wskit (SPEC §10)", () => {
  it("logs the socket's life, its refusals and its drop aggregates on stderr", async () => {
    const child = fileURLToPath(new URL("./fixtures/debugLog.ts", import.meta.url));
    const { stderr } = await run(process.execPath, ["--conditions=@wskit/source", "--import", "tsx", child], {
      env: { ...process.env, NODE_DEBUG: "wskit" },
      timeout: 30_000,
    });
    const lines = stderr.split("\n").filter((line) => line.startsWith("WSKIT "));
    expect(lines.some((line) => /DatagramSocket#\d+ created \(datagram, AF_INET\)/.test(line))).toBe(true);
    expect(lines.some((line) => /bind 127\.0\.0\.1:0$/.test(line))).toBe(true);
    expect(lines.some((line) => /dropped \d+ datagram\(s\): queueFull/.test(line))).toBe(true);
    expect(lines.some((line) => /refused: STATUS_INVALID_BUFFER_SIZE/.test(line))).toBe(true);
    expect(lines.some((line) => /DatagramSocket#\d+ closed \{"received":/.test(line))).toBe(true);
    // Aggregated: a few lines for 200 datagrams, not one each.
    expect(lines.filter((line) => /dropped/.test(line)).length).toBeLessThan(50);
  });
});
