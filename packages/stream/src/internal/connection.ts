// Node sockets behind connection sockets: one made for WskConnect, or an accepted handle wrapped
// again so that it too reads through onread. Half-open is allowed, as TCP and WSK allow it: the
// peer's FIN ends its stream, not ours.
import { nodeTransport, type StreamTransport, type TransportSocket } from "./transport";
import { BufferPool, Fifo, STATUS_CONNECTION_RESET, STATUS_SUCCESS, WSK_FLAG_ABORTIVE } from "@wskit/core";
import { ntStatusFromErrno, reportCallbackError, publishConnection } from "@wskit/core/provider";
import { newStreamCounters } from "../wsk/StreamCounters";
import { completeWrittenSends } from "./completeWrittenSends";
import { indicateDisconnect } from "./indicate";
import { failReceives, onreadFor, pump } from "./receive";
import { CHUNK_SIZE, DEFAULT_ACCEPT_BACKLOG, DEFAULT_BACKLOG_LIMIT, ReadInto, StreamPhase, type StreamState } from "./streamState";

export function newStreamState(family: number, transport: StreamTransport = nodeTransport): StreamState {
  const state: StreamState = {
    family,
    transport,
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
    staged: null,
    stagedBytes: 0,
    stagedSends: 0,
    spareStaging: null,
    flushQueued: false,
    onWritten: () => {},
    accepts: new Fifo(),
    incoming: new Fifo(),
    acceptBacklog: DEFAULT_ACCEPT_BACKLOG,
    referenced: true,
    disposeTimeout: 0,
    lingering: false,
    counters: newStreamCounters(),
  };
  // One write callback per connection: Node calls them in the order of the writes.
  state.onWritten = (error) => completeWrittenSends(state, 1, error);
  return state;
}

/** A Node socket reading through onread into this state, with its ends and failures wired. */
export function newNodeSocket(state: StreamState, handle?: unknown): TransportSocket {
  // Node's Socket constructor honours `onread` (for a connect and for a wrapped handle alike);
  // @types/node lists it only among connect options.
  const node = state.transport.newSocket({ allowHalfOpen: true, onread: onreadFor(state), ...(handle === undefined ? {} : { handle }) });
  // Nothing thrown here may reach Node's event handlers (SPEC §7): each handler reports instead.
  node.on("end", () => {
    try {
      state.peerClosed = true;
      if (state.owner !== null) publishConnection("disconnect", { socket: state.owner, local: state.local, remote: state.remote, abortive: false, by: "peer" });
      pump(state);
      indicateDisconnect(state, 0);
    } catch (error) {
      reportCallbackError("internal", "the peer's end of stream", error);
    }
  });
  node.on("error", (error: NodeJS.ErrnoException) => {
    if (state.phase === StreamPhase.Connecting) return; // WskConnect reports it
    try {
      const reset = error.code === "ECONNRESET" || error.code === "EPIPE";
      if (state.owner !== null) publishConnection("disconnect", { socket: state.owner, local: state.local, remote: state.remote, abortive: true, by: "peer" });
      failReceives(state, reset ? STATUS_CONNECTION_RESET : ntStatusFromErrno(error.code), error);
      indicateDisconnect(state, WSK_FLAG_ABORTIVE);
    } catch (thrown) {
      reportCallbackError("internal", "a connection error", thrown);
    }
  });
  if (!state.referenced) node.unref();
  state.node = node;
  return node;
}
