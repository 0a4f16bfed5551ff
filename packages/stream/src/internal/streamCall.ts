import { STATUS_INVALID_HANDLE, STATUS_SUCCESS, type IRP, type NTSTATUS, type WskSocketObject } from "@wskit/core";
import { checkSocketCall } from "@wskit/core/provider";
import { kStream, type StreamState } from "./streamState";

/**
 * The checks at the top of every stream call: a missing IRP or a closed socket returns with the
 * IRP untouched (STATUS_INVALID_PARAMETER / STATUS_INVALID_HANDLE). Otherwise the socket's state.
 */
export function streamCall(socket: WskSocketObject, irp: IRP, api: string): StreamState | NTSTATUS {
  const status = checkSocketCall(socket, irp, api);
  if (status !== STATUS_SUCCESS) return status;
  return (socket as { [kStream]?: StreamState })[kStream] ?? STATUS_INVALID_HANDLE;
}
