// The bind of a datagram socket, shared by WskBind and WSPSendTo's implicit bind: the engine is made
// now (its choice was fixed before the bind), takes the options set before it, and binds at once.
import { NT_SUCCESS, STATUS_NOT_SUPPORTED, STATUS_SUCCESS, type NTSTATUS, type Ref } from "@wskit/core";
import { ntStatusFromErrno } from "@wskit/core/provider";
import type { EngineTunable } from "../engines/DatagramEngine";
import { makeEngine } from "../engines/engineChoice";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { BindPhase, kDatagram } from "./datagramState";
import { systemError } from "./systemError";
import { applyUdpOptions } from "./udpOptions";

/**
 * Binds the socket to `address:port` (both checked by the caller) and returns the result, which is
 * known when this returns, as after Windows' bind(). An engine whose bind failed is not used
 * again: the next bind makes a new one; `cause` then receives the Node error behind the failure.
 */
export function bindSocket(socket: DatagramSocket, port: number, address: string, cause?: Ref<unknown>): NTSTATUS {
  const state = socket[kDatagram];
  const engine = makeEngine(socket, state.engineChoice, state.family);
  if (typeof engine === "number") return engine;
  if (
    (state.reusePort && !engine.setReusePort(true)) ||
    (state.control !== 0 && !engine.setControl(state.control)) ||
    Object.entries(state.tunables).some(([tunable, value]) => !engine.setTunable(tunable as EngineTunable, value))
  ) {
    void engine.close();
    return STATUS_NOT_SUPPORTED;
  }
  state.engine = engine;
  state.phase = BindPhase.Binding;
  const status = engine.bind(port, address);
  if (!NT_SUCCESS(status)) {
    state.engine = null;
    state.phase = BindPhase.Unbound;
    if (cause !== undefined) cause.value = engine.bindError;
    return status;
  }
  const refused = applyUdpOptions(state.udp, engine);
  if (refused !== null) {
    void engine.close();
    state.engine = null;
    state.phase = BindPhase.Unbound;
    if (cause !== undefined) cause.value = systemError(refused, "setsockopt");
    return ntStatusFromErrno(refused);
  }
  state.phase = BindPhase.Bound;
  state.local = engine.localAddress();
  engine.applyReceiveBuffer(state.receiveBufferBytes);
  if (!state.referenced) engine.setRef(false);
  return STATUS_SUCCESS;
}
