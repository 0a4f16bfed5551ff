import {
  AF_INET,
  AF_INET6,
  IPPROTO_TCP,
  NT_SUCCESS,
  registerWskClient,
  runIrp,
  SOCK_STREAM,
  SockAddr,
  WskError,
  type WskClientSession,
} from "@wskit/core";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { WSK_CLIENT_CONNECTION_DISPATCH } from "./wsk/WSK_CLIENT_CONNECTION_DISPATCH";

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** The local address to bind; default the unspecified address of the remote's family, any port. */
  localAddress?: string | SockAddr;
  /** The registered client; default one shared client for the process. */
  client?: WskClientSession;
  /** Event callbacks for the new socket. */
  dispatch?: WSK_CLIENT_CONNECTION_DISPATCH;
  /** The context the event callbacks receive as SocketContext. */
  context?: unknown;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with STATUS_CANCELLED. */
  signal?: AbortSignal;
}

let sharedClient: WskClientSession | undefined;

/** The client the helpers use when none is given. */
export function defaultClient(client?: WskClientSession): WskClientSession {
  return client ?? (sharedClient ??= registerWskClient());
}

/**
 * Opens a TCP connection with WskSocketConnect: `await using socket = await connect("127.0.0.1:8080")`.
 *
 * @throws WskError with the completion status (STATUS_CONNECTION_REFUSED, STATUS_CANCELLED when aborted, …).
 */
export async function connect(remote: string | SockAddr, options: ConnectOptions = {}): Promise<ConnectionSocket> {
  const to = typeof remote === "string" ? SockAddr.from(remote) : remote;
  const local =
    typeof options.localAddress === "string"
      ? SockAddr.from(options.localAddress)
      : (options.localAddress ?? new SockAddr(to.family === AF_INET6 ? AF_INET6 : AF_INET));
  const { Client, Dispatch } = defaultClient(options.client).npi;
  const { Status, Information } = await runIrp(
    (irp) => Dispatch.WskSocketConnect(Client, SOCK_STREAM, IPPROTO_TCP, local, to, 0, options.context ?? null, options.dispatch ?? null, null, null, null, irp),
    { signal: options.signal },
  );
  if (!NT_SUCCESS(Status)) throw new WskError(Status, { syscall: "connect", address: to.address, port: to.port });
  return Information as ConnectionSocket;
}
