/**
 * The constants of `wsk.h`, with the header's names and values: socket categories, request and
 * indication flags, event-callback masks, socket options and IOCTLs, and control-socket types.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/
 */

// Socket categories (WskSocket's Flags).
export const WSK_FLAG_BASIC_SOCKET = 0x00000000;
export const WSK_FLAG_LISTEN_SOCKET = 0x00000001;
export const WSK_FLAG_CONNECTION_SOCKET = 0x00000002;
export const WSK_FLAG_DATAGRAM_SOCKET = 0x00000004;
export const WSK_FLAG_STREAM_SOCKET = 0x00000008;

// Flags passed to event callbacks.
export const WSK_FLAG_ABORTIVE = 0x00000001;
export const WSK_FLAG_RELEASE_ASAP = 0x00000002;
export const WSK_FLAG_ENTIRE_MESSAGE = 0x00000004;
export const WSK_FLAG_AT_DISPATCH_LEVEL = 0x00000008;

// Send and receive flags.
export const WSK_FLAG_NODELAY = 0x00000002;
export const WSK_FLAG_WAITALL = 0x00000002;
export const WSK_FLAG_DRAIN = 0x00000004;

// Event callbacks, enabled with SO_WSK_EVENT_CALLBACK; OR with WSK_EVENT_DISABLE to disable one.
export const WSK_EVENT_SEND_BACKLOG = 0x00000010;
export const WSK_EVENT_RECEIVE = 0x00000040;
export const WSK_EVENT_DISCONNECT = 0x00000080;
export const WSK_EVENT_RECEIVE_FROM = 0x00000100;
export const WSK_EVENT_ACCEPT = 0x00000200;
export const WSK_EVENT_DISABLE = 0x80000000;

// Socket-level options specific to WSK.
export const WSK_SO_BASE = 0x4000;
export const SO_WSK_SECURITY = WSK_SO_BASE + 1;
export const SO_WSK_EVENT_CALLBACK = WSK_SO_BASE + 2;

// IOCTLs specific to WSK: _WSAIOW / _WSAIORW / _WSAIOR of IOC_WSK (0x0F000000).
export const SIO_WSK_SET_REMOTE_ADDRESS = 0x8f000001;
export const SIO_WSK_REGISTER_EXTENSION = 0xcf000002;
export const SIO_WSK_QUERY_IDEAL_SEND_BACKLOG = 0x4f000003;
export const SIO_WSK_QUERY_RECEIVE_BACKLOG = 0x4f000004;
export const SIO_WSK_QUERY_INSPECT_ID = 0x4f000005;
export const SIO_WSK_SET_SENDTO_ADDRESS = 0x8f000006;

// WSK_CONTROL_SOCKET_TYPE: what WskControlSocket is asked to do.
export const WskSetOption = 0;
export const WskGetOption = 1;
export const WskIoctl = 2;
/** A `WSK_CONTROL_SOCKET_TYPE` value. */
export type WSK_CONTROL_SOCKET_TYPE = typeof WskSetOption | typeof WskGetOption | typeof WskIoctl;

// WskControlClient control codes.
export const WSK_TRANSPORT_LIST_QUERY = 2;
export const WSK_TRANSPORT_LIST_CHANGE = 3;
export const WSK_CACHE_SD = 4;
export const WSK_RELEASE_SD = 5;
export const WSK_TDI_DEVICENAME_MAPPING = 6;
export const WSK_SET_STATIC_EVENT_CALLBACKS = 7;
export const WSK_TDI_BEHAVIOR = 8;

// WskCaptureProviderNPI wait timeouts, in milliseconds.
export const WSK_NO_WAIT = 0;
export const WSK_INFINITE_WAIT = 0xffffffff;
