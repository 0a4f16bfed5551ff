// Connections on the test network: listeners by address and port, connects (a round trip of the
// links' delays; no listener: ECONNREFUSED), each connection's two ends and the links between
// them, and the connection impairments (resetAfter, resetAt, limitData, slowClose, stopReading,
// partition) applied as the bytes cross.
import type { TransportConnectOptions } from "@wskit/stream/transport";
import type { Link } from "../../Link";
import { isUnspecified, PortTable } from "../PortTable";
import type { NetworkTcpServer, TcpListener } from "./NetworkTcpServer";
import type { NetworkTcpSocket, TcpConnector } from "./NetworkTcpSocket";
import { ACK, MSS, RST, RTO_MS, SYN, TcpEndpoint, type EndpointNetwork, type SegmentHeader, type SegmentPlan } from "./TcpEndpoint";

/** What connections need of the network. */
export interface TcpHost {
  now(): number;
  schedule(delay: number, run: (arg: unknown) => void, arg: unknown): unknown;
  link(from: string, to: string): Link;
  isHost(address: string): boolean;
  sourceFor(family: 4 | 6, destination: string): string;
  isClosed(): boolean;
  /** A segment for the captures (a no-op while none records). */
  capture(point: "sent" | "delivered", family: 4 | 6, source: string, sourcePort: number, destination: string, destinationPort: number, payload: Uint8Array | null, header: SegmentHeader): void;
}

