import { STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type NTSTATUS } from "@wskit/core";
import { readBrand, releaseSocketList } from "@wskit/core/provider";
import { releaseIndications } from "../internal/indicate";
import { kStream, type StreamState } from "../internal/streamState";
import type { ConnectionSocket } from "./ConnectionSocket";
import type { StreamSocket } from "./StreamSocket";
import { isDataIndication, type WskDataIndication } from "./WskDataIndication";

/**
 * Gives back a list of data indications the client kept by returning STATUS_PENDING from
 * WskReceiveEvent. Its buffers go back to the pool; reading resumes if the kept bytes were what
 * held the connection at its bound.
 *
 * @returns STATUS_SUCCESS; STATUS_INVALID_PARAMETER for a list released already or not this socket's.
 * @see https://learn.microsoft.com/previous-versions/windows/hardware/drivers/ff571144(v=vs.85)
 */
export function WskRelease(Socket: ConnectionSocket | StreamSocket, DataIndication: WskDataIndication): NTSTATUS {
  const state = readBrand<StreamState>(Socket, kStream);
  if (state === undefined || !isDataIndication(DataIndication) || !releaseSocketList(Socket, DataIndication)) {
    return STATUS_INVALID_PARAMETER;
  }
  releaseIndications(state, DataIndication);
  return STATUS_SUCCESS;
}
