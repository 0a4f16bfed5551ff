// WskControlSocket for datagram sockets: SO_RCVBUF, the retention limit, and the two WSK IOCTLs
// that fix an address (SIO_WSK_SET_REMOTE_ADDRESS, SIO_WSK_SET_SENDTO_ADDRESS).
import {
  checkSockAddr,
  completeRequestAtOnce,
  IoRejectRequest,
  SIO_WSK_SET_REMOTE_ADDRESS,
  SIO_WSK_SET_SENDTO_ADDRESS,
  SO_RCVBUF,
  SOL_SOCKET,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  WskGetOption,
  WskIoctl,
  WskSetOption,
  type IRP,
  type NTSTATUS,
  type Ref,
  type SockAddr,
  type WSK_CONTROL_SOCKET_TYPE,
} from "@wskit/core";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { SO_WSKIT_RETENTION_LIMIT } from "../wsk/SO_WSKIT_RETENTION_LIMIT";
import { BindPhase, kDatagram, type DatagramState } from "./datagramState";

const MIN_BYTES = 1024;
const MAX_BYTES = 256 * 1024 * 1024;

export function controlDatagramSocket(
  socket: DatagramSocket,
  type: WSK_CONTROL_SOCKET_TYPE,
  code: number,
  level: number,
  inputSize: number,
  input: unknown,
  _outputSize: number,
  output: unknown,
  outputSizeReturned: Ref<number> | null,
  irp: IRP | null,
): NTSTATUS {
  // Every datagram-socket option goes through an IRP, as in WSK.
  if (irp === null || irp === undefined) return STATUS_INVALID_PARAMETER;
  const state = socket[kDatagram];
  if (type === WskIoctl && (code === SIO_WSK_SET_REMOTE_ADDRESS || code === SIO_WSK_SET_SENDTO_ADDRESS)) {
    let address: SockAddr | null = null;
    if (inputSize !== 0) {
      // Checked and copied now: the caller's object may change afterwards.
      const status = checkSockAddr(input, state.family, { portZero: true });
      if (status !== STATUS_SUCCESS) return IoRejectRequest(irp, status);
      address = (input as SockAddr).clone();
    }
    if (code === SIO_WSK_SET_REMOTE_ADDRESS) state.fixedRemote = address;
    else state.sendTo = address;
    return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
  }
  if (level === SOL_SOCKET && (code === SO_RCVBUF || code === SO_WSKIT_RETENTION_LIMIT)) {
    const isReceiveBuffer = code === SO_RCVBUF;
    if (type === WskGetOption) {
      const value = isReceiveBuffer ? state.receiveBufferBytes : state.retentionLimitBytes;
      if (typeof output !== "object" || output === null || Object.isFrozen(output)) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      if (outputSizeReturned != null && (typeof outputSizeReturned !== "object" || Object.isFrozen(outputSizeReturned))) {
        return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      }
      (output as Ref<number>).value = value;
      if (outputSizeReturned != null) outputSizeReturned.value = 4;
      return completeRequestAtOnce(irp, STATUS_SUCCESS, 4);
    }
    if (type === WskSetOption) {
      const value = numberFrom(input);
      if (value === undefined || value < MIN_BYTES || value > MAX_BYTES) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      if (isReceiveBuffer) state.receiveBufferBytes = value;
      else state.retentionLimitBytes = value;
      state.pool.resize(state.receiveBufferBytes + state.retentionLimitBytes);
      if (isReceiveBuffer) applyReceiveBuffer(state);
      return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
    }
  }
  return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
}

/** Asks the kernel for a receive buffer as large as SO_RCVBUF, where it allows (best effort). */
export function applyReceiveBuffer(state: DatagramState): void {
  if (state.phase !== BindPhase.Bound) return;
  try {
    if (state.node.getRecvBufferSize() < state.receiveBufferBytes) state.node.setRecvBufferSize(state.receiveBufferBytes);
  } catch {
    // The kernel's own limit (net.core.rmem_max) stands; our queue bound does not depend on it.
  }
}

// An option value as the pages pass it: a ULONG, here a number, a Ref, or 4 little-endian bytes.
function numberFrom(input: unknown): number | undefined {
  const value =
    typeof input === "number"
      ? input
      : input instanceof Uint8Array && input.byteLength >= 4
        ? new DataView(input.buffer, input.byteOffset, 4).getUint32(0, true)
        : typeof (input as Ref<number> | null)?.value === "number"
          ? (input as Ref<number>).value
          : undefined;
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}
