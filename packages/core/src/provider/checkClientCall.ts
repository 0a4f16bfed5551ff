import { STATUS_INVALID_HANDLE, STATUS_INVALID_PARAMETER, type NTSTATUS } from "../headers/NTSTATUS";
import type { IRP } from "../irp/IRP";
import { clientState, type WskClient, type WskClientState } from "./WskClient";
import { liveIrpState } from "../irp/irpState";

/**
 * The checks at the top of every client-level call: a missing IRP is
 * STATUS_INVALID_PARAMETER and a client handle that is not a live one STATUS_INVALID_HANDLE, both
 * returned with the IRP untouched; a freed IRP is a programmer error. Otherwise the client's state.
 */
export function checkClientCall(client: WskClient, irp: IRP | null | undefined, api: string): WskClientState | NTSTATUS {
  if (irp === null || irp === undefined) return STATUS_INVALID_PARAMETER;
  const state = clientState(client);
  if (state === undefined || state.phase === "deregistered") return STATUS_INVALID_HANDLE;
  liveIrpState(irp, api);
  return state;
}
