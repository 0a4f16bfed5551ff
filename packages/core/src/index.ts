/**
 * @wskit/core: the Winsock Kernel programming model for Node.js.
 *
 * The faithful layer keeps the names of the WSK and Windows headers so code from the reference
 * pages ports line by line; idiomatic helpers sit beside it.
 *
 * @packageDocumentation
 */

// NTSTATUS
export {
  NTSTATUS,
  STATUS_SUCCESS,
  STATUS_USER_APC,
  STATUS_ALERTED,
  STATUS_TIMEOUT,
  STATUS_PENDING,
  STATUS_RECEIVE_PARTIAL,
  STATUS_RECEIVE_EXPEDITED,
  STATUS_BUFFER_OVERFLOW,
  STATUS_DEVICE_BUSY,
  STATUS_NO_MORE_ENTRIES,
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
} from "./headers/NTSTATUS";
export type { NtStatusName } from "./headers/NTSTATUS";
export { NT_SUCCESS, NT_INFORMATION, NT_WARNING, NT_ERROR } from "./headers/NT_SUCCESS";
export { ntStatusName } from "./headers/ntStatusName";
export { ntStatusText } from "./headers/ntStatusText";

// wsk.h constants
export {
  WSK_FLAG_BASIC_SOCKET,
  WSK_FLAG_LISTEN_SOCKET,
  WSK_FLAG_CONNECTION_SOCKET,
  WSK_FLAG_DATAGRAM_SOCKET,
  WSK_FLAG_STREAM_SOCKET,
  WSK_FLAG_ABORTIVE,
  WSK_FLAG_RELEASE_ASAP,
  WSK_FLAG_ENTIRE_MESSAGE,
  WSK_FLAG_AT_DISPATCH_LEVEL,
  WSK_FLAG_NODELAY,
  WSK_FLAG_WAITALL,
  WSK_FLAG_DRAIN,
  WSK_EVENT_SEND_BACKLOG,
  WSK_EVENT_RECEIVE,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE_FROM,
  WSK_EVENT_ACCEPT,
  WSK_EVENT_DISABLE,
  WSK_SO_BASE,
  SO_WSK_SECURITY,
  SO_WSK_EVENT_CALLBACK,
  SIO_WSK_SET_REMOTE_ADDRESS,
  SIO_WSK_REGISTER_EXTENSION,
  SIO_WSK_QUERY_IDEAL_SEND_BACKLOG,
  SIO_WSK_QUERY_RECEIVE_BACKLOG,
  SIO_WSK_QUERY_INSPECT_ID,
  SIO_WSK_SET_SENDTO_ADDRESS,
  WskSetOption,
  WskGetOption,
  WskIoctl,
  WSK_TRANSPORT_LIST_QUERY,
  WSK_TRANSPORT_LIST_CHANGE,
  WSK_CACHE_SD,
  WSK_RELEASE_SD,
  WSK_TDI_DEVICENAME_MAPPING,
  WSK_SET_STATIC_EVENT_CALLBACKS,
  WSK_TDI_BEHAVIOR,
  WSK_NO_WAIT,
  WSK_INFINITE_WAIT,
} from "./headers/wsk";
export type { WSK_CONTROL_SOCKET_TYPE } from "./headers/wsk";

// ws2def.h constants
export {
  AF_UNSPEC,
  AF_INET,
  AF_INET6,
  SOCK_STREAM,
  SOCK_DGRAM,
  IPPROTO_IP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  IPPROTO_IPV6,
  SOL_SOCKET,
  SO_REUSEADDR,
  SO_KEEPALIVE,
  SO_BROADCAST,
  SO_LINGER,
  SO_SNDBUF,
  SO_RCVBUF,
  SO_EXCLUSIVEADDRUSE,
  TCP_NODELAY,
  IPV6_V6ONLY,
  MSG_OOB,
  MSG_PEEK,
  MSG_DONTROUTE,
  MSG_WAITALL,
  MSG_TRUNC,
  MSG_CTRUNC,
  MSG_BCAST,
  MSG_MCAST,
  MSG_PARTIAL,
} from "./headers/ws2def";
export type { AddressFamily } from "./headers/ws2def";

