/**
 * @wskit/dgram: WSK datagram sockets, over node:dgram or the Linux native engine (@wskit/dgram-native).
 *
 * Loading this package plugs the datagram category into @wskit/core's provider dispatch, so
 * `WskSocket(…, WSK_FLAG_DATAGRAM_SOCKET, …)` makes {@link DatagramSocket}s. Core also loads it
 * on the first such WskSocket when it is installed, so importing it is optional.
 *
 * @packageDocumentation
 */
import { WskRegisterSocketProvider } from "@wskit/core/provider";
import { datagramProvider } from "./wsk/datagramProvider";

WskRegisterSocketProvider(datagramProvider);

// Faithful layer: the socket and its dispatch
export { DatagramSocket, DEFAULT_RECEIVE_BUFFER_BYTES, DEFAULT_RETENTION_LIMIT_BYTES } from "./wsk/DatagramSocket";
export type { WSK_CLIENT_DATAGRAM_DISPATCH, WSK_PROVIDER_DATAGRAM_DISPATCH } from "./wsk/DatagramSocket";
export { WskBind } from "./wsk/WskBind";
export { WskSendTo } from "./wsk/WskSendTo";
export { WskSendMessages } from "./wsk/WskSendMessages";
export { MAX_SEND_MESSAGES } from "./wsk/WskSendMessages";
export type { WSK_BUF_LIST } from "./wsk/WskSendMessages";
export { WskReceiveFrom } from "./wsk/WskReceiveFrom";
export { WskRelease } from "./wsk/WskRelease";
export { WskGetLocalAddress } from "./wsk/WskGetLocalAddress";
export { WskDatagramIndication } from "./wsk/WskDatagramIndication";
export type { PWSK_DATAGRAM_INDICATION, WSK_DATAGRAM_INDICATION } from "./wsk/WskDatagramIndication";
export { SO_WSKIT_RETENTION_LIMIT } from "./wsk/SO_WSKIT_RETENTION_LIMIT";
export { SO_WSKIT_REUSEPORT } from "./wsk/SO_WSKIT_REUSEPORT";
export { SO_WSKIT_RECEIVE_COALESCE, WSKIT_RECEIVE_COALESCE_MAX } from "./wsk/SO_WSKIT_RECEIVE_COALESCE";
export { SO_WSKIT_SEND_SEGMENTATION } from "./wsk/SO_WSKIT_SEND_SEGMENTATION";
export { SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_AUTO, WSKIT_DGRAM_ENGINE_NODE, WSKIT_DGRAM_ENGINE_NATIVE, WSKIT_DGRAM_ENGINE_TEST } from "./wsk/SO_WSKIT_DGRAM_ENGINE";
export type { DatagramEngineChoice, DatagramEngineName } from "./engines/DatagramEngine";
export { controlMessages } from "./internal/controlInfo";
export type { ControlMessage } from "./internal/controlInfo";
export { datagramProvider } from "./wsk/datagramProvider";
export { DatagramListenSocket } from "./wsk/DatagramListenSocket";
export type { WSK_PROVIDER_DATAGRAM_LISTEN_DISPATCH } from "./wsk/DatagramListenSocket";

// Idiomatic helpers
export { openDatagramSocket } from "./openDatagramSocket";
export type { MulticastOptions, OpenDatagramSocketOptions } from "./openDatagramSocket";
export { joinMulticastGroup, leaveMulticastGroup } from "./multicast";
export type { MembershipOptions, MulticastInterface } from "./multicast";
export { sendTo } from "./sendTo";
export type { SendToOptions } from "./sendTo";
export { receiveFrom } from "./receiveFrom";
export type { Datagram, ReceiveFromOptions } from "./receiveFrom";
export { datagrams } from "./datagrams";
export type { DatagramsOptions } from "./datagrams";

// Counters
export { getDatagramCounters } from "./wsk/getDatagramCounters";
export type { GetDatagramCountersOptions } from "./wsk/getDatagramCounters";
export type { DatagramCounters } from "./wsk/DatagramCounters";

// Winsock service-provider (WSP*) form
export { WSPRecvFrom } from "./wsk/WSPRecvFrom";
export { WSPSendTo } from "./wsk/WSPSendTo";
export { WSPShutdown } from "./wsk/WSPShutdown";
export { WSPGetOverlappedResult } from "./wsk/WSPGetOverlappedResult";
export { newOverlapped } from "./wsk/WSAOVERLAPPED";
export type { LPWSAOVERLAPPED_COMPLETION_ROUTINE, WSAOVERLAPPED } from "./wsk/WSAOVERLAPPED";
export { wsaErrorFromNtStatus } from "./wsk/wsaErrorFromNtStatus";
export type { WSABUF } from "./wsk/WSABUF";
