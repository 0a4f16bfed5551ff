import { WskVerifierError } from "../errors";
import { type NTSTATUS, STATUS_INVALID_HANDLE, STATUS_INVALID_PARAMETER, STATUS_SUCCESS } from "../headers/NTSTATUS";
import type { IRP } from "../irp/IRP";
import { heldIrpState } from "../irp/irpState";
import { reportViolation } from "../verifier/reportViolation";
import { HOOKS, verifierActive } from "../verifier/verifierState";
import type { WskSocketObject } from "./WskSocketObject";
import { Phase, socketState } from "./socketState";

/**
 * Provider side: the checks at the top of every socket call, made before anything else so that a
 * refused call changes nothing. STATUS_INVALID_PARAMETER for a missing IRP and
 * STATUS_INVALID_HANDLE for a closed socket (a verifier violation when it is on), both leaving the
 * IRP untouched; STATUS_SUCCESS to go on.
 *
 * @throws ERR_INVALID_ARG_TYPE for an IRP that is not one; ERR_IRP_FREED for a freed IRP;
 *   ERR_IRP_PENDING for one pending in another call (or whose completion is still queued).
 */
export function checkSocketCall(socket: WskSocketObject, irp: IRP | null | undefined, api: string): NTSTATUS {
  if (irp === null || irp === undefined) return STATUS_INVALID_PARAMETER;
  heldIrpState(irp, api);
  const state = socketState(socket);
  if (state === undefined || state.phase !== Phase.Open) {
    if (state !== undefined && HOOKS && verifierActive) {
      reportViolation(new WskVerifierError("ERR_VERIFIER_SOCKET_CLOSED", `${api} after WskCloseSocket`), true);
    }
    return STATUS_INVALID_HANDLE;
  }
  return STATUS_SUCCESS;
}
