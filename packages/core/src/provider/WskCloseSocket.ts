import { WskVerifierError } from "../errors";
import { type NTSTATUS, STATUS_CANCELLED, STATUS_INVALID_HANDLE, STATUS_INVALID_PARAMETER, STATUS_PENDING, STATUS_SUCCESS } from "../headers/NTSTATUS";
import type { IRP } from "../irp/IRP";
import { IoCancelIrp } from "../irp/IoCancelIrp";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoMarkIrpPending } from "../irp/IoMarkIrpPending";
import { IoSetCancelRoutine } from "../irp/IoSetCancelRoutine";
import { heldIrpState } from "../irp/irpState";
import { verifierUntrackRetained } from "../verifier/enableVerifier";
import { reportCallbackError } from "../verifier/reportCallbackError";
import { reportViolation } from "../verifier/reportViolation";
import { HOOKS, verifierActive } from "../verifier/verifierState";
import { settleDeregistration } from "./WskClient";
import type { WskSocketObject } from "./WskSocketObject";
import { publishSocketClose } from "../diagnostics/publish";
import { Phase, type SocketState, socketState } from "./socketState";

/**
 * Closes a socket: every pending IRP of it completes with STATUS_CANCELLED, a callback in progress
 * is waited for, indication lists still retained are reported and given back, the Node handle is
 * closed (a connection not fully closed is aborted), then the IRP completes with STATUS_SUCCESS.
 * Every later call on the socket returns STATUS_INVALID_HANDLE.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_close_socket
 */
export function WskCloseSocket(Socket: WskSocketObject, Irp: IRP): NTSTATUS {
  if (Irp === null || Irp === undefined) return STATUS_INVALID_PARAMETER;
  const state = socketState(Socket);
  heldIrpState(Irp, "WskCloseSocket");
  if (state === undefined || state.phase !== Phase.Open) {
    if (state !== undefined && HOOKS && verifierActive) {
      reportViolation(new WskVerifierError("ERR_VERIFIER_SOCKET_CLOSED", "WskCloseSocket called twice"), true);
    }
    return STATUS_INVALID_HANDLE;
  }
  IoMarkIrpPending(Irp);
  state.phase = Phase.Closing;
  const close = () => void finishClose(Socket, state, Irp);
  if (state.callbackDepth > 0) state.closeWhenIdle = close;
  else close();
  return STATUS_PENDING;
}

async function finishClose(socket: WskSocketObject, state: SocketState, irp: IRP): Promise<void> {
  if (state.closeWatchers !== null) {
    const watchers = [...state.closeWatchers];
    state.closeWatchers = null;
    for (const watcher of watchers) {
      try {
        watcher(socket);
      } catch (error) {
        reportCallbackError("callback", "a watchSocketClose listener", error);
      }
    }
  }
  // Cancellable requests complete now; the others (sends in the OS) when the handle closes below.
  for (const pending of state.pending.toArray()) IoCancelIrp(pending);
  if (state.retained.size > 0) {
    const count = state.retained.size;
    for (const list of state.retained) {
      verifierUntrackRetained(list);
      try {
        state.hooks.releaseRetained?.(socket, list);
      } catch (error) {
        reportCallbackError("internal", "giving back a retained list at close", error);
      }
    }
    state.retained.clear();
    const detail = `${count} indication list(s) still retained at WskCloseSocket; call WskRelease before closing`;
    process.emitWarning(detail, { code: "WSKIT_RETAINED_AT_CLOSE" });
    // Found in an asynchronous step: reported, never thrown, and the close still completes.
    if (HOOKS && verifierActive) reportViolation(new WskVerifierError("ERR_VERIFIER_INDICATION_LEAKED", detail));
  }
  state.eventMask = 0;
  let status: NTSTATUS = STATUS_SUCCESS;
  try {
    await state.hooks.closeHandle(socket);
  } catch {
    // The handle is gone either way; close still succeeds, as WskCloseSocket always does.
    status = STATUS_SUCCESS;
  }
  // Whatever the provider did not complete while its handle closed completes now: no IRP is left.
  for (const pending of state.pending.toArray()) {
    IoSetCancelRoutine(pending, null);
    pending.IoStatus.Status = STATUS_CANCELLED;
    pending.IoStatus.Information = 0;
    IoCompleteRequest(pending);
  }
  state.pending.clear();
  state.phase = Phase.Closed;
  const counters = state.hooks.counters;
  publishSocketClose(socket, counters === undefined ? undefined : () => counters(socket));
  state.clientState.sockets--;
  settleDeregistration(state.clientState);
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = 0;
  IoCompleteRequest(irp);
}
