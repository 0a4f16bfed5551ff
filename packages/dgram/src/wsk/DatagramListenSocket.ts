import {
  IoRejectRequest,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_NOT_IMPLEMENTED,
  STATUS_SUCCESS,
  WskCloseSocket,
  WskControlSocket,
  WskSocketObject,
  type IRP,
  type NTSTATUS,
  type SockAddr,
  type WSK_PROVIDER_BASIC_DISPATCH,
} from "@wskit/core";
import { checkSocketCall, type WskSocketRequest } from "@wskit/core/provider";

/**
 * The dispatch of a listening socket made over a datagram transport: `WSK_PROVIDER_LISTEN_DISPATCH`'s
 * calls, none of which a datagram transport can carry out.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_listen_dispatch
 */
export interface WSK_PROVIDER_DATAGRAM_LISTEN_DISPATCH extends WSK_PROVIDER_BASIC_DISPATCH {
  /** Completes with STATUS_NOT_IMPLEMENTED: a datagram transport does not listen. */
  WskBind: typeof bindNotImplemented;
  /** Completes with STATUS_INVALID_DEVICE_STATE: the socket never listens. */
  WskAccept: typeof acceptNever;
  /** Completes with STATUS_INVALID_DEVICE_STATE: the socket is never bound. */
  WskGetLocalAddress: typeof localAddressNever;
}

function bindNotImplemented(Socket: DatagramListenSocket, LocalAddress: SockAddr, Flags: number, Irp: IRP): NTSTATUS {
  void LocalAddress;
  void Flags;
  const status = checkSocketCall(Socket, Irp, "WskBind");
  return status !== STATUS_SUCCESS ? status : IoRejectRequest(Irp, STATUS_NOT_IMPLEMENTED);
}

function acceptNever(
  Socket: DatagramListenSocket,
  Flags: number,
  AcceptSocketContext: unknown,
  AcceptSocketDispatch: object | null,
  LocalAddress: SockAddr | null,
  RemoteAddress: SockAddr | null,
  Irp: IRP,
): NTSTATUS {
  void [Flags, AcceptSocketContext, AcceptSocketDispatch, LocalAddress, RemoteAddress];
  const status = checkSocketCall(Socket, Irp, "WskAccept");
  return status !== STATUS_SUCCESS ? status : IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
}

function localAddressNever(Socket: DatagramListenSocket, LocalAddress: SockAddr, Irp: IRP): NTSTATUS {
  void LocalAddress;
  const status = checkSocketCall(Socket, Irp, "WskGetLocalAddress");
  return status !== STATUS_SUCCESS ? status : IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
}

const DATAGRAM_LISTEN_DISPATCH: WSK_PROVIDER_DATAGRAM_LISTEN_DISPATCH = Object.freeze({
  WskControlSocket,
  WskCloseSocket,
  WskBind: bindNotImplemented,
  WskAccept: acceptNever,
  WskGetLocalAddress: localAddressNever,
});

/**
 * A listening socket (WSK_FLAG_LISTEN_SOCKET) asked of a datagram transport (SOCK_DGRAM, IPPROTO_UDP).
 * Windows creates it, as wskit does; its `WskBind` then completes with STATUS_NOT_IMPLEMENTED
 * (Information 0), and `WskCloseSocket` succeeds. It holds no Node socket.
 */
export class DatagramListenSocket extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_DATAGRAM_LISTEN_DISPATCH = DATAGRAM_LISTEN_DISPATCH;

  /** @internal Made by WskSocket. */
  constructor(request: WskSocketRequest) {
    super(request, { allowedEvents: 0, hooks: { closeHandle: () => {} } });
  }
}
