import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  AF_INET6,
  createWskBuf,
  IPPROTO_TCP,
  runIrp,
  SOCK_DGRAM,
  SOCK_STREAM,
  SockAddr,
  STATUS_CANCELLED,
  STATUS_CONNECTION_ABORTED,
  STATUS_CONNECTION_REFUSED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  WSK_FLAG_ABORTIVE,
  WSK_FLAG_CONNECTION_SOCKET,
  WSK_FLAG_NODELAY,
  type AddressFamily,
} from "@wskit/core";
import { ConnectionSocket, type ListenSocket } from "@wskit/stream";
import { boundConnection, closeFixture, connectedToPeer, decode, listening, newFixture, receive, send, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

async function accept(listener: ListenSocket, local = new SockAddr(), remote = new SockAddr()) {
  const result = await runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, "accepted-context", null, local, remote, irp));
  expect(result.Status).toBe(STATUS_SUCCESS);
  const socket = result.Information as ConnectionSocket;
  fixture.sockets.push(socket);
  return socket;
}

describe("WskConnect, WskAccept, WskSend, WskReceive between two wskit sockets", () => {
  it.each([AF_INET, AF_INET6] as AddressFamily[])("connect, accept, and exchange bytes both ways (family %i)", async (family) => {
    const { listener, address } = await listening(fixture, family);
    const client = await boundConnection(fixture, family);
    const local = new SockAddr(family);
    const remote = new SockAddr(family);
    const accepted = accept(listener, local, remote);
    expect((await runIrp((irp) => client.Dispatch.WskConnect(client, address, 0, irp))).Status).toBe(STATUS_SUCCESS);
    const server = await accepted;
    expect(server).toBeInstanceOf(ConnectionSocket);
    expect(server.SocketContext).toBe("accepted-context");
    expect(local.port).toBe(address.port);
    const clientLocal = new SockAddr(family);
    await runIrp((irp) => client.Dispatch.WskGetLocalAddress(client, clientLocal, irp));
    expect(remote.equals(clientLocal)).toBe(true);
    const clientRemote = new SockAddr(family);
    await runIrp((irp) => client.Dispatch.WskGetRemoteAddress(client, clientRemote, irp));
    expect(clientRemote.equals(address)).toBe(true);

    expect(await send(client, "to the server", WSK_FLAG_NODELAY)).toEqual({ Status: STATUS_SUCCESS, Information: 13 });
    const got = receive(server, 64);
    expect(decode(got.buffer.subarray(0, (await got.result).Information as number))).toBe("to the server");
    await send(server, "and back");
    const back = receive(client, 64);
    expect(decode(back.buffer.subarray(0, (await back.result).Information as number))).toBe("and back");
  });

  it("a connection that arrived before WskAccept waits for it; queued accepts are served in order", async () => {
    const { listener, address } = await listening(fixture);
    const first = await boundConnection(fixture);
    await runIrp((irp) => first.Dispatch.WskConnect(first, address, 0, irp));
    await turn();
    const early = await accept(listener);
    const waiting = [accept(listener), accept(listener)];
    const second = await boundConnection(fixture);
    const third = await boundConnection(fixture);
    await runIrp((irp) => second.Dispatch.WskConnect(second, address, 0, irp));
    await runIrp((irp) => third.Dispatch.WskConnect(third, address, 0, irp));
    const [a, b] = await Promise.all(waiting);
    await send(second, "2");
    await send(third, "3");
    const fromA = receive(a as ConnectionSocket, 4);
    const fromB = receive(b as ConnectionSocket, 4);
    await Promise.all([fromA.result, fromB.result]);
    expect([decode(fromA.buffer.subarray(0, 1)), decode(fromB.buffer.subarray(0, 1))]).toEqual(["2", "3"]);
    expect(early).toBeInstanceOf(ConnectionSocket);
  });

  it("WskAccept is cancellable, and closing the listener cancels it", async () => {
    const { listener } = await listening(fixture);
    const controller = new AbortController();
    const cancelled = runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp), { signal: controller.signal });
    controller.abort();
    expect((await cancelled).Status).toBe(STATUS_CANCELLED);
    const pending = runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp));
    await listener[Symbol.asyncDispose]();
    expect((await pending).Status).toBe(STATUS_CANCELLED);
  });
});

