// Every argument of every faithful call given a Proxy whose traps all throw: the call refuses it
// with an NTSTATUS or a Winsock error (or, for the IRP itself and WSP*'s lpErrno, a typed ERR_*
// programmer error), never with the Proxy's own exception, and the socket still sends and
// receives afterwards (SPEC §7). Indications the client froze, or whose objects it replaced, are
// shown afresh, never written through. (Found in this stop's probes: brand checks, instanceof and
// Object.isFrozen ran the traps; a frozen indication made the next list throw inside the provider.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createWskBuf,
  IoAllocateIrp,
  IP_ADD_MEMBERSHIP,
  IP_MULTICAST_IF,
  IPPROTO_IP,
  ref,
  runIrp,
  SIO_WSK_SET_REMOTE_ADDRESS,
  SO_RCVBUF,
  SO_WSK_EVENT_CALLBACK,
  SOL_SOCKET,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WskGetOption,
  WskIoctl,
  WskSetOption,
  SockAddr,
  type IRP,
} from "@wskit/core";
import { getDatagramCounters, newOverlapped, WSPRecvFrom, WSPSendTo, type WskDatagramIndication } from "@wskit/dgram";
import { refusalOf, throwingProxy } from "../../../core/test/helpers/hostile";
import { closeFixture, localAddressOf, newFixture, openPeer, openSocket, until, type Fixture } from "../helpers/sockets";
import { kDatagram } from "../../src/internal/datagramState";
import { captureWarnings } from "../../../core/test/helpers/warnings";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const enable = (socket: Awaited<ReturnType<typeof openSocket>>) =>
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);

describe("faithful datagram calls given a Proxy whose traps throw", () => {
  it("refuse it in every argument position, and the socket still works", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const D = socket.Dispatch;
    const irp = (): IRP => IoAllocateIrp(1, false);
    const buffers = () => [{ len: 4, buf: new Uint8Array(4) }];
    const calls: Record<string, [(...args: never[]) => unknown, () => unknown[]]> = {
      WskSendTo: [D.WskSendTo, () => [socket, createWskBuf(new Uint8Array(4)), 0, address, 0, null, irp()]],
      WskSendMessages: [D.WskSendMessages, () => [socket, { Buffer: createWskBuf(new Uint8Array(4)), Next: null }, 0, address, 0, null, irp()]],
      WskReceiveFrom: [D.WskReceiveFrom, () => [socket, createWskBuf(new Uint8Array(4)), 0, new SockAddr(), ref(0), new Uint8Array(8), ref(0), irp()]],
      WskGetLocalAddress: [D.WskGetLocalAddress, () => [socket, new SockAddr(), irp()]],
      "WskControlSocket (set)": [D.WskControlSocket, () => [socket, WskSetOption, SO_RCVBUF, SOL_SOCKET, 4, 65_536, 0, null, null, irp()]],
      "WskControlSocket (get)": [D.WskControlSocket, () => [socket, WskGetOption, SO_RCVBUF, SOL_SOCKET, 0, null, 4, ref(0), ref(0), irp()]],
      "WskControlSocket (IP_MULTICAST_IF)": [D.WskControlSocket, () => [socket, WskSetOption, IP_MULTICAST_IF, IPPROTO_IP, 4, "127.0.0.1", 0, null, null, irp()]],
      "WskControlSocket (IP_ADD_MEMBERSHIP)": [
        D.WskControlSocket,
        () => [socket, WskSetOption, IP_ADD_MEMBERSHIP, IPPROTO_IP, 8, { imr_multiaddr: "239.1.2.3", imr_interface: "127.0.0.1" }, 0, null, null, irp()],
      ],
      "WskControlSocket (ioctl)": [D.WskControlSocket, () => [socket, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, 16, address, 0, null, null, irp()]],
      WskRelease: [D.WskRelease, () => [socket, {}]],
      WSPSendTo: [WSPSendTo as never, () => [socket, buffers(), 1, ref(0), 0, address, 16, null, null, null, ref(0)]],
      WSPRecvFrom: [WSPRecvFrom as never, () => [socket, buffers(), 1, ref(0), ref(0), new SockAddr(), ref(16), newOverlapped(), null, null, ref(0)]],
    };
    const found: string[] = [];
    for (const [name, [fn, make]] of Object.entries(calls)) {
      const count = make().length;
      for (let at = 0; at < count; at++) {
        const args = make();
        args[at] = throwingProxy();
        const result = refusalOf(() => (fn as (...args: unknown[]) => unknown)(...args));
        if (result.startsWith("threw") || result.startsWith("returned")) found.push(`${name} argument ${at}: ${result}`);
      }
    }
    expect(found).toEqual([]);
    // The ioctl that accepted its address fixed the remote: clear it, then the socket still works both ways.
    D.WskControlSocket(socket, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, 0, null, 0, null, null, irp());
    // (Calls whose hostile argument is one the call ignores, ControlInfo or lpThreadId, sent their zeros.)
    const heard = new Promise<string>((resolve) => peer.on("message", (message) => message.toString() === "pong" && resolve("pong")));
    const to = await localAddressOf(socket);
    const sent = await runIrp((send) => D.WskSendTo(socket, createWskBuf(new TextEncoder().encode("pong")), 0, address, 0, null, send));
    expect(sent).toEqual({ Status: STATUS_SUCCESS, Information: 4 });
    expect(await heard).toBe("pong");
    const received = new Uint8Array(4);
    const receiving = runIrp((receive) => D.WskReceiveFrom(socket, createWskBuf(received), 0, null, null, null, null, receive));
    // Receives posted by calls whose hostile argument was ignored (lpThreadId) take the first ones.
    for (let i = 0; i < socket[kDatagram].receives.size; i++) peer.send("ping", to.port, to.address);
    expect(await receiving).toEqual({ Status: STATUS_SUCCESS, Information: 4 });
    expect(new TextDecoder().decode(received)).toBe("ping");
  });
});