// A deterministic initial sequence number for an end (FNV-1a over its address and ports).
function isnFor(address: string, port: number, peerPort: number): number {
  let hash = 0x811c9dc5;
  const text = `${address}:${port}>${peerPort}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** A connect across a partition gives up after this long (three SYNs: 1 + 2 + 4 s, shortened). */
const CONNECT_TIMEOUT_MS = 1400;

interface Listening {
  readonly server: NetworkTcpServer;
  readonly address: string;
  readonly wildcard: boolean;
}

export class TcpNetwork implements TcpConnector, TcpListener, EndpointNetwork {
  readonly #host: TcpHost;
  readonly #listeners: [PortTable<Listening>, PortTable<Listening>] = [new PortTable(), new PortTable()];
  readonly #servers = new Map<NetworkTcpServer, { family: 4 | 6; port: number; entry: Listening }>();
  /** Local ports of connection ends, by family: an ephemeral port is one no end or listener has. */
  readonly #portsInUse: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  readonly #ends = new Set<TcpEndpoint>();
  /** Sockets of this network with a read queued for the next turn (a step of virtual time waits for them). */
  readsQueued = 0;

  constructor(host: TcpHost) {
    this.#host = host;
  }

  now(): number {
    return this.#host.now();
  }

  schedule(delay: number, run: (arg: unknown) => void, arg: unknown): unknown {
    return this.#host.schedule(delay, run, arg);
  }

  // ---- listening ---------------------------------------------------------------------------------

  listen(server: NetworkTcpServer, family: 4 | 6, host: string, port: number): { address: string; port: number } | string {
    if (this.#host.isClosed()) return "ENETDOWN";
    const wildcard = isUnspecified(host);
    if (!wildcard && !this.#host.isHost(host)) return "EADDRNOTAVAIL";
    const listeners = this.#listeners[family === 6 ? 1 : 0];
    const chosen = listeners.choose(host, port);
    if (chosen < 0) return "EADDRINUSE";
    const entry: Listening = { server, address: host, wildcard };
    listeners.add(chosen, entry);
    this.#servers.set(server, { family, port: chosen, entry });
    return { address: host, port: chosen };
  }

  unlisten(server: NetworkTcpServer): void {
    const bound = this.#servers.get(server);
    if (bound === undefined) return;
    this.#servers.delete(server);
    this.#listeners[bound.family === 6 ? 1 : 0].remove(bound.port, bound.entry);
  }

  // ---- connecting --------------------------------------------------------------------------------

  connect(socket: NetworkTcpSocket, options: TransportConnectOptions): void {
    const host = this.#host;
    const family: 4 | 6 = options.family === 6 || options.host.includes(":") ? 6 : 4;
    const index = family === 6 ? 1 : 0;
    const fail = (code: string) => socket.fail(code, options.host, options.port);
    const local = options.localAddress ?? host.sourceFor(family, options.host);
    if (host.isClosed()) return void setImmediate(() => fail("ENETDOWN"));
    if (!host.isHost(local)) return void setImmediate(() => fail("EADDRNOTAVAIL"));
    const inUse = this.#portsInUse[index];
    const localPort = options.localPort ?? this.#listeners[index].ephemeral((candidate) => inUse.has(candidate) || this.#listeners[index].has(candidate));
    if (localPort < 0) return void setImmediate(() => fail("EADDRNOTAVAIL"));
    const client = new TcpEndpoint(this, family, local, localPort);
    client.isn = isnFor(local, localPort, options.port);
    this.#use(client);
    const syn: SegmentHeader = { seq: client.isn, ack: 0, flags: SYN };
    host.capture("sent", family, local, localPort, options.host, options.port, null, syn);
    const out = host.link(local, options.host);
    const back = host.link(options.host, local);
    out.liveCounters.tcp.connections++;
    if (out.connection.partition || back.connection.partition) {
      host.schedule(CONNECT_TIMEOUT_MS, () => {
        this.#release(client);
        fail("ETIMEDOUT");
      }, null);
      return;
    }
    const there = out.segmentPlan(0, MSS, RTO_MS).delay;
    host.schedule(there, () => {
      const listening = this.#listeners[index].find(options.host, options.port, host.isHost);
      const backDelay = back.segmentPlan(0, MSS, RTO_MS).delay;
      if (listening !== undefined) host.capture("delivered", family, local, localPort, options.host, options.port, null, syn);
      if (listening === undefined || host.isClosed()) {
        const refusal: SegmentHeader = { seq: 0, ack: (client.isn + 1) >>> 0, flags: RST | ACK };
        host.capture("sent", family, options.host, options.port, local, localPort, null, refusal);
        host.schedule(backDelay, () => {
          host.capture("delivered", family, options.host, options.port, local, localPort, null, refusal);
          this.#release(client);
          fail("ECONNREFUSED");
        }, null);
        return;
      }
      const server = new TcpEndpoint(this, family, options.host, options.port);
      server.isn = isnFor(options.host, options.port, localPort);
      this.#ends.add(server);
      const synAck: SegmentHeader = { seq: server.isn, ack: (client.isn + 1) >>> 0, flags: SYN | ACK };
      host.capture("sent", family, options.host, options.port, local, localPort, null, synAck);
      client.peer = server;
      server.peer = client;
      client.link = out;
      server.link = back;
      listening.server.accept(server);
      host.schedule(backDelay, () => {
        host.capture("delivered", family, options.host, options.port, local, localPort, null, synAck);
        socket.attach(client);
        this.#armReset(client, out);
        this.#armReset(server, back);
      }, null);
    }, null);
  }

  // ---- what the ends ask -------------------------------------------------------------------------

  carry(from: TcpEndpoint, bytes: number, kind: "data" | "fin" | "rst"): SegmentPlan {
    const link = from.link as Link;
    const plan = link.segmentPlan(bytes, MSS, RTO_MS);
    if (kind === "fin") plan.delay += link.connection.slowClose;
    return plan;
  }

  reading(end: TcpEndpoint): boolean {
    return !(end.peer?.link?.connection.stopReading ?? false);
  }

  open(from: TcpEndpoint): boolean {
    return !(from.link?.connection.partition ?? false);
  }

  allowance(from: TcpEndpoint): number {
    const rules = (from.link as Link).connection;
    return Math.min(rules.resetAfter, rules.limitData) - from.bytesSent;
  }

  limitReached(from: TcpEndpoint): void {
    const link = from.link as Link;
    const rules = link.connection;
    const peer = from.peer;
    if (from.bytesSent >= rules.resetAfter) {
      link.liveCounters.tcp.resets++;
      this.#resetBoth(from);
      return;
    }
    // limitData: the connection closes, a FIN each way; nothing more crosses.
    link.liveCounters.tcp.limited++;
    from.stopSending();
    peer?.stopSending();
  }

  done(end: TcpEndpoint): void {
    this.#release(end);
  }

  segment(point: "sent" | "delivered", from: TcpEndpoint, data: Uint8Array | null, header: SegmentHeader): void {
    const to = from.peer;
    if (to === null) return;
    this.#host.capture(point, from.family, from.address, from.port, to.address, to.port, data, header);
  }

  /** A link's impairments changed: ends it held back (partition, stopReading) may go on. */
  changed(link: Link): void {
    for (const end of this.#ends) {
      if (end.link === link) end.pump();
      if (end.peer?.link === link) end.socket?.dataArrived();
    }
  }

  #armReset(end: TcpEndpoint, link: Link): void {
    const at = link.connection.resetAt;
    if (!Number.isFinite(at)) return;
    this.#host.schedule(at, () => {
      if (end.closed && end.peer?.closed !== false) return;
      link.liveCounters.tcp.resets++;
      this.#resetBoth(end);
    }, null);
  }

  // Both ends see ECONNRESET, as after toxiproxy's reset_peer.
  #resetBoth(end: TcpEndpoint): void {
    const socket = end.socket;
    end.reset();
    socket?.peerReset();
  }

  #use(end: TcpEndpoint): void {
    this.#ends.add(end);
    const inUse = this.#portsInUse[end.family === 6 ? 1 : 0];
    inUse.set(end.port, (inUse.get(end.port) ?? 0) + 1);
  }

  #release(end: TcpEndpoint): void {
    if (!this.#ends.delete(end)) return;
    const inUse = this.#portsInUse[end.family === 6 ? 1 : 0];
    const count = (inUse.get(end.port) ?? 1) - 1;
    if (count <= 0) inUse.delete(end.port);
    else inUse.set(end.port, count);
  }

}
