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
/** IPv4: deliver IN_PKTINFO (destination address, interface index) with each datagram; its control message type. */
export const IP_PKTINFO = 19;
/** IPv4: deliver the TTL of each datagram (a control message of type IP_TTL). */
export const IP_RECVTTL = 21;
/** IPv4: deliver the TOS byte of each datagram (a control message of type IP_TOS). */
export const IP_RECVTOS = 40;
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
