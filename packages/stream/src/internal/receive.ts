// The receive path. Data goes straight into the oldest waiting WskReceive's buffer (net's onread
// with a buffer function: no intermediate copy) when nothing is buffered ahead of it; otherwise
// into a pool chunk in the backlog, from which receives take in order. Past the backlog bound the
// Node socket is paused, so TCP pushes back on the sender and memory stays bounded.
import {
  scatterWskBuf,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  WSK_FLAG_DRAIN,
  WSK_FLAG_WAITALL,
  type IRP,
  type MDL,
  type WskBuf,
  wskBufStatus,
} from "@wskit/core";
import { completeSocketIrp, reportCallbackError, publishConnectionFlow } from "@wskit/core/provider";
import { indicateNow, scheduleIndication } from "./indicate";
import { MIN_TAIL, ReadInto, RECEIVE_BUFFER, RECEIVE_FILLED, RECEIVE_FLAGS, type Chunk, type StreamState } from "./streamState";

/** The onread hooks of a connection: the buffer for the next read, and what happens after a read. */
export function onreadFor(state: StreamState): { buffer: () => Uint8Array; callback: (nread: number) => boolean } {
  return {
    buffer: () => {
      try {
        return lend(state);
      } catch (error) {
        reportCallbackError("internal", "lending a read buffer", error);
        return SPARE;
      }
    },
    callback: (nread) => {
      try {
        return afterRead(state, nread);
      } catch (error) {
        reportCallbackError("internal", "taking a read", error);
        return true;
      }
    },
  };
}

// What a read did: the bytes went into a receive's buffer, a chunk's tail, or a new chunk.
function afterRead(state: StreamState, nread: number): boolean {
  state.counters.bytesReceived += nread;
  if (state.readInto === ReadInto.Receive && state.readTarget !== null) {
    const context = state.readTarget.Tail.Overlay.DriverContext;
    context[RECEIVE_FILLED] = (context[RECEIVE_FILLED] as number) + nread;
    state.readTarget = null;
  } else if (state.readInto === ReadInto.Tail && state.lentTail !== null) {
    state.lentTail.end += nread;
    state.backlogBytes += nread;
    state.lentTail = null;
  } else if (state.readChunk !== null) {
    const chunk: Chunk = { memory: state.readChunk, start: 0, end: nread };
    state.backlog.push(chunk);
    state.tailChunk = chunk;
    state.backlogBytes += nread;
    state.readChunk = null;
  }
  if (state.lingering) discardBacklog(state);
  if (state.backlogBytes > state.counters.peakBacklog) state.counters.peakBacklog = state.backlogBytes;
  pump(state);
  indicateNow(state);
  // Pause at the bound, or when no chunk could take the next read (Node asks for that buffer
  // right after this returns, paused or not).
  if (state.backlogBytes + state.retainedBytes >= state.backlogLimit || (state.readChunk === null && state.chunks.available === 0)) {
    if (!state.paused) {
      state.counters.pausedByFlowControl++;
      if (state.owner !== null) publishConnectionFlow(true, state.owner, state.backlogBytes);
    }
    state.paused = true;
    return false;
  }
  return true;
}

/** Chooses the buffer for the next read, and records what it is. */
function lend(state: StreamState): Uint8Array {
  state.readTarget = null;
  state.lentTail = null;
  const irp = directTarget(state);
  if (irp !== null) {
    state.readInto = ReadInto.Receive;
    state.readTarget = irp;
    const context = irp.Tail.Overlay.DriverContext;
    return viewAt(context[RECEIVE_BUFFER] as WskBuf, context[RECEIVE_FILLED] as number);
  }
  const tail = state.tailChunk;
  if (tail !== null && tail.memory.byteLength - tail.end >= MIN_TAIL) {
    // Small reads share a chunk, so the bound counts bytes, not reads.
    state.readInto = ReadInto.Tail;
    state.lentTail = tail;
    return tail.memory.subarray(tail.end);
  }
  state.readInto = ReadInto.Chunk;
  // Ours until a read fills it. With the pool empty the socket is paused (the callback saw to it):
  // the spare is lent only so that Node has a buffer, and is replaced before reading resumes.
  state.readChunk ??= state.chunks.allocate();
  return state.readChunk ?? SPARE;
}

const SPARE = new Uint8Array(1);

/**
 * The lent buffer stopped being valid (its receive completed or was cancelled, its chunk was
 * emptied or kept by the client): lend another now, before the handle reads into it.
 */
