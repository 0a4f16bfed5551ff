// What carries a connection's bytes: node:net by default, or a provider's own (a simulated network,
// @wskit/testing). Only what stream uses of node:net's Socket and Server is here, so node:net's
// classes are transports as they are.
import type { EventEmitter } from "node:events";
import { createServer, Socket } from "node:net";

/** The onread hooks a connection reads through: the buffer for the next read, and what a read did (false: pause). */
export interface TransportOnread {
  buffer: () => Uint8Array;
  callback: (nread: number) => boolean;
}

/** How a connection's transport socket is made: as `new net.Socket(options)`. */
export interface TransportSocketOptions {
  allowHalfOpen: true;
  onread: TransportOnread;
  /** An accepted connection's handle, taken from the server's socket (opaque to stream). */
  handle?: unknown;
}

/** Where a transport socket connects: as net.Socket's `connect(options)`. */
export interface TransportConnectOptions {
  port: number;
  host: string;
  family: 4 | 6;
  localAddress?: string;
  localPort?: number;
}

/**
 * The part of net.Socket a connection uses. Events: `connect`, `end` (the peer's FIN), `error`
 * (a Node system error: ECONNREFUSED, ECONNRESET, …), `close`.
 */
export interface TransportSocket extends EventEmitter {
  readonly destroyed: boolean;
  readonly localAddress?: string | undefined;
  readonly localPort?: number | undefined;
  readonly localFamily?: string | undefined;
  readonly remoteAddress?: string | undefined;
  readonly remotePort?: number | undefined;
  readonly remoteFamily?: string | undefined;
  connect(options: TransportConnectOptions, listener: () => void): this;
  write(data: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(callback?: () => void): this;
  destroy(error?: Error): this;
  resetAndDestroy(): this;
  setNoDelay(noDelay?: boolean): this;
  resume(): this;
  ref(): this;
  unref(): this;
}

/** Where a transport server listens: as net.Server's `listen(options)`. */
export interface TransportListenOptions {
  port: number;
  host: string;
  exclusive: boolean;
  backlog: number;
  ipv6Only: boolean;
}

/** The part of net.Server a listening socket uses. Events: `error` (EADDRINUSE, …). */
export interface TransportServer extends EventEmitter {
  readonly listening: boolean;
  listen(options: TransportListenOptions, callback: () => void): this;
  address(): { address: string; family: string; port: number } | string | null;
  close(callback?: (error?: Error) => void): this;
  ref(): this;
  unref(): this;
}

/** Makes the sockets and servers of connections. */
export interface StreamTransport {
  /** A socket, as `new net.Socket(options)`: to connect, or over an accepted handle. */
  newSocket(options: TransportSocketOptions): TransportSocket;
  /**
   * A server, as `net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, onConnection)`:
   * each connection comes as a paused socket whose `_handle` the listener takes over.
   */
  newServer(onConnection: (raw: TransportSocket & { _handle: unknown }) => void): TransportServer;
}

/** node:net. */
export const nodeTransport: StreamTransport = {
  newSocket: (options) => new Socket(options as ConstructorParameters<typeof Socket>[0]),
  newServer: (onConnection) => createServer({ allowHalfOpen: true, pauseOnConnect: true }, onConnection as unknown as (socket: Socket) => void),
};
