import { NTSTATUS } from "./NTSTATUS";

// What a status means, in the words Node's own errors use (libuv's strerror), for the statuses the
// idiomatic helpers reject with. A status not here is shown by its name alone.
const TEXT: Readonly<Partial<Record<keyof typeof NTSTATUS, string>>> = {
  STATUS_UNSUCCESSFUL: "failed",
  STATUS_INVALID_HANDLE: "the socket is closed",
  STATUS_INVALID_PARAMETER: "invalid argument",
  STATUS_INVALID_DEVICE_REQUEST: "not valid for this socket",
  STATUS_NO_MEMORY: "out of memory",
  STATUS_ACCESS_DENIED: "permission denied",
  STATUS_INSUFFICIENT_RESOURCES: "out of resources",
  STATUS_IO_TIMEOUT: "timed out",
  STATUS_FILE_FORCED_CLOSED: "the socket was closed under the request",
  STATUS_NOT_SUPPORTED: "not supported",
  STATUS_CANCELLED: "cancelled",
  STATUS_INVALID_CONNECTION: "not connected",
  STATUS_INVALID_ADDRESS: "address family not supported",
  STATUS_INVALID_DEVICE_STATE: "not valid in the socket's state",
  STATUS_INVALID_BUFFER_SIZE: "message too long",
  STATUS_INVALID_ADDRESS_COMPONENT: "address not available",
  STATUS_TOO_MANY_ADDRESSES: "too many open files",
  STATUS_ADDRESS_ALREADY_EXISTS: "address already in use",
  STATUS_CONNECTION_DISCONNECTED: "broken pipe",
  STATUS_CONNECTION_RESET: "connection reset by peer",
  STATUS_DATA_NOT_ACCEPTED: "data not accepted",
  STATUS_NOT_FOUND: "name not found",
  STATUS_RETRY: "temporary failure, try again",
  STATUS_CONNECTION_REFUSED: "connection refused",
  STATUS_GRACEFUL_DISCONNECT: "the peer closed the connection",
  STATUS_CONNECTION_ACTIVE: "already connected",
  STATUS_NETWORK_UNREACHABLE: "network unreachable",
  STATUS_HOST_UNREACHABLE: "host unreachable",
  STATUS_PORT_UNREACHABLE: "port unreachable",
  STATUS_REQUEST_ABORTED: "request aborted",
  STATUS_CONNECTION_ABORTED: "connection aborted",
  STATUS_HOST_DOWN: "host is down",
  STATUS_BUFFER_OVERFLOW: "the data was larger than the buffer",
};

let textByValue: Map<number, string> | undefined;

/** What a status means in a few words (`"address already in use"`), or undefined when unknown. */
export function ntStatusText(status: number): string | undefined {
  textByValue ??= new Map(Object.entries(TEXT).map(([name, text]) => [NTSTATUS[name as keyof typeof NTSTATUS], text]));
  return textByValue.get(status >>> 0);
}
