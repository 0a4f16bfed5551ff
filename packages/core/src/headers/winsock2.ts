/**
 * The Winsock error codes and return values of `winsock2.h` / `winerror.h`, for the user-mode
 * provider calls (`WSPRecvFrom`, `WSPSendTo`) that report through `lpErrno`.
 *
 * @see https://learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2
 */

/** What a WSP function returns on failure; the error is in its lpErrno. */
export const SOCKET_ERROR = -1;
/** An invalid socket handle. */
export const INVALID_SOCKET = -1;

// shutdown() directions.
/** WSPShutdown: stop receiving. */
export const SD_RECEIVE = 0;
/** WSPShutdown: stop sending. */
export const SD_SEND = 1;
/** WSPShutdown: stop both. */
export const SD_BOTH = 2;

// Overlapped I/O results (winerror.h).
/** The event or overlapped handle is not valid. */
export const WSA_INVALID_HANDLE = 6;
/** Not enough memory. */
export const WSA_NOT_ENOUGH_MEMORY = 8;
/** A parameter is not valid. */
export const WSA_INVALID_PARAMETER = 87;
/** The overlapped operation was cancelled (the socket was closed). */
export const WSA_OPERATION_ABORTED = 995;
/** The overlapped operation has not completed yet. */
export const WSA_IO_INCOMPLETE = 996;
/** The overlapped operation was started and will complete later. */
export const WSA_IO_PENDING = 997;

// Windows Sockets errors.
/** The call was interrupted. */
export const WSAEINTR = 10004;
/** The file handle is not valid. */
export const WSAEBADF = 10009;
/** Permission denied. */
export const WSAEACCES = 10013;
/** A buffer or address argument is not valid or too small (a short lpFrom). */
export const WSAEFAULT = 10014;
/** An argument is not valid (an unbound socket, a bad flag). */
export const WSAEINVAL = 10022;
/** Too many open sockets. */
export const WSAEMFILE = 10024;
/** The operation would block: no data now on a non-overlapped call. */
export const WSAEWOULDBLOCK = 10035;
/** A blocking operation is in progress. */
export const WSAEINPROGRESS = 10036;
/** The operation is in progress already. */
export const WSAEALREADY = 10037;
/** The descriptor is not a socket. */
export const WSAENOTSOCK = 10038;
/** A destination address is required. */
export const WSAEDESTADDRREQ = 10039;
/** The message was larger than the buffer and was truncated (or too large to send). */
export const WSAEMSGSIZE = 10040;
/** The protocol is the wrong type for the socket. */
export const WSAEPROTOTYPE = 10041;
/** The option is not known or not supported. */
export const WSAENOPROTOOPT = 10042;
/** The protocol is not supported. */
export const WSAEPROTONOSUPPORT = 10043;
/** The socket type is not supported. */
export const WSAESOCKTNOSUPPORT = 10044;
/** The operation is not supported (MSG_OOB on a datagram socket). */
export const WSAEOPNOTSUPP = 10045;
/** The protocol family is not supported. */
export const WSAEPFNOSUPPORT = 10046;
/** The address family is not supported. */
export const WSAEAFNOSUPPORT = 10047;
/** The address is in use already. */
export const WSAEADDRINUSE = 10048;
/** The address is not available on this machine. */
export const WSAEADDRNOTAVAIL = 10049;
/** The network (the socket) is down. */
export const WSAENETDOWN = 10050;
/** The network cannot be reached. */
export const WSAENETUNREACH = 10051;
/** The connection was reset by the network. */
export const WSAENETRESET = 10052;
/** The connection was aborted locally. */
export const WSAECONNABORTED = 10053;
/** The peer reset the connection. */
export const WSAECONNRESET = 10054;
/** No buffer space is available. */
export const WSAENOBUFS = 10055;
/** The socket is connected already (WSPRecvFrom on a connected socket). */
export const WSAEISCONN = 10056;
/** The socket is not connected. */
export const WSAENOTCONN = 10057;
/** The socket was shut down in that direction. */
export const WSAESHUTDOWN = 10058;
/** Too many references. */
export const WSAETOOMANYREFS = 10059;
/** The operation timed out. */
export const WSAETIMEDOUT = 10060;
/** The connection was refused. */
export const WSAECONNREFUSED = 10061;
/** The host is down. */
export const WSAEHOSTDOWN = 10064;
/** The host cannot be reached. */
export const WSAEHOSTUNREACH = 10065;
/** WSAStartup was not called. */
export const WSANOTINITIALISED = 10093;
/** The peer closed gracefully (message-oriented protocols). */
export const WSAEDISCON = 10101;
/** The call was cancelled. */
export const WSAECANCELLED = 10103;
