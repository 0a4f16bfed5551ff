// The receive path: where each datagram from Node goes, in the order SPEC §2 gives. A waiting
// WskReceiveFrom IRP takes it first (copied straight from Node's buffer into the caller's MDLs);
// otherwise it waits in the bounded queue, in a pool buffer, for a receive or for the event
// callback, which gets the datagrams of one event-loop turn together as one list.
import type { RemoteInfo } from "node:dgram";
import {
  AF_INET,
  AF_INET6,
  MSG_CTRUNC,
  MSG_TRUNC,
  scatterInto,
  STATUS_BUFFER_OVERFLOW,
  STATUS_DATA_NOT_ACCEPTED,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  type IRP,
  type NTSTATUS,
  type Ref,
  type SockAddr,
  type WskBuf,
  wskBufStatus,
} from "@wskit/core";
import {
  callSocketEvent,
  completeSocketIrp,
  disableSocketEvent,
  isSocketOpen,
  reportCallbackError,
  retainSocketList,
  socketClientDispatch,
  socketEvents,
} from "@wskit/core/provider";
import type { DatagramSocket, WSK_CLIENT_DATAGRAM_DISPATCH } from "../wsk/DatagramSocket";
import type { WskDatagramIndication } from "../wsk/WskDatagramIndication";
import type { DatagramRecord } from "./DatagramRecord";
import { copyControl } from "./controlInfo";
import { noteDrops } from "./dropNotes";
import { datagramCost } from "./IndicationPool";
import { kDatagram, MAX_BATCH, type DatagramState } from "./datagramState";

// Where a receive IRP keeps its request (Tail.Overlay.DriverContext), so queuing it allocates nothing.
export const RECEIVE_BUFFER = 0;
export const RECEIVE_REMOTE = 1;
export const RECEIVE_CONTROL_FLAGS = 2;
/** The ControlInfoLength Ref, or a {@link ControlRequest} when the receive passed a ControlInfo buffer. */
export const RECEIVE_CONTROL_LENGTH = 3;

/** A receive's control buffer and its out-length, kept per IRP (reused), in RECEIVE_CONTROL_LENGTH. */
export class ControlRequest {
  length: Ref<number> | null = null;
  info: Uint8Array | null = null;
  capacity = 0;
}
const controlRequests = new WeakMap<IRP, ControlRequest>();

/** The IRP's ControlRequest, made on its first receive with a control buffer and reused after. */
export function controlRequestOf(irp: IRP): ControlRequest {
  let request = controlRequests.get(irp);
  if (request === undefined) {
    request = new ControlRequest();
    controlRequests.set(irp, request);
  }
  return request;
}

/** What {@link routeDatagram} decided: the caller queues the datagram, or it is dealt with. */
export const ROUTE_QUEUE = 1;
export const ROUTE_DONE = 0;
/** Dropped (and counted): the engine reports the drops (noteDrops), once per batch or datagram. */
export const ROUTE_DROPPED = 2;

/**
 * Where one datagram goes, in the order the contract sets: counted, dropped after shutdown or when not from the
 * fixed remote, taken by the oldest waiting WskReceiveFrom IRP (copied straight from `bytes`),
 * else queued if the bounds allow (ROUTE_QUEUE: the caller puts it in a record and calls
 * {@link enqueue}), else dropped and counted. Both engines deliver through here.
 */
