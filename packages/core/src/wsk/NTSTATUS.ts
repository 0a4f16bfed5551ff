/**
 * NTSTATUS values, written as in `ntstatus.h` / `ntdef.h`, as unsigned 32-bit numbers.
 *
 * Every status that a wskit call can return or complete an IRP with is here, and every status the
 * reference pages name. The names are kept verbatim so that code from the WSK pages ports line by line.
 *
 * @see https://learn.microsoft.com/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55
 */
export const NTSTATUS = {
  // Success (severity 0)
  STATUS_SUCCESS: 0x00000000,
  STATUS_USER_APC: 0x000000c0,
  STATUS_ALERTED: 0x00000101,
  STATUS_TIMEOUT: 0x00000102,
  STATUS_PENDING: 0x00000103,

  // Informational (severity 1)
  STATUS_RECEIVE_PARTIAL: 0x4000000f,
  STATUS_RECEIVE_EXPEDITED: 0x40000010,

  // Warning (severity 2)
  STATUS_BUFFER_OVERFLOW: 0x80000005,
  STATUS_DEVICE_BUSY: 0x80000011,
  STATUS_NO_MORE_ENTRIES: 0x8000001a,

  // Error (severity 3)
  STATUS_UNSUCCESSFUL: 0xc0000001,
  STATUS_NOT_IMPLEMENTED: 0xc0000002,
  STATUS_INVALID_HANDLE: 0xc0000008,
  STATUS_INVALID_PARAMETER: 0xc000000d,
  STATUS_INVALID_DEVICE_REQUEST: 0xc0000010,
  STATUS_MORE_PROCESSING_REQUIRED: 0xc0000016,
  STATUS_NO_MEMORY: 0xc0000017,
  STATUS_ACCESS_DENIED: 0xc0000022,
  STATUS_BUFFER_TOO_SMALL: 0xc0000023,
  STATUS_OBJECT_NAME_NOT_FOUND: 0xc0000034,
  STATUS_SHARING_VIOLATION: 0xc0000043,
  STATUS_DELETE_PENDING: 0xc0000056,
  STATUS_INSUFFICIENT_RESOURCES: 0xc000009a,
  STATUS_DEVICE_NOT_READY: 0xc00000a3,
  STATUS_IO_TIMEOUT: 0xc00000b5,
  STATUS_FILE_FORCED_CLOSED: 0xc00000b6,
  STATUS_NOT_SUPPORTED: 0xc00000bb,
  STATUS_BAD_NETWORK_PATH: 0xc00000be,
  STATUS_NETWORK_BUSY: 0xc00000bf,
  STATUS_BAD_NETWORK_NAME: 0xc00000cc,
  STATUS_REQUEST_NOT_ACCEPTED: 0xc00000d0,
  STATUS_CANCELLED: 0xc0000120,
  STATUS_LOCAL_DISCONNECT: 0xc000013b,
  STATUS_REMOTE_DISCONNECT: 0xc000013c,
  STATUS_INVALID_CONNECTION: 0xc0000140,
  STATUS_INVALID_ADDRESS: 0xc0000141,
  STATUS_INVALID_DEVICE_STATE: 0xc0000184,
  STATUS_IO_DEVICE_ERROR: 0xc0000185,
  STATUS_INVALID_BUFFER_SIZE: 0xc0000206,
  STATUS_INVALID_ADDRESS_COMPONENT: 0xc0000207,
  STATUS_TOO_MANY_ADDRESSES: 0xc0000209,
  STATUS_ADDRESS_ALREADY_EXISTS: 0xc000020a,
  STATUS_CONNECTION_DISCONNECTED: 0xc000020c,
  STATUS_CONNECTION_RESET: 0xc000020d,
  STATUS_DATA_NOT_ACCEPTED: 0xc000021b,
  STATUS_NOT_FOUND: 0xc0000225,
  STATUS_RETRY: 0xc000022d,
  STATUS_CONNECTION_REFUSED: 0xc0000236,
  STATUS_GRACEFUL_DISCONNECT: 0xc0000237,
  STATUS_ADDRESS_ALREADY_ASSOCIATED: 0xc0000238,
  STATUS_ADDRESS_NOT_ASSOCIATED: 0xc0000239,
  STATUS_CONNECTION_INVALID: 0xc000023a,
  STATUS_CONNECTION_ACTIVE: 0xc000023b,
  STATUS_NETWORK_UNREACHABLE: 0xc000023c,
  STATUS_HOST_UNREACHABLE: 0xc000023d,
  STATUS_PROTOCOL_UNREACHABLE: 0xc000023e,
  STATUS_PORT_UNREACHABLE: 0xc000023f,
  STATUS_REQUEST_ABORTED: 0xc0000240,
  STATUS_CONNECTION_ABORTED: 0xc0000241,
  STATUS_CONNECTION_COUNT_LIMIT: 0xc0000246,
  STATUS_NOINTERFACE: 0xc00002b9,
  STATUS_HOST_DOWN: 0xc0000350,
  STATUS_HOPLIMIT_EXCEEDED: 0xc000a012,
} as const;

