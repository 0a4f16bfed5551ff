import {
  AF_INET6,
  checkOptions,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPV6_ADD_MEMBERSHIP,
  IPV6_DROP_MEMBERSHIP,
  NT_SUCCESS,
  runFailure,
  runIrp,
  WskSetOption,
  type IP_MREQ,
  type IPV6_MREQ,
} from "@wskit/core";
import { assertDatagramSocket } from "./internal/assertDatagramSocket";
import { kDatagram } from "./internal/datagramState";
import type { DatagramSocket } from "./wsk/DatagramSocket";
import { describeValue } from "@wskit/core/provider";

/** A multicast interface: an IPv4 socket's interface address (`"127.0.0.1"`), an IPv6 socket's interface index (0: the default). */
export type MulticastInterface = string | number;

/** Options of {@link joinMulticastGroup} and {@link leaveMulticastGroup}. */
export interface MembershipOptions {
  /** The interface to join on; default the system's choice (`"0.0.0.0"`, index 0). */
  interface?: MulticastInterface;
}

/**
 * Joins a multicast group on a bound socket (IP_ADD_MEMBERSHIP with an IP_MREQ, or
 * IPV6_ADD_MEMBERSHIP with an IPV6_MREQ), as node:dgram's `addMembership`.
 * @throws ERR_INVALID_ARG_TYPE (not a datagram socket); WskError STATUS_INVALID_PARAMETER (not a
 *   multicast group of the socket's family, a bad interface), STATUS_INVALID_DEVICE_STATE (not
 *   bound), STATUS_ADDRESS_ALREADY_EXISTS (joined already), …
 */
export function joinMulticastGroup(socket: DatagramSocket, group: string, options: MembershipOptions = {}): Promise<void> {
  checkOptions("joinMulticastGroup", options);
  return membership(socket, true, group, options);
}

/**
 * Leaves a multicast group (IP_DROP_MEMBERSHIP / IPV6_DROP_MEMBERSHIP), as node:dgram's `dropMembership`.
 * @throws as {@link joinMulticastGroup}; STATUS_INVALID_ADDRESS_COMPONENT for a group not joined.
 */
export function leaveMulticastGroup(socket: DatagramSocket, group: string, options: MembershipOptions = {}): Promise<void> {
  checkOptions("leaveMulticastGroup", options);
  return membership(socket, false, group, options);
}

async function membership(socket: DatagramSocket, join: boolean, group: string, options: MembershipOptions): Promise<void> {
  assertDatagramSocket(socket, join ? "joinMulticastGroup" : "leaveMulticastGroup");
  const v6 = socket[kDatagram].family === AF_INET6;
  const iface = options.interface;
  const request: IP_MREQ | IPV6_MREQ = v6
    ? { ipv6mr_multiaddr: group, ipv6mr_interface: (iface ?? 0) as number }
    : { imr_multiaddr: group, imr_interface: (iface ?? "0.0.0.0") as string };
  const option = v6 ? (join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP) : join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
  const result = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, option, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? 20 : 8, request, 0, null, null, irp));
  if (!NT_SUCCESS(result.Status)) {
    throw runFailure(result, { syscall: "setsockopt", what: `${join ? "join" : "leave"} multicast group ${describeValue(group)}${iface === undefined ? "" : ` on ${describeValue(iface)}`}` });
  }
}
