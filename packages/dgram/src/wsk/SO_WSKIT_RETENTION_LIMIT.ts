/**
 * A wskit socket option (level SOL_SOCKET) of datagram sockets: the bytes of indications the client
 * may keep at once by returning STATUS_PENDING (default 1 MiB). Past it, new datagrams are dropped
 * and counted (`droppedRetentionLimit`), never queued without bound. Set and get it with
 * WskControlSocket (WskSetOption / WskGetOption), as SO_RCVBUF.
 */
export const SO_WSKIT_RETENTION_LIMIT = 0x7f01;