describe("indications the client froze or replaced parts of", () => {
  it.each(["freeze", "replace"] as const)("%s: every later list is whole, and every buffer comes back", async (attack) => {
    using capture = captureWarnings();
    const seen: number[] = [];
    let kept: WskDatagramIndication | null = null;
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
          for (let d = head; d !== null; d = d.Next) {
            seen.push(d.bytes[0] as number);
            if (attack === "freeze") {
              if (d.Buffer.Mdl !== null) Object.freeze(d.Buffer.Mdl);
              Object.freeze(d.Buffer);
              Object.freeze(d.RemoteAddress);
              Object.freeze(d);
            } else {
              const writable = d as { Buffer: unknown; RemoteAddress: unknown };
              writable.Buffer = Object.freeze({ Mdl: null, Offset: 0, Length: 0 });
              writable.RemoteAddress = throwingProxy();
            }
          }
          if (kept !== null || head === null) return STATUS_SUCCESS;
          kept = head;
          return STATUS_PENDING;
        },
      },
    });
    expect(enable(socket)).toBe(STATUS_SUCCESS);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    const send = (value: number) => new Promise<void>((resolve, reject) => peer.send(new Uint8Array(3).fill(value), to.port, to.address, (error) => (error ? reject(error) : resolve())));
    // In bursts, so the records (and the objects they show) come round again in later lists.
    for (let burst = 0; burst < 6; burst++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => send(burst * 10 + i + 1)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => seen.length === 60);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(socket.Dispatch.WskRelease(socket, kept as unknown as WskDatagramIndication)).toBe(STATUS_SUCCESS);
    expect(getDatagramCounters(socket).buffersInUse).toBe(0);
    expect(capture.codes).toEqual([]);
  });
});

describe("a datagram's memory, as the client is shown it", () => {
  it("carries nothing the client can swap: the pool's own property is fixed, and the socket goes on", async () => {
    const seen: number[] = [];
    let tampered = 0;
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
          for (let d = head; d !== null; d = d.Next) {
            seen.push(d.bytes[0] as number);
            const memory = d.Buffer.Mdl?.MappedSystemVa as Uint8Array;
            for (const key of Object.getOwnPropertySymbols(memory)) {
              tampered++;
              expect(Reflect.deleteProperty(memory, key)).toBe(false);
              expect(Reflect.defineProperty(memory, key, { value: { memory: new Uint8Array(1) } })).toBe(false);
            }
          }
          return STATUS_SUCCESS;
        },
      },
    });
    expect(enable(socket)).toBe(STATUS_SUCCESS);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    for (let i = 1; i <= 20; i++) peer.send(new Uint8Array([i]), to.port, to.address);
    await until(() => seen.length === 20);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(getDatagramCounters(socket).buffersInUse).toBe(0);
    expect(tampered).toBeGreaterThan(0);
  });
});
