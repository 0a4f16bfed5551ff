import { releaseSocketList, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type NTSTATUS } from "@wskit/core";
import { kDatagram } from "../internal/datagramState";
import { freeList, scheduleFlush } from "../internal/receive";
import type { DatagramSocket } from "./DatagramSocket";
import { WskDatagramIndication } from "./WskDatagramIndication";

/**
 * Gives back a list of indications the client kept by returning STATUS_PENDING from
 * WskReceiveFromEvent: its buffers go back to the pool (poisoned under the verifier), and the list
 * must not be touched again. Pass the head of the list, as it was indicated.
 *
 * @returns STATUS_SUCCESS; STATUS_INVALID_PARAMETER for a list released already, or one this
 *   socket did not indicate and the client did not retain.
 * @see https://learn.microsoft.com/previous-versions/windows/hardware/drivers/ff571144(v=vs.85)
 */
export function WskRelease(Socket: DatagramSocket, DataIndication: WskDatagramIndication): NTSTATUS {
  const state = Socket?.[kDatagram];
  if (state === undefined || !(DataIndication instanceof WskDatagramIndication) || !releaseSocketList(Socket, DataIndication)) {
    return STATUS_INVALID_PARAMETER;
  }
  freeList(state, DataIndication, true);
  // Room under the retention limit again: what waited in the queue may be indicated now.
  scheduleFlush(Socket);
  return STATUS_SUCCESS;
}
