// The diagnostics_channel names wskit publishes on, named as undici names its own
// (`undici:request:create`), and the message each carries. Messages are published only while a
// channel has subscribers: with none, a publishing site costs one property read.
import { channel, tracingChannel } from "node:diagnostics_channel";
import type { WskVerifierError } from "../errors";
import type { SockAddr } from "../address/SockAddr";

/** A socket was made (WskSocket, WskSocketConnect, or an accepted connection). */
export const CHANNEL_SOCKET_CREATE = "wskit:socket:create";
/** A socket finished closing (WskCloseSocket completed); its counters as it closed. */
export const CHANNEL_SOCKET_CLOSE = "wskit:socket:close";
/** Datagrams were dropped: one message per socket, reason and event-loop turn, never one per datagram. */
export const CHANNEL_DATAGRAM_DROP = "wskit:datagram:drop";
/** A connection was established by WskConnect / WskSocketConnect. */
export const CHANNEL_CONNECTION_CONNECT = "wskit:connection:connect";
/** A connection was accepted (WskAccept or WskAcceptEvent). */
export const CHANNEL_CONNECTION_ACCEPT = "wskit:connection:accept";
/** A connection ended: the peer's FIN or reset, or this side's WskDisconnect. */
export const CHANNEL_CONNECTION_DISCONNECT = "wskit:connection:disconnect";
/** Flow control paused reading a connection (its buffered bytes reached their bound). */
export const CHANNEL_CONNECTION_PAUSE = "wskit:connection:pause";
/** Reading a paused connection resumed. */
export const CHANNEL_CONNECTION_RESUME = "wskit:connection:resume";
/** The verifier found a violation. */
export const CHANNEL_VERIFIER_VIOLATION = "wskit:verifier:violation";
/** Tracing channel (`tracing:wskit:connect:start`, …) of the helpers' connects. */
export const TRACING_CONNECT = "wskit:connect";
/** Tracing channel (`tracing:wskit:bind:start`, …) of the helpers' binds (openDatagramSocket, listen). */
export const TRACING_BIND = "wskit:bind";

/** A socket category, as the messages name it. */
export type SocketCategory = "basic" | "datagram" | "connection" | "listen" | "stream";

/** `wskit:socket:create`. */
export interface SocketCreateMessage {
  /** The new socket (a WSK_SOCKET). */
  socket: object;
  /** Its category. */
  category: SocketCategory;
  /** AF_INET or AF_INET6. */
  family: number;
}

/** `wskit:socket:close`. */
export interface SocketCloseMessage {
  /** The socket that closed. */
  socket: object;
  /** The category's counters as the socket closed (getDatagramCounters, getStreamCounters), or null. */
  counters: Readonly<object> | null;
}

/** Why datagrams were dropped: the name of the counter they count in, without `dropped`. */
export type DatagramDropReason = "queueFull" | "retentionLimit" | "noBuffer" | "notFromRemote" | "shutdown" | "closed" | "kernel";

/** `wskit:datagram:drop`: `count` datagrams dropped for `reason` in one event-loop turn. */
export interface DatagramDropMessage {
  /** The datagram socket that dropped them. */
  socket: object;
  /** Why: the counter they count in. */
  reason: DatagramDropReason;
  /** How many, in this turn. */
  count: number;
}

/** `wskit:connection:connect`, `:accept` and `:disconnect`. */
export interface ConnectionMessage {
  /** The connection socket. */
  socket: object;
  /** Its local address. */
  local: SockAddr | null;
  /** The peer's address. */
  remote: SockAddr | null;
  /** Disconnect only: the end was a reset (or an abortive WskDisconnect), not a FIN. */
  abortive?: boolean;
  /** Disconnect only: who ended it. */
  by?: "peer" | "local";
}

/** `wskit:connection:pause` and `:resume`. */
export interface ConnectionFlowMessage {
  /** The connection socket. */
  socket: object;
  /** Bytes buffered at the moment. */
  backlog: number;
}

/** `wskit:verifier:violation`. */
export interface VerifierViolationMessage {
  /** The violation, as the verifier reports it (its `code` names the rule). */
  error: WskVerifierError;
}

/** The context of a `wskit:connect` / `wskit:bind` trace: what the helper was asked, and (at `asyncEnd`) its result or error. */
export interface OperationTraceContext {
  /** `"connect"`, `"bind"` or `"listen"`. */
  operation: string;
  /** The address asked for, as given. */
  address: string;
  /** Set by the tracing channel at `asyncEnd`: the socket or listener. */
  result?: unknown;
  /** Set by the tracing channel on failure. */
  error?: unknown;
}

/** @internal The channel objects, made once. */
export const channels = {
  socketCreate: channel(CHANNEL_SOCKET_CREATE),
  socketClose: channel(CHANNEL_SOCKET_CLOSE),
  datagramDrop: channel(CHANNEL_DATAGRAM_DROP),
  connectionConnect: channel(CHANNEL_CONNECTION_CONNECT),
  connectionAccept: channel(CHANNEL_CONNECTION_ACCEPT),
  connectionDisconnect: channel(CHANNEL_CONNECTION_DISCONNECT),
  connectionPause: channel(CHANNEL_CONNECTION_PAUSE),
  connectionResume: channel(CHANNEL_CONNECTION_RESUME),
  verifierViolation: channel(CHANNEL_VERIFIER_VIOLATION),
  connect: tracingChannel<OperationTraceContext, OperationTraceContext>(TRACING_CONNECT),
  bind: tracingChannel<OperationTraceContext, OperationTraceContext>(TRACING_BIND),
};
