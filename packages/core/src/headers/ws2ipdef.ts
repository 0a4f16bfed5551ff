/**
 * The IP-level socket options of `ws2ipdef.h` that datagram sockets take through WskControlSocket
 * (level IPPROTO_IP or IPPROTO_IPV6), with the Windows values, and the types of the control
 * messages they make a receive deliver (WSACMSGHDR `cmsg_type`).
 *
 * @see https://learn.microsoft.com/windows/win32/winsock/ipproto-ip-socket-options
 * @see https://learn.microsoft.com/windows/win32/winsock/ipproto-ipv6-socket-options
 */

/** IPv4: the type of service; also the control message type of IP_RECVTOS's INT. */
export const IP_TOS = 3;
/** IPv4: the time to live; also the control message type of IP_RECVTTL's INT. */
export const IP_TTL = 4;
/** IPv4: the interface multicast datagrams go out on (an IN_ADDR: the interface's address). */
export const IP_MULTICAST_IF = 9;
/** IPv4: the TTL of multicast datagrams sent (default 1). */
export const IP_MULTICAST_TTL = 10;
/** IPv4: whether multicast datagrams sent come back to this host's members (default on). */
export const IP_MULTICAST_LOOP = 11;
/** IPv4: join a multicast group (an IP_MREQ: the group and the interface's address). */
export const IP_ADD_MEMBERSHIP = 12;
/** IPv4: leave a multicast group (an IP_MREQ). */
export const IP_DROP_MEMBERSHIP = 13;
/** IPv4: deliver IN_PKTINFO (destination address, interface index) with each datagram; its control message type. */
export const IP_PKTINFO = 19;
/** IPv4: deliver the TTL of each datagram (a control message of type IP_TTL). */
export const IP_RECVTTL = 21;
/** IPv4: deliver the TOS byte of each datagram (a control message of type IP_TOS). */
export const IP_RECVTOS = 40;
/** IPv6: the hop limit of unicast datagrams sent. */
export const IPV6_UNICAST_HOPS = 4;
/** IPv6: the interface multicast datagrams go out on (an interface index; 0: the default). */
export const IPV6_MULTICAST_IF = 9;
/** IPv6: the hop limit of multicast datagrams sent (default 1). */
export const IPV6_MULTICAST_HOPS = 10;
/** IPv6: whether multicast datagrams sent come back to this host's members (default on). */
export const IPV6_MULTICAST_LOOP = 11;
/** IPv6: join a multicast group (an IPV6_MREQ: the group and an interface index). */
export const IPV6_ADD_MEMBERSHIP = 12;
/** IPv6: leave a multicast group (an IPV6_MREQ). */
export const IPV6_DROP_MEMBERSHIP = 13;
/** IPv6: IPV6_ADD_MEMBERSHIP under its RFC 3493 name. */
export const IPV6_JOIN_GROUP = IPV6_ADD_MEMBERSHIP;
/** IPv6: IPV6_DROP_MEMBERSHIP under its RFC 3493 name. */
export const IPV6_LEAVE_GROUP = IPV6_DROP_MEMBERSHIP;
/** IPv6: deliver IN6_PKTINFO with each datagram; its control message type. */
export const IPV6_PKTINFO = 19;
/** IPv6: deliver the hop limit of each datagram; its control message type. */
export const IPV6_HOPLIMIT = 21;
/** IPv6: the traffic class; the control message type of IPV6_RECVTCLASS's INT. */
export const IPV6_TCLASS = 39;
/** IPv6: deliver the traffic class of each datagram (a control message of type IPV6_TCLASS). */
export const IPV6_RECVTCLASS = 40;

/** Bytes of a Windows x64 WSACMSGHDR: `cmsg_len` (SIZE_T), `cmsg_level`, `cmsg_type`; the data follows, aligned to 8. */
export const WSACMSGHDR_SIZE = 16;

/**
 * `IP_MREQ`, the value of IP_ADD_MEMBERSHIP and IP_DROP_MEMBERSHIP: the group, and the address of
 * the interface to join it on (`"0.0.0.0"`: the system picks one). As bytes, its C layout (8 bytes,
 * two IN_ADDR in network order) is taken too.
 */
export interface IP_MREQ {
  /** The multicast group, e.g. `"239.1.2.3"`. */
  imr_multiaddr: string;
  /** The interface's IPv4 address. */
  imr_interface: string;
}

/**
 * `IPV6_MREQ`, the value of IPV6_ADD_MEMBERSHIP and IPV6_DROP_MEMBERSHIP: the group, and the index of
 * the interface to join it on (0: the system picks one). As bytes, its C layout (20 bytes) is taken too.
 */
export interface IPV6_MREQ {
  /** The multicast group, e.g. `"ff02::1:3"`. */
  ipv6mr_multiaddr: string;
  /** The interface index. */
  ipv6mr_interface: number;
}