// ws2ipdef.h constants: IP-level options and control messages
export {
  IP_TOS,
  IP_TTL,
  IP_MULTICAST_IF,
  IP_MULTICAST_TTL,
  IP_MULTICAST_LOOP,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IP_PKTINFO,
  IP_RECVTTL,
  IP_RECVTOS,
  IPV6_UNICAST_HOPS,
  IPV6_MULTICAST_IF,
  IPV6_MULTICAST_HOPS,
  IPV6_MULTICAST_LOOP,
  IPV6_ADD_MEMBERSHIP,
  IPV6_DROP_MEMBERSHIP,
  IPV6_JOIN_GROUP,
  IPV6_LEAVE_GROUP,
  IPV6_PKTINFO,
  IPV6_HOPLIMIT,
  IPV6_TCLASS,
  IPV6_RECVTCLASS,
  WSACMSGHDR_SIZE,
} from "./headers/ws2ipdef";
export type { IP_MREQ, IPV6_MREQ } from "./headers/ws2ipdef";

// Winsock errors and return values
export {
  SOCKET_ERROR,
  INVALID_SOCKET,
  SD_RECEIVE,
  SD_SEND,
  SD_BOTH,
  WSA_INVALID_HANDLE,
  WSA_NOT_ENOUGH_MEMORY,
  WSA_INVALID_PARAMETER,
  WSA_OPERATION_ABORTED,
  WSA_IO_INCOMPLETE,
  WSA_IO_PENDING,
  WSAEINTR,
  WSAEBADF,
  WSAEACCES,
  WSAEFAULT,
  WSAEINVAL,
  WSAEMFILE,
  WSAEWOULDBLOCK,
  WSAEINPROGRESS,
  WSAEALREADY,
  WSAENOTSOCK,
  WSAEDESTADDRREQ,
  WSAEMSGSIZE,
  WSAEPROTOTYPE,
  WSAENOPROTOOPT,
  WSAEPROTONOSUPPORT,
  WSAESOCKTNOSUPPORT,
  WSAEOPNOTSUPP,
  WSAEPFNOSUPPORT,
  WSAEAFNOSUPPORT,
  WSAEADDRINUSE,
  WSAEADDRNOTAVAIL,
  WSAENETDOWN,
  WSAENETUNREACH,
  WSAENETRESET,
  WSAECONNABORTED,
  WSAECONNRESET,
  WSAENOBUFS,
  WSAEISCONN,
  WSAENOTCONN,
  WSAESHUTDOWN,
  WSAETOOMANYREFS,
  WSAETIMEDOUT,
  WSAECONNREFUSED,
  WSAEHOSTDOWN,
  WSAEHOSTUNREACH,
  WSANOTINITIALISED,
  WSAEDISCON,
  WSAECANCELLED,
} from "./headers/winsock2";

// IRPs and completion
export { IRP } from "./irp/IRP";
export type { DEVICE_OBJECT, DRIVER_CANCEL, IO_COMPLETION_ROUTINE, IO_STATUS_BLOCK, PIRP, ULONG_PTR } from "./irp/IRP";
export { IoAllocateIrp } from "./irp/IoAllocateIrp";
export { IoFreeIrp } from "./irp/IoFreeIrp";
export { IoReuseIrp } from "./irp/IoReuseIrp";
export { IoSetCompletionRoutine } from "./irp/IoSetCompletionRoutine";
export { IoCancelIrp } from "./irp/IoCancelIrp";

// IRPs, provider side
export { IoSetCancelRoutine } from "./irp/IoSetCancelRoutine";
export { IoMarkIrpPending } from "./irp/IoMarkIrpPending";
export { IoCompleteRequest, IO_NO_INCREMENT } from "./irp/IoCompleteRequest";
export { IoRejectRequest } from "./irp/IoRejectRequest";

// Buffers
export { MDL } from "./buffers/MDL";
export type { PMDL } from "./buffers/MDL";
export { IoAllocateMdl, IoFreeMdl } from "./buffers/IoAllocateMdl";
export type { PWSK_BUF, WSK_BUF, WskBuf } from "./buffers/WskBuf";
export { createWskBuf } from "./buffers/createWskBuf";
export { MAX_MDL_CHAIN_LENGTH, validateWskBuf, wskBufStatus } from "./buffers/validateWskBuf";
export { scatterInto, scatterWskBuf } from "./buffers/scatterWskBuf";
export { gatherWskBuf } from "./buffers/gatherWskBuf";
export { verifierWatchSendBuffer } from "./buffers/sendBufferWatch";
export { wskBufViews } from "./buffers/wskBufViews";

// Pools
export { BufferPool, MAX_POOL_BUFFER_SIZE, MAX_POOL_CAPACITY } from "./buffers/BufferPool";
export type { BufferPoolOptions, PoolStats } from "./buffers/BufferPool";
export { LookasideList } from "./buffers/LookasideList";
export type { LookasideListOptions } from "./buffers/LookasideList";
export { createIrpPool } from "./irp/createIrpPool";
export { Fifo } from "./buffers/Fifo";

