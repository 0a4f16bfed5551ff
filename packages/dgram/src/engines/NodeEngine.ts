// The node engine: a node:dgram socket under the faithful layer. Each 'message' goes to the receive
// path; sends complete in the order Node reports them (its send callbacks run in request order),
// through one callback per socket instead of a closure per send.
import { createSocket, type Socket } from "node:dgram";
import { readdirSync, readFileSync } from "node:fs";
import { AF_INET6, Fifo, SockAddr, STATUS_SUCCESS, type IRP, type NTSTATUS } from "@wskit/core";
import { reportCallbackError, ntStatusFromErrno, runProviderEvent } from "@wskit/core/provider";
import { BindPhase, kDatagram } from "../internal/datagramState";
import { kernelDrops } from "../internal/kernelDrops";
import { breakSocket, onMessage } from "../internal/receive";
import { datagramSent } from "../internal/send";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import type { DatagramEngine, UdpIntOption } from "./DatagramEngine";
import { PortableEngine } from "./PortableEngine";

export class NodeEngine extends PortableEngine implements DatagramEngine {
  readonly name = "node";
  readonly #socket: DatagramSocket;
  readonly #node: Socket;
  /** Sends handed to Node, in the order Node completes them. */
  readonly #sends = new Fifo<IRP>();
  readonly #onSent: (error: Error | null, bytes: number) => void;
  #closed = false;
  #dropsAtBind: number | null = null;
  #local: SockAddr | null = null;
  readonly #family: number;
  bindError: unknown = undefined;

