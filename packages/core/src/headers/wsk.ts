/**
 * The constants of `wsk.h`, with the header's names and values: socket categories, request and
 * indication flags, event-callback masks, socket options and IOCTLs, and control-socket types.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/
 */

// Socket categories (WskSocket's Flags).
/** WskSocket category: a basic socket (control operations only). */
export const WSK_FLAG_BASIC_SOCKET = 0x00000000;
/** WskSocket category: a listening socket (WskAccept, WskAcceptEvent). */
export const WSK_FLAG_LISTEN_SOCKET = 0x00000001;
/** WskSocket category: a connection-oriented socket (WskConnect, WskSend, WskReceive). */
export const WSK_FLAG_CONNECTION_SOCKET = 0x00000002;
/** WskSocket category: a datagram socket (WskSendTo, WskReceiveFrom). */
export const WSK_FLAG_DATAGRAM_SOCKET = 0x00000004;
/** WskSocket category: a stream socket, which can listen or connect. */
export const WSK_FLAG_STREAM_SOCKET = 0x00000008;

// Flags passed to event callbacks.
/** WskDisconnect / WskDisconnectEvent flag: an abortive disconnect (a reset), not a graceful one. */
export const WSK_FLAG_ABORTIVE = 0x00000001;
/** Event-callback flag: the provider asks the client to release retained indications as soon as it can. */
export const WSK_FLAG_RELEASE_ASAP = 0x00000002;
/** Event-callback flag: the indication holds an entire message. */
export const WSK_FLAG_ENTIRE_MESSAGE = 0x00000004;
/** Event-callback flag: the callback runs at DISPATCH_LEVEL (always clear in Node). */
export const WSK_FLAG_AT_DISPATCH_LEVEL = 0x00000008;

// Send and receive flags.
/** WskSend flag: send at once, without Nagle's coalescing. */
export const WSK_FLAG_NODELAY = 0x00000002;
/** WskReceive flag: complete only when the buffer is full, the peer closes, or the connection fails. */
export const WSK_FLAG_WAITALL = 0x00000002;
/** WskReceive flag: discard everything received until the peer closes (Length must be 0). */
export const WSK_FLAG_DRAIN = 0x00000004;

// Event callbacks, enabled with SO_WSK_EVENT_CALLBACK; OR with WSK_EVENT_DISABLE to disable one.
/** Event mask bit: WskSendBacklogEvent. */
export const WSK_EVENT_SEND_BACKLOG = 0x00000010;
/** Event mask bit: WskReceiveEvent. */
export const WSK_EVENT_RECEIVE = 0x00000040;
/** Event mask bit: WskDisconnectEvent. */
export const WSK_EVENT_DISCONNECT = 0x00000080;
/** Event mask bit: WskReceiveFromEvent. */
export const WSK_EVENT_RECEIVE_FROM = 0x00000100;
/** Event mask bit: WskAcceptEvent. */
export const WSK_EVENT_ACCEPT = 0x00000200;
/** OR-ed with one event bit in SO_WSK_EVENT_CALLBACK: disables that event callback. */
export const WSK_EVENT_DISABLE = 0x80000000;

// Socket-level options specific to WSK.
/** The base of the WSK-specific socket options. */
export const WSK_SO_BASE = 0x4000;
/** Socket option: the security descriptor of a socket (not supported by wskit). */
export const SO_WSK_SECURITY = WSK_SO_BASE + 1;
/** Socket option (SOL_SOCKET, WskSetOption, no IRP): enables or disables event callbacks with a WSK_EVENT_CALLBACK_CONTROL. */
export const SO_WSK_EVENT_CALLBACK = WSK_SO_BASE + 2;

// IOCTLs specific to WSK: _WSAIOW / _WSAIORW / _WSAIOR of IOC_WSK (0x0F000000).
/** Datagram IOCTL: fixes the remote address; only its datagrams are received, and WskSendTo may pass a null address. */
export const SIO_WSK_SET_REMOTE_ADDRESS = 0x8f000001;
/** IOCTL: registers a socket extension interface (not supported by wskit). */
export const SIO_WSK_REGISTER_EXTENSION = 0xcf000002;
/** Connection IOCTL: queries the ideal send backlog. */
export const SIO_WSK_QUERY_IDEAL_SEND_BACKLOG = 0x4f000003;
/** Connection IOCTL: queries the bytes buffered for receive. */
export const SIO_WSK_QUERY_RECEIVE_BACKLOG = 0x4f000004;
/** IOCTL: queries the inspect ID of a connection (not supported by wskit). */
export const SIO_WSK_QUERY_INSPECT_ID = 0x4f000005;
/** Datagram IOCTL: fixes the destination WskSendTo uses when its address is null, without filtering receives. */
export const SIO_WSK_SET_SENDTO_ADDRESS = 0x8f000006;

// WSK_CONTROL_SOCKET_TYPE: what WskControlSocket is asked to do.
/** WSK_CONTROL_SOCKET_TYPE: set a socket option. */
export const WskSetOption = 0;
/** WSK_CONTROL_SOCKET_TYPE: get a socket option. */
export const WskGetOption = 1;
/** WSK_CONTROL_SOCKET_TYPE: run an IOCTL. */
export const WskIoctl = 2;
/** A `WSK_CONTROL_SOCKET_TYPE` value. */
export type WSK_CONTROL_SOCKET_TYPE = typeof WskSetOption | typeof WskGetOption | typeof WskIoctl;

// WskControlClient control codes.
/** WskControlClient code: lists the transports the provider supports (WSK_TRANSPORT entries). */
export const WSK_TRANSPORT_LIST_QUERY = 2;
/** WskControlClient code: waits for a change of the transport list. */
export const WSK_TRANSPORT_LIST_CHANGE = 3;
/** WskControlClient code: caches a security descriptor (not supported by wskit). */
export const WSK_CACHE_SD = 4;
/** WskControlClient code: releases a cached security descriptor (not supported by wskit). */
export const WSK_RELEASE_SD = 5;
/** WskControlClient code: TDI device-name mapping (not supported by wskit). */
export const WSK_TDI_DEVICENAME_MAPPING = 6;
/** WskControlClient code: event callbacks enabled on every socket the client creates afterwards. */
export const WSK_SET_STATIC_EVENT_CALLBACKS = 7;
/** WskControlClient code: TDI filter behaviour (not supported by wskit). */
export const WSK_TDI_BEHAVIOR = 8;

// WskCaptureProviderNPI wait timeouts, in milliseconds.
/** WskCaptureProviderNPI timeout: do not wait for the provider. */
export const WSK_NO_WAIT = 0;
/** WskCaptureProviderNPI timeout: wait until the provider is there. */
export const WSK_INFINITE_WAIT = 0xffffffff;
