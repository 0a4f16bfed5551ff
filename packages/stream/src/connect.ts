import {
  AF_INET,
  AF_INET6,
  checkAddressArgument,
  helperClient,
  checkOptions,
  IPPROTO_TCP,
  lookupSockAddr,
  NT_SUCCESS,
  programmerError,
  runFailure,
  runIrp,
  SOCK_STREAM,
  SockAddr,
  type WskClientSession,
  type WskNetwork,
} from "@wskit/core";
import { describeValue, traceOperation } from "@wskit/core/provider";
import { kStream } from "./internal/streamState";
import type { ConnectionSocket } from "./wsk/ConnectionSocket";
import type { WSK_CLIENT_CONNECTION_DISPATCH } from "./wsk/WSK_CLIENT_CONNECTION_DISPATCH";

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** The local address to bind; default the unspecified address of the remote's family, any port. */
  localAddress?: string | SockAddr;
  /** The registered client; default one shared client for the process. */
  client?: WskClientSession;
  /** A network to make the socket on instead of the host's (@wskit/testing's `createTestNetwork()`); not with `client`. */
  network?: WskNetwork;
  /** Event callbacks for the new socket. */
  dispatch?: WSK_CLIENT_CONNECTION_DISPATCH;
  /** The context the event callbacks receive as SocketContext. */
  context?: unknown;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * How long disposal (`await using`) waits for a graceful end before it resets: its FIN, then the
   * peer's end. Default 2000 ms; 0 closes abortively at once, as WskCloseSocket.
   */
  disposeTimeout?: number;
}

/** How long a helper connection's disposal waits for the graceful end, by default. */
export const DEFAULT_DISPOSE_TIMEOUT = 2000;

/** A disposeTimeout option, checked: an integer of milliseconds from 0 to 2³¹−1. */
export function checkDisposeTimeout(value: unknown, api: string): number {
  if (value === undefined) return DEFAULT_DISPOSE_TIMEOUT;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0x7fff_ffff) {
    throw programmerError("ERR_OUT_OF_RANGE", `${api}: disposeTimeout must be an integer of milliseconds from 0 to 2147483647; received ${describeValue(value)}`);
  }
  return value;
}

/**
 * Opens a TCP connection with WskSocketConnect: `await using socket = await connect("127.0.0.1:8080")`.
 * The remote may name a host (`"localhost:8080"`), resolved with dns.lookup as node:net does.
 * Disposal disconnects gracefully (see `disposeTimeout`).
 *
 * @throws ERR_OUT_OF_RANGE (a bad disposeTimeout); the signal's reason when aborted; WskError with
 *   the completion status, its message saying what failed and where, `cause` the Node error
 *   (`"connect 127.0.0.1:9: connection refused (STATUS_CONNECTION_REFUSED)"`, STATUS_NOT_FOUND for a
 *   host name that does not resolve, …).
 */
export async function connect(remote: string | SockAddr, options: ConnectOptions = {}): Promise<ConnectionSocket> {
  checkOptions("connect", options);
  return traceOperation("connect", "connect", remote, () => connectNow(remote, options));
}

async function connectNow(remote: string | SockAddr, options: ConnectOptions): Promise<ConnectionSocket> {
  const disposeTimeout = checkDisposeTimeout(options.disposeTimeout, "connect");
  checkAddressArgument("connect", "remote", remote);
  if (options.localAddress !== undefined) checkAddressArgument("connect", "options.localAddress", options.localAddress);
  const { signal } = options;
  const to = typeof remote === "string" ? await lookupSockAddr(remote, { signal }) : remote;
  const local =
    typeof options.localAddress === "string"
      ? await lookupSockAddr(options.localAddress, { family: to.family, signal })
      : (options.localAddress ?? new SockAddr(to.family === AF_INET6 ? AF_INET6 : AF_INET));
  const { Client, Dispatch } = helperClient("connect", options).npi;
  const result = await runIrp(
    (irp) => Dispatch.WskSocketConnect(Client, SOCK_STREAM, IPPROTO_TCP, local, to, 0, options.context ?? null, options.dispatch ?? null, null, null, null, irp),
    { signal },
  );
  if (!NT_SUCCESS(result.Status)) throw runFailure(result, { syscall: "connect", address: to, signal });
  const socket = result.Information as ConnectionSocket;
  socket[kStream].disposeTimeout = disposeTimeout;
  return socket;
}
