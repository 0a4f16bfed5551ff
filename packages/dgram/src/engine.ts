/**
 * `@wskit/dgram/engine`: what carries a datagram socket's I/O, for a provider that carries it
 * itself, as @wskit/testing's simulated network does. Applications do not need it.
 *
 * Such a provider makes its sockets with {@link datagramProvider} (so every call keeps SPEC §2:
 * statuses, order, lists, retention, counters), then gives each socket an engine factory with
 * {@link useDatagramEngine}; the engine binds, sends, and hands each arriving datagram to
 * {@link receiveDatagram} (then {@link deliverQueued} at the end of a batch, so the event callback
 * gets the batch as one list), and reports each sent one with {@link datagramSent}.
 *
 * @packageDocumentation
 */
import { programmerError } from "@wskit/core";
import { kDatagram } from "./internal/datagramState";
import { BindPhase } from "./internal/datagramState";
import type { DatagramEngineFactory } from "./engines/DatagramEngine";
import { DatagramSocket } from "./wsk/DatagramSocket";

export type { DatagramEngine, DatagramEngineFactory, EngineTunable, UdpIntOption } from "./engines/DatagramEngine";
export { breakSocket, deliverQueued, receiveDatagram } from "./internal/receive";
export { datagramSent, maxDatagram } from "./internal/send";
export { systemError } from "./internal/systemError";
export { PortableEngine } from "./engines/PortableEngine";
export { datagramProvider } from "./wsk/datagramProvider";
export { DatagramSocket } from "./wsk/DatagramSocket";

/**
 * Gives a socket, before its bind, the factory its engine comes from (whatever engine was asked for).
 * @throws ERR_INVALID_ARG_TYPE for a socket that is not a DatagramSocket or a factory that is not a
 *   function; ERR_INVALID_STATE once the socket is bound.
 */
export function useDatagramEngine(socket: DatagramSocket, factory: DatagramEngineFactory): void {
  if (!(socket instanceof DatagramSocket)) throw programmerError("ERR_INVALID_ARG_TYPE", "useDatagramEngine: socket must be a DatagramSocket");
  if (typeof factory !== "function") throw programmerError("ERR_INVALID_ARG_TYPE", "useDatagramEngine: factory must be a function");
  const state = socket[kDatagram];
  if (state.phase !== BindPhase.Unbound) throw programmerError("ERR_INVALID_STATE", "useDatagramEngine: the socket is bound already");
  state.engineFactory = factory;
}
