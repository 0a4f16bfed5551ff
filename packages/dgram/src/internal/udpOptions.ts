// The UDP options of SPEC §9 through WskControlSocket, with Winsock's names and values: SO_SNDBUF,
// SO_REUSEADDR, SO_BROADCAST, IP_TTL / IPV6_UNICAST_HOPS, and multicast (IP_MULTICAST_IF, _TTL,
// _LOOP, IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP and the IPv6 ones). Each is checked when set and
// kept in the socket's state; the engine gets it at the bind, or at once on a bound socket.
import {
  AF_INET6,
  formatIPv4,
  IoRejectRequest,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IP_MULTICAST_IF,
  IP_MULTICAST_LOOP,
  IP_MULTICAST_TTL,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPV6_ADD_MEMBERSHIP,
  IPV6_DROP_MEMBERSHIP,
  IPV6_MULTICAST_HOPS,
  IPV6_MULTICAST_IF,
  IPV6_MULTICAST_LOOP,
  IPV6_UNICAST_HOPS,
  parseIPv4,
  parseIPv6,
  SO_BROADCAST,
  SO_REUSEADDR,
  SO_SNDBUF,
  SOL_SOCKET,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  WskGetOption,
  WskSetOption,
  type IRP,
  type NTSTATUS,
  type WSK_CONTROL_SOCKET_TYPE,
} from "@wskit/core";
import { completeRequestAtOnce, ntStatusFromErrno } from "@wskit/core/provider";
import type { DatagramEngine, UdpIntOption } from "../engines/DatagramEngine";
import { BindPhase, type DatagramState } from "./datagramState";
import { ipv6Text } from "./addressText";
import { parseOptionInput } from "./optionInput";

/** The UDP options a socket keeps for its engine; defaults are the system's. */
export interface UdpOptions {
  reuseAddr: boolean;
  /** SO_SNDBUF; 0: the system's default. */
  sendBuffer: number;
  broadcast: boolean;
  /** IP_TTL / IPV6_UNICAST_HOPS; 0: the system's default. */
  ttl: number;
  multicastTtl: number;
  multicastLoop: boolean;
  /** IP_MULTICAST_IF's interface address (IPv4), or IPV6_MULTICAST_IF's index as text (IPv6); null: the default. */
  multicastInterface: string | null;
}

export function newUdpOptions(): UdpOptions {
  return { reuseAddr: false, sendBuffer: 0, broadcast: false, ttl: 0, multicastTtl: 1, multicastLoop: true, multicastInterface: null };
}

/** The system default TTL reported for a socket that never set IP_TTL (Linux's ip_default_ttl). */
const DEFAULT_TTL = 64;
const MIN_BYTES = 1024;
const MAX_BYTES = 256 * 1024 * 1024;

type Answer = (irp: IRP, value: number) => NTSTATUS;

/**
 * WskControlSocket for the UDP options, or undefined when `level`/`code` is not one of them.
 * `value` is the ULONG the option was given (undefined when it is not one), `input` the raw input.
 */
