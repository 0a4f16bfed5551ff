import { inspect } from "node:util";
import {
  helperClient,
  AF_INET,
  AF_INET6,
  abortReason,
  checkAbortSignal,
  checkAddressArgument,
  checkOptions,
  IPPROTO_TCP,
  lookupSockAddr,
  NT_SUCCESS,
  runFailure,
  runIrp,
  SOCK_STREAM,
  SOL_SOCKET,
  STATUS_CANCELLED,
  WSK_FLAG_LISTEN_SOCKET,
  WskSetOption,
  type SockAddr,
  type WskClientSession,
  type WskNetwork,
} from "@wskit/core";
import { describeValue, traceOperation } from "@wskit/core/provider";
import { checkDisposeTimeout } from "./connect";
import { kStream } from "./internal/streamState";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { ListenSocket } from "./wsk/ListenSocket";
import { SO_WSKIT_LISTEN_BACKLOG } from "./wsk/SO_WSKIT_LISTEN_BACKLOG";

/** Options of {@link listen}. */
export interface ListenOptions {
  /** The registered client; default one shared client for the process. */
  client?: WskClientSession;
  /** A network to make the socket on instead of the host's (@wskit/testing's `createTestNetwork()`); not with `client`. */
  network?: WskNetwork;
  /** Aborting it cancels opening the listener (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * The listen backlog (SO_WSKIT_LISTEN_BACKLOG): connections that may wait for an accept. Default
   * 511, as Node's `server.listen`; 1 to 65535.
   */
  backlog?: number;
  /** The `disposeTimeout` of each accepted connection (see `connect`): default 2000 ms; 0 for abortive disposal. */
  disposeTimeout?: number;
}

/** A listening socket with its address, its connections as an async iterable, and `await using`. */
export interface Listener extends AsyncDisposable {
  /** The listening socket (WskAccept, WskGetLocalAddress, WskCloseSocket). */
  readonly socket: ListenSocket;
  /** The bound address (the port the OS picked for port 0). */
  readonly address: SockAddr;
  /**
   * One WskAccept after another; ends when the loop breaks or the listener closes, and throws
   * `signal.reason` when the signal aborts, as `events.on` does.
   */
  connections(options?: { signal?: AbortSignal }): AsyncGenerator<ConnectionSocket, void, undefined>;
  /** Lets the process exit while the listener is open, as node:net's `server.unref()`. */
  unref(): this;
  /** Keeps the process alive while the listener is open (the default). */
  ref(): this;
}

/**
 * A listening TCP socket (WskSocket + WskBind): `await using server = await listen("127.0.0.1:0")`,
 * then `for await (const connection of server.connections()) …`. `local` may name a host
 * (`"localhost:0"`), resolved with dns.lookup as node:net's `server.listen` does.
 *
 * @throws ERR_OUT_OF_RANGE (a bad disposeTimeout); the signal's reason when aborted; WskError with
 *   the completion status, its message saying what failed and where, `cause` the Node error
 *   (`"listen 127.0.0.1:8080: address already in use (STATUS_ADDRESS_ALREADY_EXISTS)"`, …).
 */
export async function listen(local: string | SockAddr = "127.0.0.1:0", options: ListenOptions = {}): Promise<Listener> {
  checkOptions("listen", options);
  return traceOperation("bind", "listen", local, () => listenNow(local, options));
}

async function listenNow(local: string | SockAddr, options: ListenOptions): Promise<Listener> {
  const disposeTimeout = checkDisposeTimeout(options.disposeTimeout, "listen");
  checkAddressArgument("listen", "local", local);
  const { signal } = options;
  const at = typeof local === "string" ? await lookupSockAddr(local, { signal }) : local;
  const family = at.family === AF_INET6 ? AF_INET6 : AF_INET;
  const { Client, Dispatch } = helperClient("listen", options).npi;
  const made = await runIrp((irp) => Dispatch.WskSocket(Client, family, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, null, null, null, null, null, irp), { signal });
  if (!NT_SUCCESS(made.Status)) throw runFailure(made, { syscall: "socket", signal });
  const socket = made.Information as ListenSocket;
  if (options.backlog !== undefined) {
    const set = await runIrp((irp) =>
      socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSKIT_LISTEN_BACKLOG, SOL_SOCKET, 4, options.backlog, 0, null, null, irp),
    );
    if (!NT_SUCCESS(set.Status)) {
      await socket[Symbol.asyncDispose]();
      throw runFailure(set, { syscall: "setsockopt", what: `listen: backlog must be an integer from 1 to 65535; received ${describeValue(options.backlog)}` });
    }
  }
  const bound = await runIrp((irp) => socket.Dispatch.WskBind(socket, at, 0, irp), { signal });
  if (!NT_SUCCESS(bound.Status)) {
    await socket[Symbol.asyncDispose]();
    throw runFailure(bound, { syscall: "listen", address: at, signal });
  }
  const address = socket.localAddress ?? at;
  const listener: Listener & { [inspect.custom](): string } = {
    socket,
    address,
    async *connections(options = {}) {
      checkOptions("connections", options);
      const stop = checkAbortSignal("connections", options.signal);
      for (;;) {
        const result = await runIrp((irp) => socket.Dispatch.WskAccept(socket, 0, null, null, null, null, irp), stop === undefined ? {} : { signal: stop });
        if (stop?.aborted === true) {
          // Accepted as the signal aborted: the connection is closed, not lost open.
          if (NT_SUCCESS(result.Status)) await (result.Information as ConnectionSocket)[Symbol.asyncDispose]();
          throw abortReason(stop);
        }
        if (result.Status === STATUS_CANCELLED) return; // the listener closed
        if (!NT_SUCCESS(result.Status)) throw runFailure(result, { syscall: "accept", address, signal: stop });
        const connection = result.Information as ConnectionSocket;
        connection[kStream].disposeTimeout = disposeTimeout;
        yield connection;
      }
    },
    unref() {
      socket.unref();
      return this;
    },
    ref() {
      socket.ref();
      return this;
    },
    [Symbol.asyncDispose]: () => socket[Symbol.asyncDispose](),
    [inspect.custom]: () => `Listener { address: '${String(address)}' }`,
  };
  return listener;
}