describe("WskConnect refusals and failures", () => {
  it("an unbound socket: STATUS_INVALID_DEVICE_STATE", async () => {
    const { Client, Dispatch } = fixture.wsk.npi;
    const created = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET, null, null, null, null, null, irp));
    const socket = created.Information as ConnectionSocket;
    fixture.sockets.push(socket);
    expect((await runIrp((irp) => socket.Dispatch.WskConnect(socket, SockAddr.from("127.0.0.1", 9), 0, irp))).Status).toBe(STATUS_INVALID_DEVICE_STATE);
  });

  it("a port nobody listens on: STATUS_CONNECTION_REFUSED, and the socket may connect again", async () => {
    const { address } = await listening(fixture);
    const probe = await boundConnection(fixture);
    const closedPort = await (async () => {
      const { listener, address: other } = await listening(fixture);
      await listener[Symbol.asyncDispose]();
      return other;
    })();
    expect((await runIrp((irp) => probe.Dispatch.WskConnect(probe, closedPort, 0, irp))).Status).toBe(STATUS_CONNECTION_REFUSED);
    expect((await runIrp((irp) => probe.Dispatch.WskConnect(probe, address, 0, irp))).Status).toBe(STATUS_SUCCESS);
  });

  it("Flags, an address of the other family: STATUS_INVALID_PARAMETER; a datagram type: STATUS_NOT_SUPPORTED", async () => {
    const socket = await boundConnection(fixture);
    expect((await runIrp((irp) => socket.Dispatch.WskConnect(socket, SockAddr.from("127.0.0.1", 9), 1, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await runIrp((irp) => socket.Dispatch.WskConnect(socket, SockAddr.from("::1", 9), 0, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    const { Client, Dispatch } = fixture.wsk.npi;
    expect((await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET, null, null, null, null, null, irp))).Status).toBe(
      STATUS_NOT_SUPPORTED,
    );
  });

  it("WskSocketConnect makes, binds and connects in one request", async () => {
    const { listener, address } = await listening(fixture);
    const accepted = accept(listener);
    const { Client, Dispatch } = fixture.wsk.npi;
    const made = await runIrp((irp) => Dispatch.WskSocketConnect(Client, SOCK_STREAM, IPPROTO_TCP, SockAddr.loopback(AF_INET, 0), address, 0, null, null, null, null, null, irp));
    expect(made.Status).toBe(STATUS_SUCCESS);
    const client = made.Information as ConnectionSocket;
    fixture.sockets.push(client);
    await send(client, "one step");
    const got = receive(await accepted, 16);
    expect(decode(got.buffer.subarray(0, (await got.result).Information as number))).toBe("one step");
  });
});

describe("WskSend", () => {
  it("sends an MDL chain in order; refuses unknown flags and an unconnected socket", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const arrived = new Promise<string>((resolve) => peer.once("data", (d) => resolve(d.toString())));
    const enc = (s: string) => new TextEncoder().encode(s);
    const result = await runIrp((irp) => socket.Dispatch.WskSend(socket, createWskBuf([enc("ch"), enc("ai"), enc("n!")]), 0, irp));
    expect(result).toEqual({ Status: STATUS_SUCCESS, Information: 6 });
    expect(await arrived).toBe("chain!");
    expect((await send(socket, "x", 0x100)).Status).toBe(STATUS_NOT_SUPPORTED);
    expect((await send(await boundConnection(fixture), "x")).Status).toBe(STATUS_INVALID_DEVICE_STATE);
  });
});

describe("WskDisconnect", () => {
  it("graceful: sends the final buffer then FIN; receives go on until the peer closes", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const seen: string[] = [];
    peer.on("data", (d) => seen.push(d.toString()));
    const ended = new Promise<void>((resolve) => peer.once("end", resolve));
    const result = await runIrp((irp) => socket.Dispatch.WskDisconnect(socket, createWskBuf(new TextEncoder().encode("bye")), 0, irp));
    expect(result).toEqual({ Status: STATUS_SUCCESS, Information: 3 });
    await ended;
    expect(seen.join("")).toBe("bye");
    // Our side is closed for sending, the peer's is not: it can still talk to us.
    expect((await send(socket, "more")).Status).toBe(STATUS_INVALID_DEVICE_STATE);
    const pending = receive(socket, 16);
    peer.end("late reply");
    expect(decode(pending.buffer.subarray(0, (await pending.result).Information as number))).toBe("late reply");
  });

  it("abortive: resets the connection; waiting receives complete with STATUS_CONNECTION_ABORTED", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const peerError = new Promise<string>((resolve) => peer.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "")));
    const pending = receive(socket, 16);
    expect((await runIrp((irp) => socket.Dispatch.WskDisconnect(socket, null, WSK_FLAG_ABORTIVE, irp))).Status).toBe(STATUS_SUCCESS);
    expect((await pending.result).Status).toBe(STATUS_CONNECTION_ABORTED);
    expect(await peerError).toBe("ECONNRESET");
  });

  it("refuses a buffer with WSK_FLAG_ABORTIVE", async () => {
    const { socket } = await connectedToPeer(fixture);
    const result = await runIrp((irp) => socket.Dispatch.WskDisconnect(socket, createWskBuf(new Uint8Array(1)), WSK_FLAG_ABORTIVE, irp));
    expect(result.Status).toBe(STATUS_INVALID_PARAMETER);
  });
});

describe("WskCloseSocket on a connection", () => {
  it("cancels pending receives and aborts a connection not fully closed", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 16, 0);
    const peerSaw = new Promise<string>((resolve) => {
      peer.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? ""));
      peer.once("end", () => resolve("end"));
    });
    await socket[Symbol.asyncDispose]();
    expect((await pending.result).Status).toBe(STATUS_CANCELLED);
    expect(await peerSaw).toBe("ECONNRESET");
  });
});
