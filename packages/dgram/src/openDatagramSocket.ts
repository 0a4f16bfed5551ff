import {
  AF_INET,
  AF_INET6,
  IPPROTO_UDP,
  lookupSockAddr,
  NT_SUCCESS,
  programmerError,
  registerWskClient,
  runFailure,
  runIrp,
  SOCK_DGRAM,
  SockAddr,
  SOL_SOCKET,
  WSK_FLAG_DATAGRAM_SOCKET,
  WskSetOption,
  type AddressFamily,
  type WskClientSession,
} from "@wskit/core";
import type { DatagramEngineChoice } from "./engines/DatagramEngine";
import { engineUnavailable, isEngineChoice, resolveEngine } from "./engines/engineChoice";
import type { DatagramSocket, WSK_CLIENT_DATAGRAM_DISPATCH } from "./wsk/DatagramSocket";
import { SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_AUTO, WSKIT_DGRAM_ENGINE_NATIVE, WSKIT_DGRAM_ENGINE_NODE } from "./wsk/SO_WSKIT_DGRAM_ENGINE";
import { SO_WSKIT_REUSEPORT } from "./wsk/SO_WSKIT_REUSEPORT";

const ENGINE_VALUES = { auto: WSKIT_DGRAM_ENGINE_AUTO, node: WSKIT_DGRAM_ENGINE_NODE, native: WSKIT_DGRAM_ENGINE_NATIVE } as const;

/** Where and how {@link openDatagramSocket} binds. */
export interface OpenDatagramSocketOptions {
  /**
   * `"127.0.0.1:0"`, `"[::1]:9000"`, a host name (`"localhost:8125"`, resolved with dns.lookup: the
   * socket takes the family of the first address), or a SockAddr; default loopback IPv4, any free port.
   */
  address?: string | SockAddr;
  /** The registered client to make the socket with; default one shared client for the process. */
  client?: WskClientSession;
  /** WskReceiveFromEvent, if the socket will use event indications. */
  dispatch?: WSK_CLIENT_DATAGRAM_DISPATCH;
  /** The SocketContext event callbacks receive. */
  context?: unknown;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * Which engine carries the socket: `"native"` (Linux, @wskit/dgram-native: recvmmsg/sendmmsg
   * batches), `"node"` (node:dgram) or `"auto"`, the default (WSKIT_DGRAM_ENGINE if set, else
   * native where it loads). `"native"` where it cannot load throws ERR_ENGINE_UNAVAILABLE, saying why.
   */
  engine?: DatagramEngineChoice;
  /** Share the port with other sockets that set it too (SO_REUSEPORT): one per worker thread or process. Native engine only. */
  reusePort?: boolean;
}

let sharedClient: WskClientSession | undefined;

/**
 * WskSocket + WskBind in one step: a bound datagram socket, closed by `await using` (WskCloseSocket).
 *
 * ```ts
 * await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
 * ```
 * @throws the signal's reason when aborted; WskError with the status WskSocket or WskBind completed
 *   with, its message saying what failed and where and `cause` the Node error
 *   (`"bind 127.0.0.1:8125: address already in use (STATUS_ADDRESS_ALREADY_EXISTS)"`), or the
 *   status an option was refused with (STATUS_NOT_SUPPORTED: `reusePort` on the node engine);
 *   STATUS_NOT_FOUND for a host name that does not resolve; ERR_ENGINE_UNAVAILABLE for
 *   `engine: "native"` where it cannot load; ERR_INVALID_ARG_VALUE for another `engine`.
 */
export async function openDatagramSocket(options: OpenDatagramSocketOptions = {}): Promise<DatagramSocket> {
  const { signal } = options;
  const engine = options.engine;
  if (engine !== undefined) {
    if (!isEngineChoice(engine)) throw programmerError("ERR_INVALID_ARG_VALUE", `openDatagramSocket: engine must be "auto", "node" or "native"; received ${String(engine)}`);
    const resolved = resolveEngine(engine);
    if ("reason" in resolved) throw engineUnavailable(resolved.reason);
  }
  const address = typeof options.address === "string" ? await lookupSockAddr(options.address, { signal }) : (options.address ?? SockAddr.loopback(AF_INET, 0));
  const family: AddressFamily = address.family === AF_INET6 ? AF_INET6 : AF_INET;
  const { Client, Dispatch } = (options.client ?? (sharedClient ??= registerWskClient())).npi;
  const created = await runIrp(
    (irp) => Dispatch.WskSocket(Client, family, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, options.context ?? null, options.dispatch ?? null, null, null, null, irp),
    { signal },
  );
  if (!NT_SUCCESS(created.Status)) throw runFailure(created, { syscall: "socket", signal });
  const socket = created.Information as DatagramSocket;
  const settings: Array<[number, number, string]> = [];
  if (engine !== undefined) settings.push([SO_WSKIT_DGRAM_ENGINE, ENGINE_VALUES[engine], `engine ${engine}`]);
  if (options.reusePort === true) settings.push([SO_WSKIT_REUSEPORT, 1, "reusePort (SO_REUSEPORT needs the native engine)"]);
  for (const [option, value, what] of settings) {
    const set = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, option, SOL_SOCKET, 4, value, 0, null, null, irp));
    if (!NT_SUCCESS(set.Status)) {
      await socket[Symbol.asyncDispose]();
      throw runFailure(set, { syscall: "setsockopt", what: `openDatagramSocket: ${what}` });
    }
  }
  const bound = await runIrp((irp) => socket.Dispatch.WskBind(socket, address, 0, irp), { signal });
  if (!NT_SUCCESS(bound.Status)) {
    await socket[Symbol.asyncDispose]();
    throw runFailure(bound, { syscall: "bind", address, signal });
  }
  return socket;
}
