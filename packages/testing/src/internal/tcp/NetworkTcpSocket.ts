// A TCP socket of the test network, shaped as node:net's Socket (a Duplex with `connect`, the
// addresses, `end`, `destroy`, `resetAndDestroy`, `setNoDelay`, `ref` / `unref`): what
// @wskit/stream's connections are carried by on the network (reading through `onread`, as stream
// reads node:net sockets), and what a test's own peer is (reading as 'data').
import { Duplex } from "node:stream";
import { systemError } from "@wskit/dgram/engine";
import type { TransportConnectOptions, TransportOnread, TransportSocket } from "@wskit/stream/transport";
import type { EndpointSocket, TcpEndpoint } from "./TcpEndpoint";

/** What a socket needs of the network. */
export interface TcpConnector {
  /** Connects `socket`: later, `attach` (connected) or `fail` (refused). */
  connect(socket: NetworkTcpSocket, options: TransportConnectOptions): void;
  /** Sockets with a read queued for the next turn: a step of virtual time waits for them. */
  readsQueued: number;
}

/** An accepted connection's handle, taken over by the socket made with it. */
export interface NetworkTcpHandle {
  endpoint: TcpEndpoint;
  useUserBuffer(buffer: Uint8Array): void;
  ref(): void;
  unref(): void;
}

/** Options of a network TCP socket, as node:net's. */
export interface NetworkTcpSocketOptions {
  allowHalfOpen?: boolean;
  onread?: TransportOnread;
  handle?: unknown;
}

const PUSH_CHUNK = 64 * 1024;


export class NetworkTcpSocket extends Duplex implements TransportSocket, EndpointSocket {
  readonly #connector: TcpConnector;
  readonly #onread: TransportOnread | null;
  #endpoint: TcpEndpoint | null = null;
  /** The buffer the next read goes into (onread). */
  #lent: Uint8Array | null = null;
  #readPaused = false;
  #pushBlocked = false;
  #reading = false;
  #readAgain = false;
  #readQueued = false;
  #ended = false;
  #resetRequested = false;
  /** The peer reset while this socket did not read: it hears of it when it reads or writes again. */
  #resetPending = false;
  #connecting = false;
  // A write that waits for room in the send buffer, taken in part as room opens (Writable calls
  // _write one at a time); its callback runs once the kernel has taken all of it, as Node's does.
  #waiting: { chunk: Uint8Array; taken: number; callback: (error?: Error | null) => void } | null = null;
  // Writes made before the connection was up.
  readonly #early: Array<{ chunk: Uint8Array; callback: (error?: Error | null) => void }> = [];
  /** The handle stream takes over from an accepted socket (null once taken). */
  _handle: NetworkTcpHandle | null = null;
  readonly #readSoon = () => {
    if (!this.#readQueued) return;
    this.#readQueued = false;
    this.#connector.readsQueued--;
    this.#readNow();
  };

  constructor(connector: TcpConnector, options: NetworkTcpSocketOptions = {}) {
    // 'close' is emitted when the handle has closed, a turn after the destruction, as net.Socket's.
    super({ allowHalfOpen: options.allowHalfOpen === true, emitClose: false, decodeStrings: true });
    this.#connector = connector;
    this.#onread = options.onread ?? null;
    const handle = options.handle as NetworkTcpHandle | undefined;
    if (handle !== undefined && handle !== null) this.attach(handle.endpoint);
  }

  get localAddress(): string | undefined {
    return this.#endpoint?.address;
  }
  get localPort(): number | undefined {
    return this.#endpoint?.port;
  }
  get localFamily(): string | undefined {
    return this.#endpoint === null ? undefined : this.#endpoint.family === 6 ? "IPv6" : "IPv4";
  }
  get remoteAddress(): string | undefined {
    return this.#endpoint?.peer?.address;
  }
  get remotePort(): number | undefined {
    return this.#endpoint?.peer?.port;
  }
  get remoteFamily(): string | undefined {
    return this.localFamily;
  }
  /** As net.Socket's: `{ address, family, port }` of the local end, or `{}` before it connects. */
  address(): { address: string; family: string; port: number } | Record<string, never> {
    const end = this.#endpoint;
    return end === null ? {} : { address: end.address, family: end.family === 6 ? "IPv6" : "IPv4", port: end.port };
  }
  get connecting(): boolean {
    return this.#connecting;
  }

  connect(options: TransportConnectOptions | number, host?: string | (() => void), listener?: () => void): this {
    const done = typeof host === "function" ? host : listener;
    const target: TransportConnectOptions =
      typeof options === "number" ? { port: options, host: typeof host === "string" ? host : "127.0.0.1", family: typeof host === "string" && host.includes(":") ? 6 : 4 } : options;
    if (done !== undefined) this.once("connect", done);
    this.#connecting = true;
    this.#connector.connect(this, target);
    return this;
  }

