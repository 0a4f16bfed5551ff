// WskControlSocket for listening and stream sockets: the listen backlog (SO_WSKIT_LISTEN_BACKLOG).
import {
  IoRejectRequest,
  SOL_SOCKET,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  WskGetOption,
  WskSetOption,
  type IRP,
  type NTSTATUS,
  type Ref,
  type WSK_CONTROL_SOCKET_TYPE,
  type WskSocketObject,
} from "@wskit/core";
import { completeRequestAtOnce, isWritableObject } from "@wskit/core/provider";
import { SO_WSKIT_LISTEN_BACKLOG } from "../wsk/SO_WSKIT_LISTEN_BACKLOG";
import { kStream, MAX_ACCEPT_BACKLOG, StreamPhase, type StreamState } from "./streamState";

export function controlListenSocket(
  socket: WskSocketObject,
  type: WSK_CONTROL_SOCKET_TYPE,
  code: number,
  level: number,
  _inputSize: number,
  input: unknown,
  _outputSize: number,
  output: unknown,
  outputSizeReturned: Ref<number> | null,
  irp: IRP | null,
): NTSTATUS {
  if (irp === null || irp === undefined) return STATUS_INVALID_PARAMETER;
  const state = (socket as { [kStream]?: StreamState })[kStream] as StreamState;
  if (level !== SOL_SOCKET || code !== SO_WSKIT_LISTEN_BACKLOG) return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
  if (type === WskGetOption) {
    if (!isWritableObject(output)) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
    (output as Ref<number>).value = state.acceptBacklog;
    if (outputSizeReturned != null && isWritableObject(outputSizeReturned)) (outputSizeReturned as { value: number }).value = 4;
    return completeRequestAtOnce(irp, STATUS_SUCCESS, 4);
  }
  if (type !== WskSetOption) return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
  const value = typeof input === "number" ? input : (input as Ref<number> | null)?.value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_ACCEPT_BACKLOG) {
    return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
  }
  if (state.server !== null || state.phase === StreamPhase.Listening || state.phase === StreamPhase.Connecting || state.phase === StreamPhase.Connected) {
    return IoRejectRequest(irp, STATUS_INVALID_DEVICE_STATE);
  }
  state.acceptBacklog = value;
  return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
}
