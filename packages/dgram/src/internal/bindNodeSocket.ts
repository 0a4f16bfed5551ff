// The bind of a datagram socket's Node socket, shared by WskBind and WSPSendTo's implicit bind.
import { ntStatusFromErrno, reportCallbackError, SockAddr, STATUS_SUCCESS, type NTSTATUS } from "@wskit/core";
import { newNodeSocket, type DatagramSocket } from "../wsk/DatagramSocket";
import { applyReceiveBuffer } from "./control";
import { kernelDrops } from "./kernelDrops";
import { BindPhase, kDatagram } from "./datagramState";

/**
 * Binds the socket to `address:port` (both checked by the caller) and calls `done` with the result.
 * The Node socket resolves addresses with {@link literalLookup}, so node:dgram binds inside `bind()`
 * and `done` runs before this returns: the bound address is visible at once, as after Windows'
 * bind(). A Node socket whose bind failed is not bound again: the next bind gets a fresh one.
 */
export function bindNodeSocket(socket: DatagramSocket, port: number, address: string, done: (status: NTSTATUS) => void): void {
  const state = socket[kDatagram];
  state.phase = BindPhase.Binding;
  const node = state.node;
  const onListening = () => {
    node.off("error", onError);
    state.phase = BindPhase.Bound;
    try {
      state.local = SockAddr.fromAddressInfo(node.address());
      state.kernelDropsAtBind = kernelDrops(state.local);
      applyReceiveBuffer(state);
    } catch (error) {
      reportCallbackError("internal", "reading the bound address", error);
    }
    done(STATUS_SUCCESS);
  };
  const onError = (error: NodeJS.ErrnoException) => {
    node.off("listening", onListening);
    state.phase = BindPhase.Unbound;
    state.node = newNodeSocket(socket, state.family);
    try {
      node.close();
    } catch {
      // closed already
    }
    done(ntStatusFromErrno(error.code));
  };
  node.once("listening", onListening);
  node.once("error", onError);
  try {
    node.bind({ port, address, exclusive: true });
  } catch (error) {
    // Node refused the bind synchronously (it was closed under us): the request still completes.
    node.off("listening", onListening);
    node.off("error", onError);
    onError(error as NodeJS.ErrnoException);
  }
}

/**
 * The Node socket's `lookup`: every address wskit hands node:dgram is a literal checked at the call,
 * so it answers at once, which makes node:dgram's bind and send synchronous (no DNS round trip
 * through the event loop, and a bind visible when the call that made it returns).
 */
export function literalLookup(address: string, _family: unknown, callback: (error: Error | null, address: string, family: number) => void): void {
  callback(null, address, address.includes(":") ? 6 : 4);
}