export function controlUdpOption(
  state: DatagramState,
  type: WSK_CONTROL_SOCKET_TYPE,
  level: number,
  code: number,
  input: unknown,
  value: number | undefined,
  irp: IRP,
  answer: Answer,
): NTSTATUS | undefined {
  const v6 = state.family === AF_INET6;
  const ipLevel = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
  const udp = state.udp;
  if (level === SOL_SOCKET && (code === SO_SNDBUF || code === SO_REUSEADDR || code === SO_BROADCAST)) {
    if (type === WskGetOption) {
      if (code === SO_SNDBUF) return answer(irp, udp.sendBuffer !== 0 ? udp.sendBuffer : (state.engine?.sendBufferSize() ?? 0));
      return answer(irp, (code === SO_REUSEADDR ? udp.reuseAddr : udp.broadcast) ? 1 : 0);
    }
    if (type !== WskSetOption) return undefined;
    if (value === undefined) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
    if (code === SO_REUSEADDR) {
      // Address reuse is decided by the bind: it is set before, once.
      if (state.phase !== BindPhase.Unbound) return IoRejectRequest(irp, STATUS_INVALID_DEVICE_STATE);
      udp.reuseAddr = value !== 0;
      return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
    }
    if (code === SO_SNDBUF) {
      if (value < MIN_BYTES || value > MAX_BYTES) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      return setNow(state, irp, "sendBuffer", value, () => void (udp.sendBuffer = value));
    }
    return setNow(state, irp, "broadcast", value !== 0 ? 1 : 0, () => void (udp.broadcast = value !== 0));
  }
  if (level !== ipLevel) return undefined;
  if (code === (v6 ? IPV6_UNICAST_HOPS : IP_TTL) || code === (v6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL)) {
    const unicast = code === (v6 ? IPV6_UNICAST_HOPS : IP_TTL);
    if (type === WskGetOption) return answer(irp, unicast ? udp.ttl || DEFAULT_TTL : udp.multicastTtl);
    if (type !== WskSetOption) return undefined;
    if (value === undefined || value < (unicast ? 1 : 0) || value > 255) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
    if (unicast) return setNow(state, irp, "ttl", value, () => void (udp.ttl = value));
    return setNow(state, irp, "multicastTtl", value, () => void (udp.multicastTtl = value));
  }
  if (code === (v6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP)) {
    if (type === WskGetOption) return answer(irp, udp.multicastLoop ? 1 : 0);
    if (type !== WskSetOption) return undefined;
    if (value === undefined) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
    return setNow(state, irp, "multicastLoop", value !== 0 ? 1 : 0, () => void (udp.multicastLoop = value !== 0));
  }
  if (code === (v6 ? IPV6_MULTICAST_IF : IP_MULTICAST_IF)) {
    if (type === WskGetOption) {
      if (v6) return answer(irp, udp.multicastInterface === null ? 0 : Number(udp.multicastInterface));
      return answer(irp, udp.multicastInterface === null ? 0 : inAddrValue(udp.multicastInterface));
    }
    if (type !== WskSetOption) return undefined;
    const iface = v6 ? interfaceIndex(value) : parseOptionInput(ipv4From, input);
    if (iface === undefined) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
    const status = state.phase === BindPhase.Bound ? errnoStatus(engineOf(state).setMulticastInterface(iface)) : STATUS_SUCCESS;
    if (status !== STATUS_SUCCESS) return IoRejectRequest(irp, status);
    udp.multicastInterface = iface;
    return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
  }
  if (code === (v6 ? IPV6_ADD_MEMBERSHIP : IP_ADD_MEMBERSHIP) || code === (v6 ? IPV6_DROP_MEMBERSHIP : IP_DROP_MEMBERSHIP)) {
    if (type !== WskSetOption) return type === WskGetOption ? IoRejectRequest(irp, STATUS_INVALID_PARAMETER) : undefined;
    const request = parseOptionInput(v6 ? ipv6Mreq : ipMreq, input);
    if (request === undefined) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
    // A membership belongs to a bound socket, as node:dgram's addMembership needs one.
    if (state.phase !== BindPhase.Bound) return IoRejectRequest(irp, STATUS_INVALID_DEVICE_STATE);
    const join = code === (v6 ? IPV6_ADD_MEMBERSHIP : IP_ADD_MEMBERSHIP);
    const status = errnoStatus(engineOf(state).setMembership(join, request.group, request.iface));
    return status === STATUS_SUCCESS ? completeRequestAtOnce(irp, STATUS_SUCCESS, 0) : IoRejectRequest(irp, status);
  }
  return undefined;
}

/** At the bind: every option set before it, to the new engine; the errno code of the first refused. */
export function applyUdpOptions(udp: UdpOptions, engine: DatagramEngine): string | null {
  const settings: Array<[UdpIntOption, number, boolean]> = [
    ["sendBuffer", udp.sendBuffer, udp.sendBuffer !== 0],
    ["broadcast", 1, udp.broadcast],
    ["ttl", udp.ttl, udp.ttl !== 0],
    ["multicastTtl", udp.multicastTtl, udp.multicastTtl !== 1],
    ["multicastLoop", 0, !udp.multicastLoop],
  ];
  for (const [option, value, wanted] of settings) {
    const error = wanted ? engine.setUdpOption(option, value) : null;
    if (error !== null) return error;
  }
  return udp.multicastInterface === null ? null : engine.setMulticastInterface(udp.multicastInterface);
}

