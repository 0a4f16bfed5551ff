// WskControlSocket for datagram sockets: SO_RCVBUF, the retention limit, the engine and
// SO_REUSEPORT (before the bind), receive coalescing and send segmentation, the UDP options (udpOptions.ts), the IP options that deliver
// control information, and the two WSK IOCTLs that fix an address (SIO_WSK_SET_REMOTE_ADDRESS,
// SIO_WSK_SET_SENDTO_ADDRESS).
import {
  AF_INET6,
  IoRejectRequest,
  IP_PKTINFO,
  IP_RECVTOS,
  IP_RECVTTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPV6_HOPLIMIT,
  IPV6_PKTINFO,
  IPV6_RECVTCLASS,
  SIO_WSK_SET_REMOTE_ADDRESS,
  SIO_WSK_SET_SENDTO_ADDRESS,
  SO_RCVBUF,
  SOL_SOCKET,
  STATUS_INVALID_DEVICE_STATE,
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
import { checkSockAddr, completeRequestAtOnce, isWritableObject } from "@wskit/core/provider";
import { CONTROL_HOPS, CONTROL_PKTINFO, CONTROL_TCLASS, type DatagramEngineName, type EngineTunable } from "../engines/DatagramEngine";
import { engineNameOf, resolveEngine } from "../engines/engineChoice";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_AUTO, WSKIT_DGRAM_ENGINE_NATIVE, WSKIT_DGRAM_ENGINE_NODE, WSKIT_DGRAM_ENGINE_TEST } from "../wsk/SO_WSKIT_DGRAM_ENGINE";
import { SO_WSKIT_RETENTION_LIMIT } from "../wsk/SO_WSKIT_RETENTION_LIMIT";
import { SO_WSKIT_REUSEPORT } from "../wsk/SO_WSKIT_REUSEPORT";
import { SO_WSKIT_RECEIVE_COALESCE, WSKIT_RECEIVE_COALESCE_MAX } from "../wsk/SO_WSKIT_RECEIVE_COALESCE";
import { SO_WSKIT_SEND_SEGMENTATION } from "../wsk/SO_WSKIT_SEND_SEGMENTATION";
import { nativeBinding } from "../engines/nativeBinding";
import { BindPhase, kDatagram, type DatagramState } from "./datagramState";
import { controlUdpOption } from "./udpOptions";
import { parseOptionInput } from "./optionInput";

const MIN_BYTES = 1024;
const ENGINE_OPTION_VALUES: Record<DatagramEngineName, number> = { node: WSKIT_DGRAM_ENGINE_NODE, native: WSKIT_DGRAM_ENGINE_NATIVE, test: WSKIT_DGRAM_ENGINE_TEST };
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
    if (type === WskGetOption) return answer(irp, isReceiveBuffer ? state.receiveBufferBytes : state.retentionLimitBytes, output, outputSizeReturned);
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
  if (level === SOL_SOCKET && code === SO_WSKIT_DGRAM_ENGINE) {
    if (type === WskGetOption) return answer(irp, ENGINE_OPTION_VALUES[engineNameOf(state)], output, outputSizeReturned);
    if (type === WskSetOption) {
      const value = numberFrom(input);
      const choice = value === WSKIT_DGRAM_ENGINE_AUTO ? "auto" : value === WSKIT_DGRAM_ENGINE_NODE ? "node" : value === WSKIT_DGRAM_ENGINE_NATIVE ? "native" : undefined;
      if (choice === undefined) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      // The engine is made by the bind: it is chosen before, once.
      if (state.phase !== BindPhase.Unbound) return IoRejectRequest(irp, STATUS_INVALID_DEVICE_STATE);
      // A simulated network's socket is carried by the network whatever was asked, so code that
      // asks for an engine runs on the network unchanged.
      if (state.engineFactory === null && "reason" in resolveEngine(choice)) return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
      state.engineChoice = choice;
      return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
    }
  }
  if (level === SOL_SOCKET && code === SO_WSKIT_REUSEPORT) {
    if (type === WskGetOption) return answer(irp, state.reusePort ? 1 : 0, output, outputSizeReturned);
    if (type === WskSetOption) {
      const value = numberFrom(input);
      if (value === undefined) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      if (state.phase !== BindPhase.Unbound) return IoRejectRequest(irp, STATUS_INVALID_DEVICE_STATE);
      if (engineNameOf(state) !== "native") return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
      state.reusePort = value !== 0;
      return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
    }
  }
  const tunable = level === SOL_SOCKET ? ENGINE_TUNABLES.get(code) : undefined;
  if (tunable !== undefined) {
    const native = engineNameOf(state) === "native";
    const bound = state.engine !== null && state.phase === BindPhase.Bound ? state.engine : null;
    if (type === WskGetOption) {
      const value = !native ? 0 : (bound?.tunable(tunable.name) ?? state.tunables[tunable.name] ?? tunable.nativeDefault());
      return answer(irp, value, output, outputSizeReturned);
    }
    if (type === WskSetOption) {
      const raw = numberFrom(input);
      if (raw === undefined || raw < 0 || raw > tunable.max) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      const value = tunable.max === 1 ? Math.min(raw, 1) : raw;
      if (!native && value !== 0) return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
      if (bound !== null && !bound.setTunable(tunable.name, value)) return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
      state.tunables[tunable.name] = value;
      return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
    }
  }
  const udp = controlUdpOption(state, type, level, code, input, numberFrom(input), irp, (answered, value) => answer(answered, value, output, outputSizeReturned));
  if (udp !== undefined) return udp;
  const bit = controlBit(state.family, level, code);
  if (bit !== 0) {
    if (type === WskGetOption) return answer(irp, (state.control & bit) !== 0 ? 1 : 0, output, outputSizeReturned);
    if (type === WskSetOption) {
      const value = numberFrom(input);
      if (value === undefined) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
      // node:dgram gives no control information: only the native engine delivers it.
      if (engineNameOf(state) !== "native") return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
      const control = value !== 0 ? state.control | bit : state.control & ~bit;
      if (state.engine !== null && state.phase === BindPhase.Bound && !state.engine.setControl(control)) return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
      state.control = control;
      return completeRequestAtOnce(irp, STATUS_SUCCESS, 0);
    }
  }
  return IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
}

