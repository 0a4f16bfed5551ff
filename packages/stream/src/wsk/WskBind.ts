import {
  IoRejectRequest,
  SockAddr,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
  type WskSocketObject,
} from "@wskit/core";
import { completeRequestAtOnce, checkSockAddr, completeSocketIrp, reportCallbackError, ntStatusFromErrno, takeSocketIrp } from "@wskit/core/provider";
import { acceptConnection } from "../internal/accept";
import { streamCall } from "../internal/streamCall";
import { StreamPhase, type StreamState } from "../internal/streamState";
import { ListenSocket } from "./ListenSocket";
import type { StreamSocket } from "./StreamSocket";

/**
 * Binds a connection or listening socket to a local address. A listening socket listens from the
 * moment the bind completes (port 0: the OS picks one, read back with WskGetLocalAddress).
 * Deviation: a connection socket's address is taken by the OS when it connects (Node binds then),
 * so a port in use shows at WskConnect, and port 0 is resolved there.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_PARAMETER (Flags not 0,
 *   an address that is not a SockAddr of the socket's family), STATUS_INVALID_ADDRESS (an address
 *   that is not a literal of the family), STATUS_INVALID_ADDRESS_COMPONENT (a port that is not an
 *   integer from 0 to 65535), STATUS_INVALID_DEVICE_STATE (bound already); untouched IRP: STATUS_INVALID_PARAMETER (no IRP), STATUS_INVALID_HANDLE (closed).
 *   A listening socket completes with the listen's error (STATUS_ADDRESS_ALREADY_EXISTS, …).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_bind
 */
export function WskBind(Socket: WskSocketObject, LocalAddress: SockAddr, Flags: number, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskBind");
  if (typeof state === "number") return state;
  if (Flags !== 0) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  const addressStatus = checkSockAddr(LocalAddress, state.family, { portZero: true });
  if (addressStatus !== STATUS_SUCCESS) return IoRejectRequest(Irp, addressStatus);
  if (state.phase !== StreamPhase.Unbound) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  // Accepted: the address is copied now; changing the caller's object later has no effect.
  const local = LocalAddress.clone();
  if (!(Socket instanceof ListenSocket)) {
    state.local = local;
    state.phase = StreamPhase.Bound;
    return completeRequestAtOnce(Irp, STATUS_SUCCESS, 0);
  }
  state.phase = StreamPhase.Bound;
  takeSocketIrp(Socket, Irp, null);
  listen(Socket, state, local, Irp);
  return STATUS_PENDING;
}

export function listen(socket: ListenSocket | StreamSocket, state: StreamState, address: SockAddr, irp: IRP): void {
  // Accepted handles are taken before Node reads from them, to be read again through onread.
  const server = state.transport.newServer((raw) => {
    try {
      acceptConnection(socket, raw);
    } catch (error) {
      reportCallbackError("internal", "accepting a connection", error);
      raw.destroy();
    }
  });
  const onError = (error: NodeJS.ErrnoException) => {
    state.phase = StreamPhase.Unbound;
    state.server = null;
    completeSocketIrp(socket, irp, ntStatusFromErrno(error.code), 0, error);
  };
  server.once("error", onError);
  const onListening = () => {
    server.off("error", onError);
    state.server = server;
    if (!state.referenced) server.unref();
    state.phase = StreamPhase.Listening;
    state.local = SockAddr.fromAddressInfo(server.address() as { address: string; family: string; port: number });
    completeSocketIrp(socket, irp, STATUS_SUCCESS, 0);
  };
  try {
    server.listen({ port: address.port, host: address.address, exclusive: true, backlog: state.acceptBacklog, ipv6Only: address.family !== 2 }, () => {
      try {
        onListening();
      } catch (error) {
        reportCallbackError("internal", "completing a listen", error);
      }
    });
  } catch (error) {
    server.off("error", onError);
    onError(error as NodeJS.ErrnoException);
  }
}