// A value for a bound socket goes to its engine now; the socket keeps it either way.
function setNow(state: DatagramState, irp: IRP, option: UdpIntOption, value: number, keep: () => void): NTSTATUS {
  if (state.phase === BindPhase.Bound) {
    const status = errnoStatus(engineOf(state).setUdpOption(option, value));
    if (status !== STATUS_SUCCESS) return IoRejectRequest(irp, status);
  }
  keep();
  return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
}

function engineOf(state: DatagramState): DatagramEngine {
  return state.engine as DatagramEngine;
}

function errnoStatus(error: string | null): NTSTATUS {
  return error === null ? STATUS_SUCCESS : error === "ENOTSUP" || error === "ENOPROTOOPT" ? STATUS_NOT_SUPPORTED : ntStatusFromErrno(error);
}

// An IPv4 address as the options take it: text, an IN_ADDR's 4 bytes, or an IN_ADDR as a ULONG
// (its bytes in memory order, as `inet_addr()` makes it).
function ipv4From(input: unknown): string | undefined {
  if (typeof input === "string") return parseIPv4(input) === null ? undefined : input;
  if (input instanceof Uint8Array) return input.byteLength === 4 ? formatIPv4Bytes(input) : undefined;
  const value = typeof input === "number" ? input : (input as { value?: unknown } | null)?.value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) return undefined;
  return formatIPv4Bytes(new Uint8Array(new Uint32Array([value]).buffer));
}

function inAddrValue(address: string): number {
  const bytes = new Uint8Array(4);
  const parsed = parseIPv4(address) as number;
  new DataView(bytes.buffer).setUint32(0, parsed, false);
  return new DataView(bytes.buffer).getUint32(0, true);
}

function interfaceIndex(value: number | undefined): string | undefined {
  return value === undefined || value < 0 || value > 0x7fff_ffff ? undefined : String(value);
}

const isIPv4Multicast = (address: string) => ((parseIPv4(address) ?? 0) >>> 28) === 0xe;

// IP_MREQ: an object, or its 8 bytes; the group must be multicast (224.0.0.0/4).
function ipMreq(input: unknown): { group: string; iface: string } | undefined {
  let group: string | undefined;
  let iface: string | undefined;
  if (input instanceof Uint8Array) {
    if (input.byteLength !== 8) return undefined;
    group = formatIPv4Bytes(input.subarray(0, 4));
    iface = formatIPv4Bytes(input.subarray(4, 8));
  } else if (typeof input === "object" && input !== null) {
    const { imr_multiaddr, imr_interface } = input as { imr_multiaddr?: unknown; imr_interface?: unknown };
    if (typeof imr_multiaddr !== "string" || typeof imr_interface !== "string") return undefined;
    if (parseIPv4(imr_multiaddr) === null || parseIPv4(imr_interface) === null) return undefined;
    group = imr_multiaddr;
    iface = imr_interface;
  }
  return group !== undefined && iface !== undefined && isIPv4Multicast(group) ? { group, iface } : undefined;
}

// IPV6_MREQ: an object, or its 20 bytes (the group, then a 4-byte interface index); the group must be ff00::/8.
function ipv6Mreq(input: unknown): { group: string; iface: string } | undefined {
  let group: string | undefined;
  let index: number | undefined;
  if (input instanceof Uint8Array) {
    if (input.byteLength !== 20) return undefined;
    group = ipv6Text(input, 0);
    index = new DataView(input.buffer, input.byteOffset + 16, 4).getUint32(0, true);
  } else if (typeof input === "object" && input !== null) {
    const { ipv6mr_multiaddr, ipv6mr_interface } = input as { ipv6mr_multiaddr?: unknown; ipv6mr_interface?: unknown };
    if (typeof ipv6mr_multiaddr !== "string" || parseIPv6(ipv6mr_multiaddr) === null) return undefined;
    if (typeof ipv6mr_interface !== "number" || !Number.isInteger(ipv6mr_interface) || ipv6mr_interface < 0 || ipv6mr_interface > 0x7fff_ffff) return undefined;
    group = ipv6mr_multiaddr;
    index = ipv6mr_interface;
  }
  if (group === undefined || index === undefined) return undefined;
  const groups = parseIPv6(group);
  return groups !== null && ((groups[0] ?? 0) >>> 8) === 0xff ? { group, iface: String(index) } : undefined;
}

const formatIPv4Bytes = (bytes: Uint8Array) => formatIPv4(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false));
