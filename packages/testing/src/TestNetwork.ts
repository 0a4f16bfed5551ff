// A simulated network that is a WSK provider: sockets made through its client keep SPEC §2
// (they are @wskit/dgram's own sockets, carried by an engine of this network), and every datagram
// crosses a link (one per direction of each address pair) that applies the link's impairments,
// on the network's clock, from the network's seed.
import { isIP } from "node:net";
import {
  AF_INET6,
  checkOptions,
  formatIPv4,
  formatIPv6,
  parseIPv4,
  parseIPv6,
  programmerError,
  SockAddr,
  WSK_FLAG_CONNECTION_SOCKET,
  WSK_FLAG_DATAGRAM_SOCKET,
  WSK_FLAG_LISTEN_SOCKET,
  WSK_FLAG_STREAM_SOCKET,
  type NTSTATUS,
  type WSK_CLIENT_NPI,
  type WSK_REGISTRATION,
  type WskClientSession,
  type WskNetwork,
} from "@wskit/core";
import { describeValue, registerWskClientWithProviders, WskRegisterWithProviders, type WskSocketProvider } from "@wskit/core/provider";
import { datagramProvider, DatagramSocket, useDatagramEngine } from "@wskit/dgram/engine";
import { streamProviderOn } from "@wskit/stream/transport";
import { NetworkTcpServer } from "./internal/tcp/NetworkTcpServer";
import { NetworkTcpSocket } from "./internal/tcp/NetworkTcpSocket";
import { TcpNetwork } from "./internal/tcp/TcpNetwork";
import { netModule, type NetworkNet } from "./internal/tcp/netModule";
import { Capture, type CapturedDatagram } from "./Capture";
import type { Impairments } from "./Impairments";
import { checkImpairments } from "./internal/checkImpairments";
import type { NetworkEvent } from "./internal/EventQueue";
import { freeInFlight, takeInFlight, type InFlight } from "./internal/InFlight";
import { streamSeed } from "./internal/random";
import { isUnspecified, PortTable } from "./internal/PortTable";
import { Scheduler } from "./internal/Scheduler";
import { sendBufferCharge, TestDatagramEngine, type DatagramNetwork } from "./internal/TestDatagramEngine";
import { Link, type LinkHost } from "./Link";
import type { LinkCounters, LinkDrops, TrafficCounters } from "./LinkCounters";

const DEFAULT_CAPTURE_LIMIT = 1_000_000;
const DEFAULT_IDLE_LIMIT_MS = 3_600_000;
const EMPTY = new Uint8Array(0);

/** Totals over every link, and each link's own counters. */
export interface NetworkCounters extends TrafficCounters {
  /** Every link that carried anything or was configured, in the order made. */
  links: LinkCounters[];
}

/** A timer on the network's clock (see {@link TestNetwork.setTimeout}). */
export class TestTimer {
  /** @internal */
  event: NetworkEvent | null;
  /** @internal */
  readonly seq: number;
  /** @internal */
  constructor(event: NetworkEvent) {
    this.event = event;
    this.seq = event.seq;
  }
}

/** Options of {@link TestNetwork.capture}. */
export interface CaptureOptions {
  /** The most datagrams recorded (later ones are counted in `missed`); default 1,000,000. */
  limit?: number;
}

/** Options of {@link TestNetwork.runUntilIdle}. */
export interface RunUntilIdleOptions {
  /** The most virtual milliseconds to run before giving up (ERR_INVALID_STATE); default one hour. */
  limit?: number;
}

interface Binding {
  readonly engine: TestDatagramEngine;
  readonly family: 4 | 6;
  readonly address: string;
  readonly port: number;
  readonly wildcard: boolean;
  lastDestination: string;
  lastLink: Link | null;
}

/**
 * A simulated network (made by {@link createTestNetwork}): its hosts, its links and their
 * impairments, its clock, its counters and captures, and the clients whose sockets are on it.
 * `await using` closes it.
 */
