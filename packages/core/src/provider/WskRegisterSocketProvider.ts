import { programmerError } from "../errors";
import type { IRP } from "../irp/IRP";
import type { NTSTATUS } from "../headers/NTSTATUS";
import type { SockAddr } from "../address/SockAddr";
import { WSK_FLAG_BASIC_SOCKET, WSK_FLAG_CONNECTION_SOCKET, WSK_FLAG_DATAGRAM_SOCKET, WSK_FLAG_LISTEN_SOCKET, WSK_FLAG_STREAM_SOCKET } from "../headers/wsk";
import type { WskClient, WskClientState } from "./WskClient";
import type { WskSocketObject } from "./WskSocketObject";

/** `WSK_TRANSPORT`: one transport a provider offers, as WSK_TRANSPORT_LIST_QUERY lists it. */
export interface WSK_TRANSPORT {
  /** The WSK version of the transport. */
  Version: number;
  /** SOCK_STREAM or SOCK_DGRAM. */
  SocketType: number;
  /** IPPROTO_TCP or IPPROTO_UDP. */
  Protocol: number;
  /** AF_INET or AF_INET6. */
  AddressFamily: number;
  /** Which provider package supplies it (a GUID on Windows). */
  ProviderId: string;
}

/** What WskSocket hands the provider of a category. */
export interface WskSocketRequest {
  /** The client that asked. */
  client: WskClient;
  /** The client's registration state, for counting its sockets. */
  clientState: WskClientState;
  /** AF_INET or AF_INET6. */
  AddressFamily: number;
  /** SOCK_STREAM or SOCK_DGRAM. */
  SocketType: number;
  /** IPPROTO_TCP or IPPROTO_UDP. */
  Protocol: number;
  /** The category: WSK_FLAG_DATAGRAM_SOCKET, …. */
  Flags: number;
  /** The client's context for the socket's event callbacks. */
  SocketContext: unknown;
  /** The client's event callbacks for the socket (WSK_CLIENT_DATAGRAM_DISPATCH, …), or null. */
  Dispatch: object | null;
}

/** What WskSocketConnect hands the connection provider. */
export interface WskSocketConnectRequest extends Omit<WskSocketRequest, "AddressFamily" | "Flags"> {
  /** The address to bind. */
  LocalAddress: SockAddr;
  /** The address to connect to. */
  RemoteAddress: SockAddr;
}

/**
 * The plug-in interface of a socket category: how @wskit/dgram and @wskit/stream supply their
 * sockets to core's provider dispatch without core depending on them.
 */
export interface WskSocketProvider {
  /** The categories it makes (WSK_FLAG_DATAGRAM_SOCKET, …), as a mask. */
  readonly categories: number;
  /** The package that holds it, for the message when it is missing. */
  readonly packageName: string;
  /** The transports it offers (WSK_TRANSPORT_LIST_QUERY). */
  readonly transports: readonly WSK_TRANSPORT[];
  /** Makes a socket, or returns the status that refuses the request (a bad family, type or protocol). */
  createSocket(request: WskSocketRequest): WskSocketObject | NTSTATUS;
  /**
   * WskSocketConnect: makes, binds and connects a connection socket, then completes `irp` (already
   * pending) with the socket in `Information`, or with the error.
   */
  socketConnect?(request: WskSocketConnectRequest, irp: IRP): void;
}

// One registry for every copy of core in the process (ESM and CJS), under a Symbol.for key.
const kRegistry = Symbol.for("@wskit/core.socketProviders");
type Registry = Map<number, WskSocketProvider>;

function registry(): Registry {
  const holder = globalThis as { [kRegistry]?: Registry };
  return (holder[kRegistry] ??= new Map());
}

/** Which package supplies each category, for loading it on first use and for the message when it is absent. */
export const CATEGORY_PACKAGES: ReadonlyMap<number, string> = new Map([
  [WSK_FLAG_DATAGRAM_SOCKET, "@wskit/dgram"],
  [WSK_FLAG_CONNECTION_SOCKET, "@wskit/stream"],
  [WSK_FLAG_LISTEN_SOCKET, "@wskit/stream"],
  [WSK_FLAG_STREAM_SOCKET, "@wskit/stream"],
  [WSK_FLAG_BASIC_SOCKET, "@wskit/core"],
]);

/**
 * Provider side: plugs a socket category into core. @wskit/dgram and @wskit/stream call it when they
 * load; a user never needs to. Registering a category again replaces its provider.
 * @throws ERR_INVALID_ARG_VALUE for a provider with no category.
 */
export function WskRegisterSocketProvider(provider: WskSocketProvider): void {
  let any = false;
  for (const category of CATEGORY_PACKAGES.keys()) {
    // Basic sockets are core's own; a plug-in supplies the categories with I/O.
    if (category !== WSK_FLAG_BASIC_SOCKET && (provider.categories & category) !== 0) {
      registry().set(category, provider);
      any = true;
    }
  }
  if (!any) throw programmerError("ERR_INVALID_ARG_VALUE", "WskRegisterSocketProvider: the provider names no socket category");
}

/**
 * The provider a client's socket of `category` comes from: its own network's (none there: undefined,
 * and the request is refused), else the one registered for the process.
 */
export function clientProviderFor(client: WskClientState, category: number): WskSocketProvider | undefined {
  return client.providers !== null ? client.providers.get(category) : socketProviderFor(category);
}

/** The provider registered for a category, if any. */
export function socketProviderFor(category: number): WskSocketProvider | undefined {
  return registry().get(category);
}

/** Every registered provider, once each. */
export function socketProviders(): WskSocketProvider[] {
  return [...new Set(registry().values())];
}
