import {
  AF_INET,
  AF_INET6,
  IPPROTO_UDP,
  NT_SUCCESS,
  registerWskClient,
  runIrp,
  SOCK_DGRAM,
  SockAddr,
  WSK_FLAG_DATAGRAM_SOCKET,
  WskError,
  type AddressFamily,
  type WskClientSession,
} from "@wskit/core";
import type { DatagramSocket, WSK_CLIENT_DATAGRAM_DISPATCH } from "./wsk/DatagramSocket";

/** Where and how {@link openDatagramSocket} binds. */
export interface OpenDatagramSocketOptions {
  /** `"127.0.0.1:0"`, `"[::1]:9000"`, or a SockAddr; default loopback IPv4, any free port. */
  address?: string | SockAddr;
  /** The registered client to make the socket with; default one shared client for the process. */
  client?: WskClientSession;
  /** WskReceiveFromEvent, if the socket will use event indications. */
  dispatch?: WSK_CLIENT_DATAGRAM_DISPATCH;
  /** The SocketContext event callbacks receive. */
  context?: unknown;
  /** Aborting it cancels the request (IoCancelIrp); the promise rejects with STATUS_CANCELLED. */
  signal?: AbortSignal;
}

let sharedClient: WskClientSession | undefined;

/**
 * WskSocket + WskBind in one step: a bound datagram socket, closed by `await using` (WskCloseSocket).
 *
 * ```ts
 * await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
 * ```
 * @throws WskError with the status WskSocket or WskBind completed with (STATUS_ADDRESS_ALREADY_EXISTS,
 *   STATUS_CANCELLED when aborted, …).
 */
export async function openDatagramSocket(options: OpenDatagramSocketOptions = {}): Promise<DatagramSocket> {
  const address = typeof options.address === "string" ? SockAddr.from(options.address) : (options.address ?? SockAddr.loopback(AF_INET, 0));
  const family: AddressFamily = address.family === AF_INET6 ? AF_INET6 : AF_INET;
  const { Client, Dispatch } = (options.client ?? (sharedClient ??= registerWskClient())).npi;
  const created = await runIrp(
    (irp) => Dispatch.WskSocket(Client, family, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, options.context ?? null, options.dispatch ?? null, null, null, null, irp),
    { signal: options.signal },
  );
  if (!NT_SUCCESS(created.Status)) throw new WskError(created.Status, { message: `WskSocket failed: ${new WskError(created.Status).code}` });
  const socket = created.Information as DatagramSocket;
  const bound = await runIrp((irp) => socket.Dispatch.WskBind(socket, address, 0, irp), { signal: options.signal });
  if (!NT_SUCCESS(bound.Status)) {
    await socket[Symbol.asyncDispose]();
    throw new WskError(bound.Status, { message: `WskBind to ${address} failed`, address: address.address, port: address.port, syscall: "bind" });
  }
  return socket;
}
