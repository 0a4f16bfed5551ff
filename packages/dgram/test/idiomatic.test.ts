// SPEC §9 for the datagram helpers: abort reasons, errors that say what failed, host names, and
// what a socket tells without an IRP. Each runs on every engine that loads here.
import { execFile } from "node:child_process";
import { createSocket } from "node:dgram";
import { inspect, promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AF_INET, runIrp, SIO_WSK_SET_REMOTE_ADDRESS, SockAddr, WskError, WskIoctl } from "@wskit/core";
import { datagrams, getDatagramCounters, openDatagramSocket, receiveFrom, sendTo } from "@wskit/dgram";
import { nativeBinding } from "../src/engines/nativeBinding";

const engines = nativeBinding().binding !== null ? (["node", "native"] as const) : (["node"] as const);
const causeOf = (error: unknown) => (error as { cause?: unknown }).cause;
const run = promisify(execFile);

describe.each(engines)("the datagram helpers on the %s engine (SPEC §9)", (engine) => {
  describe("abort rejects with signal.reason, STATUS_CANCELLED kept as its cause", () => {
    it("AbortSignal.timeout: a TimeoutError from receiveFrom", async () => {
      await using socket = await openDatagramSocket({ engine });
      const signal = AbortSignal.timeout(20);
      const error = await receiveFrom(socket, { signal }).catch((e: unknown) => e);
      expect(error).toBe(signal.reason);
      expect((error as DOMException).name).toBe("TimeoutError");
      const cause = causeOf(error);
      expect(WskError.is(cause) && cause.code).toBe("STATUS_CANCELLED");
    });

    it("a custom reason, as is, from every helper given an aborted signal", async () => {
      await using socket = await openDatagramSocket({ engine });
      const reason = new Error("shutting down");
      const signal = AbortSignal.abort(reason);
      const port = socket.localAddress?.port ?? 0;
      for (const attempt of [
        () => openDatagramSocket({ engine, signal }),
        () => openDatagramSocket({ engine, address: "localhost:0", signal }),
        () => sendTo(socket, "x", `127.0.0.1:${port}`, { signal }),
        () => sendTo(socket, "x", `localhost:${port}`, { signal }),
        () => receiveFrom(socket, { signal }),
      ]) {
        expect(await attempt().catch((e: unknown) => e)).toBe(reason);
      }
      const primitive = AbortSignal.abort("stop");
      expect(await receiveFrom(socket, { signal: primitive }).catch((e: unknown) => e)).toBe("stop");
    });

    it("datagrams() throws the reason, after yielding what came before", async () => {
      await using socket = await openDatagramSocket({ engine });
      await using peer = await openDatagramSocket({ engine });
      const controller = new AbortController();
      const seen: string[] = [];
      const loop = (async () => {
        for await (const d of datagrams(socket, { signal: controller.signal })) {
          seen.push(new TextDecoder().decode(d.bytes));
          controller.abort(new RangeError("enough"));
        }
      })().catch((e: unknown) => e);
      await sendTo(peer, "one", socket.localAddress);
      const error = await loop;
      expect(error).toBeInstanceOf(RangeError);
      expect(error).toBe(controller.signal.reason);
      expect(seen).toEqual(["one"]);
      // An iteration given a signal that aborted already throws at its first next().
      await expect(datagrams(socket, { signal: AbortSignal.abort("late") }).next()).rejects.toBe("late");
    });
  });

  describe("errors say what failed and where; cause is the Node error", () => {
    it("a bind to a port in use", async () => {
      await using first = await openDatagramSocket({ engine });
      const at = String(first.localAddress);
      const error = await openDatagramSocket({ engine, address: at }).catch((e: unknown) => e);
      expect(WskError.is(error)).toBe(true);
      const wsk = error as WskError;
      expect(wsk.message).toBe(`bind ${at}: address already in use (STATUS_ADDRESS_ALREADY_EXISTS)`);
      expect([wsk.code, wsk.syscall, wsk.address, wsk.port]).toEqual(["STATUS_ADDRESS_ALREADY_EXISTS", "bind", "127.0.0.1", first.localAddress?.port]);
      const cause = causeOf(error) as NodeJS.ErrnoException;
      expect(cause).toBeInstanceOf(Error);
      expect([cause.code, cause.syscall, cause.errno]).toEqual(["EADDRINUSE", "bind", -98]);
      expect(inspect(error).split("\n")[0]).toMatch(/^WskError: bind /);
    });

    it("a datagram too large, and a send with no address", async () => {
      await using socket = await openDatagramSocket({ engine });
      const tooLarge = (await sendTo(socket, new Uint8Array(70_000), "127.0.0.1:9").catch((e: unknown) => e)) as WskError;
      expect(tooLarge.message).toBe("send 127.0.0.1:9: message too long (STATUS_INVALID_BUFFER_SIZE)");
      const nowhere = (await sendTo(socket, "x", null).catch((e: unknown) => e)) as WskError;
      expect([nowhere.code, nowhere.message]).toEqual(["STATUS_INVALID_PARAMETER", "send: invalid argument (STATUS_INVALID_PARAMETER)"]);
    });

    it("a socket that is not one gets a coded programmer error, not a bare TypeError", async () => {
      const error = (await sendTo({ Dispatch: { WskSend: () => 0 } } as never, "x", "127.0.0.1:9").catch((e: unknown) => e)) as { code?: string };
      expect(error.code).toBe("ERR_INVALID_ARG_TYPE");
    });
  });

  describe("host names are resolved as node:dgram resolves them", () => {
    it("openDatagramSocket({ address: 'localhost:0' }) and sendTo('localhost:port')", async () => {
      await using receiver = await openDatagramSocket({ engine, address: "localhost:0" });
      // The resolver's first address for localhost (127.0.0.1 here, ::1 where the hosts file lists
      // it first); the sender of the same family resolves the name in its own family, as node:dgram.
      const v6 = receiver.localAddress?.address === "::1";
      expect(["127.0.0.1", "::1"]).toContain(receiver.localAddress?.address);
      await using sender = await openDatagramSocket({ engine, address: v6 ? "[::1]:0" : "127.0.0.1:0" });
      const arriving = receiveFrom(receiver);
      expect(await sendTo(sender, "by name", `localhost:${receiver.localAddress?.port}`)).toBe(7);
      const { bytes, remote } = await arriving;
      expect(new TextDecoder().decode(bytes)).toBe("by name");
      expect(remote.port).toBe(sender.localAddress?.port);
    });
  });

  describe("what a socket tells without an IRP", () => {
    it("localAddress and remoteAddress, as copies", async () => {
      await using socket = await openDatagramSocket({ engine });
      const local = socket.localAddress as SockAddr;
      expect(local.family).toBe(AF_INET);
      expect(local.port).toBeGreaterThan(0);
      local.port = 1;
      expect(socket.localAddress?.port).not.toBe(1);
      expect(socket.remoteAddress).toBeNull();
      const remote = SockAddr.from("127.0.0.1:4000");
      await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, 1, remote, 0, null, null, irp));
      expect(String(socket.remoteAddress)).toBe("127.0.0.1:4000");
    });

    it("a one-line util.inspect", async () => {
      const socket = await openDatagramSocket({ engine });
      const text = inspect(socket);
      // The engine that carries the socket (on a test network, the network's, whatever was asked).
      expect(text).toBe(`DatagramSocket { local: '${String(socket.localAddress)}', engine: '${getDatagramCounters(socket).engine}', state: 'open' }`);
      await socket[Symbol.asyncDispose]();
      expect(inspect(socket)).toMatch(/state: 'closed' }$/);
    });

    it("unref() lets the process exit; ref() keeps it alive again", async () => {
      const child = fileURLToPath(new URL("./fixtures/refUnref.ts", import.meta.url));
      const args = ["--conditions=@wskit/source", "--import", "tsx", child];
      const unref = await run(process.execPath, [...args, "unref", engine], { timeout: 20_000 });
      expect(unref.stdout).toBe("exit\n");
      const ref = await run(process.execPath, [...args, "ref", engine], { timeout: 20_000 });
      expect(ref.stdout).toBe("kept alive\nexit\n");
    });
  });
});

describe("a raw node:dgram peer is unaffected", () => {
  it("sends to a helper socket by name", async () => {
    await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
    const peer = createSocket("udp4");
    const arriving = receiveFrom(socket);
    peer.send("raw", socket.localAddress?.port, "localhost");
    expect(new TextDecoder().decode((await arriving).bytes)).toBe("raw");
    peer.close();
  });
});
