import type { NTSTATUS, Ref, SockAddr } from "@wskit/core";
import type { ConnectionSocket } from "./ConnectionSocket";

/**
 * `WSK_CLIENT_LISTEN_DISPATCH`: the client's event callback for a listening socket.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_client_listen_dispatch
 */
export interface WSK_CLIENT_LISTEN_DISPATCH {
  /**
   * A connection arrived that no waiting WskAccept took. Return STATUS_SUCCESS to take
   * `AcceptSocket` (setting its context and dispatch through the two out-parameters), or
   * STATUS_REQUEST_NOT_ACCEPTED to have it closed. A null `AcceptSocket` means the listening
   * socket no longer works.
   *
   * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_accept_event
   */
  WskAcceptEvent?(
    SocketContext: unknown,
    Flags: number,
    LocalAddress: SockAddr | null,
    RemoteAddress: SockAddr | null,
    AcceptSocket: ConnectionSocket | null,
    AcceptSocketContext: Ref<unknown>,
    AcceptSocketDispatch: Ref<object | null>,
  ): NTSTATUS;
}