export function relend(state: StreamState): void {
  if (state.pumping) {
    state.relendNeeded = true;
    return;
  }
  state.relendNeeded = false;
  const handle = (state.node as unknown as { _handle?: { useUserBuffer?: (buffer: Uint8Array) => void } } | null)?._handle;
  if (handle?.useUserBuffer === undefined || state.node?.destroyed === true) return;
  handle.useUserBuffer(lend(state));
}

/** True when `irp` is the receive the next read goes into. */
export function isLent(state: StreamState, irp: IRP): boolean {
  return state.readInto === ReadInto.Receive && state.readTarget === irp;
}

// The receive that may take the next read directly: the oldest one, when nothing is buffered ahead
// of it and it wants bytes (not DRAIN, not zero-length).
function directTarget(state: StreamState): IRP | null {
  if (state.backlog.size > 0) return null;
  const irp = state.receives.peek();
  if (irp === undefined || !stillValid(irp)) return null;
  const context = irp.Tail.Overlay.DriverContext;
  const buffer = context[RECEIVE_BUFFER] as WskBuf;
  if (((context[RECEIVE_FLAGS] as number) & WSK_FLAG_DRAIN) !== 0 || buffer.Length === 0) return null;
  return irp;
}

// A pending receive's WSK_BUF is the client's object: one it changed since the call (against the
// contract) is checked again before a byte goes into it, and the receive fails instead.
function stillValid(irp: IRP): boolean {
  const context = irp.Tail.Overlay.DriverContext;
  const buffer = context[RECEIVE_BUFFER] as WskBuf;
  return wskBufStatus(buffer) === STATUS_SUCCESS && (context[RECEIVE_FILLED] as number) <= buffer.Length;
}

/** The unfilled part of the MDL that holds byte `position` of a WSK_BUF. */
function viewAt(buffer: WskBuf, position: number): Uint8Array {
  let mdl = buffer.Mdl as MDL;
  // The common case, a whole one-MDL buffer not yet started, needs no new view.
  if (position === 0 && buffer.Offset === 0 && buffer.Length === mdl.ByteCount) return mdl.MappedSystemVa;
  let at = buffer.Offset + position;
  while (at >= mdl.ByteCount) {
    at -= mdl.ByteCount;
    mdl = mdl.Next as MDL;
  }
  const room = Math.min(mdl.ByteCount - at, buffer.Length - position);
  return mdl.MappedSystemVa.subarray(at, at + room);
}

/**
 * Completes what can complete, oldest receive first: a plain receive once it holds any byte, a
 * WAITALL one when full, a zero-length one as soon as data is buffered (consuming nothing), DRAIN
 * discarding everything; at the peer's FIN every waiting receive completes with what it has.
 */
export function pump(state: StreamState): void {
  if (state.pumping) return;
  state.pumping = true;
  try {
    drainReceives(state);
  } finally {
    state.pumping = false;
  }
  if (state.relendNeeded) relend(state);
  resumeIfRoom(state);
}

function drainReceives(state: StreamState): void {
  for (;;) {
    const irp = state.receives.peek();
    if (irp === undefined) break;
    const context = irp.Tail.Overlay.DriverContext;
    if (!stillValid(irp)) {
      finish(state, irp, STATUS_INVALID_PARAMETER, context[RECEIVE_FILLED] as number);
      continue;
    }
    const buffer = context[RECEIVE_BUFFER] as WskBuf;
    const flags = context[RECEIVE_FLAGS] as number;
    if ((flags & WSK_FLAG_DRAIN) !== 0) {
      discardBacklog(state);
      if (!state.peerClosed) break;
      finish(state, irp, STATUS_SUCCESS, 0);
      continue;
    }
    if (buffer.Length === 0) {
      if (state.backlog.size === 0 && !state.peerClosed) break;
      finish(state, irp, STATUS_SUCCESS, 0);
      continue;
    }
    let filled = context[RECEIVE_FILLED] as number;
    while (filled < buffer.Length && state.backlog.size > 0) filled += takeFromBacklog(state, buffer, filled);
    context[RECEIVE_FILLED] = filled;
    const full = filled === buffer.Length;
    if (full || ((flags & WSK_FLAG_WAITALL) === 0 && filled > 0) || state.peerClosed) {
      finish(state, irp, STATUS_SUCCESS, filled);
      continue;
    }
    break;
  }
}

