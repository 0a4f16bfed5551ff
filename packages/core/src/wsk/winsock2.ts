/**
 * The Winsock error codes and return values of `winsock2.h` / `winerror.h`, for the user-mode
 * provider calls (`WSPRecvFrom`, `WSPSendTo`) that report through `lpErrno`.
 *
 * @see https://learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2
 */

export const SOCKET_ERROR = -1;
export const INVALID_SOCKET = -1;

// shutdown() directions.
export const SD_RECEIVE = 0;
export const SD_SEND = 1;
export const SD_BOTH = 2;

// Overlapped I/O results (winerror.h).
export const WSA_INVALID_HANDLE = 6;
export const WSA_NOT_ENOUGH_MEMORY = 8;
export const WSA_INVALID_PARAMETER = 87;
export const WSA_OPERATION_ABORTED = 995;
export const WSA_IO_INCOMPLETE = 996;
export const WSA_IO_PENDING = 997;

// Windows Sockets errors.
export const WSAEINTR = 10004;
export const WSAEBADF = 10009;
export const WSAEACCES = 10013;
export const WSAEFAULT = 10014;
export const WSAEINVAL = 10022;
export const WSAEMFILE = 10024;
export const WSAEWOULDBLOCK = 10035;
export const WSAEINPROGRESS = 10036;
export const WSAEALREADY = 10037;
export const WSAENOTSOCK = 10038;
export const WSAEDESTADDRREQ = 10039;
export const WSAEMSGSIZE = 10040;
export const WSAEPROTOTYPE = 10041;
export const WSAENOPROTOOPT = 10042;
export const WSAEPROTONOSUPPORT = 10043;
export const WSAESOCKTNOSUPPORT = 10044;
export const WSAEOPNOTSUPP = 10045;
export const WSAEPFNOSUPPORT = 10046;
export const WSAEAFNOSUPPORT = 10047;
export const WSAEADDRINUSE = 10048;
export const WSAEADDRNOTAVAIL = 10049;
export const WSAENETDOWN = 10050;
export const WSAENETUNREACH = 10051;
export const WSAENETRESET = 10052;
export const WSAECONNABORTED = 10053;
export const WSAECONNRESET = 10054;
export const WSAENOBUFS = 10055;
export const WSAEISCONN = 10056;
export const WSAENOTCONN = 10057;
export const WSAESHUTDOWN = 10058;
export const WSAETOOMANYREFS = 10059;
export const WSAETIMEDOUT = 10060;
export const WSAECONNREFUSED = 10061;
export const WSAEHOSTDOWN = 10064;
export const WSAEHOSTUNREACH = 10065;
export const WSANOTINITIALISED = 10093;
export const WSAEDISCON = 10101;
export const WSAECANCELLED = 10103;