export function routeDatagram(
  socket: DatagramSocket,
  state: DatagramState,
  bytes: Uint8Array,
  length: number,
  family: number,
  address: string,
  port: number,
  control: Uint8Array | null,
  controlOffset: number,
  controlLength: number,
): number {
  const counters = state.counters;
  counters.received++;
  if (state.receiveShutdown) {
    counters.droppedShutdown++;
    return ROUTE_DROPPED;
  }
  const remote = state.fixedRemote;
  if (remote !== null && (remote.port !== port || remote.address !== address || remote.family !== family)) {
    counters.droppedNotFromRemote++;
    return ROUTE_DROPPED;
  }
  for (let irp = state.receives.shift(); irp !== undefined; irp = state.receives.shift()) {
    // Receives only wait while the queue is empty, so taking this datagram keeps the order.
    const copied = fillReceive(state, irp, bytes, length, family, address, port, control, controlOffset, controlLength);
    if (copied < 0) {
      // The client changed the buffer of its pending receive: that receive fails, the datagram goes on.
      completeSocketIrp(socket, irp, STATUS_INVALID_PARAMETER, 0);
      continue;
    }
    counters.toIrps++;
    completeSocketIrp(socket, irp, receiveOverflowed ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS, copied);
    return ROUTE_DONE;
  }
  if (state.retainedBytes >= state.retentionLimitBytes) {
    counters.droppedRetentionLimit++;
    return ROUTE_DROPPED;
  }
  if (state.queuedBytes + datagramCost(length) > state.receiveBufferBytes) {
    counters.droppedQueueFull++;
    return ROUTE_DROPPED;
  }
  return ROUTE_QUEUE;
}

/** Fills a record's sender and control information and puts it at the back of the queue. */
export function enqueue(
  state: DatagramState,
  record: DatagramRecord,
  length: number,
  family: number,
  address: string,
  port: number,
  control: Uint8Array | null,
  controlOffset: number,
  controlLength: number,
): void {
  record.length = length;
  const from = record.remote;
  from.family = family as typeof from.family;
  from.address = address;
  from.port = port;
  record.setControl(control, controlOffset, controlLength);
  state.queue.push(record);
  state.queuedBytes += datagramCost(length);
}

/** The node engine's 'message'. */
export function onMessage(socket: DatagramSocket, message: Buffer, rinfo: RemoteInfo): void {
  receiveDatagram(socket, message, rinfo.family === "IPv6" ? AF_INET6 : AF_INET, rinfo.address, rinfo.port);
}

/**
 * One datagram from an engine that owns no pool memory (node:dgram, a simulated network): it goes
 * where the contract sets, and if it waits, `bytes` is copied into a pool record (the caller may
 * reuse them on return); the event callback hears of it on the next turn, or, with `batched`, when
 * the engine calls {@link deliverQueued} at the end of its batch.
 */
export function receiveDatagram(socket: DatagramSocket, bytes: Uint8Array, family: number, address: string, port: number, batched = false): void {
  const state = socket[kDatagram];
  const length = bytes.byteLength;
  const route = routeDatagram(socket, state, bytes, length, family, address, port, null, 0, 0);
  if (route !== ROUTE_QUEUE) {
    if (route === ROUTE_DROPPED) noteDrops(socket);
    return;
  }
  const record = state.pool.allocate(length);
  if (record === null) {
    state.counters.droppedNoBuffer++;
    noteDrops(socket);
    return;
  }
  record.memory.set(bytes, 0);
  enqueue(state, record, length, family, address, port, null, 0, 0);
  if (!batched) scheduleFlush(socket);
}

/** Set by {@link fillReceive}: the datagram or its control information did not fit. */
export let receiveOverflowed = false;

/**
 * Copies a datagram into a receive IRP's buffer and fills its out-parameters (sender, control
 * flags, control information); returns the bytes copied, or -1 when the buffer is no longer a
 * well-formed WSK_BUF (the client changed it while the receive was pending), in which case nothing
 * was written. A datagram longer than the buffer is cut, as is control information longer than the
 * control buffer (whole records only): {@link receiveOverflowed} then says to complete with
 * STATUS_BUFFER_OVERFLOW, with MSG_TRUNC / MSG_CTRUNC in the control flags.
 */
