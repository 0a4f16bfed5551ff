/**
 * A wskit socket option (level SOL_SOCKET) of listening sockets and stream sockets: the listen
 * backlog, as Winsock's `listen(s, backlog)` takes it. It bounds both the kernel's queue of
 * connections not yet taken by Node and the connections the socket holds for WskAccept; past it, new
 * connections are refused. Default 511, as Node's `server.listen`; 1 to 65535. Set it with
 * WskControlSocket (WskSetOption, an IRP) before the socket listens (before WskBind of a listening
 * socket, WskListen of a stream socket); afterwards STATUS_INVALID_DEVICE_STATE. WskGetOption reads it.
 */
export const SO_WSKIT_LISTEN_BACKLOG = 0x7f02;