/**
 * A receive the backlog satisfies whole, while no other receive waits: filled now, from the backlog,
 * as pump would fill it; returns the bytes, or -1 when it must wait in the queue instead (the caller
 * then queues it). Its completion still goes through the completion queue, never inside the call.
 */
export function receiveFromBacklog(state: StreamState, buffer: WskBuf, flags: number): number {
  if (state.pumping || state.receives.size > 0 || buffer.Length === 0 || (flags & WSK_FLAG_DRAIN) !== 0) return -1;
  if (state.backlogBytes < ((flags & WSK_FLAG_WAITALL) !== 0 ? buffer.Length : 1)) return -1;
  let filled = 0;
  while (filled < buffer.Length && state.backlog.size > 0) filled += takeFromBacklog(state, buffer, filled);
  state.counters.receivesCompleted++;
  // As a completed receive does: WskReceiveEvent re-armed, reading resumed when there is room.
  state.eventSuppressed = false;
  scheduleIndication(state);
  if (state.relendNeeded) relend(state);
  resumeIfRoom(state);
  return filled;
}

function finish(state: StreamState, irp: IRP, status: number, information: number): void {
  // The next read must not go into a receive that is complete.
  if (isLent(state, irp)) state.relendNeeded = true;
  state.receives.shift();
  if (status === STATUS_SUCCESS) state.counters.receivesCompleted++;
  if (state.owner !== null) completeSocketIrp(state.owner, irp, status, information);
  // A completed receive re-arms WskReceiveEvent (a zero-length one too, consuming nothing).
  state.eventSuppressed = false;
  scheduleIndication(state);
}

// Below this, a byte loop beats allocating a view of the chunk for TypedArray.set.
const SMALL_COPY = 256;

function takeFromBacklog(state: StreamState, buffer: WskBuf, position: number): number {
  const chunk = state.backlog.peek() as Chunk;
  const wanted = Math.min(chunk.end - chunk.start, buffer.Length - position);
  const copied =
    wanted <= SMALL_COPY && buffer.Mdl !== null && buffer.Offset + position + wanted <= buffer.Mdl.ByteCount
      ? copySmall(buffer.Mdl.MappedSystemVa, buffer.Offset + position, chunk.memory, chunk.start, wanted)
      : scatterWskBuf(buffer, chunk.memory.subarray(chunk.start, chunk.end), position);
  chunk.start += copied;
  state.backlogBytes -= copied;
  if (chunk.start === chunk.end) dropChunk(state);
  return copied;
}

function copySmall(target: Uint8Array, at: number, source: Uint8Array, from: number, count: number): number {
  // A byte loop under 32 bytes; above, one native copy (its subarray costs less than the loop).
  if (count >= 32) target.set(source.subarray(from, from + count), at);
  else for (let i = 0; i < count; i++) target[at + i] = source[from + i] as number;
  return count;
}

/** Drops the oldest chunk, emptied, back into the pool. */
export function dropChunk(state: StreamState): void {
  const chunk = state.backlog.shift();
  if (chunk === undefined) return;
  if (chunk === state.tailChunk) state.tailChunk = null;
  state.chunks.free(chunk.memory);
  if (chunk === state.lentTail) relend(state);
}

/** Drops everything buffered (DRAIN, close). */
export function discardBacklog(state: StreamState): void {
  state.backlog.drain((chunk) => state.chunks.free(chunk.memory));
  state.tailChunk = null;
  state.backlogBytes = 0;
  if (state.lentTail !== null) relend(state);
}

/** Reading starts again once the backlog is under half its bound, with a real buffer lent first. */
export function resumeIfRoom(state: StreamState): void {
  if (!state.paused || state.node === null) return;
  if (state.backlogBytes + state.retainedBytes > state.backlogLimit / 2) return;
  if (state.readChunk === null && state.chunks.available === 0) return;
  state.paused = false;
  if (state.owner !== null) publishConnectionFlow(false, state.owner, state.backlogBytes);
  relend(state);
  state.node.resume();
}

/** The connection broke (reset, abort, error): every waiting receive completes with `status`. */
export function failReceives(state: StreamState, status: number, cause?: unknown): void {
  state.brokenStatus = status;
  const wasLent = state.readInto === ReadInto.Receive && state.readTarget !== null;
  for (let irp = state.receives.shift(); irp !== undefined; irp = state.receives.shift()) {
    if (state.owner !== null) completeSocketIrp(state.owner, irp, status, irp.Tail.Overlay.DriverContext[RECEIVE_FILLED] as number, cause);
  }
  if (wasLent) relend(state);
}