export class TestNetwork implements WskNetwork, AsyncDisposable {
  /** The seed every random draw comes from. */
  readonly seed: number;
  /** `"virtual"` (time moves when the test says) or `"real"`. */
  readonly clock: "virtual" | "real";
  /** The providers sockets of this network come from, by category (for WskRegisterWithProviders). */
  readonly providers: ReadonlyMap<number, WskSocketProvider>;
  /**
   * node:net's `createServer` / `connect`, with sockets of this network: the plain other end of a
   * test (a raw client of a WSK server under test, or a raw server for a WSK client).
   */
  readonly net: NetworkNet;
  readonly #scheduler: Scheduler;
  readonly #hosts: string[] = ["127.0.0.1", "::1"];
  readonly #links = new Map<string, Map<string, Link>>();
  readonly #linkList: Link[] = [];
  readonly #ports: [PortTable<Binding>, PortTable<Binding>] = [new PortTable(), new PortTable()];
  readonly #bindings = new Map<TestDatagramEngine, Binding>();
  readonly #isHost = (address: string) => this.#hosts.includes(address);
  readonly #captures: Capture[] = [];
  readonly #touched: TestDatagramEngine[] = [];
  readonly #tcp: TcpNetwork;
  readonly #sessions: WskClientSession[] = [];
  readonly #linkHost: LinkHost;
  readonly #epochMs: number;
  #defaults: Impairments = {};
  #client: WskClientSession | null = null;
  #closed = false;