/** The name of a status in the table, such as `"STATUS_PENDING"`. */
export type NtStatusName = keyof typeof NTSTATUS;

/**
 * An NTSTATUS value. Any unsigned 32-bit number is one (drivers define their own), so this is `number`;
 * the named values are in {@link NTSTATUS}.
 */
export type NTSTATUS = number;

// The named constants, so that `return STATUS_MORE_PROCESSING_REQUIRED;` ports verbatim.
/** The operation completed successfully. */
export const STATUS_SUCCESS = NTSTATUS.STATUS_SUCCESS;
/** A user-mode APC was delivered before the wait completed. */
export const STATUS_USER_APC = NTSTATUS.STATUS_USER_APC;
/** The wait was alerted. */
export const STATUS_ALERTED = NTSTATUS.STATUS_ALERTED;
/** The wait timed out (a success code). */
export const STATUS_TIMEOUT = NTSTATUS.STATUS_TIMEOUT;
/** The operation was started and will complete later, through the IRP's completion routine; from an event callback: the client keeps the indication list until WskRelease. */
export const STATUS_PENDING = NTSTATUS.STATUS_PENDING;
/** Part of a message was received; more of it follows. */
export const STATUS_RECEIVE_PARTIAL = NTSTATUS.STATUS_RECEIVE_PARTIAL;
/** Expedited (urgent) data was received. */
export const STATUS_RECEIVE_EXPEDITED = NTSTATUS.STATUS_RECEIVE_EXPEDITED;
/** The data was larger than the buffer: what fit was copied (a datagram is truncated, the rest discarded). */
export const STATUS_BUFFER_OVERFLOW = NTSTATUS.STATUS_BUFFER_OVERFLOW;
/** The device is busy. */
export const STATUS_DEVICE_BUSY = NTSTATUS.STATUS_DEVICE_BUSY;
/** There are no more entries to enumerate. */
export const STATUS_NO_MORE_ENTRIES = NTSTATUS.STATUS_NO_MORE_ENTRIES;
/** The operation failed, for a reason no other status names. */
export const STATUS_UNSUCCESSFUL = NTSTATUS.STATUS_UNSUCCESSFUL;
/** The requested operation is not implemented. */
export const STATUS_NOT_IMPLEMENTED = NTSTATUS.STATUS_NOT_IMPLEMENTED;
/** The handle is not valid: the socket was closed (the IRP is left untouched). */
export const STATUS_INVALID_HANDLE = NTSTATUS.STATUS_INVALID_HANDLE;
/** A parameter is not valid (a bad WSK_BUF, flags that cannot go together, a list released already, …). */
export const STATUS_INVALID_PARAMETER = NTSTATUS.STATUS_INVALID_PARAMETER;
/** The request is not valid for this device or socket. */
export const STATUS_INVALID_DEVICE_REQUEST = NTSTATUS.STATUS_INVALID_DEVICE_REQUEST;
/** Returned by a completion routine: the routine took the IRP back (to free or reuse it), so completion processing stops. */
export const STATUS_MORE_PROCESSING_REQUIRED = NTSTATUS.STATUS_MORE_PROCESSING_REQUIRED;
/** Not enough memory to complete the operation. */
export const STATUS_NO_MEMORY = NTSTATUS.STATUS_NO_MEMORY;
/** Access was denied (a privileged port or address). */
export const STATUS_ACCESS_DENIED = NTSTATUS.STATUS_ACCESS_DENIED;
/** The buffer is too small for the data that must be returned. */
export const STATUS_BUFFER_TOO_SMALL = NTSTATUS.STATUS_BUFFER_TOO_SMALL;
/** The name was not found. */
export const STATUS_OBJECT_NAME_NOT_FOUND = NTSTATUS.STATUS_OBJECT_NAME_NOT_FOUND;
/** The object is in use in a way that excludes this request. */
export const STATUS_SHARING_VIOLATION = NTSTATUS.STATUS_SHARING_VIOLATION;
/** The object is being deleted. */
export const STATUS_DELETE_PENDING = NTSTATUS.STATUS_DELETE_PENDING;
/** Not enough resources (buffers, pool entries) to complete the operation. */
export const STATUS_INSUFFICIENT_RESOURCES = NTSTATUS.STATUS_INSUFFICIENT_RESOURCES;
/** The device (the provider) is not ready. */
export const STATUS_DEVICE_NOT_READY = NTSTATUS.STATUS_DEVICE_NOT_READY;
/** The operation timed out. */
export const STATUS_IO_TIMEOUT = NTSTATUS.STATUS_IO_TIMEOUT;
/** The underlying socket stopped working and was closed under the request (a Node socket error). */
export const STATUS_FILE_FORCED_CLOSED = NTSTATUS.STATUS_FILE_FORCED_CLOSED;
/** The request is not supported: an option, flag, family or category this provider has not. */
export const STATUS_NOT_SUPPORTED = NTSTATUS.STATUS_NOT_SUPPORTED;
/** The network path was not found. */
export const STATUS_BAD_NETWORK_PATH = NTSTATUS.STATUS_BAD_NETWORK_PATH;
/** The network is busy. */
export const STATUS_NETWORK_BUSY = NTSTATUS.STATUS_NETWORK_BUSY;
/** The network name could not be resolved. */
export const STATUS_BAD_NETWORK_NAME = NTSTATUS.STATUS_BAD_NETWORK_NAME;
/** The request was not accepted; from WskAcceptEvent: the incoming connection is refused. */
export const STATUS_REQUEST_NOT_ACCEPTED = NTSTATUS.STATUS_REQUEST_NOT_ACCEPTED;
/** The IRP was cancelled (IoCancelIrp, or WskCloseSocket with requests pending). */
export const STATUS_CANCELLED = NTSTATUS.STATUS_CANCELLED;
/** The connection was disconnected locally. */
export const STATUS_LOCAL_DISCONNECT = NTSTATUS.STATUS_LOCAL_DISCONNECT;
/** The connection was disconnected by the peer. */
export const STATUS_REMOTE_DISCONNECT = NTSTATUS.STATUS_REMOTE_DISCONNECT;
/** The request needs a connection, and there is none. */
export const STATUS_INVALID_CONNECTION = NTSTATUS.STATUS_INVALID_CONNECTION;
/** The address is not valid. */
export const STATUS_INVALID_ADDRESS = NTSTATUS.STATUS_INVALID_ADDRESS;
/** The socket is not in a state that allows the request (not bound, not connected, bound already, …). */
export const STATUS_INVALID_DEVICE_STATE = NTSTATUS.STATUS_INVALID_DEVICE_STATE;
/** An I/O error occurred in the device. */
export const STATUS_IO_DEVICE_ERROR = NTSTATUS.STATUS_IO_DEVICE_ERROR;
/** The buffer's size is not valid for the request (a datagram larger than the transport allows). */
export const STATUS_INVALID_BUFFER_SIZE = NTSTATUS.STATUS_INVALID_BUFFER_SIZE;
/** A part of the address is not valid (port 0 as a destination). */
export const STATUS_INVALID_ADDRESS_COMPONENT = NTSTATUS.STATUS_INVALID_ADDRESS_COMPONENT;
/** No more addresses (ports) are available. */
export const STATUS_TOO_MANY_ADDRESSES = NTSTATUS.STATUS_TOO_MANY_ADDRESSES;
/** The address is in use already (EADDRINUSE). */
export const STATUS_ADDRESS_ALREADY_EXISTS = NTSTATUS.STATUS_ADDRESS_ALREADY_EXISTS;
/** The connection was disconnected. */
export const STATUS_CONNECTION_DISCONNECTED = NTSTATUS.STATUS_CONNECTION_DISCONNECTED;
/** The peer reset the connection (ECONNRESET). */
export const STATUS_CONNECTION_RESET = NTSTATUS.STATUS_CONNECTION_RESET;
/** From a receive event callback: the client takes none of the indicated data; the provider keeps it and disables the event until the client receives or re-enables it. */
export const STATUS_DATA_NOT_ACCEPTED = NTSTATUS.STATUS_DATA_NOT_ACCEPTED;
/** The object was not found (a name that does not resolve). */
export const STATUS_NOT_FOUND = NTSTATUS.STATUS_NOT_FOUND;
/** The operation should be retried. */
export const STATUS_RETRY = NTSTATUS.STATUS_RETRY;
/** The remote host refused the connection (ECONNREFUSED). */
export const STATUS_CONNECTION_REFUSED = NTSTATUS.STATUS_CONNECTION_REFUSED;
/** The connection was closed gracefully. */
export const STATUS_GRACEFUL_DISCONNECT = NTSTATUS.STATUS_GRACEFUL_DISCONNECT;
/** The socket is bound already. */
export const STATUS_ADDRESS_ALREADY_ASSOCIATED = NTSTATUS.STATUS_ADDRESS_ALREADY_ASSOCIATED;
/** The socket is not bound. */
export const STATUS_ADDRESS_NOT_ASSOCIATED = NTSTATUS.STATUS_ADDRESS_NOT_ASSOCIATED;
/** The connection is not valid. */
export const STATUS_CONNECTION_INVALID = NTSTATUS.STATUS_CONNECTION_INVALID;
/** The socket is connected already (EISCONN). */
export const STATUS_CONNECTION_ACTIVE = NTSTATUS.STATUS_CONNECTION_ACTIVE;
/** The network cannot be reached (ENETUNREACH). */
export const STATUS_NETWORK_UNREACHABLE = NTSTATUS.STATUS_NETWORK_UNREACHABLE;
/** The host cannot be reached (EHOSTUNREACH). */
export const STATUS_HOST_UNREACHABLE = NTSTATUS.STATUS_HOST_UNREACHABLE;
/** The protocol cannot be reached at the destination. */
export const STATUS_PROTOCOL_UNREACHABLE = NTSTATUS.STATUS_PROTOCOL_UNREACHABLE;
/** Nothing listens at the destination port (ICMP port unreachable). */
export const STATUS_PORT_UNREACHABLE = NTSTATUS.STATUS_PORT_UNREACHABLE;
/** The request was aborted. */
export const STATUS_REQUEST_ABORTED = NTSTATUS.STATUS_REQUEST_ABORTED;
/** The connection was aborted locally (an abortive WskDisconnect, ECONNABORTED). */
export const STATUS_CONNECTION_ABORTED = NTSTATUS.STATUS_CONNECTION_ABORTED;
/** The connection limit was reached. */
export const STATUS_CONNECTION_COUNT_LIMIT = NTSTATUS.STATUS_CONNECTION_COUNT_LIMIT;
/** The requested interface is not supported. */
export const STATUS_NOINTERFACE = NTSTATUS.STATUS_NOINTERFACE;
/** The host is down (EHOSTDOWN). */
export const STATUS_HOST_DOWN = NTSTATUS.STATUS_HOST_DOWN;
/** The hop limit (TTL) was exceeded on the way. */
export const STATUS_HOPLIMIT_EXCEEDED = NTSTATUS.STATUS_HOPLIMIT_EXCEEDED;