  /** The network connected this socket to `endpoint` (or it was accepted on it). */
  attach(endpoint: TcpEndpoint): void {
    this.#endpoint = endpoint;
    endpoint.socket = this;
    this._handle = {
      endpoint,
      useUserBuffer: (buffer: Uint8Array) => {
        this.#lent = buffer;
      },
      ref() {},
      unref() {},
    };
    if (this.#connecting) {
      this.#connecting = false;
      for (const early of this.#early.splice(0)) this._write(early.chunk, "binary", early.callback);
      this.emit("connect");
    }
    // Reset before this end took it (the listener refused the connection): heard of now.
    if (endpoint.resetReceived) {
      setImmediate(() => this.peerReset());
      return;
    }
    this.#scheduleRead();
  }

  /** The network refused the connection (no listener): as node:net, an error, then close. */
  fail(code: string, address: string, port: number): void {
    this.#connecting = false;
    this.destroy(systemError(code, "connect", address, port));
  }

  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  resetAndDestroy(): this {
    this.#resetRequested = true;
    return this.destroy();
  }

  override pause(): this {
    super.pause();
    if (this.#onread !== null) this.#readPaused = true;
    return this;
  }

  override resume(): this {
    super.resume();
    this.#readPaused = false;
    if (this.#resetPending && !this.#ended) setImmediate(() => this.#resetNow());
    else this.#scheduleRead();
    return this;
  }

  // ---- the endpoint's events ----------------------------------------------------------------

  /** Data (or the peer's FIN) is there: read on the next turn, all that came in this one together, as Node reads a socket once per turn of its loop. */
  dataArrived(): void {
    this.#scheduleRead();
  }

  #readNow(): void {
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }

    const end = this.#endpoint;
    if (end === null || this.destroyed) return;
    this.#reading = true;
    try {
      do {
        this.#readAgain = false;
        if (this.#onread !== null) this.#readThroughOnread(end, this.#onread);
        else this.#readAsData(end);
      } while (this.#readAgain);
    } finally {
      this.#reading = false;
    }
    if (this.#resetPending && !this.#ended && this.#isReading()) {
      this.#resetNow();
      return;
    }
    if (end.finReceived && end.unreadBytes === 0 && !this.#ended && !this.destroyed) {
      this.#ended = true;
      this.push(null);
    }
  }

  /**
   * The peer reset the connection: as node:net, ECONNRESET, then close; a socket that read the end
   * of the stream no longer reads, so it hears of the reset at its next write (EPIPE / ECONNRESET).
   */
  peerReset(): void {
    if (this.destroyed) return;
    // Heard of at the socket's next read, after what arrived before it, as Node hears of a reset
    // at its next read of the handle; a socket whose reading stopped (flow control, or the end of
    // the stream read) hears of it when it reads or writes again.
    this.#resetPending = true;
    if (this.#waiting !== null) this.#resetNow();
    else this.#scheduleRead();
  }

  #isReading(): boolean {
    return this.#onread === null || !this.#readPaused;
  }

  #resetNow(): void {
    if (this.destroyed) return;
    this.#resetPending = false;
    const end = this.#endpoint;
    this.destroy(systemError("ECONNRESET", "read", end?.peer?.address, end?.peer?.port));
  }

  /** Room in the send buffer: the write that waited goes in. */
  roomOpened(): void {
    const waiting = this.#waiting;
    const end = this.#endpoint;
    if (waiting === null || end === null || end.sendRoom <= 0) return;
    const take = Math.min(end.sendRoom, waiting.chunk.byteLength - waiting.taken);
    const part = waiting.chunk.subarray(waiting.taken, waiting.taken + take);
    waiting.taken += take;
    const done = waiting.taken === waiting.chunk.byteLength;
    if (done) this.#waiting = null;
    end.queue(part);
    if (done) waiting.callback();
  }

  #readThroughOnread(end: TcpEndpoint, onread: TransportOnread): void {
    while (!this.#readPaused && end.unreadBytes > 0 && !this.destroyed) {
      const buffer = (this.#lent ??= onread.buffer());
      const nread = end.read(buffer);
      if (nread === 0) return;
      this.#lent = null;
      const more = onread.callback(nread);
      // As Node does: the next read's buffer is asked for right after a read.
      if (!this.destroyed) this.#lent = onread.buffer();
      if (more === false) this.#readPaused = true;
    }
  }

  #readAsData(end: TcpEndpoint): void {
    while (!this.#pushBlocked && !this.destroyed) {
      const chunk = end.readChunk(PUSH_CHUNK);
      if (chunk === null) return;
      if (!this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) this.#pushBlocked = true;
    }
  }

  #scheduleRead(): void {
    if (this.#readQueued) return;
    this.#readQueued = true;
    this.#connector.readsQueued++;
    setImmediate(this.#readSoon);
  }

  // ---- Duplex ----------------------------------------------------------------------------------

  override _read(): void {
    if (this.#resetPending && !this.#ended) {
      setImmediate(() => this.#resetNow());
      return;
    }
    if (!this.#pushBlocked) return;
    this.#pushBlocked = false;
    this.#scheduleRead();
  }

  override _write(chunk: Uint8Array, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const end = this.#endpoint;
    if (end === null) {
      if (this.#connecting) this.#early.push({ chunk, callback });
      else callback(systemError("EPIPE", "write"));
      return;
    }
    if (end.resetReceived || end.closed || end.writeShut) {
      callback(systemError(end.resetReceived ? "ECONNRESET" : "EPIPE", "write"));
      return;
    }
    if (chunk.byteLength <= end.sendRoom) {
      end.queue(chunk);
      callback();
      return;
    }
    this.#waiting = { chunk, taken: 0, callback };
    this.roomOpened();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#endpoint?.queueFin();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const end = this.#endpoint;
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.callback(error ?? systemError("ECANCELED", "write"));
    for (const early of this.#early.splice(0)) early.callback(error ?? systemError("ECANCELED", "write"));
    // A handle taken over by another socket is that socket's now.
    if (end !== null && this._handle !== null) {
      if (this.#resetRequested) end.reset();
      else end.close();
      end.socket = null;
    }
    this.#endpoint = null;
    callback(error);
    setImmediate(() => this.emit("close", error !== null));
  }
}
