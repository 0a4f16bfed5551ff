import { programmerError } from "@wskit/core";
import { kStream, type StreamState } from "../internal/streamState";
import type { StreamCounters } from "./StreamCounters";
import { readBrand } from "@wskit/core/provider";

/**
 * A snapshot of a connection, stream or listening socket's counters (bytes each way, receives
 * completed, flow-control pauses, peak backlog, connections accepted and refused).
 * @throws ERR_INVALID_ARG_TYPE for anything but a socket of @wskit/stream.
 */
export function getStreamCounters(socket: object): Readonly<StreamCounters> {
  const state = readBrand<StreamState>(socket, kStream);
  if (state === undefined) throw programmerError("ERR_INVALID_ARG_TYPE", "getStreamCounters: socket must be a connection, stream or listening socket of @wskit/stream");
  return { ...state.counters, backlog: state.backlogBytes };
}
