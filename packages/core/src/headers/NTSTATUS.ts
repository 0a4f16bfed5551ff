// NTSTATUS values, written as in `ntstatus.h` / `ntdef.h`, as unsigned 32-bit numbers.
//
// Every status that a wskit call can return or complete an IRP with is here, and every status the
// reference pages name. The names are kept verbatim so that code from the WSK pages ports line by line.
//
// See https://learn.microsoft.com/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55

// Success (severity 0)
/** The operation completed successfully. */
export const STATUS_SUCCESS = 0x00000000;
/** A user-mode APC was delivered before the wait completed. */
export const STATUS_USER_APC = 0x000000c0;
/** The wait was alerted. */
export const STATUS_ALERTED = 0x00000101;
/** The wait timed out (a success code). */
export const STATUS_TIMEOUT = 0x00000102;
/** The operation was started and will complete later, through the IRP's completion routine; from an event callback: the client keeps the indication list until WskRelease. */
export const STATUS_PENDING = 0x00000103;

// Informational (severity 1)
/** Part of a message was received; more of it follows. */
export const STATUS_RECEIVE_PARTIAL = 0x4000000f;
/** Expedited (urgent) data was received. */
export const STATUS_RECEIVE_EXPEDITED = 0x40000010;

// Warning (severity 2)
/** The data was larger than the buffer: what fit was copied (a datagram is truncated, the rest discarded). */
export const STATUS_BUFFER_OVERFLOW = 0x80000005;
/** The device is busy. */
export const STATUS_DEVICE_BUSY = 0x80000011;
/** There are no more entries to enumerate. */
export const STATUS_NO_MORE_ENTRIES = 0x8000001a;

