// SPEC §9 for the connection helpers: abort reasons, errors that say what failed, host names,
// what a socket tells without an IRP, and disposal that ends a connection as Node's end() does.
import { execFile } from "node:child_process";
import { connect as netConnect, createServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { inspect, promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { AF_INET, WskError } from "@wskit/core";
import { connect, disconnect, listen, receive, send, type ConnectionSocket } from "@wskit/stream";

const causeOf = (error: unknown) => (error as { cause?: unknown }).cause;
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const run = promisify(execFile);

/** A raw node:net server that records what each connection sees: data, end, error, close. */
async function rawServer(options: { allowHalfOpen?: boolean } = {}) {
  const seen: Array<{ data: string; ended: boolean; error: string | null; closed: Promise<void>; socket: Socket }> = [];
  const server = createServer({ allowHalfOpen: options.allowHalfOpen ?? false }, (socket) => {
    const record = { data: "", ended: false, error: null as string | null, closed: new Promise<void>((r) => socket.once("close", () => r())), socket };
    socket.on("data", (chunk: Buffer) => void (record.data += chunk.toString()));
    socket.on("end", () => void (record.ended = true));
    socket.on("error", (error: NodeJS.ErrnoException) => void (record.error = error.code ?? "error"));
    seen.push(record);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe("abort rejects with signal.reason, STATUS_CANCELLED kept as its cause (SPEC §9)", () => {
  it("AbortSignal.timeout: a TimeoutError from receive", async () => {
    await using server = await listen();
    await using client = await connect(server.address);
    const signal = AbortSignal.timeout(20);
    const error = await receive(client, 8, { signal }).catch((e: unknown) => e);
    expect(error).toBe(signal.reason);
    expect((error as DOMException).name).toBe("TimeoutError");
    const cause = causeOf(error);
    expect(WskError.is(cause) && cause.code).toBe("STATUS_CANCELLED");
  });

  it("a custom reason, as is, from every helper given an aborted signal", async () => {
    await using server = await listen();
    await using client = await connect(server.address);
    const reason = new Error("shutting down");
    const signal = AbortSignal.abort(reason);
    for (const attempt of [
      () => connect(server.address, { signal }),
      () => connect(`localhost:${server.address.port}`, { signal }),
      () => listen("127.0.0.1:0", { signal }),
      () => listen("localhost:0", { signal }),
      () => send(client, "x", { signal }),
      () => receive(client, 4, { signal }),
      () => disconnect(client, { signal }),
      () => server.connections({ signal }).next(),
    ]) {
      expect(await attempt().catch((e: unknown) => e)).toBe(reason);
    }
  });

  it("connections() throws a timeout's reason", async () => {
    await using server = await listen();
    const signal = AbortSignal.timeout(20);
    const error = await server.connections({ signal }).next().catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("TimeoutError");
  });
});

describe("errors say what failed and where; cause is the Node error (SPEC §9)", () => {
  it("a refused connection", async () => {
    const closed = await listen();
    const at = String(closed.address);
    await closed[Symbol.asyncDispose]();
    const error = (await connect(at).catch((e: unknown) => e)) as WskError;
    expect(error.message).toBe(`connect ${at}: connection refused (STATUS_CONNECTION_REFUSED)`);
    expect([error.code, error.syscall, error.port]).toEqual(["STATUS_CONNECTION_REFUSED", "connect", closed.address.port]);
    expect((causeOf(error) as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
    expect(inspect(error).split("\n")[0]).toBe(`WskError: ${error.message}`);
  });

  it("a listen on a port in use", async () => {
    await using first = await listen();
    const error = (await listen(String(first.address)).catch((e: unknown) => e)) as WskError;
    expect(error.message).toBe(`listen ${String(first.address)}: address already in use (STATUS_ADDRESS_ALREADY_EXISTS)`);
    expect((causeOf(error) as NodeJS.ErrnoException).code).toBe("EADDRINUSE");
  });

  it("a reset by the peer: STATUS_CONNECTION_RESET for the receive pending at it and for one posted after, ECONNRESET its cause", async () => {
    await using server = await listen();
    const accepted = server.connections().next();
    await using client = await connect(server.address);
    const peer = (await accepted).value as ConnectionSocket;
    const pending = receive(client, 8).catch((e: unknown) => e);
    await disconnect(peer, { abortive: true });
    const first = (await pending) as WskError;
    expect(first.code).toBe("STATUS_CONNECTION_RESET");
    expect((causeOf(first) as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    const later = (await receive(client, 8).catch((e: unknown) => e)) as WskError;
    expect(later.code).toBe("STATUS_CONNECTION_RESET");
    expect(later.message).toBe(`read ${String(client.remoteAddress)}: connection reset by peer (STATUS_CONNECTION_RESET)`);
    await peer[Symbol.asyncDispose]();
  });

  it("a bad disposeTimeout is a coded RangeError", async () => {
    const error = (await connect("127.0.0.1:9", { disposeTimeout: -1 }).catch((e: unknown) => e)) as { code?: string };
    expect(error.code).toBe("ERR_OUT_OF_RANGE");
  });
});

describe("host names are resolved as node:net resolves them (SPEC §9)", () => {
  it("listen('localhost:0') and connect('localhost:port')", async () => {
    await using server = await listen("localhost:0");
    // The resolver's first address for localhost: 127.0.0.1 here, ::1 where the hosts file lists it first.
    expect(["127.0.0.1", "::1"]).toContain(server.address.address);
    const accepted = server.connections().next();
    await using client = await connect(`localhost:${server.address.port}`);
    await using peer = (await accepted).value as ConnectionSocket;
    await send(client, "by name");
    expect(decode(await receive(peer, 7, { waitAll: true }))).toBe("by name");
  });
});

describe("what a socket tells without an IRP (SPEC §9)", () => {
  it("localAddress and remoteAddress of both ends, as copies, and a one-line inspect", async () => {
    await using server = await listen();
    const accepted = server.connections().next();
    await using client = await connect(server.address);
    await using peer = (await accepted).value as ConnectionSocket;
    expect(client.localAddress?.family).toBe(AF_INET);
    expect(String(client.remoteAddress)).toBe(String(server.address));
    expect(String(peer.remoteAddress)).toBe(String(client.localAddress));
    expect(String(peer.localAddress)).toBe(String(server.address));
    const copy = client.localAddress;
    if (copy !== null) copy.port = 1;
    expect(client.localAddress?.port).not.toBe(1);
    expect(inspect(client)).toBe(`ConnectionSocket { local: '${String(client.localAddress)}', remote: '${String(server.address)}', state: 'open' }`);
    expect(inspect(server.socket)).toBe(`ListenSocket { local: '${String(server.address)}', state: 'open' }`);
    expect(inspect(server)).toBe(`Listener { address: '${String(server.address)}' }`);
  });

  it("unref() lets the process exit; ref() keeps it alive again", async () => {
    const child = fileURLToPath(new URL("./fixtures/refUnref.ts", import.meta.url));
    const args = ["--conditions=@wskit/source", "--import", "tsx", child];
    expect((await run(process.execPath, [...args, "unref"], { timeout: 20_000 })).stdout).toBe("exit\n");
    expect((await run(process.execPath, [...args, "ref"], { timeout: 20_000 })).stdout).toBe("kept alive\nexit\n");
  });
});

describe("disposing a helper connection ends it as Node's end() does (SPEC §9)", () => {
  it("a raw node:net peer gets every byte, then the end of the stream, and no reset", async () => {
    const raw = await rawServer();
    {
      await using client = await connect(`127.0.0.1:${raw.port}`);
      await send(client, "all of it");
    }
    await until(() => raw.seen.length === 1);
    const [peer] = raw.seen;
    await peer?.closed;
    expect(peer && [peer.data, peer.ended, peer.error]).toEqual(["all of it", true, null]);
    await raw.close();
  });

  it("a peer that never ends: the connection lingers, then closes abortively after disposeTimeout", async () => {
    const raw = await rawServer({ allowHalfOpen: true });
    const client = await connect(`127.0.0.1:${raw.port}`, { disposeTimeout: 100 });
    await send(client, "bye");
    const started = Date.now();
    await client[Symbol.asyncDispose]();
    // Closed to the client at once, lingering for the peer's end.
    expect(inspect(client)).toMatch(/state: 'closing' }$/);
    // A call after it is refused (under the verifier, reported as the misuse it is).
    expect(["STATUS_INVALID_HANDLE", "ERR_VERIFIER_SOCKET_CLOSED"]).toContain(((await send(client, "more").catch((e: unknown) => e)) as WskError).code);
    await until(() => raw.seen[0]?.ended === true && /closed/.test(inspect(client)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    const [peer] = raw.seen;
    expect(peer && [peer.data, peer.ended, peer.error]).toEqual(["bye", true, null]);
    // The reset: the peer's next write fails.
    peer?.socket.write("too late");
    await peer?.closed;
    expect(peer?.error).toMatch(/ECONNRESET|EPIPE/);
    await raw.close();
  });

  it("disposeTimeout: 0 closes at once, abortively, as WskCloseSocket", async () => {
    const raw = await rawServer();
    {
      await using _client = await connect(`127.0.0.1:${raw.port}`, { disposeTimeout: 0 });
      await until(() => raw.seen.length === 1);
    }
    const [peer] = raw.seen;
    await peer?.closed;
    expect(peer && [peer.ended, peer.error]).toEqual([false, "ECONNRESET"]);
    await raw.close();
  });

  it("accepted connections end gracefully too; a raw client sees the server's reply, then the end", async () => {
    await using server = await listen();
    const serving = (async () => {
      for await (const connection of server.connections()) {
        await using conn = connection;
        await send(conn, "hello from wskit");
        return;
      }
    })();
    const client = netConnect(server.address.port, "127.0.0.1");
    let data = "";
    let error: string | null = null;
    client.on("data", (chunk: Buffer) => void (data += chunk.toString()));
    client.on("error", (e: NodeJS.ErrnoException) => void (error = e.code ?? "error"));
    await new Promise<void>((resolve) => client.once("end", () => resolve()));
    await serving;
    await new Promise<void>((resolve) => client.once("close", () => resolve()));
    expect([data, error]).toEqual(["hello from wskit", null]);
  });
});
