/**
 * The constants of `ws2def.h` that WSK calls take, with the Windows values (so `AF_INET6` is 23,
 * not Linux's 10): address families, socket types, protocols, socket options and message flags.
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2def/
 */

// Address families.
export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_INET6 = 23;
/** An address family wskit sockets support. */
export type AddressFamily = typeof AF_INET | typeof AF_INET6;

// Socket types.
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;

// Protocols.
export const IPPROTO_IP = 0;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;

// Socket-level options.
export const SOL_SOCKET = 0xffff;
export const SO_REUSEADDR = 0x0004;
export const SO_KEEPALIVE = 0x0008;
export const SO_BROADCAST = 0x0020;
export const SO_LINGER = 0x0080;
export const SO_SNDBUF = 0x1001;
export const SO_RCVBUF = 0x1002;
export const SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
export const TCP_NODELAY = 0x0001;
export const IPV6_V6ONLY = 27;

// Message flags (send and receive flags, and the flags a receive reports).
export const MSG_OOB = 0x1;
export const MSG_PEEK = 0x2;
export const MSG_DONTROUTE = 0x4;
export const MSG_WAITALL = 0x8;
export const MSG_TRUNC = 0x0100;
export const MSG_CTRUNC = 0x0200;
export const MSG_BCAST = 0x0400;
export const MSG_MCAST = 0x0800;
export const MSG_PARTIAL = 0x8000;