// Error (severity 3)
/** The operation failed, for a reason no other status names. */
export const STATUS_UNSUCCESSFUL = 0xc0000001;
/** The requested operation is not implemented. */
export const STATUS_NOT_IMPLEMENTED = 0xc0000002;
/** An invalid address was accessed. */
export const STATUS_ACCESS_VIOLATION = 0xc0000005;
/** The pagefile quota of the process is exhausted. */
export const STATUS_PAGEFILE_QUOTA = 0xc0000007;
/** The handle is not valid: the socket was closed (the IRP is left untouched). */
export const STATUS_INVALID_HANDLE = 0xc0000008;
/** A parameter is not valid (a bad WSK_BUF, flags that cannot go together, a list released already, …). */
export const STATUS_INVALID_PARAMETER = 0xc000000d;
/** A device that does not exist was named. */
export const STATUS_NO_SUCH_DEVICE = 0xc000000e;
/** The file does not exist. */
export const STATUS_NO_SUCH_FILE = 0xc000000f;
/** The request is not valid for this device or socket. */
export const STATUS_INVALID_DEVICE_REQUEST = 0xc0000010;
/** Returned by a completion routine: the routine took the IRP back (to free or reuse it), so completion processing stops. */
export const STATUS_MORE_PROCESSING_REQUIRED = 0xc0000016;
/** Not enough memory to complete the operation. */
export const STATUS_NO_MEMORY = 0xc0000017;
/** The address range conflicts with one in use. */
export const STATUS_CONFLICTING_ADDRESSES = 0xc0000018;
/** Access was denied (a privileged port or address). */
export const STATUS_ACCESS_DENIED = 0xc0000022;
/** The buffer is too small for the data that must be returned. */
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023;
/** The handle is of the wrong object type (not a socket). */
export const STATUS_OBJECT_TYPE_MISMATCH = 0xc0000024;
/** The name was not found. */
export const STATUS_OBJECT_NAME_NOT_FOUND = 0xc0000034;
/** The path of the object does not exist. */
export const STATUS_OBJECT_PATH_NOT_FOUND = 0xc000003a;
/** The object is in use in a way that excludes this request. */
export const STATUS_SHARING_VIOLATION = 0xc0000043;
/** A quota was exceeded. */
export const STATUS_QUOTA_EXCEEDED = 0xc0000044;
/** The object is being deleted. */
export const STATUS_DELETE_PENDING = 0xc0000056;
/** No more paging files can be made. */
export const STATUS_TOO_MANY_PAGING_FILES = 0xc0000097;
/** Not enough resources (buffers, pool entries) to complete the operation. */
export const STATUS_INSUFFICIENT_RESOURCES = 0xc000009a;
/** The working set quota is exhausted. */
export const STATUS_WORKING_SET_QUOTA = 0xc00000a1;
/** The device (the provider) is not ready. */
export const STATUS_DEVICE_NOT_READY = 0xc00000a3;
/** The other end of the pipe (or the connection's send side) is closed. */
export const STATUS_PIPE_DISCONNECTED = 0xc00000b0;
/** The operation timed out. */
export const STATUS_IO_TIMEOUT = 0xc00000b5;
/** The underlying socket stopped working and was closed under the request (a Node socket error). */
export const STATUS_FILE_FORCED_CLOSED = 0xc00000b6;
/** The request is not supported: an option, flag, family or category this provider has not. */
export const STATUS_NOT_SUPPORTED = 0xc00000bb;
/** The remote computer is not listening. */
export const STATUS_REMOTE_NOT_LISTENING = 0xc00000bc;
/** The network path was not found. */
export const STATUS_BAD_NETWORK_PATH = 0xc00000be;
/** The network is busy. */
export const STATUS_NETWORK_BUSY = 0xc00000bf;
/** The network answered with something invalid. */
export const STATUS_INVALID_NETWORK_RESPONSE = 0xc00000c3;
/** An unexpected network error occurred. */
export const STATUS_UNEXPECTED_NETWORK_ERROR = 0xc00000c4;
/** The network name could not be resolved. */
export const STATUS_BAD_NETWORK_NAME = 0xc00000cc;
/** The request was not accepted; from WskAcceptEvent: the incoming connection is refused. */
export const STATUS_REQUEST_NOT_ACCEPTED = 0xc00000d0;
/** The IRP was cancelled (IoCancelIrp, or WskCloseSocket with requests pending). */
export const STATUS_CANCELLED = 0xc0000120;
/** The commit limit of the system was reached. */
export const STATUS_COMMITMENT_LIMIT = 0xc000012d;
/** The connection was disconnected locally. */
export const STATUS_LOCAL_DISCONNECT = 0xc000013b;
/** The connection was disconnected by the peer. */
export const STATUS_REMOTE_DISCONNECT = 0xc000013c;
/** The remote side ran out of resources. */
export const STATUS_REMOTE_RESOURCES = 0xc000013d;
/** The transport link failed. */
export const STATUS_LINK_FAILED = 0xc000013e;
/** The transport link timed out. */
export const STATUS_LINK_TIMEOUT = 0xc000013f;
/** The request needs a connection, and there is none. */
export const STATUS_INVALID_CONNECTION = 0xc0000140;
/** The address is not valid. */
export const STATUS_INVALID_ADDRESS = 0xc0000141;
/** The socket is not in a state that allows the request (not bound, not connected, bound already, …). */
export const STATUS_INVALID_DEVICE_STATE = 0xc0000184;
/** An I/O error occurred in the device. */
export const STATUS_IO_DEVICE_ERROR = 0xc0000185;
/** The buffer's size is not valid for the request (a datagram larger than the transport allows). */
export const STATUS_INVALID_BUFFER_SIZE = 0xc0000206;
/** A part of the address is not valid (port 0 as a destination). */
export const STATUS_INVALID_ADDRESS_COMPONENT = 0xc0000207;
/** No more addresses (ports) are available. */
export const STATUS_TOO_MANY_ADDRESSES = 0xc0000209;
/** The address is in use already (EADDRINUSE). */
export const STATUS_ADDRESS_ALREADY_EXISTS = 0xc000020a;
/** The connection was disconnected. */
export const STATUS_CONNECTION_DISCONNECTED = 0xc000020c;
/** The peer reset the connection (ECONNRESET). */
export const STATUS_CONNECTION_RESET = 0xc000020d;
/** The transport aborted the transaction. */
export const STATUS_TRANSACTION_ABORTED = 0xc000020f;
/** From a receive event callback: the client takes none of the indicated data; the provider keeps it and disables the event until the client receives or re-enables it. */
export const STATUS_DATA_NOT_ACCEPTED = 0xc000021b;
/** The object was not found (a name that does not resolve). */
export const STATUS_NOT_FOUND = 0xc0000225;
/** The operation should be retried. */
export const STATUS_RETRY = 0xc000022d;
/** The remote host refused the connection (ECONNREFUSED). */
export const STATUS_CONNECTION_REFUSED = 0xc0000236;
/** The connection was closed gracefully. */
export const STATUS_GRACEFUL_DISCONNECT = 0xc0000237;
/** The socket is bound already. */
export const STATUS_ADDRESS_ALREADY_ASSOCIATED = 0xc0000238;
/** The socket is not bound. */
export const STATUS_ADDRESS_NOT_ASSOCIATED = 0xc0000239;
/** The connection is not valid. */
export const STATUS_CONNECTION_INVALID = 0xc000023a;
/** The socket is connected already (EISCONN). */
export const STATUS_CONNECTION_ACTIVE = 0xc000023b;
/** The network cannot be reached (ENETUNREACH). */
export const STATUS_NETWORK_UNREACHABLE = 0xc000023c;
/** The host cannot be reached (EHOSTUNREACH). */
export const STATUS_HOST_UNREACHABLE = 0xc000023d;
/** The protocol cannot be reached at the destination. */
export const STATUS_PROTOCOL_UNREACHABLE = 0xc000023e;
/** Nothing listens at the destination port (ICMP port unreachable). */
export const STATUS_PORT_UNREACHABLE = 0xc000023f;
/** The request was aborted. */
export const STATUS_REQUEST_ABORTED = 0xc0000240;
/** The connection was aborted locally (an abortive WskDisconnect, ECONNABORTED). */
export const STATUS_CONNECTION_ABORTED = 0xc0000241;
/** The connection limit was reached. */
export const STATUS_CONNECTION_COUNT_LIMIT = 0xc0000246;
/** The requested interface is not supported. */
export const STATUS_NOINTERFACE = 0xc00002b9;
/** Data was not aligned as its type needs. */
export const STATUS_DATATYPE_MISALIGNMENT_ERROR = 0xc00002c5;
/** The host is down (EHOSTDOWN). */
export const STATUS_HOST_DOWN = 0xc0000350;
/** The hop limit (TTL) was exceeded on the way. */
export const STATUS_HOPLIMIT_EXCEEDED = 0xc000a012;

