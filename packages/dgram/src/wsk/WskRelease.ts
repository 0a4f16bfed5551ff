import { STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type NTSTATUS } from "@wskit/core";
import { readBrand, releaseSocketList } from "@wskit/core/provider";
import { kDatagram, type DatagramState } from "../internal/datagramState";
import { freeList, scheduleFlush } from "../internal/receive";
import type { DatagramSocket } from "./DatagramSocket";
import { recordOf, type WskDatagramIndication } from "./WskDatagramIndication";

/**
 * Gives back a list of indications the client kept by returning STATUS_PENDING from
 * WskReceiveFromEvent: its buffers go back to the pool (poisoned under the verifier), and the list
 * must not be touched again. Pass the head of the list, as it was indicated. The list is the one the
 * socket indicated, whatever the client did to its `Next` links since.
 *
 * @returns STATUS_SUCCESS; STATUS_INVALID_PARAMETER, touching nothing, for a list released already,
 *   one this socket did not indicate or the client did not retain, an indication that is not a
 *   list's head, or anything that is not an indication (each list's head is a new object, so a
 *   stale head never stands for a later list).
 * @see https://learn.microsoft.com/previous-versions/windows/hardware/drivers/ff571144(v=vs.85)
 */
export function WskRelease(Socket: DatagramSocket, DataIndication: WskDatagramIndication): NTSTATUS {
  const state = readBrand<DatagramState>(Socket, kDatagram);
  const first = recordOf(DataIndication);
  if (state === undefined || first === undefined || !releaseSocketList(Socket, DataIndication)) {
    return STATUS_INVALID_PARAMETER;
  }
  freeList(state, first, true);
  // Room under the retention limit again: what waited in the queue may be indicated now.
  scheduleFlush(Socket);
  return STATUS_SUCCESS;
}