// The native engine's tunables as socket options: the most each takes, and its value until set.
const ENGINE_TUNABLES = new Map<number, { name: EngineTunable; max: number; nativeDefault: () => number }>([
  [SO_WSKIT_RECEIVE_COALESCE, { name: "receiveCoalescing", max: WSKIT_RECEIVE_COALESCE_MAX, nativeDefault: () => nativeBinding().binding?.COALESCE_MICROSECONDS ?? 0 }],
  // A ULONG, nonzero = on: any value up to 2³²−1 is taken as on.
  [SO_WSKIT_SEND_SEGMENTATION, { name: "sendSegmentation", max: 0xffff_ffff, nativeDefault: () => 1 }],
]);

/** Asks the kernel for a receive buffer as large as SO_RCVBUF, where it allows (best effort). */
export function applyReceiveBuffer(state: DatagramState): void {
  if (state.phase === BindPhase.Bound) state.engine?.applyReceiveBuffer(state.receiveBufferBytes);
}

// The control information an IP-level option asks for, for the socket's family (0: not one).
function controlBit(family: number, level: number, code: number): number {
  if (family === AF_INET6 ? level !== IPPROTO_IPV6 : level !== IPPROTO_IP) return 0;
  if (family === AF_INET6) {
    return code === IPV6_PKTINFO ? CONTROL_PKTINFO : code === IPV6_HOPLIMIT ? CONTROL_HOPS : code === IPV6_RECVTCLASS ? CONTROL_TCLASS : 0;
  }
  return code === IP_PKTINFO ? CONTROL_PKTINFO : code === IP_RECVTTL ? CONTROL_HOPS : code === IP_RECVTOS ? CONTROL_TCLASS : 0;
}

// WskGetOption's answer: a ULONG into the caller's Ref, checked writable first.
function answer(irp: IRP, value: number, output: unknown, outputSizeReturned: Ref<number> | null): NTSTATUS {
  if (!isWritableObject(output)) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
  if (outputSizeReturned != null && !isWritableObject(outputSizeReturned)) {
    return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
  }
  (output as Ref<number>).value = value;
  if (outputSizeReturned != null) outputSizeReturned.value = 4;
  return completeRequestAtOnce(irp, STATUS_SUCCESS, 4);
}

// An option value as the pages pass it: a ULONG, here a number, a Ref, or 4 little-endian bytes.
function numberFrom(input: unknown): number | undefined {
  return parseOptionInput(numberOf, input);
}

function numberOf(input: unknown): number | undefined {
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
