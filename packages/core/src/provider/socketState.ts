// The private state of a socket, in one record under one Symbol.for key (STYLE.md §2), so that the
// ESM and CJS copies of core, and provider packages built against either, read the same state. The
// provider-side rules beside this file (checkSocketCall, takeSocketIrp, …) each read it.
import type { PendingIrps } from "./PendingIrps";
import type { WskClientState } from "./WskClient";
import type { WskSocketHooks, WskSocketObject } from "./WskSocketObject";
import { readBrand } from "../readBrand";

export const Phase = { Open: 0, Closing: 1, Closed: 2 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export interface SocketState {
  clientState: WskClientState;
  /** The context the client passed to WskSocket. */
  context: unknown;
  /** The client's dispatch for this socket's events (WSK_CLIENT_DATAGRAM_DISPATCH, …), or null. */
  clientDispatch: object | null;
  allowedEvents: number;
  hooks: WskSocketHooks;
  phase: Phase;
  eventMask: number;
  pending: PendingIrps;
  callbackDepth: number;
  closeWhenIdle: (() => void) | null;
  retained: Set<object>;
  closeWatchers: Set<(socket: WskSocketObject) => void> | null;
}

export const kSocket = Symbol.for("@wskit/core.WskSocket");

/** The socket state, or undefined for anything that is not a wskit socket. */
export function socketState(socket: unknown): SocketState | undefined {
  return readBrand<SocketState>(socket, kSocket);
}
