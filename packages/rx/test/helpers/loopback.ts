// Loopback fixtures for the adapter tests: a wskit connection socket and the plain node:net socket at
// the other end, a wskit datagram socket and a node:dgram peer. Everything binds port 0 and is
// closed by the returned cleanup.
import { createHash } from "node:crypto";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createServer, type Socket } from "node:net";
import { runIrp, SockAddr } from "@wskit/core";
import { openDatagramSocket, type DatagramSocket } from "@wskit/dgram";
import { connect, type ConnectionSocket } from "@wskit/stream";

export interface TcpPair {
  socket: ConnectionSocket;
  peer: Socket;
  close(): Promise<void>;
}

export async function tcpPair(): Promise<TcpPair> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
  const { port } = server.address() as { port: number };
  const socket = await connect(`127.0.0.1:${port}`);
  const peer = await accepted;
  peer.on("error", () => {}); // a test that closes early resets the peer; that is not its failure
  return {
    socket,
    peer,
    async close() {
      await socket[Symbol.asyncDispose]();
      peer.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface UdpPair {
  socket: DatagramSocket;
  local: SockAddr;
  peer: UdpSocket;
  send(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function udpPair(): Promise<UdpPair> {
  const socket = await openDatagramSocket();
  const local = new SockAddr();
  await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));
  const peer = createSocket("udp4");
  await new Promise<void>((resolve) => peer.bind(0, "127.0.0.1", resolve));
  return {
    socket,
    local,
    peer,
    send: (data) => new Promise<void>((resolve) => peer.send(data, local.port, local.address, () => resolve())),
    async close() {
      await socket[Symbol.asyncDispose]();
      await new Promise<void>((resolve) => peer.close(() => resolve()));
    },
  };
}

/** Writes `total` bytes of a deterministic pattern in `chunk`-byte writes, honouring backpressure; resolves with their SHA-256. */
export async function writePattern(peer: Socket, total: number, chunk: number, end = true): Promise<string> {
  const hash = createHash("sha256");
  for (let written = 0; written < total; ) {
    const piece = Buffer.alloc(Math.min(chunk, total - written));
    for (let i = 0; i < piece.length; i++) piece[i] = (written + i) * 31 % 251;
    hash.update(piece);
    written += piece.length;
    if (!peer.write(piece)) await new Promise<void>((resolve) => peer.once("drain", resolve));
  }
  if (end) peer.end();
  return hash.digest("hex");
}

export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
