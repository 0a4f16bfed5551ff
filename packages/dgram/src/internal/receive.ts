// The receive path: where each datagram from Node goes, in the order SPEC §2 gives. A waiting
// WskReceiveFrom IRP takes it first (copied straight from Node's buffer into the caller's MDLs);
// otherwise it waits in the bounded queue, in a pool buffer, for a receive or for the event
// callback, which gets the datagrams of one event-loop turn together as one list.
import type { RemoteInfo } from "node:dgram";
import {
  AF_INET,
  AF_INET6,
  callSocketEvent,
  completeSocketIrp,
  disableSocketEvent,
  isSocketOpen,
  MSG_TRUNC,
  reportCallbackError,
  retainSocketList,
  scatterInto,
  socketClientDispatch,
  socketEvents,
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
import type { DatagramSocket, WSK_CLIENT_DATAGRAM_DISPATCH } from "../wsk/DatagramSocket";
import type { WskDatagramIndication } from "../wsk/WskDatagramIndication";
import type { DatagramRecord } from "./DatagramRecord";
import { datagramCost } from "./IndicationPool";
import { kDatagram, MAX_BATCH, type DatagramState } from "./datagramState";

// Where a receive IRP keeps its request (Tail.Overlay.DriverContext), so queuing it allocates nothing.
export const RECEIVE_BUFFER = 0;
export const RECEIVE_REMOTE = 1;
export const RECEIVE_CONTROL_FLAGS = 2;
export const RECEIVE_CONTROL_LENGTH = 3;

export function onMessage(socket: DatagramSocket, message: Buffer, rinfo: RemoteInfo): void {
  const state = socket[kDatagram];
  const counters = state.counters;
  counters.received++;
  if (state.receiveShutdown) {
    counters.droppedShutdown++;
    return;
  }
  const family = rinfo.family === "IPv6" ? AF_INET6 : AF_INET;
  const remote = state.fixedRemote;
  if (remote !== null && (remote.port !== rinfo.port || remote.address !== rinfo.address || remote.family !== family)) {
    counters.droppedNotFromRemote++;
    return;
  }
  const length = message.byteLength;
  for (let irp = state.receives.shift(); irp !== undefined; irp = state.receives.shift()) {
    // Receives only wait while the queue is empty, so taking this datagram keeps the order.
    const copied = fillReceive(state, irp, message, length, family, rinfo.address, rinfo.port);
    if (copied < 0) {
      // The client changed the buffer of its pending receive: that receive fails, the datagram goes on.
      completeSocketIrp(socket, irp, STATUS_INVALID_PARAMETER, 0);
      continue;
    }
    counters.toIrps++;
    completeSocketIrp(socket, irp, length > copied ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS, copied);
    return;
  }
  if (state.retainedBytes >= state.retentionLimitBytes) {
    counters.droppedRetentionLimit++;
    return;
  }
  const cost = datagramCost(length);
  if (state.queuedBytes + cost > state.receiveBufferBytes) {
    counters.droppedQueueFull++;
    return;
  }
  const record = state.pool.allocate(length);
  if (record === null) {
    counters.droppedNoBuffer++;
    return;
  }
  record.memory.set(message, 0);
  record.length = length;
  const from = record.remote;
  from.family = family;
  from.address = rinfo.address;
  from.port = rinfo.port;
  state.queue.push(record);
  state.queuedBytes += cost;
  scheduleFlush(socket);
}

/**
 * Copies a datagram into a receive IRP's buffer and fills its out-parameters; returns the bytes
 * copied, or -1 when the buffer is no longer a well-formed WSK_BUF (the client changed it while the
 * receive was pending), in which case nothing was written. A datagram longer than the buffer is cut:
 * the caller completes with STATUS_BUFFER_OVERFLOW.
 */
export function fillReceive(
  state: DatagramState,
  irp: IRP,
  bytes: Uint8Array,
  length: number,
  family: number,
  address: string,
  port: number,
): number {
  const context = irp.Tail.Overlay.DriverContext;
  const buffer = context[RECEIVE_BUFFER] as WskBuf;
  if (wskBufStatus(buffer) !== STATUS_SUCCESS) return -1;
  const copied = scatterInto(buffer, bytes, 0, length);
  const truncated = length > copied;
  // The out-parameters were checked at the call; one the client froze since cannot stop the receive.
  try {
    const remote = context[RECEIVE_REMOTE] as SockAddr | null;
    if (remote !== null) {
      remote.family = family as typeof remote.family;
      remote.address = address;
      remote.port = port;
    }
    const controlFlags = context[RECEIVE_CONTROL_FLAGS] as Ref<number> | null;
    if (controlFlags !== null) controlFlags.value = truncated ? MSG_TRUNC : 0;
    const controlLength = context[RECEIVE_CONTROL_LENGTH] as Ref<number> | null;
    if (controlLength !== null) controlLength.value = 0;
  } catch {
    // Left as the client made them.
  }
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