  /** @internal Made by createTestNetwork, which checks the options. */
  constructor(seed: number, clock: "virtual" | "real", hosts: readonly string[]) {
    this.seed = seed;
    this.clock = clock;
    // At the end of each delivery batch, each socket that got datagrams indicates them as one list.
    this.#scheduler = new Scheduler(
      clock,
      () => {
        const touched = this.#touched;
        for (let i = 0; i < touched.length; i++) (touched[i] as TestDatagramEngine).indicate();
        touched.length = 0;
      },
      () => this.#tcp.readsQueued > 0,
    );
    this.#epochMs = clock === "virtual" ? 0 : Date.now();
    for (const host of hosts) this.addHost(host);
    const engines: DatagramNetwork = {
      bind: (engine, family, address, port) => this.#bind(engine, family, address, port),
      unbind: (engine) => this.#unbind(engine),
      send: (engine, payload, port, address) => this.#send(engine, payload, port, address),
      touched: (engine) => this.#touched.push(engine),
    };
    const datagrams: WskSocketProvider = {
      categories: WSK_FLAG_DATAGRAM_SOCKET,
      packageName: "@wskit/testing",
      transports: datagramProvider.transports.map((transport) => ({ ...transport, ProviderId: "@wskit/testing" })),
      createSocket(request) {
        const socket = datagramProvider.createSocket(request);
        if (socket instanceof DatagramSocket) useDatagramEngine(socket, (made, family) => new TestDatagramEngine(engines, made, family));
        return socket;
      },
    };
    this.#tcp = new TcpNetwork({
      now: () => this.#scheduler.now(),
      schedule: (delay, run, arg) => this.#scheduler.schedule(delay, run, arg),
      link: (from, to) => this.#link(from, to),
      isHost: (address) => this.#hosts.includes(address),
      sourceFor: (family, destination) => this.#sourceFor(family, destination),
      capture: (point, family, source, sourcePort, destination, destinationPort, payload, header) =>
        this.#capture({ point, time: 0, family, source, sourcePort, destination, destinationPort, payload: payload ?? EMPTY, dropped: null, tcp: header }),
      isClosed: () => this.#closed,
    });
    const tcp = this.#tcp;
    const connections = streamProviderOn(
      {
        newSocket: (options) => new NetworkTcpSocket(tcp, options),
        newServer: (onConnection) => new NetworkTcpServer(tcp, { allowHalfOpen: true, pauseOnConnect: true }, onConnection as (socket: NetworkTcpSocket) => void),
      },
      "@wskit/testing",
    );
    this.net = netModule(
      (options, listener) => new NetworkTcpServer(tcp, options, listener),
      (options) => new NetworkTcpSocket(tcp, options),
    );
    this.providers = new Map([
      [WSK_FLAG_DATAGRAM_SOCKET, datagrams],
      [WSK_FLAG_CONNECTION_SOCKET, connections],
      [WSK_FLAG_LISTEN_SOCKET, connections],
      [WSK_FLAG_STREAM_SOCKET, connections],
    ]);
    this.#linkHost = {
      defaults: () => this.#defaults,
      schedule: (delay, run, arg) => this.#scheduler.schedule(delay, run, arg),
      cancel: (event) => void this.#scheduler.cancel(event),
      now: () => this.#scheduler.now(),
      arrive: (record) => this.#arrive(record),
      sent: (record, fate) => this.#record("sent", record, fate),
      changed: (link) => this.#tcp.changed(link),
    };
  }

  /**
   * The client session whose sockets are on this network: pass the network as the helpers'
   * `network` option (`openDatagramSocket({ network })`), or use `network.client.npi` as a captured
   * provider NPI in faithful code. Made on first use; closed by {@link close}.
   */
  get client(): WskClientSession {
    this.#checkOpen("client");
    return (this.#client ??= this.registerClient());
  }

  /**
   * Another client of this network (WskRegister + WskCaptureProviderNPI, as `registerWskClient`):
   * its sockets are on this network; a category the network does not carry is STATUS_NOT_SUPPORTED.
   */
  registerClient(clientNpi?: WSK_CLIENT_NPI): WskClientSession {
    this.#checkOpen("registerClient");
    const session = registerWskClientWithProviders(this.providers, clientNpi);
    this.#sessions.push(session);
    return session;
  }

  /** `WskRegister` for this network: code from the pages registers here, then captures the NPI as usual. */
  WskRegister(WskClientNpi: WSK_CLIENT_NPI, WskRegistration: WSK_REGISTRATION): NTSTATUS {
    this.#checkOpen("WskRegister");
    return WskRegisterWithProviders(WskClientNpi, WskRegistration, this.providers);
  }

  /** The network's addresses: 127.0.0.1 and ::1, and those added. */
  get hosts(): readonly string[] {
    return [...this.#hosts];
  }

  /**
   * Adds an address sockets can bind to (each host is a machine of its own; traffic between two
   * hosts crosses their links). Adding one it has already is no change.
   * @throws ERR_INVALID_IP_ADDRESS for text that is not an IPv4 or IPv6 address, or an unspecified one.
   */
  addHost(address: string): this {
    const host = canonical("addHost", address);
    if (host === "0.0.0.0" || host === "::") throw programmerError("ERR_INVALID_IP_ADDRESS", `addHost: ${host} is the unspecified address, not a host`);
    if (!this.#hosts.includes(host)) this.#hosts.push(host);
    return this;
  }

  /**
   * The link from `from` to `to` (one direction), made on first use.
   * @throws ERR_INVALID_IP_ADDRESS for an address that is not IPv4 or IPv6 text.
   */
  link(from: string, to: string): Link {
    return this.#link(canonical("link", from), canonical("link", to));
  }

  /** Every link made so far, in the order made. */
  get links(): readonly Link[] {
    return [...this.#linkList];
  }

  /**
   * Sets the default impairments of every link, field by field over the defaults it had (a link's
   * own settings still win); checked whole before any applies.
   * @throws ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE or ERR_INVALID_ARG_VALUE for a bad field.
   */
  impair(impairments: Impairments): this {
    const checked = checkImpairments("impair", impairments);
    const defaults: Record<string, unknown> = { ...this.#defaults, ...checked };
    for (const key of Object.keys(defaults)) if (!(key in checked) && impairments !== undefined && Object.hasOwn(impairments, key)) delete defaults[key];
    this.#defaults = defaults as Impairments;
    for (const link of this.#linkList) link.refresh();
    return this;
  }

  /** Cuts both directions between `a` and `b` (datagrams sent are dropped, counted as `partition`) until {@link heal}. */
  partition(a: string, b: string): this {
    this.link(a, b).impair({ partition: true });
    this.link(b, a).impair({ partition: true });
    return this;
  }

  /**
   * Ends a partition between `a` and `b`, or, with no arguments, every partition.
   * @throws ERR_INVALID_ARG_VALUE for one address without the other.
   */
  heal(a?: string, b?: string): this {
    if ((a === undefined) !== (b === undefined)) throw programmerError("ERR_INVALID_ARG_VALUE", "heal: give both addresses of the partition, or none to heal every one");
    if (a === undefined || b === undefined) {
      for (const link of this.#linkList) link.impair({ partition: undefined });
      if (this.#defaults.partition !== undefined) this.impair({ partition: undefined });
      return this;
    }
    this.link(a, b).impair({ partition: undefined });
    this.link(b, a).impair({ partition: undefined });
    return this;
  }

  /** What every link did, summed, and each link's counters. */
  counters(): NetworkCounters {
    const dropped: LinkDrops = { loss: 0, mtu: 0, queue: 0, partition: 0, noListener: 0 };
    const totals: NetworkCounters = { sent: 0, delivered: 0, inFlight: 0, duplicated: 0, reordered: 0, corrupted: 0, dropped, links: [] };
    for (const link of this.#linkList) {
      const counters = link.counters;
      totals.links.push(counters);
      totals.sent += counters.sent;
      totals.delivered += counters.delivered;
      totals.inFlight += counters.inFlight;
      totals.duplicated += counters.duplicated;
      totals.reordered += counters.reordered;
      totals.corrupted += counters.corrupted;
      for (const cause of Object.keys(dropped) as Array<keyof LinkDrops>) dropped[cause] += counters.dropped[cause];
    }
    return totals;
  }

  /** The network's time in milliseconds since it was made (virtual: as advanced). */
  now(): number {
    return this.#scheduler.now();
  }

  /**
   * Calls `callback` after `ms` milliseconds of the network's clock (on the virtual clock, when the
   * test advances past it): the timer user code under test should use, so its timeouts run in
   * virtual time. A callback that throws is an uncaught exception, as from a Node timer.
   * @throws ERR_INVALID_ARG_TYPE for a callback that is not a function, ERR_OUT_OF_RANGE for a delay that is not a finite number ≥ 0.
   */
  setTimeout(callback: () => void, ms: number): TestTimer {
    this.#checkOpen("setTimeout");
    if (typeof callback !== "function") throw programmerError("ERR_INVALID_ARG_TYPE", "setTimeout: callback must be a function");
    checkMilliseconds("setTimeout", "ms", ms);
    let timer: TestTimer | null = null;
    const event = this.#scheduler.schedule(ms, runTimer, () => {
      if (timer !== null) timer.event = null;
      callback();
    });
    timer = new TestTimer(event);
    return timer;
  }

  /** Cancels a timer of {@link setTimeout}; one that ran or was cleared already is no change. */
  clearTimeout(timer: TestTimer | null | undefined): void {
    if (!(timer instanceof TestTimer) || timer.event === null) return;
    // The event is reused once it ran: cancel it only while it is still this timer's.
    if (timer.event.seq === timer.seq) this.#scheduler.cancel(timer.event);
    timer.event = null;
  }

  /**
   * A promise that resolves after `ms` milliseconds of the network's clock.
   * @returns a promise; rejected with ERR_INVALID_ARG_TYPE for a delay that is not a number,
   *   ERR_OUT_OF_RANGE for one that is not finite and ≥ 0, ERR_INVALID_STATE once the network is closed.
   */
  sleep(ms: number): Promise<void> {
    try {
      this.#checkOpen("sleep");
      checkMilliseconds("sleep", "ms", ms);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /**
   * Virtual clock: moves time `ms` forward, delivering each datagram and running each timer at its
   * time, and letting the code they wake (completions, event callbacks, and what they send) run
   * before time moves on.
   * @throws ERR_INVALID_STATE on the real clock; ERR_OUT_OF_RANGE for a bad `ms`.
   */
  async advance(ms: number): Promise<void> {
    checkMilliseconds("advance", "ms", ms);
    await this.#scheduler.advance(ms);
  }

  /**
   * Virtual clock: runs until nothing is in flight and no timer is set, moving time to each next
   * event. @returns the virtual milliseconds that passed.
   * @throws ERR_INVALID_STATE on the real clock, or when still busy after `limit` virtual ms.
   */
  async runUntilIdle(options: RunUntilIdleOptions = {}): Promise<number> {
    checkOptions("runUntilIdle", options);
    const limit = options.limit ?? DEFAULT_IDLE_LIMIT_MS;
    checkMilliseconds("runUntilIdle", "options.limit", limit);
    return this.#scheduler.runUntilIdle(limit);
  }

  /** Starts recording datagrams (see {@link Capture}); stop it with `capture.stop()`. */
  capture(options: CaptureOptions = {}): Capture {
    this.#checkOpen("capture");
    checkOptions("capture", options);
    const limit = options.limit ?? DEFAULT_CAPTURE_LIMIT;
    if (typeof limit !== "number") throw programmerError("ERR_INVALID_ARG_TYPE", `capture: options.limit must be a number; received ${typeof limit}`);
    if (!Number.isInteger(limit) || limit < 0) throw programmerError("ERR_OUT_OF_RANGE", `capture: options.limit must be an integer ≥ 0; received ${describeValue(limit)}`);
    const capture = new Capture({ epochMs: this.#epochMs }, limit, (stopped) => {
      const index = this.#captures.indexOf(stopped);
      if (index >= 0) this.#captures.splice(index, 1);
    });
    this.#captures.push(capture);
    return capture;
  }

  /**
   * Closes the network: nothing more is delivered, timers are dropped, and each client session it
   * made is closed; resolves once every socket made on it is closed (close them first, with
   * `await using`), as WskDeregister waits.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#scheduler.close();
    // What was in flight is gone: sends that waited for it to leave are cancelled.
    for (const engine of this.#bindings.keys()) engine.networkClosed();
    for (const capture of [...this.#captures]) capture.stop();
    await Promise.all(this.#sessions.map((session) => session.close()));
  }

  /** {@link close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- datagrams -------------------------------------------------------------------------------

  #bind(engine: TestDatagramEngine, af: number, address: string, port: number): string | SockAddr {
    if (this.#closed) return "ENETDOWN";
    const family = af === AF_INET6 ? 6 : 4;
    const wildcard = isUnspecified(address);
    if (!wildcard && !this.#hosts.includes(address)) return "EADDRNOTAVAIL";
    const ports = this.#ports[family === 6 ? 1 : 0];
    const chosen = ports.choose(address, port);
    if (chosen < 0) return "EADDRINUSE";
    const binding: Binding = { engine, family, address, port: chosen, wildcard, lastDestination: "", lastLink: null };
    ports.add(chosen, binding);
    this.#bindings.set(engine, binding);
    return SockAddr.from(family === 6 ? `[${address}]:${chosen}` : `${address}:${chosen}`);
  }

  #unbind(engine: TestDatagramEngine): void {
    const binding = this.#bindings.get(engine);
    if (binding === undefined) return;
    this.#bindings.delete(engine);
    this.#ports[binding.family === 6 ? 1 : 0].remove(binding.port, binding);
  }

  #send(engine: TestDatagramEngine, payload: Uint8Array | Uint8Array[], port: number, address: string): void {
    const binding = this.#bindings.get(engine);
    if (binding === undefined || this.#closed) return;
    let link = binding.lastLink;
    if (link === null || binding.lastDestination !== address) {
      const source = binding.wildcard ? this.#sourceFor(binding.family, address) : binding.address;
      link = this.#link(source, address);
      binding.lastLink = link;
      binding.lastDestination = address;
    }
    const record = takeInFlight(payload);
    record.owner = engine;
    record.charge = sendBufferCharge(record.length, engine.family);
    record.family = binding.family;
    record.source = link.from;
    record.sourcePort = binding.port;
    record.destination = address;
    record.destinationPort = port;
    link.carry(record);
  }

  #arrive(record: InFlight): void {
    const counters = (record.link as Link).liveCounters;
    const target = this.#closed ? undefined : this.#receiver(record);
    if (target === undefined) {
      counters.dropped.noListener++;
    } else {
      counters.delivered++;
      counters.bytesDelivered += record.length;
      this.#record("delivered", record, null);
      target.engine.deliver(record);
    }
    freeInFlight(record);
  }

  // The socket bound to the datagram's destination: its own address first, then the unspecified one.
  #receiver(record: InFlight): Binding | undefined {
    return this.#ports[record.family === 6 ? 1 : 0].find(record.destination, record.destinationPort, this.#isHost);
  }

  // The source of a socket bound to the unspecified address: loopback toward loopback, else the
  // family's first other host, else loopback.
  #sourceFor(family: 4 | 6, destination: string): string {
    const loopback = family === 6 ? "::1" : "127.0.0.1";
    if (destination === loopback || (family === 4 && destination.startsWith("127."))) return loopback;
    for (const host of this.#hosts) if (host !== loopback && (isIP(host) === 6) === (family === 6)) return host;
    return loopback;
  }

  #link(from: string, to: string): Link {
    let row = this.#links.get(from);
    if (row === undefined) this.#links.set(from, (row = new Map()));
    let link = row.get(to);
    if (link === undefined) {
      link = new Link(this.#linkHost, from, to, streamSeed(this.seed, `${from}>${to}`));
      row.set(to, link);
      this.#linkList.push(link);
    }
    return link;
  }

  #record(point: "sent" | "delivered", record: InFlight, fate: string | null): void {
    if (this.#captures.length === 0) return;
    const family = record.family === 6 ? 6 : 4;
    this.#capture({ point, time: 0, family, source: record.source, sourcePort: record.sourcePort, destination: record.destination, destinationPort: record.destinationPort, payload: record.view(), dropped: fate });
  }

  // Gives every capture the datagram or segment, stamped now, with a copy of its payload (the
  // network reuses its buffers). Nothing is made while no capture records.
  #capture(seen: CapturedDatagram): void {
    if (this.#captures.length === 0) return;
    const copy: CapturedDatagram = { ...seen, time: this.#scheduler.now(), payload: seen.payload.slice(), ...(seen.tcp === undefined ? {} : { tcp: { ...seen.tcp } }) };
    for (const capture of this.#captures) capture.record(copy);
  }

  #checkOpen(api: string): void {
    if (this.#closed) throw programmerError("ERR_INVALID_STATE", `${api}: the network is closed`);
  }
}

// A delay of the network's clock: a finite number of milliseconds ≥ 0.
function checkMilliseconds(api: string, name: string, value: unknown): void {
  if (typeof value !== "number") throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: ${name} must be a number; received ${value === null ? "null" : typeof value}`);
  if (!Number.isFinite(value) || value < 0) throw programmerError("ERR_OUT_OF_RANGE", `${api}: ${name} must be a finite number of milliseconds ≥ 0; received ${describeValue(value)}`);
}

function runTimer(arg: unknown): void {
  try {
    (arg as () => void)();
  } catch (error) {
    // As from a Node timer: the test sees it as an uncaught exception.
    process.nextTick(() => {
      throw error;
    });
  }
}

// An address in its canonical text (RFC 5952 for IPv6), as sockets report it.
function canonical(api: string, address: unknown): string {
  if (typeof address !== "string") throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: an address must be a string`);
  const version = isIP(address);
  if (version === 4) return formatIPv4(parseIPv4(address) as number);
  if (version === 6) {
    const groups = parseIPv6(address);
    if (groups !== null) return formatIPv6(groups);
  }
  throw programmerError("ERR_INVALID_IP_ADDRESS", `${api}: ${address} is not an IPv4 or IPv6 address`);
}
