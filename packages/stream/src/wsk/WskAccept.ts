import {
  IoRejectRequest,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
  SockAddr,
} from "@wskit/core";
import { completeRequestAtOnce, isWritableObject, takeSocketIrp } from "@wskit/core/provider";
import { ACCEPT_CONTEXT, ACCEPT_DISPATCH, ACCEPT_LOCAL, ACCEPT_REMOTE, hand } from "../internal/accept";
import { streamCall } from "../internal/streamCall";
import { kStream, StreamPhase } from "../internal/streamState";
import type { ListenSocket } from "./ListenSocket";
import type { StreamSocket } from "./StreamSocket";

/**
 * Accepts an incoming connection: at once if one is waiting, else when the next arrives (queued
 * accepts are served in order). The IRP completes with the new connection socket in `Information`;
 * `LocalAddress` and `RemoteAddress`, if given, are filled.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_PARAMETER (Flags not 0,
 *   a LocalAddress or RemoteAddress that is neither null nor a writable SockAddr),
 *   STATUS_INVALID_DEVICE_STATE (not listening: bind it first); untouched IRP:
 *   STATUS_INVALID_PARAMETER (no IRP), STATUS_INVALID_HANDLE (closed). Completes with
 *   STATUS_CANCELLED when cancelled or closed.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_accept
 */
export function WskAccept(
  ListenSocket: ListenSocket | StreamSocket,
  Flags: number,
  AcceptSocketContext: unknown,
  AcceptSocketDispatch: object | null,
  LocalAddress: SockAddr | null,
  RemoteAddress: SockAddr | null,
  Irp: IRP,
): NTSTATUS {
  const state = streamCall(ListenSocket, Irp, "WskAccept");
  if (typeof state === "number") return state;
  if (Flags !== 0 || !isOutAddress(LocalAddress) || !isOutAddress(RemoteAddress)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if (state.phase !== StreamPhase.Listening) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  const context = Irp.Tail.Overlay.DriverContext;
  context[ACCEPT_CONTEXT] = AcceptSocketContext;
  context[ACCEPT_DISPATCH] = AcceptSocketDispatch;
  context[ACCEPT_LOCAL] = LocalAddress ?? null;
  context[ACCEPT_REMOTE] = RemoteAddress ?? null;
  const waiting = state.incoming.shift();
  if (waiting !== undefined) return completeRequestAtOnce(Irp, STATUS_SUCCESS, hand(ListenSocket, Irp, waiting, true));
  takeSocketIrp(ListenSocket, Irp, cancelAccept);
  state.accepts.push(Irp);
  return STATUS_PENDING;
}

// An address the accept fills: null, or a SockAddr it can write.
function isOutAddress(value: unknown): boolean {
  return value === null || value === undefined || (SockAddr.is(value) && isWritableObject(value));
}

function cancelAccept(listener: ListenSocket | StreamSocket, irp: IRP): number {
  listener[kStream].accepts.remove(irp);
  return 0;
}
