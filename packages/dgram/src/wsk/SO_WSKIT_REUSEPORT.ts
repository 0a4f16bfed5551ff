/**
 * A wskit socket option (level SOL_SOCKET) of datagram sockets: share the port with other sockets
 * that set it too (Linux `SO_REUSEPORT`): the kernel spreads the datagrams over them, so a socket
 * per worker thread or process receives on every core. Set it (a ULONG, nonzero = on) before
 * WskBind. Native engine only: the node engine refuses it with STATUS_NOT_SUPPORTED (node:dgram
 * on Node 20 has no reusePort).
 */
export const SO_WSKIT_REUSEPORT = 0x7f03;
