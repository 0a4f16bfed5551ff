// Loopback fixtures: wskit connection and listening sockets made through core's dispatch, and
// plain node:net peers whose writes, ends and resets the tests control. Everything binds port 0.
import { createServer, type Server, type Socket } from "node:net";
import { expect } from "vitest";
import {
  AF_INET,
  createWskBuf,
  IPPROTO_TCP,
  registerWskClient,
  runIrp,
  SOCK_STREAM,
  SockAddr,
  SO_WSK_EVENT_CALLBACK,
  SOL_SOCKET,
  STATUS_SUCCESS,
  WskSetOption,
  WSK_FLAG_CONNECTION_SOCKET,
  WSK_FLAG_LISTEN_SOCKET,
  type AddressFamily,
  type IO_STATUS_BLOCK,
  type WskClientSession,
} from "@wskit/core";
import type { ConnectionSocket, ListenSocket, WSK_CLIENT_CONNECTION_DISPATCH } from "@wskit/stream";

export interface Fixture {
  wsk: WskClientSession;
  sockets: Array<ConnectionSocket | ListenSocket>;
  servers: Server[];
  peers: Socket[];
}

export function newFixture(): Fixture {
  return { wsk: registerWskClient(), sockets: [], servers: [], peers: [] };
}

export async function closeFixture(fixture: Fixture): Promise<void> {
  for (const socket of fixture.sockets.splice(0)) await socket[Symbol.asyncDispose]();
  for (const peer of fixture.peers.splice(0)) peer.destroy();
  for (const server of fixture.servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  await fixture.wsk.close();
}

async function newSocket<T>(fixture: Fixture, flags: number, family: AddressFamily, dispatch: object | null = null): Promise<T> {
  const { Client, Dispatch } = fixture.wsk.npi;
  const created = await runIrp((irp) => Dispatch.WskSocket(Client, family, SOCK_STREAM, IPPROTO_TCP, flags, "ctx", dispatch, null, null, null, irp));
  expect(created.Status).toBe(STATUS_SUCCESS);
  fixture.sockets.push(created.Information as ConnectionSocket);
  return created.Information as T;
}

/** A bound, unconnected connection socket. */
export async function boundConnection(fixture: Fixture, family: AddressFamily = AF_INET, dispatch: WSK_CLIENT_CONNECTION_DISPATCH | null = null): Promise<ConnectionSocket> {
  const socket = await newSocket<ConnectionSocket>(fixture, WSK_FLAG_CONNECTION_SOCKET, family, dispatch);
  expect((await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(family, 0), 0, irp))).Status).toBe(STATUS_SUCCESS);
  return socket;
}

/** A listening socket on loopback, and its address. */
export async function listening(fixture: Fixture, family: AddressFamily = AF_INET): Promise<{ listener: ListenSocket; address: SockAddr }> {
  const listener = await newSocket<ListenSocket>(fixture, WSK_FLAG_LISTEN_SOCKET, family);
  expect((await runIrp((irp) => listener.Dispatch.WskBind(listener, SockAddr.loopback(family, 0), 0, irp))).Status).toBe(STATUS_SUCCESS);
  const address = new SockAddr(family);
  await runIrp((irp) => listener.Dispatch.WskGetLocalAddress(listener, address, irp));
  return { listener, address };
}

/** A wskit connection to a raw node:net peer the test drives. */
export async function connectedToPeer(fixture: Fixture, dispatch: WSK_CLIENT_CONNECTION_DISPATCH | null = null): Promise<{ socket: ConnectionSocket; peer: Socket }> {
  const server = createServer({ allowHalfOpen: true });
  fixture.servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
  const socket = await boundConnection(fixture, AF_INET, dispatch);
  const { port } = server.address() as { port: number };
  expect((await runIrp((irp) => socket.Dispatch.WskConnect(socket, SockAddr.from("127.0.0.1", port), 0, irp))).Status).toBe(STATUS_SUCCESS);
  const peer = await accepted;
  fixture.peers.push(peer);
  return { socket, peer };
}

/** Posts a WskReceive into a fresh buffer; the result, and the buffer to read back. */
export function receive(socket: ConnectionSocket, length: number, flags = 0, signal?: AbortSignal): { result: Promise<IO_STATUS_BLOCK>; buffer: Uint8Array } {
  const buffer = new Uint8Array(length);
  const buf = length === 0 ? { Mdl: null, Offset: 0, Length: 0 } : createWskBuf(buffer);
  const result = runIrp((irp) => socket.Dispatch.WskReceive(socket, buf, flags, irp), signal === undefined ? {} : { signal });
  return { result, buffer };
}

export function send(socket: ConnectionSocket, data: Uint8Array | string, flags = 0): Promise<IO_STATUS_BLOCK> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return runIrp((irp) => socket.Dispatch.WskSend(socket, createWskBuf(bytes), flags, irp));
}

export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
export const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Enables event callbacks (SO_WSK_EVENT_CALLBACK), expecting success. */
export function enableEvents(socket: ConnectionSocket, mask: number): void {
  expect(socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: mask }, 0, null, null, null)).toBe(STATUS_SUCCESS);
}
