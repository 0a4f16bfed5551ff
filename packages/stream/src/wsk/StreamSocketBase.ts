import { WskSocketObject, type SockAddr } from "@wskit/core";
import { kStream, type StreamState } from "../internal/streamState";

/**
 * What every stream-category socket (connection, listening, stream) tells without an IRP, and
 * whether it keeps the process alive, as node:net's sockets and servers do.
 */
export abstract class StreamSocketBase extends WskSocketObject {
  /** @internal */
  abstract readonly [kStream]: StreamState;

  /** The bound local address (the port the OS picked for port 0), or null before; a copy. No IRP, unlike WskGetLocalAddress. */
  get localAddress(): SockAddr | null {
    return this[kStream].local?.clone() ?? null;
  }

  /** The peer's address once connected, or null; a copy. No IRP, unlike WskGetRemoteAddress. */
  get remoteAddress(): SockAddr | null {
    return this[kStream].remote?.clone() ?? null;
  }

  /** Lets the process exit while the socket is open, as node:net's `unref()`. Returns the socket. */
  unref(): this {
    return this.#setReferenced(false);
  }

  /** Keeps the process alive while the socket is open (the default), as node:net's `ref()`. Returns the socket. */
  ref(): this {
    return this.#setReferenced(true);
  }

  #setReferenced(on: boolean): this {
    const state = this[kStream];
    state.referenced = on;
    // Now on the Node socket or server there is, and on any made later (newNodeSocket, listen).
    const handle = state.node ?? state.server;
    if (on) handle?.ref();
    else handle?.unref();
    return this;
  }

  protected override inspectFields(): Record<string, unknown> {
    const { local, remote } = this[kStream];
    return { local: local === null ? null : String(local), ...(remote === null ? {} : { remote: String(remote) }) };
  }
}
