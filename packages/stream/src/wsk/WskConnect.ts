import {
  AF_INET6,
  IoRejectRequest,
  SockAddr,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
} from "@wskit/core";
import { checkSockAddr, completeSocketIrp, reportCallbackError, ntStatusFromErrno, takeSocketIrp, publishConnection } from "@wskit/core/provider";
import { newNodeSocket } from "../internal/connection";
import { streamCall } from "../internal/streamCall";
import { StreamPhase } from "../internal/streamState";
import type { ConnectionSocket } from "./ConnectionSocket";
import type { StreamSocket } from "./StreamSocket";

/**
 * Connects a bound connection socket to `RemoteAddress`. The IRP completes once the connection is
 * established (STATUS_SUCCESS), or with the failure (STATUS_CONNECTION_REFUSED, …).
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_DEVICE_STATE (not bound
 *   — WskBind first — or connecting / connected already), STATUS_INVALID_PARAMETER (Flags not 0, an
 *   address that is not a SockAddr of the socket's family), STATUS_INVALID_ADDRESS (an address that
 *   is not a literal of the family: host names are resolved first, with WskGetAddressInfo),
 *   STATUS_INVALID_ADDRESS_COMPONENT (a port that is 0 or not an integer up to 65535); untouched IRP: STATUS_INVALID_PARAMETER
 *   (no IRP), STATUS_INVALID_HANDLE (closed).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_connect
 */
export function WskConnect(Socket: ConnectionSocket | StreamSocket, RemoteAddress: SockAddr, Flags: number, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskConnect");
  if (typeof state === "number") return state;
  if (state.phase !== StreamPhase.Bound || state.local === null) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  if (Flags !== 0) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  const addressStatus = checkSockAddr(RemoteAddress, state.family, { portZero: false });
  if (addressStatus !== STATUS_SUCCESS) return IoRejectRequest(Irp, addressStatus);
  // Accepted: the address is copied now; changing the caller's object later has no effect.
  const remote = RemoteAddress.clone();
  state.phase = StreamPhase.Connecting;
  takeSocketIrp(Socket, Irp, null);
  const node = newNodeSocket(state);
  const local = state.local;
  const unspecified = local.address === "0.0.0.0" || local.address === "::";
  const onError = (error: NodeJS.ErrnoException) => {
    state.phase = StreamPhase.Bound;
    state.node = null;
    completeSocketIrp(Socket, Irp, ntStatusFromErrno(error.code), 0, error);
  };
  const onConnected = () => {
    node.off("error", onError);
    state.phase = StreamPhase.Connected;
    state.local = SockAddr.fromAddressInfo({ address: node.localAddress ?? "", family: node.localFamily ?? "IPv4", port: node.localPort ?? 0 });
    state.remote = remote;
    node.resume();
    publishConnection("connect", { socket: Socket, local: state.local, remote: state.remote });
    completeSocketIrp(Socket, Irp, STATUS_SUCCESS, 0);
  };
  node.once("error", onError);
  try {
    node.connect(
      {
        port: remote.port,
        host: remote.address,
        family: state.family === AF_INET6 ? 6 : 4,
        ...(unspecified ? {} : { localAddress: local.address }),
        ...(local.port === 0 ? {} : { localPort: local.port }),
      },
      () => {
        try {
          onConnected();
        } catch (error) {
          reportCallbackError("internal", "completing a connect", error);
        }
      },
    );
  } catch (error) {
    node.off("error", onError);
    onError(error as NodeJS.ErrnoException);
  }
  return STATUS_PENDING;
}
