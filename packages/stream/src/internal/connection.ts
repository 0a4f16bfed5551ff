// Node sockets behind connection sockets: one made for WskConnect, or an accepted handle wrapped
// again so that it too reads through onread. Half-open is allowed, as TCP and WSK allow it: the
// peer's FIN ends its stream, not ours.
import { Socket } from "node:net";
import {
  BufferPool,
  completeSocketIrp,
  Fifo,
  ntStatusFromErrno,
  STATUS_CONNECTION_RESET,
  STATUS_SUCCESS,
  WSK_FLAG_ABORTIVE,
} from "@wskit/core";
import { indicateDisconnect } from "./indicate";
import { failReceives, onreadFor, pump } from "./receive";
import { CHUNK_SIZE, DEFAULT_BACKLOG_LIMIT, ReadInto, StreamPhase, type StreamState } from "./streamState";

export function newStreamState(family: number): StreamState {
  const state: StreamState = {
    family,
    phase: StreamPhase.Unbound,
    local: null,
    remote: null,
    node: null,
    server: null,
    owner: null,
    receives: new Fifo(),
    readTarget: null,
    readChunk: null,
    readInto: ReadInto.Chunk,
    lentTail: null,
    pumping: false,
    relendNeeded: false,
    tailChunk: null,
    backlog: new Fifo(),
    backlogBytes: 0,
    backlogLimit: DEFAULT_BACKLOG_LIMIT,
    chunks: new BufferPool(CHUNK_SIZE, DEFAULT_BACKLOG_LIMIT / CHUNK_SIZE + 2),
    paused: false,
    retainedBytes: 0,
    eventSuppressed: false,
    indicationScheduled: false,
    peerClosed: false,
    sendClosed: false,
    brokenStatus: STATUS_SUCCESS,
    sends: new Fifo(),
    onWritten: () => {},
    accepts: new Fifo(),
    incoming: new Fifo(),
  };
  // One write callback per connection: Node calls them in the order of the writes.
  state.onWritten = (error) => {
    const irp = state.sends.shift();
    if (irp === undefined || state.owner === null) return;
    const length = irp.Tail.Overlay.DriverContext[0] as number;
    const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
    completeSocketIrp(state.owner, irp, error ? ntStatusFromErrno(code) : STATUS_SUCCESS, error ? 0 : length);
  };
  return state;
}

/** A Node socket reading through onread into this state, with its ends and failures wired. */
export function newNodeSocket(state: StreamState, handle?: unknown): Socket {
  // Node's Socket constructor honours `onread` (for a connect and for a wrapped handle alike);
  // @types/node lists it only among connect options.
  const options = { allowHalfOpen: true, onread: onreadFor(state), ...(handle === undefined ? {} : { handle }) };
  const node = new Socket(options as ConstructorParameters<typeof Socket>[0]);
  node.on("end", () => {
    state.peerClosed = true;
    pump(state);
    indicateDisconnect(state, 0);
  });
  node.on("error", (error: NodeJS.ErrnoException) => {
    if (state.phase === StreamPhase.Connecting) return; // WskConnect reports it
    const reset = error.code === "ECONNRESET" || error.code === "EPIPE";
    failReceives(state, reset ? STATUS_CONNECTION_RESET : ntStatusFromErrno(error.code));
    indicateDisconnect(state, WSK_FLAG_ABORTIVE);
  });
  state.node = node;
  return node;
}
