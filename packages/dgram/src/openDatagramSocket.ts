import {
  AF_INET,
  AF_INET6,
  checkAddressArgument,
  helperClient,
  checkOptions,
  IP_MULTICAST_IF,
  IP_MULTICAST_LOOP,
  IP_MULTICAST_TTL,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPPROTO_UDP,
  IPV6_MULTICAST_HOPS,
  IPV6_MULTICAST_IF,
  IPV6_MULTICAST_LOOP,
  IPV6_UNICAST_HOPS,
  lookupSockAddr,
  NT_SUCCESS,
  programmerError,
  runFailure,
  runIrp,
  SO_BROADCAST,
  SO_RCVBUF,
  SO_REUSEADDR,
  SO_SNDBUF,
  SOCK_DGRAM,
  SockAddr,
  SOL_SOCKET,
  WSK_FLAG_DATAGRAM_SOCKET,
  WskSetOption,
  type AddressFamily,
  type WskClientSession,
  type WskNetwork,
} from "@wskit/core";
import { describeValue, traceOperation } from "@wskit/core/provider";
import type { DatagramEngineChoice } from "./engines/DatagramEngine";
import { engineUnavailable, isEngineChoice, resolveEngine } from "./engines/engineChoice";
import { joinMulticastGroup, type MulticastInterface } from "./multicast";
import type { DatagramSocket, WSK_CLIENT_DATAGRAM_DISPATCH } from "./wsk/DatagramSocket";
import { SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_AUTO, WSKIT_DGRAM_ENGINE_NATIVE, WSKIT_DGRAM_ENGINE_NODE } from "./wsk/SO_WSKIT_DGRAM_ENGINE";
import { SO_WSKIT_REUSEPORT } from "./wsk/SO_WSKIT_REUSEPORT";
import { SO_WSKIT_RECEIVE_COALESCE } from "./wsk/SO_WSKIT_RECEIVE_COALESCE";
import { SO_WSKIT_SEND_SEGMENTATION } from "./wsk/SO_WSKIT_SEND_SEGMENTATION";

const ENGINE_VALUES = { auto: WSKIT_DGRAM_ENGINE_AUTO, node: WSKIT_DGRAM_ENGINE_NODE, native: WSKIT_DGRAM_ENGINE_NATIVE } as const;

/** The multicast settings of {@link openDatagramSocket}. */
export interface MulticastOptions {
  /** Groups to join once bound (IP_ADD_MEMBERSHIP / IPV6_ADD_MEMBERSHIP), on `interface`. */
  join?: string | readonly string[];
  /** The interface sends go out on and groups are joined on (IP_MULTICAST_IF / IPV6_MULTICAST_IF): an IPv4 address, an IPv6 interface index. */
  interface?: MulticastInterface;
  /** The TTL (hop limit) of multicast datagrams sent, 0 to 255 (IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS). */
  ttl?: number;
  /** Whether multicast datagrams sent come back to this host's members (IP_MULTICAST_LOOP / IPV6_MULTICAST_LOOP). */
  loopback?: boolean;
}

