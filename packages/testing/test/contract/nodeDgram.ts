// node:dgram, as the contract run's test files see it: their plain peers (`createSocket("udp4")`,
// bind, send, 'message', close) become sockets of the test network, so dgram's and rx's behaviour
// tests run with both ends on the network. Only the calls those tests make are here; the sockets
// under test are wskit's own (see setup.ts). Not a public API.
import { EventEmitter } from "node:events";
import { gatherWskBuf, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption, type SockAddr } from "@wskit/core";
import { openDatagramSocket, sendTo, type DatagramSocket, type WskDatagramIndication } from "@wskit/dgram";
import { contractNetwork } from "./network";

type SendCallback = (error: Error | null, bytes: number) => void;

export class Socket extends EventEmitter {
  readonly #v6: boolean;
  #socket: DatagramSocket | null = null;
  #opening: Promise<DatagramSocket> | null = null;

  constructor(type: "udp4" | "udp6") {
    super();
    this.#v6 = type === "udp6";
  }

  bind(port?: number | (() => void), address?: string | (() => void), callback?: () => void): this {
    const done = [port, address, callback].find((value) => typeof value === "function") as (() => void) | undefined;
    const where = `${typeof address === "string" ? (this.#v6 ? `[${address}]` : address) : this.#v6 ? "[::1]" : "127.0.0.1"}:${typeof port === "number" ? port : 0}`;
    this.#open(where).then(
      () => {
        this.emit("listening");
        done?.();
      },
      (error: unknown) => this.emit("error", error),
    );
    return this;
  }

  address(): { address: string; family: "IPv4" | "IPv6"; port: number } {
    const local = this.#socket?.localAddress as SockAddr;
    return { address: local.address, family: this.#v6 ? "IPv6" : "IPv4", port: local.port };
  }

  send(message: string | Uint8Array, port: number, address: string, callback?: SendCallback): void {
    const bytes = typeof message === "string" ? new TextEncoder().encode(message) : message;
    const to = `${address.includes(":") ? `[${address}]` : address}:${port}`;
    void (async () => {
      const socket = this.#socket ?? (await this.#open(this.#v6 ? "[::1]:0" : "127.0.0.1:0"));
      await sendTo(socket, bytes, to);
    })().then(
      () => callback?.(null, bytes.byteLength),
      (error: Error) => (callback === undefined ? this.emit("error", error) : callback(error, 0)),
    );
  }

  setRecvBufferSize(): void {}
  setSendBufferSize(): void {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  close(callback?: () => void): this {
    const socket = this.#socket;
    this.#socket = null;
    void (socket === null ? Promise.resolve() : socket[Symbol.asyncDispose]()).then(() => {
      this.emit("close");
      callback?.();
    });
    return this;
  }

  #open(address: string): Promise<DatagramSocket> {
    this.#opening ??= openDatagramSocket({
      network: contractNetwork(),
      address,
      receiveBufferSize: 64 * 1024 * 1024,
      dispatch: {
        WskReceiveFromEvent: (_context, _flags, head: WskDatagramIndication | null) => {
          for (let d = head; d !== null; d = d.Next) {
            const bytes = Buffer.from(gatherWskBuf(d.Buffer));
            const from = d.RemoteAddress;
            this.emit("message", bytes, { address: from.address, family: this.#v6 ? "IPv6" : "IPv4", port: from.port, size: bytes.byteLength });
          }
          return STATUS_SUCCESS;
        },
      },
    }).then((socket) => {
      socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
      this.#socket = socket;
      return socket;
    });
    return this.#opening;
  }
}

export function createSocket(type: "udp4" | "udp6" | { type: "udp4" | "udp6" }): Socket {
  return new Socket(typeof type === "string" ? type : type.type);
}

export default { createSocket, Socket };