export function fillReceive(
  state: DatagramState,
  irp: IRP,
  bytes: Uint8Array,
  length: number,
  family: number,
  address: string,
  port: number,
  control: Uint8Array | null,
  controlOffset: number,
  controlLength: number,
): number {
  const context = irp.Tail.Overlay.DriverContext;
  const buffer = context[RECEIVE_BUFFER] as WskBuf;
  if (wskBufStatus(buffer) !== STATUS_SUCCESS) return -1;
  const copied = scatterInto(buffer, bytes, 0, length);
  const truncated = length > copied;
  let flags = truncated ? MSG_TRUNC : 0;
  // The out-parameters were checked at the call; one the client froze since cannot stop the receive.
  try {
    const remote = context[RECEIVE_REMOTE] as SockAddr | null;
    if (remote !== null) {
      remote.family = family as typeof remote.family;
      remote.address = address;
      remote.port = port;
    }
    let controlCopied = 0;
    const lengthOut = context[RECEIVE_CONTROL_LENGTH] as Ref<number> | ControlRequest | null;
    // (No instanceof for the usual null: V8 runs it as a generic property lookup here.)
    const request = lengthOut !== null && lengthOut instanceof ControlRequest ? lengthOut : null;
    if (control !== null && controlLength > 0) {
      controlCopied = request === null ? 0 : copyControl(control, controlOffset, controlLength, request.info, request.capacity);
      if (controlCopied < controlLength) flags |= MSG_CTRUNC;
    }
    const controlFlags = context[RECEIVE_CONTROL_FLAGS] as Ref<number> | null;
    if (controlFlags !== null) controlFlags.value = flags;
    const controlInfoLength = request === null ? (lengthOut as Ref<number> | null) : request.length;
    if (controlInfoLength !== null) controlInfoLength.value = controlCopied;
  } catch {
    // Left as the client made them.
  }
  receiveOverflowed = flags !== 0;
  if (truncated) state.counters.truncated++;
  return copied;
}

/** Takes the oldest queued datagram off the queue, for a receive that found one waiting. */
export function dequeue(state: DatagramState): DatagramRecord | undefined {
  const record = state.queue.shift();
  if (record !== undefined) {
    state.queuedBytes -= datagramCost(record.length);
  }
  return record;
}

/** Delivers the queue to the event callback on the next turn, if it is enabled and anything waits. */
export function scheduleFlush(socket: DatagramSocket): void {
  const state = socket[kDatagram];
  if (state.flushScheduled || state.queue.size === 0 || state.broken) return;
  if ((socketEvents(socket) & WSK_EVENT_RECEIVE_FROM) === 0) return;
  state.flushScheduled = true;
  setImmediate(flushGuarded, socket);
}

/**
 * Delivers the queue to the event callback now, if it is enabled: the native engine calls this at
 * the end of a batch, which is the datagrams of this turn, saving the turn a scheduled flush waits.
 */
export function deliverQueued(socket: DatagramSocket): void {
  const state = socket[kDatagram];
  if (state.flushScheduled || state.broken || state.queue.size === 0) return;
  if ((socketEvents(socket) & WSK_EVENT_RECEIVE_FROM) === 0) return;
  flush(socket);
}

// Runs from the event loop: nothing thrown may escape to Node (SPEC §7).
function flushGuarded(socket: DatagramSocket): void {
  try {
    flush(socket);
  } catch (error) {
    reportCallbackError("internal", "indicating datagrams", error);
  }
}

// Reused to put a refused list back at the front of the queue in its order.
const refused: DatagramRecord[] = [];

