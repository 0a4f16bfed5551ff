// `network.net`: node:net's createServer / connect / createConnection, with sockets and servers of
// the test network, for the plain other end of a test (a raw client of a WSK server under test, a
// raw server for a WSK client). Defaults as node:net's: no half-open, servers read at once.
import type { EventEmitter } from "node:events";
import { checkOptions, programmerError } from "@wskit/core";
import type { Duplex } from "node:stream";
import type { NetworkTcpServer } from "./NetworkTcpServer";
import type { NetworkTcpSocket } from "./NetworkTcpSocket";
import { describeValue } from "@wskit/core/provider";

/**
 * A TCP socket of the test network, as node:net's Socket: a Duplex stream (write, end, 'data',
 * 'end', pipe) with node:net's 'connect', 'error' (ECONNREFUSED, ECONNRESET, …) and 'close'.
 */
export interface TestNetSocket extends Duplex {
  /** This end's address, once connected. */
  readonly localAddress: string | undefined;
  /** This end's port, once connected. */
  readonly localPort: number | undefined;
  /** The other end's address, once connected. */
  readonly remoteAddress: string | undefined;
  /** The other end's port, once connected. */
  readonly remotePort: number | undefined;
  /** Resets the connection (the peer sees ECONNRESET), as node:net's. */
  resetAndDestroy(): this;
  /** Accepted for node:net's sake; the network has no Nagle delay. */
  setNoDelay(noDelay?: boolean): this;
}

/** An address a server listens at, as node:net's AddressInfo. */
export interface TestNetAddress {
  /** The address. */
  address: string;
  /** `"IPv4"` or `"IPv6"`. */
  family: string;
  /** The port. */
  port: number;
}

/** A TCP server of the test network, as node:net's Server: 'listening', 'connection', 'error', 'close'. */
export interface TestNetServer extends EventEmitter {
  /** True while it listens. */
  readonly listening: boolean;
  /** As `server.listen(port, [host], [callback])` or `server.listen({ port, host }, [callback])`; host default `::` (every host). */
  listen(port: number | { port?: number; host?: string }, host?: string | (() => void), callback?: () => void): this;
  /** The bound address, or null before it listens. */
  address(): TestNetAddress | null;
  /** Stops listening (connections made stay). */
  close(callback?: (error?: Error) => void): this;
}

/** The node:net calls a test's own peers make, on the network. */
export interface NetworkNet {
  /** As `net.createServer([options], [connectionListener])`. */
  createServer(options?: { allowHalfOpen?: boolean; pauseOnConnect?: boolean } | ((socket: TestNetSocket) => void), connectionListener?: (socket: TestNetSocket) => void): TestNetServer;
  /** As `net.connect(port, [host], [listener])` or `net.connect({ port, host, localAddress, localPort, allowHalfOpen }, [listener])`. */
  connect(port: number | ConnectOptions, host?: string | (() => void), listener?: () => void): TestNetSocket;
  /** The same as {@link NetworkNet.connect}. */
  createConnection(port: number | ConnectOptions, host?: string | (() => void), listener?: () => void): TestNetSocket;
}

/** Where `network.net.connect` connects. */
export interface ConnectOptions {
  /** The port to connect to. */
  port: number;
  /** The address to connect to; default 127.0.0.1. */
  host?: string;
  /** This end's address; default chosen as a host would (loopback to loopback). */
  localAddress?: string;
  /** This end's port; default an ephemeral one. */
  localPort?: number;
  /** Keep this side open after the peer's FIN (node:net's option); default false. */
  allowHalfOpen?: boolean;
}

// As node:net's validatePort: an integer 0 to 65535 (0 only to listen).
export function checkPort(api: string, port: unknown, zeroAllowed: boolean): void {
  if (typeof port !== "number" || !Number.isInteger(port) || port < (zeroAllowed ? 0 : 1) || port > 65_535) {
    throw programmerError("ERR_SOCKET_BAD_PORT", `${api}: port must be an integer from ${zeroAllowed ? 0 : 1} to 65535; received ${describeValue(port)}`);
  }
}

export function netModule(makeServer: (options: { allowHalfOpen?: boolean; pauseOnConnect?: boolean }, listener?: (socket: NetworkTcpSocket) => void) => NetworkTcpServer, makeSocket: (options: { allowHalfOpen?: boolean }) => NetworkTcpSocket): NetworkNet {
  const asServer = (server: NetworkTcpServer) => server as unknown as TestNetServer;
  const connect = (port: number | ConnectOptions, host?: string | (() => void), listener?: () => void): NetworkTcpSocket => {
    checkOptions("connect", typeof port === "number" ? undefined : port);
    const options: ConnectOptions = typeof port === "number" ? { port, ...(typeof host === "string" ? { host } : {}) } : (port ?? ({} as ConnectOptions));
    checkPort("connect", options.port, false);
    if (options.host !== undefined && typeof options.host !== "string") throw programmerError("ERR_INVALID_ARG_TYPE", "connect: host must be a string");
    const done = typeof host === "function" ? host : listener;
    const target = options.host ?? "127.0.0.1";
    const socket = makeSocket({ allowHalfOpen: options.allowHalfOpen === true });
    return socket.connect(
      {
        port: options.port,
        host: target === "localhost" ? "127.0.0.1" : target,
        family: target.includes(":") ? 6 : 4,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        ...(options.localPort === undefined ? {} : { localPort: options.localPort }),
      },
      done ?? (() => {}),
    );
  };
  return {
    createServer(options, connectionListener) {
      if (typeof options === "function") return asServer(makeServer({}, options as (socket: NetworkTcpSocket) => void));
      return asServer(makeServer(options ?? {}, connectionListener as ((socket: NetworkTcpSocket) => void) | undefined));
    },
    connect,
    createConnection: connect,
  };
}
