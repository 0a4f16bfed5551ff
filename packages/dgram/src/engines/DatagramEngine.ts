// What carries a datagram socket's I/O: node:dgram (everywhere) or the Linux native addon. The
// faithful layer decides everything (statuses, order, lists, counters); an engine binds, sends,
// and delivers each datagram to the receive path (routeDatagram), so both behave the same.
import type { IRP, NTSTATUS, SockAddr } from "@wskit/core";
import type { DatagramSocket } from "../wsk/DatagramSocket";

/** The UDP options with a number for a value, engine-neutral. */
export type UdpIntOption = "sendBuffer" | "broadcast" | "ttl" | "multicastTtl" | "multicastLoop";

/**
 * What only the native engine tunes: receive coalescing (microseconds, 0 off) and UDP segmentation
 * of sends (1 on, 0 off). The node engine has neither: it answers 0 and takes only 0.
 */
export type EngineTunable = "receiveCoalescing" | "sendSegmentation";

/** The engines a datagram socket can run on: node:dgram, the native addon, or a simulated network (@wskit/testing). */
export type DatagramEngineName = "node" | "native" | "test";
/** An engine to ask for, or `"auto"`: native where it loads, else node. */
export type DatagramEngineChoice = "auto" | "node" | "native";

/**
 * Makes the engine of a socket at its bind, for a socket whose provider carries it itself (a
 * simulated network): set with `useDatagramEngine` from `@wskit/dgram/engine`.
 */
export type DatagramEngineFactory = (socket: DatagramSocket, family: number) => DatagramEngine;

export interface DatagramEngine {
  readonly name: DatagramEngineName;
  /** Binds now (synchronously) and starts receiving; the status of the bind. */
  bind(port: number, address: string): NTSTATUS;
  /** After a bind that failed: the Node system error behind it (a helper's `cause`). */
  readonly bindError: unknown;
  /** The bound address, after a bind that succeeded. */
  localAddress(): SockAddr;
  /** Hands one datagram of a send IRP to the OS; completion goes through datagramSent. */
  send(irp: IRP, payload: Uint8Array | Uint8Array[], port: number, address: string): void;
  /** Asks the kernel for a receive buffer this large (best effort). */
  applyReceiveBuffer(bytes: number): void;
  /** Datagrams the kernel dropped for this socket since its bind, or null where unknown. */
  kernelDrops(): number | null;
  /** Which control information to deliver (CONTROL_* bits); false where the engine has none. */
  setControl(bits: number): boolean;
  /** SO_REUSEPORT before the bind; false where the engine cannot. */
  setReusePort(on: boolean): boolean;
  /** Sets one of the engine's tunables at any time; false where the engine cannot take the value. */
  setTunable(tunable: EngineTunable, value: number): boolean;
  /** A tunable's value in use (0 where the engine has none). */
  tunable(tunable: EngineTunable): number;
  /** Sets a UDP option on the bound socket (the socket's family picks IPv4's or IPv6's); the errno code of a refusal, or null. */
  setUdpOption(option: UdpIntOption, value: number): string | null;
  /** IP_MULTICAST_IF (an IPv4 address) or IPV6_MULTICAST_IF (an interface index, as text); the errno code of a refusal, or null. */
  setMulticastInterface(iface: string): string | null;
  /** Joins or leaves a multicast group on an interface (its IPv4 address, or an IPv6 index as text); the errno code of a refusal, or null. */
  setMembership(join: boolean, group: string, iface: string): string | null;
  /** The kernel's send buffer size (SO_SNDBUF), 0 before the bind. */
  sendBufferSize(): number;
  /** Whether the bound socket keeps the process alive. */
  setRef(on: boolean): void;
  /**
   * @internal The OS handle is lost under the socket (as when the process loses it): the engine
   * takes the path a real failure takes, so the socket breaks. For tests of that path.
   */
  loseHandle(): void;
  /** Stops receiving and closes; resolves once the port is free again. */
  close(): Promise<void>;
}

/** Control information a socket asks for (the engine-neutral form of the IP options). */
export const CONTROL_PKTINFO = 1;
export const CONTROL_HOPS = 2;
export const CONTROL_TCLASS = 4;