/** Where and how {@link openDatagramSocket} binds. */
export interface OpenDatagramSocketOptions {
  /**
   * `"127.0.0.1:0"`, `"[::1]:9000"`, a host name (`"localhost:8125"`, resolved with dns.lookup: the
   * socket takes the family of the first address), or a SockAddr; default loopback IPv4, any free port.
   */
  address?: string | SockAddr;
  /** The registered client to make the socket with; default one shared client for the process. */
  client?: WskClientSession;
  /** A network to make the socket on instead of the host's (@wskit/testing's `createTestNetwork()`); not with `client`. */
  network?: WskNetwork;
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
  /**
   * Receive coalescing in microseconds, 0 to 1,000,000 (SO_WSKIT_RECEIVE_COALESCE): under load the
   * native engine drains the socket this often instead of at every wakeup, for fuller lists at less
   * CPU per datagram; a datagram that arrives alone is not delayed. Native default 50; 0 turns it
   * off (lowest latency under load). The node engine takes only 0.
   */
  receiveCoalescing?: number;
  /**
   * UDP segmentation of sends (SO_WSKIT_SEND_SEGMENTATION): runs of datagrams of one size to one
   * destination go to the kernel as one message it cuts up (UDP GSO). Native default on; the node
   * engine takes only `false`.
   */
  sendSegmentation?: boolean;
  /** Allow a bind to an address in use by a socket that set it too (SO_REUSEADDR), as node:dgram's `reuseAddr`. */
  reuseAddr?: boolean;
  /** Bytes of datagrams that may wait for a receive (SO_RCVBUF: the queue's bound, and the kernel's buffer), 1024 to 256 MiB. */
  receiveBufferSize?: number;
  /** The kernel's send buffer (SO_SNDBUF), 1024 to 256 MiB. */
  sendBufferSize?: number;
  /** Allow sends to broadcast addresses (SO_BROADCAST). */
  broadcast?: boolean;
  /** The TTL (hop limit) of unicast datagrams sent, 1 to 255 (IP_TTL / IPV6_UNICAST_HOPS). */
  ttl?: number;
  /** Multicast: groups to join, the interface, the TTL and loopback. */
  multicast?: MulticastOptions;
}

// One WskControlSocket setting of the options: level, option, value, and its name for errors.
type Setting = [level: number, option: number, value: unknown, what: string];

/**
 * WskSocket + WskBind in one step: a bound datagram socket, closed by `await using` (WskCloseSocket).
 * Each option is a faithful WskControlSocket option with its Winsock name and value, set before the
 * bind (groups are joined after it).
 *
 * ```ts
 * await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
 * ```
 * @throws the signal's reason when aborted; WskError with the status WskSocket or WskBind completed
 *   with, its message saying what failed and where and `cause` the Node error
 *   (`"bind 127.0.0.1:8125: address already in use (STATUS_ADDRESS_ALREADY_EXISTS)"`), or the
 *   status an option was refused with (STATUS_INVALID_PARAMETER for a value out of its range,
 *   STATUS_NOT_SUPPORTED: `reusePort`, a nonzero `receiveCoalescing` or `sendSegmentation: true` on the node engine); STATUS_NOT_FOUND for a host name that
 *   does not resolve; ERR_ENGINE_UNAVAILABLE for `engine: "native"` where it cannot load;
 *   ERR_INVALID_ARG_VALUE for another `engine`.
 */
export async function openDatagramSocket(options: OpenDatagramSocketOptions = {}): Promise<DatagramSocket> {
  checkOptions("openDatagramSocket", options);
  return traceOperation("bind", "bind", options.address ?? "127.0.0.1:0", () => open(options));
}

async function open(options: OpenDatagramSocketOptions): Promise<DatagramSocket> {
  const { signal, engine, multicast = {} } = options;
  checkOptions("openDatagramSocket", multicast, "options.multicast");
  const join: unknown = multicast.join;
  if (join !== undefined && typeof join !== "string" && !(Array.isArray(join) && join.every((group) => typeof group === "string"))) {
    throw programmerError("ERR_INVALID_ARG_TYPE", "openDatagramSocket: multicast.join must be a group address or an array of them");
  }
  if (options.address !== undefined) checkAddressArgument("openDatagramSocket", "options.address", options.address);
  if (engine !== undefined) {
    if (!isEngineChoice(engine)) throw programmerError("ERR_INVALID_ARG_VALUE", `openDatagramSocket: engine must be "auto", "node" or "native"; received ${describeValue(engine)}`);
    // On a network of its own (options.network), the network carries the socket whatever engine is asked for.
    const resolved = resolveEngine(engine);
    if ("reason" in resolved && options.network === undefined) throw engineUnavailable(resolved.reason);
  }
  const groups = multicast.join === undefined ? [] : typeof multicast.join === "string" ? [multicast.join] : [...multicast.join];
  const address = typeof options.address === "string" ? await lookupSockAddr(options.address, { signal }) : (options.address ?? SockAddr.loopback(AF_INET, 0));
  const family: AddressFamily = address.family === AF_INET6 ? AF_INET6 : AF_INET;
  const { Client, Dispatch } = helperClient("openDatagramSocket", options).npi;
  const created = await runIrp(
    (irp) => Dispatch.WskSocket(Client, family, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, options.context ?? null, options.dispatch ?? null, null, null, null, irp),
    { signal },
  );
  if (!NT_SUCCESS(created.Status)) throw runFailure(created, { syscall: "socket", signal });
  const socket = created.Information as DatagramSocket;
  for (const [level, option, value, what] of settingsOf(options, family)) {
    const set = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, option, level, 4, value, 0, null, null, irp));
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
  try {
    for (const group of groups) await joinMulticastGroup(socket, group, multicast.interface === undefined ? {} : { interface: multicast.interface });
  } catch (error) {
    await socket[Symbol.asyncDispose]();
    throw error;
  }
  return socket;
}

