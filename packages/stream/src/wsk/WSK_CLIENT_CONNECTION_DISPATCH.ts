import type { NTSTATUS, Ref } from "@wskit/core";
import type { WskDataIndication } from "./WskDataIndication";

/**
 * `WSK_CLIENT_CONNECTION_DISPATCH`: the client's event callbacks for a connection socket, passed to
 * WskSocket (or WskAccept) as its `Dispatch`.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_client_connection_dispatch
 */
export interface WSK_CLIENT_CONNECTION_DISPATCH {
  /**
   * Data arrived that no waiting WskReceive took. Return STATUS_SUCCESS (set `BytesAccepted` lower
   * than `BytesIndicated` to leave the rest buffered), STATUS_PENDING (keep the list until
   * WskRelease) or STATUS_DATA_NOT_ACCEPTED (take nothing: no indication until a WskReceive
   * completes). A null list means the connection no longer works.
   *
   * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_receive_event
   */
  WskReceiveEvent?(
    SocketContext: unknown,
    Flags: number,
    DataIndication: WskDataIndication | null,
    BytesIndicated: number,
    BytesAccepted: Ref<number>,
  ): NTSTATUS;
  /**
   * The peer disconnected: gracefully (Flags 0) or abortively (WSK_FLAG_ABORTIVE).
   *
   * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_disconnect_event
   */
  WskDisconnectEvent?(SocketContext: unknown, Flags: number): NTSTATUS;
  /**
   * The ideal send backlog: how many bytes to keep in flight with WskSend for full throughput.
   *
   * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_send_backlog_event
   */
  WskSendBacklogEvent?(SocketContext: unknown, IdealBacklogSize: number): NTSTATUS;
}