function flush(socket: DatagramSocket): void {
  const state = socket[kDatagram];
  state.flushScheduled = false;
  if (!isSocketOpen(socket) || state.broken || (socketEvents(socket) & WSK_EVENT_RECEIVE_FROM) === 0) return;
  // A list never takes the client's retained bytes past the retention limit, should it keep this
  // one too; what does not fit waits in the (bounded) queue until WskRelease makes room. One
  // datagram is always deliverable while nothing is retained, whatever the limit: a limit smaller
  // than one datagram's cost must not stop delivery for good.
  let first: DatagramRecord | null = null;
  let last: DatagramRecord | null = null;
  let head: WskDatagramIndication | null = null;
  let tail: WskDatagramIndication | null = null;
  let bytes = 0;
  let count = 0;
  while (count < MAX_BATCH) {
    const next = state.queue.peek();
    if (next === undefined) break;
    const cost = datagramCost(next.length);
    if ((count > 0 || state.retainedBytes > 0) && state.retainedBytes + bytes + cost > state.retentionLimitBytes) break;
    state.queue.shift();
    next.link = null;
    if (last === null) {
      first = next;
      head = tail = next.head();
    } else {
      last.link = next;
      const view = next.view();
      (tail as WskDatagramIndication).Next = view;
      tail = view;
    }
    last = next;
    bytes += cost;
    count++;
  }
  if (count === 0) return;
  state.queuedBytes -= bytes;

  const dispatch = socketClientDispatch<WSK_CLIENT_DATAGRAM_DISPATCH>(socket);
  const status = callSocketEvent(
    socket,
    () => dispatch?.WskReceiveFromEvent(socket.SocketContext, 0, head) ?? STATUS_SUCCESS,
    STATUS_SUCCESS as NTSTATUS,
  );
  settle(socket, state, head as WskDatagramIndication, first as DatagramRecord, count, bytes, status);
  if (state.queue.size > 0 && state.retainedBytes < state.retentionLimitBytes) scheduleFlush(socket);
}

function settle(
  socket: DatagramSocket,
  state: DatagramState,
  head: WskDatagramIndication,
  first: DatagramRecord,
  count: number,
  bytes: number,
  status: NTSTATUS,
): void {
  const counters = state.counters;
  if (status === STATUS_PENDING) {
    retainSocketList(socket, head);
    state.retainedBytes += bytes;
    counters.indicated += count;
    counters.retained += count;
  } else if (status === STATUS_DATA_NOT_ACCEPTED) {
    // Not taken: the datagrams go back ahead of newer ones, and the callback stays off until re-enabled.
    for (let record: DatagramRecord | null = first; record !== null; record = record.link) refused.push(record);
    for (let i = refused.length - 1; i >= 0; i--) {
      const record = refused[i] as DatagramRecord;
      record.link = null;
      state.queue.unshift(record);
    }
    refused.length = 0;
    state.queuedBytes += bytes;
    disableSocketEvent(socket, WSK_EVENT_RECEIVE_FROM);
  } else {
    // STATUS_SUCCESS, or any other value.
    counters.indicated += count;
    freeList(state, first, false);
  }
}

/**
 * Gives every record of a list (from its first record, by the records' own links) back to the
 * pools and returns how many there were. A list the client retained also leaves the retention count.
 */
export function freeList(state: DatagramState, first: DatagramRecord | null, retained: boolean): number {
  let count = 0;
  for (let record = first; record !== null; ) {
    const next: DatagramRecord | null = record.link;
    if (retained) state.retainedBytes -= datagramCost(record.length);
    count++;
    state.pool.free(record);
    record = next;
  }
  if (retained) {
    state.counters.retained -= count;
    state.counters.released += count;
  }
  return count;
}

/**
 * The Node socket failed or closed under us: the socket no longer works. Waiting receives complete
 * with STATUS_FILE_FORCED_CLOSED and the event callback, if enabled, gets a null list.
 */
export function breakSocket(socket: DatagramSocket): void {
  const state = socket[kDatagram];
  if (state.broken || !isSocketOpen(socket)) return;
  state.broken = true;
  state.receives.drain((irp) => completeSocketIrp(socket, irp, STATUS_FILE_FORCED_CLOSED, 0));
  if ((socketEvents(socket) & WSK_EVENT_RECEIVE_FROM) !== 0) {
    const dispatch = socketClientDispatch<WSK_CLIENT_DATAGRAM_DISPATCH>(socket);
    callSocketEvent(socket, () => dispatch?.WskReceiveFromEvent(socket.SocketContext, 0, null), STATUS_SUCCESS);
  }
}