// The options as WskControlSocket settings, in the order they are set.
function settingsOf(options: OpenDatagramSocketOptions, family: AddressFamily): Setting[] {
  const v6 = family === AF_INET6;
  const ip = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
  const flag = (on: boolean | undefined) => (on === true ? 1 : 0);
  const { engine, multicast = {} } = options;
  const settings: Setting[] = [];
  const add = (present: boolean, level: number, option: number, value: unknown, what: string) => {
    if (present) settings.push([level, option, value, what]);
  };
  add(engine !== undefined, SOL_SOCKET, SO_WSKIT_DGRAM_ENGINE, engine === undefined ? 0 : ENGINE_VALUES[engine], `engine ${describeValue(engine)}`);
  add(options.reusePort === true, SOL_SOCKET, SO_WSKIT_REUSEPORT, 1, "reusePort (SO_REUSEPORT needs the native engine)");
  add(options.receiveCoalescing !== undefined, SOL_SOCKET, SO_WSKIT_RECEIVE_COALESCE, options.receiveCoalescing, `receiveCoalescing ${describeValue(options.receiveCoalescing)} (0 to 1000000 µs; native engine only)`);
  add(options.sendSegmentation !== undefined, SOL_SOCKET, SO_WSKIT_SEND_SEGMENTATION, flag(options.sendSegmentation), "sendSegmentation (native engine only)");
  add(options.reuseAddr !== undefined, SOL_SOCKET, SO_REUSEADDR, flag(options.reuseAddr), "reuseAddr (SO_REUSEADDR)");
  add(options.receiveBufferSize !== undefined, SOL_SOCKET, SO_RCVBUF, options.receiveBufferSize, `receiveBufferSize (SO_RCVBUF) ${describeValue(options.receiveBufferSize)}`);
  add(options.sendBufferSize !== undefined, SOL_SOCKET, SO_SNDBUF, options.sendBufferSize, `sendBufferSize (SO_SNDBUF) ${describeValue(options.sendBufferSize)}`);
  add(options.broadcast !== undefined, SOL_SOCKET, SO_BROADCAST, flag(options.broadcast), "broadcast (SO_BROADCAST)");
  add(options.ttl !== undefined, ip, v6 ? IPV6_UNICAST_HOPS : IP_TTL, options.ttl, `ttl ${describeValue(options.ttl)} (1 to 255)`);
  add(multicast.ttl !== undefined, ip, v6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL, multicast.ttl, `multicast.ttl ${describeValue(multicast.ttl)} (0 to 255)`);
  add(multicast.loopback !== undefined, ip, v6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP, flag(multicast.loopback), "multicast.loopback");
  add(multicast.interface !== undefined, ip, v6 ? IPV6_MULTICAST_IF : IP_MULTICAST_IF, multicast.interface, `multicast.interface ${describeValue(multicast.interface)}`);
  return settings;
}