  constructor(socket: DatagramSocket, family: number) {
    super();
    this.#socket = socket;
    this.#family = family;
    this.#node = newNodeSocket(socket, family, this);
    this.#onSent = (error, bytes) => {
      const irp = this.#sends.shift();
      if (irp === undefined) return;
      try {
        datagramSent(socket, irp, (error as NodeJS.ErrnoException | null) ?? null, bytes);
      } catch (thrown) {
        reportCallbackError("internal", "completing a datagram send", thrown);
      }
    };
  }

  /**
   * Node resolves addresses with {@link literalLookup}, so node:dgram binds inside `bind()` and
   * the result is known when it returns: the bound address is visible at once, as after Windows'
   * bind(). A Node socket whose bind failed is not used again: the next bind gets a new engine.
   */
  bind(port: number, address: string): NTSTATUS {
    const node = this.#node;
    let status: NTSTATUS | undefined;
    const onListening = () => {
      node.off("error", onError);
      status = STATUS_SUCCESS;
    };
    const onError = (error: NodeJS.ErrnoException) => {
      node.off("listening", onListening);
      this.bindError = error;
      status = ntStatusFromErrno(error.code);
    };
    node.once("listening", onListening);
    node.once("error", onError);
    try {
      node.bind({ port, address, exclusive: true });
    } catch (error) {
      // Node refused synchronously (closed under us).
      node.off("listening", onListening);
      node.off("error", onError);
      this.bindError = error;
      status = ntStatusFromErrno((error as NodeJS.ErrnoException).code);
    }
    if (status !== STATUS_SUCCESS) {
      this.#closeNode();
      return status ?? ntStatusFromErrno(undefined);
    }
    this.#local = SockAddr.fromAddressInfo(node.address());
    this.#dropsAtBind = kernelDrops(this.#local);
    return STATUS_SUCCESS;
  }

  localAddress(): SockAddr {
    return this.#local as SockAddr;
  }

  send(irp: IRP, payload: Uint8Array | Uint8Array[], port: number, address: string): void {
    this.#sends.push(irp);
    try {
      this.#node.send(payload, port, address, this.#onSent);
    } catch (error) {
      // Node refused before queuing (it was closed under us): complete this datagram now.
      this.#sends.remove(irp);
      datagramSent(this.#socket, irp, error as NodeJS.ErrnoException, 0);
    }
  }

  applyReceiveBuffer(bytes: number): void {
    try {
      if (this.#node.getRecvBufferSize() < bytes) this.#node.setRecvBufferSize(bytes);
    } catch {
      // The kernel's own limit (net.core.rmem_max) stands; our queue bound does not depend on it.
    }
  }

  kernelDrops(): number | null {
    const now = kernelDrops(this.#local);
    return now === null || this.#dropsAtBind === null ? null : now - this.#dropsAtBind;
  }

  setUdpOption(option: UdpIntOption, value: number): string | null {
    const node = this.#node;
    return nodeCall(() => {
      if (option === "sendBuffer") node.setSendBufferSize(value);
      else if (option === "broadcast") node.setBroadcast(value !== 0);
      else if (option === "ttl") node.setTTL(value);
      else if (option === "multicastTtl") node.setMulticastTTL(value);
      else node.setMulticastLoopback(value !== 0);
    });
  }

  setMulticastInterface(iface: string): string | null {
    const address = this.#family === AF_INET6 ? scopedAny(iface) : iface;
    if (address === undefined) return "ENODEV";
    return nodeCall(() => this.#node.setMulticastInterface(address));
  }

  setMembership(join: boolean, group: string, iface: string): string | null {
    // node:dgram names an IPv6 interface by a scoped address (`::%lo`), an IPv4 one by its address.
    const on = this.#family === AF_INET6 ? (iface === "0" ? undefined : scopedAny(iface)) : iface === "0.0.0.0" ? undefined : iface;
    if (on === undefined && iface !== "0" && iface !== "0.0.0.0") return "ENODEV";
    return nodeCall(() => (join ? this.#node.addMembership(group, on) : this.#node.dropMembership(group, on)));
  }

  sendBufferSize(): number {
    try {
      return this.#node.getSendBufferSize();
    } catch {
      return 0;
    }
  }

  setRef(on: boolean): void {
    if (on) this.#node.ref();
    else this.#node.unref();
  }

  loseHandle(): void {
    this.#node.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await new Promise<void>((resolve) => {
      try {
        this.#node.close(() => resolve());
      } catch {
        resolve(); // closed under us in the meantime
      }
    });
  }

  /** @internal Node closed the socket (under us, or as asked). */
  nodeClosed(): void {
    this.#closed = true;
  }

  #closeNode(): void {
    this.#closed = true;
    try {
      this.#node.close();
    } catch {
      // closed already
    }
  }
}

/** A Node socket for the family, IPv6-only as Windows' AF_INET6 sockets are, wired to the receive path. */
function newNodeSocket(socket: DatagramSocket, family: number, engine: NodeEngine): Socket {
  const node = createSocket({
    type: family === AF_INET6 ? "udp6" : "udp4",
    ipv6Only: family === AF_INET6,
    reuseAddr: socket[kDatagram].udp.reuseAddr,
    lookup: literalLookup,
  });
  // Nothing thrown here may reach Node's event handlers (SPEC §7): each handler reports instead.
  // Each datagram is a callback of its own: the receive it completes runs at the callback's end
  // (a provider event), not from a microtask per datagram.
  node.on("message", (message, rinfo) => {
    try {
      runProviderEvent(onMessage, socket, message, rinfo);
    } catch (error) {
      reportCallbackError("internal", "receiving a datagram", error);
    }
  });
  // While binding, bind() owns errors; afterwards an error or an unexpected close breaks the socket.
  node.on("error", () => {
    try {
      const state = socket[kDatagram];
      if (state?.engine === engine && state.phase === BindPhase.Bound) breakSocket(socket);
    } catch (error) {
      reportCallbackError("internal", "a datagram socket error", error);
    }
  });
  node.on("close", () => {
    try {
      engine.nodeClosed();
      const state = socket[kDatagram];
      if (state?.engine === engine && state.phase === BindPhase.Bound) breakSocket(socket);
    } catch (error) {
      reportCallbackError("internal", "a datagram socket closing", error);
    }
  });
  return node;
}

/**
 * The Node socket's `lookup`: every address wskit hands node:dgram is a literal checked at the call,
 * so it answers at once, which makes node:dgram's bind and send synchronous (no DNS round trip
 * through the event loop, and a bind visible when the call that made it returns).
 */
export function literalLookup(address: string, _family: unknown, callback: (error: Error | null, address: string, family: number) => void): void {
  callback(null, address, address.includes(":") ? 6 : 4);
}

// A node:dgram option call: null, or the errno code of what it threw.
function nodeCall(call: () => void): string | null {
  try {
    call();
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "EINVAL";
  }
}

// The unspecified IPv6 address scoped to an interface index (`::%lo`), as node:dgram names an
// interface: index 0 is the default (`::`); undefined for an index no interface has.
function scopedAny(index: string): string | undefined {
  if (index === "0") return "::";
  const name = interfaceNames().get(Number(index));
  return name === undefined ? undefined : `::%${name}`;
}

// Interface indexes and names, from Linux's /sys/class/net (empty elsewhere).
function interfaceNames(): Map<number, string> {
  const names = new Map<number, string>();
  try {
    for (const name of readdirSync("/sys/class/net")) {
      const index = Number(readFileSync(`/sys/class/net/${name}/ifindex`, "utf8").trim());
      if (Number.isInteger(index)) names.set(index, name);
    }
  } catch {
    // Not Linux: only the default interface (index 0) is known.
  }
  return names;
}
