// A connection or listening socket's state, in one record under one symbol (STYLE.md §2). It exists
// before the socket object for an accepted connection, whose data may arrive before WskAccept.
import type { StreamTransport, TransportServer, TransportSocket } from "./transport";
import type { BufferPool, Fifo, IRP, SockAddr } from "@wskit/core";
import type { WskSocketObject } from "@wskit/core";
import type { StreamCounters } from "../wsk/StreamCounters";

export const StreamPhase = { Unbound: 0, Bound: 1, Connecting: 2, Connected: 3, Listening: 4 } as const;
export type StreamPhase = (typeof StreamPhase)[keyof typeof StreamPhase];

/** Received bytes nobody has taken yet: `memory[start..end)` of a pool chunk. */
export interface Chunk {
  memory: Uint8Array;
  start: number;
  end: number;
}

export interface StreamState {
  family: number;
  phase: StreamPhase;
  local: SockAddr | null;
  remote: SockAddr | null;
  /** What carries the bytes: node:net, or a provider's own (a simulated network). */
  transport: StreamTransport;
  node: TransportSocket | null;
  server: TransportServer | null;
  /** The socket object, once the client has it (an accepted connection gets it at WskAccept). */
  owner: WskSocketObject | null;
  /** WskReceive IRPs waiting, in the order they were posted. */
  receives: Fifo<IRP>;
  /** The receive IRP whose buffer the read in progress fills, or null (a pool chunk). */
  readTarget: IRP | null;
  readChunk: Uint8Array | null;
  /**
   * Where the next read goes: a receive's buffer, a fresh chunk, or the tail of the last one. Node
   * asks for the next buffer right after each read and keeps it lent to the handle until the read
   * after: whatever invalidates it (the receive cancelled, the chunk emptied or kept) lends anew.
   */
  readInto: ReadInto;
  /** The chunk whose tail is lent, if readInto is Tail. */
  lentTail: Chunk | null;
  /** Inside pump, a re-lend waits for its end, when every receive's state is settled. */
  pumping: boolean;
  relendNeeded: boolean;
  /** The newest chunk of the backlog, while it has one, so small reads can fill its free tail. */
  tailChunk: Chunk | null;
  backlog: Fifo<Chunk>;
  backlogBytes: number;
  /** Past this many buffered bytes the Node socket is paused, so TCP pushes back on the sender. */
  backlogLimit: number;
  chunks: BufferPool;
  paused: boolean;
  /** Bytes the client kept with STATUS_PENDING from WskReceiveEvent, until WskRelease. */
  retainedBytes: number;
  /** No indication until a WskReceive completes (STATUS_DATA_NOT_ACCEPTED, or a part accepted). */
  eventSuppressed: boolean;
  indicationScheduled: boolean;
  /** The peer sent FIN (graceful end of its stream). */
  peerClosed: boolean;
  /** This side sent FIN (WskDisconnect, graceful). */
  sendClosed: boolean;
  /** Reset, aborted or failed: the status pending and later receives get. */
  brokenStatus: number;
  /** This turn's small sends, copied into one buffer for one write (smallSends.ts), and how many. */
  staged: Uint8Array | null;
  stagedBytes: number;
  stagedSends: number;
  /** A staging buffer Node is done with, for the next turn. */
  spareStaging: Uint8Array | null;
  /** The end-of-turn flush of the staged sends is scheduled. */
  flushQueued: boolean;
  /** Sends handed to Node, completed in order by its write callbacks. */
  sends: Fifo<IRP>;
  onWritten: (error?: Error | null) => void;
  /** Listening sockets: WskAccept IRPs waiting, and connections waiting for one. */
  accepts: Fifo<IRP>;
  incoming: Fifo<StreamState>;
  /** The listen backlog: the kernel's queue, and the connections held for WskAccept. */
  acceptBacklog: number;
  /** Whether the Node socket or server keeps the process alive (ref / unref). */
  referenced: boolean;
  /**
   * Disposal (`await using`): 0 closes at once, abortively, as WskCloseSocket does; more disconnects
   * gracefully first and waits this many milliseconds at most for the peer's end (helper connections).
   */
  disposeTimeout: number;
  /** Closed by the client, waiting for the peer's end: what the peer sends is dropped. */
  lingering: boolean;
  counters: StreamCounters;
}

export const ReadInto = { Chunk: 0, Receive: 1, Tail: 2 } as const;
export type ReadInto = (typeof ReadInto)[keyof typeof ReadInto];

/** A read goes into the last chunk's free tail while at least this much of it is free. */
export const MIN_TAIL = 4096;

export const kStream = Symbol.for("@wskit/stream.StreamState");

/** Reads go into 64 KiB chunks when no receive is waiting. */
export const CHUNK_SIZE = 64 * 1024;
/** The default bound on buffered bytes. */
export const DEFAULT_BACKLOG_LIMIT = 256 * 1024;
/** The listen backlog by default (SO_WSKIT_LISTEN_BACKLOG), as Node's `server.listen`. */
export const DEFAULT_ACCEPT_BACKLOG = 511;
/** The largest listen backlog SO_WSKIT_LISTEN_BACKLOG takes. */
export const MAX_ACCEPT_BACKLOG = 65_535;

/** Receive IRP slots in Tail.Overlay.DriverContext. */
export const RECEIVE_BUFFER = 0;
export const RECEIVE_FLAGS = 1;
export const RECEIVE_FILLED = 2;
