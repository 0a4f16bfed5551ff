// Loopback fixtures: wskit datagram sockets made through core's provider dispatch, exactly as the
// pages make them, and plain node:dgram peers on the other side. Everything binds port 0.
import { createSocket, type Socket } from "node:dgram";
import { afterEach, beforeEach, expect } from "vitest";
import {
  AF_INET,
  AF_INET6,
  IPPROTO_UDP,
  registerWskClient,
  runIrp,
  SOCK_DGRAM,
  SockAddr,
  STATUS_SUCCESS,
  WSK_FLAG_DATAGRAM_SOCKET,
  WskGetOption,
  WskSetOption,
  type AddressFamily,
  type Ref,
  type RunIrpResult,
  type WskClientSession,
} from "@wskit/core";
import type { DatagramSocket, WSK_CLIENT_DATAGRAM_DISPATCH } from "@wskit/dgram";

export interface Fixture {
  wsk: WskClientSession;
  sockets: DatagramSocket[];
  peers: Socket[];
}

export function newFixture(): Fixture {
  return { wsk: registerWskClient(), sockets: [], peers: [] };
}

export async function closeFixture(fixture: Fixture): Promise<void> {
  for (const socket of fixture.sockets.splice(0)) await socket[Symbol.asyncDispose]();
  for (const peer of fixture.peers.splice(0)) await new Promise<void>((resolve) => peer.close(() => resolve()));
  await fixture.wsk.close();
}

/** A datagram socket through WskSocket, bound to loopback port 0 unless `bind` is false. */
export async function openSocket(
  fixture: Fixture,
  options: { family?: AddressFamily; dispatch?: Partial<WSK_CLIENT_DATAGRAM_DISPATCH>; context?: unknown; bind?: boolean } = {},
): Promise<DatagramSocket> {
  const family = options.family ?? AF_INET;
  const { Client, Dispatch } = fixture.wsk.npi;
  const created = await runIrp((irp) =>
    Dispatch.WskSocket(Client, family, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, options.context ?? null, options.dispatch ?? null, null, null, null, irp),
  );
  expect(created.Status).toBe(STATUS_SUCCESS);
  const socket = created.Information as DatagramSocket;
  fixture.sockets.push(socket);
  if (options.bind !== false) {
    const bound = await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(family, 0), 0, irp));
    expect(bound.Status).toBe(STATUS_SUCCESS);
  }
  return socket;
}

export async function localAddressOf(socket: DatagramSocket, family: AddressFamily = AF_INET): Promise<SockAddr> {
  const address = new SockAddr(family);
  const result = await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, address, irp));
  expect(result.Status).toBe(STATUS_SUCCESS);
  return address;
}

/** A plain node:dgram socket on loopback, the remote side of a test. */
export async function openPeer(fixture: Fixture, family: AddressFamily = AF_INET): Promise<{ peer: Socket; address: SockAddr }> {
  const peer = createSocket(family === AF_INET6 ? "udp6" : "udp4");
  fixture.peers.push(peer);
  await new Promise<void>((resolve) => peer.bind(0, family === AF_INET6 ? "::1" : "127.0.0.1", resolve));
  return { peer, address: SockAddr.fromAddressInfo(peer.address()) };
}

/** Sends from a peer and waits until Node has handed each datagram to the OS. */
export async function sendFrom(peer: Socket, to: SockAddr, ...payloads: Uint8Array[]): Promise<void> {
  for (const payload of payloads) {
    await new Promise<void>((resolve, reject) => peer.send(payload, to.port, to.address, (error) => (error ? reject(error) : resolve())));
  }
}

/** The next datagram a peer receives. */
export function nextMessage(peer: Socket): Promise<{ bytes: Uint8Array; from: SockAddr }> {
  return new Promise((resolve) => peer.once("message", (bytes, rinfo) => resolve({ bytes, from: SockAddr.fromAddressInfo(rinfo) })));
}

/** Waits until `condition` holds, a turn of the event loop at a time (bounded). */
export async function until(condition: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/**
 * Inside a describe: its sockets are made on `engine` by default, whatever WSKIT_DGRAM_ENGINE says
 * (CI runs the suite on each engine), for tests of what one engine alone does.
 */
export function onEngineByDefault(engine: "node" | "native"): void {
  const before = process.env.WSKIT_DGRAM_ENGINE;
  beforeEach(() => void (process.env.WSKIT_DGRAM_ENGINE = engine));
  afterEach(() => {
    if (before === undefined) delete process.env.WSKIT_DGRAM_ENGINE;
    else process.env.WSKIT_DGRAM_ENGINE = before;
  });
}

/** WskControlSocket WskSetOption of one option (a value of 4 bytes, or anything a hostile test passes). */
export function setSocketOption(socket: DatagramSocket, level: number, code: number, value: unknown): Promise<RunIrpResult> {
  return runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, code, level, 4, value, 0, null, null, irp));
}

/** WskControlSocket WskGetOption of one option; the call must succeed. */
export async function getSocketOption(socket: DatagramSocket, level: number, code: number): Promise<number> {
  const value: Ref<number> = { value: -1 };
  const read = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskGetOption, code, level, 0, null, 4, value, null, irp));
  expect(read.Status).toBe(STATUS_SUCCESS);
  return value.value;
}
