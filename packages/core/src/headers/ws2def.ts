/**
 * The constants of `ws2def.h` that WSK calls take, with the Windows values (so `AF_INET6` is 23,
 * not Linux's 10): address families, socket types, protocols, socket options and message flags.
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2def/
 */

// Address families.
/** Address family: unspecified. */
export const AF_UNSPEC = 0;
/** Address family: IPv4. */
export const AF_INET = 2;
/** Address family: IPv6 (IPv6-only sockets, as on Windows). */
export const AF_INET6 = 23;
/** An address family wskit sockets support. */
export type AddressFamily = typeof AF_INET | typeof AF_INET6;

// Socket types.
/** Socket type: a byte stream (TCP). */
export const SOCK_STREAM = 1;
/** Socket type: datagrams (UDP). */
export const SOCK_DGRAM = 2;

// Protocols.
/** Protocol level: IPv4 options. */
export const IPPROTO_IP = 0;
/** Protocol: TCP. */
export const IPPROTO_TCP = 6;
/** Protocol: UDP. */
export const IPPROTO_UDP = 17;
/** Protocol level: IPv6 options. */
export const IPPROTO_IPV6 = 41;

// Socket-level options.
/** Option level: the socket itself. */
export const SOL_SOCKET = 0xffff;
/** Socket option: allow binding an address in use. */
export const SO_REUSEADDR = 0x0004;
/** Socket option: TCP keep-alives. */
export const SO_KEEPALIVE = 0x0008;
/** Socket option: allow sending broadcast datagrams. */
export const SO_BROADCAST = 0x0020;
/** Socket option: linger on close. */
export const SO_LINGER = 0x0080;
/** Socket option: the send buffer size. */
export const SO_SNDBUF = 0x1001;
/** Socket option: the receive buffer size (for wskit datagram sockets, the bound on queued bytes). */
export const SO_RCVBUF = 0x1002;
/** Socket option: bind the address exclusively (wskit's bind always is). */
export const SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
/** TCP option (IPPROTO_TCP): disable Nagle's algorithm. */
export const TCP_NODELAY = 0x0001;
/** IPv6 option (IPPROTO_IPV6): the socket takes IPv6 only. */
export const IPV6_V6ONLY = 27;

// Message flags (send and receive flags, and the flags a receive reports).
/** Message flag: out-of-band data (not supported on datagram sockets). */
export const MSG_OOB = 0x1;
/** Message flag: look at the data without removing it. */
export const MSG_PEEK = 0x2;
/** Message flag: do not route. */
export const MSG_DONTROUTE = 0x4;
/** Message flag: wait until the buffer is full. */
export const MSG_WAITALL = 0x8;
/** Reported flag: the datagram was larger than the buffer and was truncated. */
export const MSG_TRUNC = 0x0100;
/** Reported flag: the control data was truncated. */
export const MSG_CTRUNC = 0x0200;
/** Reported flag: the datagram was a broadcast. */
export const MSG_BCAST = 0x0400;
/** Reported flag: the datagram was a multicast. */
export const MSG_MCAST = 0x0800;
/** Message flag: a partial message (message-oriented protocols only). */
export const MSG_PARTIAL = 0x8000;