// Registration and the provider dispatch
export { MAKE_WSK_VERSION, WSK_PROVIDER_VERSION, WSK_REGISTRATION, WskClient } from "./provider/WskClient";
export type { PFN_WSK_CLIENT_EVENT, WSK_CLIENT_DISPATCH, WSK_CLIENT_NPI, WskClientState } from "./provider/WskClient";
export { WskDeregister, WskRegister } from "./provider/WskRegister";
export { WSK_PROVIDER_NPI, WskCaptureProviderNPI, WskReleaseProviderNPI } from "./provider/WskCaptureProviderNPI";
export type { WSK_PROVIDER_DISPATCH } from "./provider/WskCaptureProviderNPI";
export { WskSocket } from "./provider/WskSocket";
export { WskSocketConnect } from "./provider/WskSocketConnect";
export { WskControlClient } from "./provider/WskControlClient";
export {
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
  NS_ALL,
  NS_DNS,
  WskFreeAddressInfo,
  WskGetAddressInfo,
  WskGetNameInfo,
} from "./provider/WskGetAddressInfo";
export type { ADDRINFOEXW, ADDRINFOEXW_HINTS } from "./provider/WskGetAddressInfo";

// Sockets: the base every category extends, and the dispatch every socket has
export { WskSocketObject } from "./provider/WskSocketObject";
export type { PWSK_SOCKET, WSK_PROVIDER_BASIC_DISPATCH, WSK_SOCKET } from "./provider/WskSocketObject";
export { WskControlSocket } from "./provider/WskControlSocket";
export type { WSK_EVENT_CALLBACK_CONTROL } from "./provider/WskControlSocket";
export { WskCloseSocket } from "./provider/WskCloseSocket";
export { BasicSocket } from "./provider/BasicSocket";
export type { WSK_TRANSPORT } from "./provider/WskRegisterSocketProvider";
// The provider side (what a socket category package implements its sockets with) is the
// `@wskit/core/provider` entry.

// Idiomatic helpers
export { registerWskClient } from "./provider/registerWskClient";
export type { WskClientSession } from "./provider/registerWskClient";
export { checkClientSession } from "./provider/checkClientSession";
export { helperClient } from "./provider/helperClient";
export type { HelperClientOptions, WskNetwork } from "./provider/helperClient";
export { checkAddressArgument } from "./address/checkAddressArgument";
export { whenDeregistered } from "./provider/whenDeregistered";
export { runIrp } from "./irp/runIrp";
export type { RunIrpOptions, RunIrpResult } from "./irp/runIrp";
export { abortReason, runFailure } from "./irp/runFailure";
export { checkAbortSignal } from "./irp/checkAbortSignal";
export { checkOptions } from "./checkOptions";
export type { CallAddress, FailedCall } from "./irp/runFailure";

// Diagnostics: the channel names and what each message carries
export {
  CHANNEL_CONNECTION_ACCEPT,
  CHANNEL_CONNECTION_CONNECT,
  CHANNEL_CONNECTION_DISCONNECT,
  CHANNEL_CONNECTION_PAUSE,
  CHANNEL_CONNECTION_RESUME,
  CHANNEL_DATAGRAM_DROP,
  CHANNEL_SOCKET_CLOSE,
  CHANNEL_SOCKET_CREATE,
  CHANNEL_VERIFIER_VIOLATION,
  TRACING_BIND,
  TRACING_CONNECT,
} from "./diagnostics/channels";
export type {
  ConnectionFlowMessage,
  ConnectionMessage,
  DatagramDropMessage,
  DatagramDropReason,
  OperationTraceContext,
  SocketCategory,
  SocketCloseMessage,
  SocketCreateMessage,
  VerifierViolationMessage,
} from "./diagnostics/channels";

// Verifier
export {
  disableVerifier,
  enableVerifier,
  isVerifierEnabled,
  verifierLeaks,
  verifierTrackRetained,
  verifierUntrackRetained,
} from "./verifier/enableVerifier";
export type { VerifierSettings } from "./verifier/enableVerifier";

// Out-parameters and addresses
export { ref } from "./headers/Ref";
export type { Ref } from "./headers/Ref";
export { SockAddr } from "./address/SockAddr";
export { lookupSockAddr } from "./address/lookupSockAddr";
export type { LookupSockAddrOptions } from "./address/lookupSockAddr";
export { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "./address/ipAddress";

// Errors
export {
  ERROR_CODES,
  VERIFIER_RULES,
  WskError,
  WskVerifierError,
  WskRangeError,
  WskStateError,
  WskTypeError,
  programmerError,
} from "./errors";
export type { ErrorCode, VerifierRule, WskErrorOptions } from "./errors";
