import { snapshotSockAddr } from "../address/sockAddrCopies";
import { checkClientCall } from "./checkClientCall";
import { loadSocketProvider, warnMissingProvider } from "./loadSocketProvider";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoMarkIrpPending } from "../irp/IoMarkIrpPending";
import { IoRejectRequest } from "../irp/IoRejectRequest";
import type { IRP } from "../irp/IRP";
import { STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_PENDING, type NTSTATUS } from "../headers/NTSTATUS";
import { SockAddr } from "../address/SockAddr";
import { WSK_FLAG_CONNECTION_SOCKET } from "../headers/wsk";
import type { WskClient } from "./WskClient";
import type { WskSocketConnectRequest } from "./WskRegisterSocketProvider";

/**
 * Creates a connection socket, binds it to `LocalAddress` and connects it to `RemoteAddress`, in one
 * request. The IRP completes with the socket in `IoStatus.Information`. Needs @wskit/stream.
 *
 * @returns STATUS_PENDING; STATUS_INVALID_PARAMETER (no IRP, Flags not 0, addresses that are not
 *   SockAddrs of one family), STATUS_INVALID_HANDLE (not a live client).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_socket_connect
 */
export function WskSocketConnect(
  Client: WskClient,
  SocketType: number,
  Protocol: number,
  LocalAddress: SockAddr,
  RemoteAddress: SockAddr,
  Flags: number,
  SocketContext: unknown,
  Dispatch: object | null,
  OwningProcess: unknown,
  OwningThread: unknown,
  SecurityDescriptor: unknown,
  Irp: IRP,
): NTSTATUS {
  void OwningProcess;
  void OwningThread;
  void SecurityDescriptor;
  const state = checkClientCall(Client, Irp, "WskSocketConnect");
  if (typeof state === "number") return state;
  // The addresses are copied now: the provider binds and connects later, and changing the caller's
  // objects after the call has no effect on it (nor can an accessor of theirs throw into it).
  const local = SockAddr.is(LocalAddress) ? snapshotSockAddr(LocalAddress) : null;
  const remote = SockAddr.is(RemoteAddress) ? snapshotSockAddr(RemoteAddress) : null;
  if (Flags !== 0 || local === null || remote === null || local.family !== remote.family) {
    return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  }
  const request: WskSocketConnectRequest = {
    client: Client,
    clientState: state,
    SocketType,
    Protocol,
    LocalAddress: local,
    RemoteAddress: remote,
    SocketContext,
    Dispatch,
  };
  IoMarkIrpPending(Irp);
  // A client of a network of its own (@wskit/testing) connects there, never through a real socket.
  const found = state.providers !== null ? Promise.resolve(state.providers.get(WSK_FLAG_CONNECTION_SOCKET)) : loadSocketProvider(WSK_FLAG_CONNECTION_SOCKET);
  void found.then((provider) => {
    if (provider?.socketConnect !== undefined) {
      provider.socketConnect(request, Irp);
      return;
    }
    if (state.providers === null) warnMissingProvider(WSK_FLAG_CONNECTION_SOCKET);
    Irp.IoStatus.Status = STATUS_NOT_SUPPORTED;
    Irp.IoStatus.Information = 0;
    IoCompleteRequest(Irp);
  });
  return STATUS_PENDING;
}
