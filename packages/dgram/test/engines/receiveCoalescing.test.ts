// SO_WSKIT_RECEIVE_COALESCE, the native engine's interrupt moderation: its values and refusals on
// both engines, and what it does — a drain that found more than one datagram makes the engine drain
// again after the interval instead of at the next wakeup, and a drain that finds at most one makes
// it watch the socket again, so a datagram that arrives alone is not delayed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SOL_SOCKET, SO_WSK_EVENT_CALLBACK, STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption } from "@wskit/core";
import {
  getDatagramCounters,
  openDatagramSocket,
  receiveFrom,
  sendTo,
  SO_WSKIT_RECEIVE_COALESCE,
  WSKIT_RECEIVE_COALESCE_MAX,
  type DatagramSocket,
  type WskDatagramIndication,
} from "@wskit/dgram";
import { nativeBinding } from "../../src/engines/nativeBinding";
import { closeFixture, getSocketOption, localAddressOf, newFixture, onEngineByDefault, openPeer, openSocket, sendFrom, setSocketOption, type Fixture } from "../helpers/sockets";

const native = nativeBinding().binding !== null;
let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const setCoalescing = (socket: DatagramSocket, value: unknown) => setSocketOption(socket, SOL_SOCKET, SO_WSKIT_RECEIVE_COALESCE, value);
const coalescing = (socket: DatagramSocket) => getSocketOption(socket, SOL_SOCKET, SO_WSKIT_RECEIVE_COALESCE);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!native)("SO_WSKIT_RECEIVE_COALESCE on the native engine", () => {
  onEngineByDefault("native");

  it("defaults to 50 µs, is set before or after the bind, and refuses what is not 0 to 1,000,000", async () => {
    const unbound = await openSocket(fixture, { bind: false });
    expect(await coalescing(unbound)).toBe(50);
    expect((await setCoalescing(unbound, 0)).Status).toBe(STATUS_SUCCESS);
    expect(await coalescing(unbound)).toBe(0);
    const bound = await openSocket(fixture);
    expect(await coalescing(bound)).toBe(50);
    expect((await setCoalescing(bound, WSKIT_RECEIVE_COALESCE_MAX)).Status).toBe(STATUS_SUCCESS);
    expect(await coalescing(bound)).toBe(WSKIT_RECEIVE_COALESCE_MAX);
    for (const hostile of [-1, WSKIT_RECEIVE_COALESCE_MAX + 1, 1.5, Number.NaN, "50", null, {}]) {
      expect((await setCoalescing(bound, hostile)).Status).toBe(STATUS_INVALID_PARAMETER);
    }
    expect(await coalescing(bound)).toBe(WSKIT_RECEIVE_COALESCE_MAX);
    const viaHelper = await openDatagramSocket({ receiveCoalescing: 0 });
    fixture.sockets.push(viaHelper);
    expect(await coalescing(viaHelper)).toBe(0);
    await expect(openDatagramSocket({ receiveCoalescing: -5 })).rejects.toMatchObject({ code: "STATUS_INVALID_PARAMETER" });
  });

  it("after a drain finds several datagrams the next drain waits for the interval; after one that finds at most one, a lone datagram is not delayed", async () => {
    const lists: Array<{ values: number[]; at: number }> = [];
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
          const values: number[] = [];
          for (let item = head; item !== null; item = item.Next) values.push(item.bytes[0] as number);
          lists.push({ values, at: performance.now() });
          return STATUS_SUCCESS;
        },
      },
    });
    // 300 ms: far longer than any scheduling delay, so which drain delivered what is unambiguous.
    expect((await setCoalescing(socket, 300_000)).Status).toBe(STATUS_SUCCESS);
    socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    const sender = await openDatagramSocket();
    fixture.sockets.push(sender);
    const to = await localAddressOf(socket);
    const received = () => lists.reduce((sum, list) => sum + list.values.length, 0);
    const waitFor = async (count: number) => {
      for (let waited = 0; received() < count && waited < 5000; waited += 5) await sleep(5);
      expect(received()).toBe(count);
    };

    // A burst sent in one turn (one sendmmsg) is in the socket before the receiver wakes.
    await Promise.all(Array.from({ length: 20 }, (_, i) => sendTo(sender, new Uint8Array([i]), to)));
    await waitFor(20);
    // The engine now drains on its timer: a datagram sent at once waits for it.
    const sentAt = performance.now();
    await sendTo(sender, new Uint8Array([20]), to);
    await waitFor(21);
    expect((lists.at(-1) as { at: number }).at - sentAt).toBeGreaterThan(200);
    // That drain found one: the socket is watched again, and the next lone datagram comes at its
    // wakeup (well before another interval would have passed).
    await sleep(350);
    const loneAt = performance.now();
    await sendTo(sender, new Uint8Array([21]), to);
    await waitFor(22);
    expect((lists.at(-1) as { at: number }).at - loneAt).toBeLessThan(200);
    expect(lists.flatMap((list) => list.values)).toEqual(Array.from({ length: 22 }, (_, i) => i));
  });

  it("0 turns it off: the socket is watched at every wakeup", async () => {
    const arrivals: number[] = [];
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
          for (let item = head; item !== null; item = item.Next) arrivals.push(performance.now());
          return STATUS_SUCCESS;
        },
      },
    });
    expect((await setCoalescing(socket, 0)).Status).toBe(STATUS_SUCCESS);
    socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    const sender = await openDatagramSocket();
    fixture.sockets.push(sender);
    const to = await localAddressOf(socket);
    await Promise.all(Array.from({ length: 20 }, (_, i) => sendTo(sender, new Uint8Array([i]), to)));
    for (let waited = 0; arrivals.length < 20 && waited < 5000; waited += 5) await sleep(5);
    const sentAt = performance.now();
    await sendTo(sender, new Uint8Array([20]), to);
    for (let waited = 0; arrivals.length < 21 && waited < 5000; waited += 5) await sleep(5);
    expect(arrivals).toHaveLength(21);
    expect((arrivals.at(-1) as number) - sentAt).toBeLessThan(200);
    expect(getDatagramCounters(socket).received).toBe(21);
  });
});

describe("SO_WSKIT_RECEIVE_COALESCE on the node engine", () => {
  onEngineByDefault("node");

  it("answers 0, takes 0 and refuses anything else with STATUS_NOT_SUPPORTED", async () => {
    const socket = await openSocket(fixture);
    expect(await coalescing(socket)).toBe(0);
    expect((await setCoalescing(socket, 0)).Status).toBe(STATUS_SUCCESS);
    expect((await setCoalescing(socket, 50)).Status).toBe(STATUS_NOT_SUPPORTED);
    expect((await setCoalescing(socket, -1)).Status).toBe(STATUS_INVALID_PARAMETER);
    await expect(openDatagramSocket({ engine: "node", receiveCoalescing: 50 })).rejects.toMatchObject({ code: "STATUS_NOT_SUPPORTED" });
    const { peer } = await openPeer(fixture);
    const seen: number[] = [];
    const open = await openDatagramSocket({ engine: "node", receiveCoalescing: 0 });
    fixture.sockets.push(open);
    const pending = receiveFrom(open);
    await sendFrom(peer, await localAddressOf(open), new Uint8Array([7]));
    seen.push(((await pending).bytes as Uint8Array)[0] as number);
    expect(seen).toEqual([7]);
  });
});
