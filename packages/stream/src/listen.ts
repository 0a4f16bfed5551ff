import {
  AF_INET,
  AF_INET6,
  IPPROTO_TCP,
  NT_SUCCESS,
  runIrp,
  SOCK_STREAM,
  SockAddr,
  SOL_SOCKET,
  STATUS_CANCELLED,
  WSK_FLAG_LISTEN_SOCKET,
  WskError,
  WskSetOption,
  type WskClientSession,
} from "@wskit/core";
import { defaultClient } from "./connect";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { ListenSocket } from "./wsk/ListenSocket";
import { SO_WSKIT_LISTEN_BACKLOG } from "./wsk/SO_WSKIT_LISTEN_BACKLOG";

/** Options of {@link listen}. */
export interface ListenOptions {
  /** The registered client; default one shared client for the process. */
  client?: WskClientSession;
  /** Aborting it cancels opening the listener (IoCancelIrp); the promise rejects with STATUS_CANCELLED. */
  signal?: AbortSignal;
  /**
   * The listen backlog (SO_WSKIT_LISTEN_BACKLOG): connections that may wait for an accept. Default
   * 511, as Node's `server.listen`; 1 to 65535.
   */
  backlog?: number;
}

/** A listening socket with its address, its connections as an async iterable, and `await using`. */
export interface Listener extends AsyncDisposable {
  /** The listening socket (WskAccept, WskGetLocalAddress, WskCloseSocket). */
  readonly socket: ListenSocket;
  /** The bound address (the port the OS picked for port 0). */
  readonly address: SockAddr;
  /** One WskAccept after another; ends when the signal aborts or the listener closes. */
  connections(options?: { signal?: AbortSignal }): AsyncGenerator<ConnectionSocket, void, undefined>;
}

/**
 * A listening TCP socket (WskSocket + WskBind): `await using server = await listen("127.0.0.1:0")`,
 * then `for await (const connection of server.connections()) …`.
 *
 * @throws WskError with the completion status (STATUS_ADDRESS_ALREADY_EXISTS, …).
 */
export async function listen(local: string | SockAddr = "127.0.0.1:0", options: ListenOptions = {}): Promise<Listener> {
  const at = typeof local === "string" ? SockAddr.from(local) : local;
  const family = at.family === AF_INET6 ? AF_INET6 : AF_INET;
  const { Client, Dispatch } = defaultClient(options.client).npi;
  const made = await runIrp((irp) => Dispatch.WskSocket(Client, family, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, null, null, null, null, null, irp), options);
  if (!NT_SUCCESS(made.Status)) throw new WskError(made.Status, { syscall: "socket" });
  const socket = made.Information as ListenSocket;
  if (options.backlog !== undefined) {
    const set = await runIrp((irp) =>
      socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSKIT_LISTEN_BACKLOG, SOL_SOCKET, 4, options.backlog, 0, null, null, irp),
    );
    if (!NT_SUCCESS(set.Status)) {
      await socket[Symbol.asyncDispose]();
      throw new WskError(set.Status, { message: `listen: backlog must be an integer from 1 to 65535; received ${String(options.backlog)}` });
    }
  }
  const bound = await runIrp((irp) => socket.Dispatch.WskBind(socket, at, 0, irp), options);
  if (!NT_SUCCESS(bound.Status)) {
    await socket[Symbol.asyncDispose]();
    throw new WskError(bound.Status, { syscall: "listen", address: at.address, port: at.port });
  }
  const address = new SockAddr(family);
  await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, address, irp));
  return {
    socket,
    address,
    async *connections({ signal } = {}) {
      for (;;) {
        const { Status, Information } = await runIrp((irp) => socket.Dispatch.WskAccept(socket, 0, null, null, null, null, irp), signal === undefined ? {} : { signal });
        if (Status === STATUS_CANCELLED) return;
        if (!NT_SUCCESS(Status)) throw new WskError(Status, { syscall: "accept" });
        yield Information as ConnectionSocket;
      }
    },
    [Symbol.asyncDispose]: () => socket[Symbol.asyncDispose](),
  };
}
