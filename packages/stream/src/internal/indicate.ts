// WskReceiveEvent: data no waiting WskReceive took is indicated, all of the backlog as one list of
// WSK_DATA_INDICATIONs, one call at a time, from I/O (never from the client's own call). What the
// client accepts leaves the backlog; what it keeps (STATUS_PENDING) is held until WskRelease and
// still counts against the bound, so a client that holds data pushes TCP back instead of losing it.
import {
  IoAllocateMdl,
  ref,
  STATUS_DATA_NOT_ACCEPTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type NTSTATUS,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  type MDL,
} from "@wskit/core";
import { callSocketEvent, reportCallbackError, retainSocketList, socketClientDispatch, socketEvents } from "@wskit/core/provider";
import type { WSK_CLIENT_CONNECTION_DISPATCH } from "../wsk/WSK_CLIENT_CONNECTION_DISPATCH";
import { indicationLength, linkIndication, nextIndication, WskDataIndication } from "../wsk/WskDataIndication";
import { dropChunk, relend, resumeIfRoom } from "./receive";
import type { StreamState } from "./streamState";

const kMdl = Symbol("chunk MDL");
type ChunkMemory = Uint8Array & { [kMdl]?: MDL };

function receiveEventReady(state: StreamState): boolean {
  const owner = state.owner;
  return (
    owner !== null &&
    !state.eventSuppressed &&
    state.backlog.size > 0 &&
    state.receives.size === 0 &&
    (socketEvents(owner) & WSK_EVENT_RECEIVE) !== 0
  );
}

/** Indicates now: for callers that are I/O already (the read callback). */
export function indicateNow(state: StreamState): void {
  if (receiveEventReady(state)) indicate(state);
}

/** Indicates on the next turn: for callers that may be the client's own call. */
export function scheduleIndication(state: StreamState): void {
  if (state.indicationScheduled || !receiveEventReady(state)) return;
  state.indicationScheduled = true;
  setImmediate(() => {
    state.indicationScheduled = false;
    // Runs from the event loop: nothing thrown may escape to Node (SPEC §7).
    try {
      indicateNow(state);
    } catch (error) {
      reportCallbackError("internal", "indicating received data", error);
    }
  });
}

function indicate(state: StreamState): void {
  const owner = state.owner;
  if (owner === null) return;
  let head: WskDataIndication | null = null;
  let tail: WskDataIndication | null = null;
  let indicated = 0;
  let chunks = 0;
  for (let i = 0; i < state.backlog.size; i++) {
    const chunk = state.backlog.shift();
    if (chunk === undefined) break;
    state.backlog.push(chunk); // rotated through: the backlog keeps its order
    const memory = chunk.memory as ChunkMemory;
    const mdl = (memory[kMdl] ??= IoAllocateMdl(memory));
    const indication = new WskDataIndication({ Mdl: mdl, Offset: chunk.start, Length: chunk.end - chunk.start }, memory);
    if (tail === null) head = indication;
    else {
      tail.Next = indication;
      linkIndication(tail, indication);
    }
    tail = indication;
    indicated += chunk.end - chunk.start;
    chunks++;
  }
  const accepted = ref(indicated);
  const dispatch = socketClientDispatch<WSK_CLIENT_CONNECTION_DISPATCH>(owner);
  // A callback that throws counts as STATUS_SUCCESS (SPEC §7).
  const status = callSocketEvent(
    owner,
    () => {
      state.counters.indications++;
      return dispatch?.WskReceiveEvent?.(owner.SocketContext, 0, head, indicated, accepted) ?? STATUS_DATA_NOT_ACCEPTED;
    },
    STATUS_SUCCESS as NTSTATUS,
  );
  if (status === STATUS_PENDING) {
    // The client keeps every indicated byte; the chunks leave the backlog with the list.
    // A kept chunk takes no more reads into its tail.
    for (let i = 0; i < chunks; i++) state.backlog.shift();
    state.tailChunk = null;
    if (state.lentTail !== null) relend(state);
    state.backlogBytes -= indicated;
    state.retainedBytes += indicated;
    retainSocketList(owner, head as WskDataIndication);
  } else if (status === STATUS_DATA_NOT_ACCEPTED) {
    state.eventSuppressed = true;
  } else {
    const value = accepted.value;
    // A BytesAccepted that is no number at all takes nothing: the data stays, nothing is lost.
    const taken = typeof value === "number" && !Number.isNaN(value) ? Math.max(0, Math.min(indicated, Math.trunc(value))) : 0;
    consume(state, taken);
    // Part accepted: no indication until a WskReceive completes.
    if (taken < indicated) state.eventSuppressed = true;
  }
  resumeIfRoom(state);
}

function consume(state: StreamState, bytes: number): void {
  let left = bytes;
  while (left > 0) {
    const chunk = state.backlog.peek();
    if (chunk === undefined) break;
    const taken = Math.min(left, chunk.end - chunk.start);
    chunk.start += taken;
    state.backlogBytes -= taken;
    left -= taken;
    if (chunk.start === chunk.end) dropChunk(state);
  }
}

/** Gives back a retained list's chunks. */
export function releaseIndications(state: StreamState, head: WskDataIndication): void {
  // The list as indicated (its own links and lengths), whatever the client did to Next and Buffer.
  for (let indication: WskDataIndication | null = head; indication !== null; indication = nextIndication(indication)) {
    state.retainedBytes -= indicationLength(indication);
    state.chunks.free(indication.chunk);
  }
  resumeIfRoom(state);
}

/** WskDisconnectEvent, if enabled: the peer's FIN (Flags 0) or reset (WSK_FLAG_ABORTIVE). */
export function indicateDisconnect(state: StreamState, flags: number): void {
  const owner = state.owner;
  if (owner === null || (socketEvents(owner) & WSK_EVENT_DISCONNECT) === 0) return;
  const dispatch = socketClientDispatch<WSK_CLIENT_CONNECTION_DISPATCH>(owner);
  callSocketEvent(owner, () => dispatch?.WskDisconnectEvent?.(owner.SocketContext, flags), undefined);
}
