/**
 * @wskit/stream: WSK connection and listening sockets over node:net.
 *
 * Loading this package plugs the connection and listening categories into @wskit/core's provider
 * dispatch; core also loads it on first use when it is installed.
 *
 * @packageDocumentation
 */
import { WskRegisterSocketProvider } from "@wskit/core/provider";
import { streamProvider } from "./wsk/streamProvider";

WskRegisterSocketProvider(streamProvider);

// Faithful layer: the sockets and their dispatch
export { ConnectionSocket } from "./wsk/ConnectionSocket";
export type { WSK_PROVIDER_CONNECTION_DISPATCH } from "./wsk/ConnectionSocket";
export { ListenSocket } from "./wsk/ListenSocket";
export type { WSK_PROVIDER_LISTEN_DISPATCH } from "./wsk/ListenSocket";
export { SO_WSKIT_LISTEN_BACKLOG } from "./wsk/SO_WSKIT_LISTEN_BACKLOG";
export { StreamSocket } from "./wsk/StreamSocket";
export { StreamSocketBase } from "./wsk/StreamSocketBase";
export { getStreamCounters } from "./wsk/getStreamCounters";
export type { StreamCounters } from "./wsk/StreamCounters";
export type { WSK_PROVIDER_STREAM_DISPATCH } from "./wsk/StreamSocket";
export { WskListen } from "./wsk/WskListen";
export { WskBind } from "./wsk/WskBind";
export { WskConnect } from "./wsk/WskConnect";
export { WskAccept } from "./wsk/WskAccept";
export { WskSend } from "./wsk/WskSend";
export { WskReceive } from "./wsk/WskReceive";
export { WskDisconnect } from "./wsk/WskDisconnect";
export { WskGetLocalAddress } from "./wsk/WskGetLocalAddress";
export { WskGetRemoteAddress } from "./wsk/WskGetRemoteAddress";
export { WskRelease } from "./wsk/WskRelease";
export { WskDataIndication } from "./wsk/WskDataIndication";
export type { PWSK_DATA_INDICATION, WSK_DATA_INDICATION } from "./wsk/WskDataIndication";
export type { WSK_CLIENT_CONNECTION_DISPATCH } from "./wsk/WSK_CLIENT_CONNECTION_DISPATCH";
export type { WSK_CLIENT_LISTEN_DISPATCH } from "./wsk/WSK_CLIENT_LISTEN_DISPATCH";
export { IDEAL_SEND_BACKLOG } from "./wsk/ConnectionSocket";
export { streamProvider } from "./wsk/streamProvider";
export type { WskReceiveFlags } from "./wsk/WskReceiveFlags";

// Idiomatic helpers
export { connect, DEFAULT_DISPOSE_TIMEOUT } from "./connect";
export type { ConnectOptions } from "./connect";
export { listen } from "./listen";
export type { Listener, ListenOptions } from "./listen";
export { send } from "./send";
export type { SendOptions } from "./send";
export { receive } from "./receive";
export type { ReceiveOptions } from "./receive";
export { disconnect } from "./disconnect";
export type { DisconnectOptions } from "./disconnect";
