// Where wskit says what happens: on the diagnostics channels while they have subscribers, and in
// NODE_DEBUG=wskit's log. Each function returns at once when neither listens.
import { debuglog } from "node:util";
import {
  channels,
  type ConnectionMessage,
  type DatagramDropReason,
  type OperationTraceContext,
  type SocketCategory,
} from "./channels";
import type { WskVerifierError } from "../errors";

const log = debuglog("wskit");
/** NODE_DEBUG=wskit (read once, at load, as util.debuglog does). */
export const debugEnabled = log.enabled;

/** A line in NODE_DEBUG=wskit's log (`WSKIT 1234: …` on stderr). */
export function debug(text: string): void {
  if (debugEnabled) log("%s", text);
}

const names = new WeakMap<object, string>();
let nextId = 1;

// A socket in the log: its category and a number that stays the same for its life.
function nameOf(socket: object): string {
  let name = names.get(socket);
  if (name === undefined) {
    name = `${(socket as { constructor?: { name?: string } }).constructor?.name ?? "socket"}#${nextId++}`;
    names.set(socket, name);
  }
  return name;
}

/** Provider side: a socket was made and is whole (call it after the constructor returned). */
export function publishSocketCreate(socket: object, category: SocketCategory, family: number): void {
  if (channels.socketCreate.hasSubscribers) channels.socketCreate.publish({ socket, category, family });
  if (debugEnabled) debug(`${nameOf(socket)} created (${category}, ${family === 23 ? "AF_INET6" : "AF_INET"})`);
}

/** A socket finished closing, with its counters as it closed. */
export function publishSocketClose(socket: object, counters: (() => Readonly<object> | null) | undefined): void {
  if (!channels.socketClose.hasSubscribers && !channels.datagramDrop.hasSubscribers && !debugEnabled) return;
  // The counters first (reading them may note the kernel's last drops), then the drops, then the close.
  const snapshot = counters?.() ?? null;
  flushDropsOf(socket);
  if (!channels.socketClose.hasSubscribers && !debugEnabled) return;
  if (channels.socketClose.hasSubscribers) channels.socketClose.publish({ socket, counters: snapshot });
  if (debugEnabled) debug(`${nameOf(socket)} closed${snapshot === null ? "" : ` ${JSON.stringify(snapshot)}`}`);
}

/** Provider side: whether anyone listens for drops (a subscriber, or NODE_DEBUG=wskit), before counting costs anything. */
export function datagramDropsObserved(): boolean {
  return channels.datagramDrop.hasSubscribers || debugEnabled;
}

// Drops wait here until the end of the turn, summed per socket and reason.
let pendingDrops: Map<object, Map<DatagramDropReason, number>> | null = null;

/**
 * Provider side: `count` datagrams were dropped for `reason`. Summed per socket and reason and
 * published once per event-loop turn (`wskit:datagram:drop`), never once per datagram.
 */
export function noteDatagramDrop(socket: object, reason: DatagramDropReason, count = 1): void {
  if (count <= 0 || (!channels.datagramDrop.hasSubscribers && !debugEnabled)) return;
  if (pendingDrops === null) {
    pendingDrops = new Map();
    setImmediate(flushDrops);
  }
  let reasons = pendingDrops.get(socket);
  if (reasons === undefined) pendingDrops.set(socket, (reasons = new Map()));
  reasons.set(reason, (reasons.get(reason) ?? 0) + count);
}

function flushDrops(): void {
  const drops = pendingDrops;
  pendingDrops = null;
  if (drops === null) return;
  for (const [socket, reasons] of drops) publishDrops(socket, reasons);
}

function flushDropsOf(socket: object): void {
  const reasons = pendingDrops?.get(socket);
  if (reasons === undefined) return;
  pendingDrops?.delete(socket);
  publishDrops(socket, reasons);
}

function publishDrops(socket: object, reasons: Map<DatagramDropReason, number>): void {
  for (const [reason, count] of reasons) {
    if (channels.datagramDrop.hasSubscribers) channels.datagramDrop.publish({ socket, reason, count });
    if (debugEnabled) debug(`${nameOf(socket)} dropped ${count} datagram(s): ${reason}`);
  }
}

/** Provider side: a connection event (connect, accept, disconnect). */
export function publishConnection(kind: "connect" | "accept" | "disconnect", message: ConnectionMessage): void {
  const target = kind === "connect" ? channels.connectionConnect : kind === "accept" ? channels.connectionAccept : channels.connectionDisconnect;
  if (target.hasSubscribers) target.publish(message);
  if (debugEnabled) {
    const how = kind === "disconnect" ? ` by ${message.by ?? "peer"}${message.abortive === true ? ", abortive" : ""}` : "";
    debug(`${nameOf(message.socket)} ${kind} ${String(message.local)} ↔ ${String(message.remote)}${how}`);
  }
}

/** Provider side: flow control paused (or resumed) reading a connection. */
export function publishConnectionFlow(paused: boolean, socket: object, backlog: number): void {
  const target = paused ? channels.connectionPause : channels.connectionResume;
  if (target.hasSubscribers) target.publish({ socket, backlog });
  if (debugEnabled) debug(`${nameOf(socket)} ${paused ? "paused" : "resumed"} reading (${backlog} bytes buffered)`);
}

/** The verifier found a violation. */
export function publishVerifierViolation(error: WskVerifierError): void {
  if (channels.verifierViolation.hasSubscribers) channels.verifierViolation.publish({ error });
  if (debugEnabled) debug(`verifier: ${error.code}: ${error.message}`);
}

/** Provider side: a call refused a request with a status (NODE_DEBUG=wskit only). */
export function debugRefusal(what: string, statusName: string): void {
  if (debugEnabled) debug(`${what} refused: ${statusName}`);
}

/**
 * Runs a helper's operation under its tracing channel (`wskit:connect`, `wskit:bind`), as Node
 * traces `net.server.listen`: start, end, asyncStart, asyncEnd (with `result` or `error`). Without
 * subscribers it just runs it.
 */
export function traceOperation<T>(which: "connect" | "bind", name: string, address: unknown, operation: () => Promise<T>): Promise<T> {
  const tracing = channels[which];
  if (!tracing.hasSubscribers && !debugEnabled) return operation();
  const context: OperationTraceContext = { operation: name, address: addressText(address) };
  if (debugEnabled) debug(`${context.operation} ${context.address}`);
  if (!tracing.hasSubscribers) return operation();
  return tracing.tracePromise(operation, context);
}

// An address as a helper was given it, as text, whatever it is (a hostile value must not throw here).
function addressText(address: unknown): string {
  if (typeof address === "string") return address;
  if (typeof address === "object" && address !== null && typeof (address as { address?: unknown }).address === "string") {
    const { address: host, port } = address as { address: string; port?: unknown };
    return host.includes(":") ? `[${host}]:${String(port)}` : `${host}:${String(port)}`;
  }
  return typeof address;
}
