// A TCP server of the test network, shaped as node:net's Server: `listen`, `address`, `close`,
// 'listening' / 'connection' / 'error' / 'close'. What @wskit/stream's listening sockets are
// carried by on the network, and what a test's own server is.
import { EventEmitter } from "node:events";
import type { TransportListenOptions, TransportServer } from "@wskit/stream/transport";
import { programmerError } from "@wskit/core";
import { checkPort } from "./netModule";
import { NetworkTcpSocket, type TcpConnector } from "./NetworkTcpSocket";
import type { TcpEndpoint } from "./TcpEndpoint";

/** What a server needs of the network. */
export interface TcpListener {
  /** Listens: the bound address, or the errno code of a refusal. */
  listen(server: NetworkTcpServer, family: 4 | 6, host: string, port: number): { address: string; port: number } | string;
  unlisten(server: NetworkTcpServer): void;
}

export interface NetworkTcpServerOptions {
  allowHalfOpen?: boolean;
  pauseOnConnect?: boolean;
}

export class NetworkTcpServer extends EventEmitter implements TransportServer {
  readonly #network: TcpListener & TcpConnector;
  readonly #options: NetworkTcpServerOptions;
  #bound: { address: string; family: 4 | 6; port: number } | null = null;

  constructor(network: TcpListener & TcpConnector, options: NetworkTcpServerOptions = {}, onConnection?: (socket: NetworkTcpSocket) => void) {
    super();
    this.#network = network;
    this.#options = options;
    if (onConnection !== undefined) this.on("connection", onConnection);
  }

  get listening(): boolean {
    return this.#bound !== null;
  }

  listen(options: TransportListenOptions | number | Partial<TransportListenOptions>, host?: string | (() => void), callback?: () => void): this {
    const given = typeof options === "number" ? { port: options, host: typeof host === "string" ? host : undefined } : options;
    if (typeof given !== "object" || given === null) throw programmerError("ERR_INVALID_ARG_TYPE", "listen: give a port or { port, host }");
    checkPort("listen", given.port ?? 0, true);
    if (given.host !== undefined && typeof given.host !== "string") throw programmerError("ERR_INVALID_ARG_TYPE", "listen: host must be a string");
    const done = typeof host === "function" ? host : callback;
    const address = given.host ?? "::";
    const family = address.includes(":") ? 6 : 4;
    const bound = this.#network.listen(this, family, address, given.port ?? 0);
    setImmediate(() => {
      if (typeof bound === "string") {
        this.emit("error", Object.assign(new Error(`listen ${bound} ${address}:${given.port ?? 0}`), { code: bound, syscall: "listen", address, port: given.port ?? 0 }));
        return;
      }
      this.#bound = { address: bound.address, family, port: bound.port };
      this.emit("listening");
      done?.();
    });
    return this;
  }

  address(): { address: string; family: string; port: number } | null {
    const bound = this.#bound;
    return bound === null ? null : { address: bound.address, family: bound.family === 6 ? "IPv6" : "IPv4", port: bound.port };
  }

  close(callback?: (error?: Error) => void): this {
    if (this.#bound === null) {
      setImmediate(() => callback?.(Object.assign(new Error("Server is not running."), { code: "ERR_SERVER_NOT_RUNNING" })));
      return this;
    }
    this.#bound = null;
    this.#network.unlisten(this);
    setImmediate(() => {
      this.emit("close");
      callback?.();
    });
    return this;
  }

  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  /** A connection arrived: its socket, paused when the server asked for that, goes to 'connection'. */
  accept(endpoint: TcpEndpoint): void {
    const socket = new NetworkTcpSocket(this.#network, { allowHalfOpen: this.#options.allowHalfOpen === true, handle: { endpoint } });
    if (this.#options.pauseOnConnect === true) socket.pause();
    this.emit("connection", socket);
  }
}
