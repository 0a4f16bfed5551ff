/**
 * @wskit/testing: an in-memory network that is a WSK provider, with seeded fault injection, so
 * WSK code, helpers and rx pipelines are tested against loss, delay, reordering, duplication,
 * corruption, rate limits and partitions, and connections against the slicer, resets, data limits,
 * slow closes and a reader that stops, in milliseconds, on a virtual clock, and replay exactly.
 * Datagram, connection, listening and stream sockets are carried.
 *
 * @packageDocumentation
 */
export { createTestNetwork } from "./createTestNetwork";
export type { TestNetworkOptions } from "./createTestNetwork";
export { TestNetwork, TestTimer } from "./TestNetwork";
export type { CaptureOptions, NetworkCounters, RunUntilIdleOptions } from "./TestNetwork";
export type { ConnectOptions, NetworkNet, TestNetAddress, TestNetServer, TestNetSocket } from "./internal/tcp/netModule";
export { Link } from "./Link";
export type { LinkCounters, LinkDrops, LinkTcpCounters, TrafficCounters } from "./LinkCounters";
export type { GilbertElliottLoss, Impairments, Reordering, Slicer } from "./Impairments";
export { Capture } from "./Capture";
export type { CapturedDatagram, CapturedTcp } from "./Capture";