/**
 * Every named status by name, as in `ntstatus.h`: `NTSTATUS.STATUS_PENDING`, or a lookup by a name
 * held in a variable. Each status is documented at its named constant ({@link STATUS_PENDING}, …).
 *
 * @see https://learn.microsoft.com/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55
 */
export const NTSTATUS = {
  // Success (severity 0)
  STATUS_SUCCESS,
  STATUS_USER_APC,
  STATUS_ALERTED,
  STATUS_TIMEOUT,
  STATUS_PENDING,
  // Informational (severity 1)
  STATUS_RECEIVE_PARTIAL,
  STATUS_RECEIVE_EXPEDITED,
  // Warning (severity 2)
  STATUS_BUFFER_OVERFLOW,
  STATUS_DEVICE_BUSY,
  STATUS_NO_MORE_ENTRIES,
  // Error (severity 3)
  STATUS_UNSUCCESSFUL,
  STATUS_NOT_IMPLEMENTED,
  STATUS_ACCESS_VIOLATION,
  STATUS_PAGEFILE_QUOTA,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_NO_SUCH_DEVICE,
  STATUS_NO_SUCH_FILE,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_NO_MEMORY,
  STATUS_CONFLICTING_ADDRESSES,
  STATUS_ACCESS_DENIED,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_OBJECT_TYPE_MISMATCH,
  STATUS_OBJECT_NAME_NOT_FOUND,
  STATUS_OBJECT_PATH_NOT_FOUND,
  STATUS_SHARING_VIOLATION,
  STATUS_QUOTA_EXCEEDED,
  STATUS_DELETE_PENDING,
  STATUS_TOO_MANY_PAGING_FILES,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_WORKING_SET_QUOTA,
  STATUS_DEVICE_NOT_READY,
  STATUS_PIPE_DISCONNECTED,
  STATUS_IO_TIMEOUT,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_NOT_SUPPORTED,
  STATUS_REMOTE_NOT_LISTENING,
  STATUS_BAD_NETWORK_PATH,
  STATUS_NETWORK_BUSY,
  STATUS_INVALID_NETWORK_RESPONSE,
  STATUS_UNEXPECTED_NETWORK_ERROR,
  STATUS_BAD_NETWORK_NAME,
  STATUS_REQUEST_NOT_ACCEPTED,
  STATUS_CANCELLED,
  STATUS_COMMITMENT_LIMIT,
  STATUS_LOCAL_DISCONNECT,
  STATUS_REMOTE_DISCONNECT,
  STATUS_REMOTE_RESOURCES,
  STATUS_LINK_FAILED,
  STATUS_LINK_TIMEOUT,
  STATUS_INVALID_CONNECTION,
  STATUS_INVALID_ADDRESS,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_IO_DEVICE_ERROR,
  STATUS_INVALID_BUFFER_SIZE,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_TOO_MANY_ADDRESSES,
  STATUS_ADDRESS_ALREADY_EXISTS,
  STATUS_CONNECTION_DISCONNECTED,
  STATUS_CONNECTION_RESET,
  STATUS_TRANSACTION_ABORTED,
  STATUS_DATA_NOT_ACCEPTED,
  STATUS_NOT_FOUND,
  STATUS_RETRY,
  STATUS_CONNECTION_REFUSED,
  STATUS_GRACEFUL_DISCONNECT,
  STATUS_ADDRESS_ALREADY_ASSOCIATED,
  STATUS_ADDRESS_NOT_ASSOCIATED,
  STATUS_CONNECTION_INVALID,
  STATUS_CONNECTION_ACTIVE,
  STATUS_NETWORK_UNREACHABLE,
  STATUS_HOST_UNREACHABLE,
  STATUS_PROTOCOL_UNREACHABLE,
  STATUS_PORT_UNREACHABLE,
  STATUS_REQUEST_ABORTED,
  STATUS_CONNECTION_ABORTED,
  STATUS_CONNECTION_COUNT_LIMIT,
  STATUS_NOINTERFACE,
  STATUS_DATATYPE_MISALIGNMENT_ERROR,
  STATUS_HOST_DOWN,
  STATUS_HOPLIMIT_EXCEEDED,
} as const;

/** The name of a status in the table, such as `"STATUS_PENDING"`. */
export type NtStatusName = keyof typeof NTSTATUS;

/**
 * An NTSTATUS value. Any unsigned 32-bit number is one (drivers define their own), so this is `number`;
 * the named values are in {@link NTSTATUS}.
 */
export type NTSTATUS = number;
