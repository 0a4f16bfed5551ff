// What only the native engine does (SPEC §8): control information as Windows WSACMSGHDR records,
// CTRUNC, kernel drops counted exactly, datagrams longer than a slot, SO_REUSEPORT across worker
// threads, and the engine's selection. Everything else runs on both engines through the whole suite.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  AF_INET6,
  createWskBuf,
  disableVerifier,
  enableVerifier,
  isVerifierEnabled,
  IP_PKTINFO,
  IP_RECVTOS,
  IP_RECVTTL,
  IP_TOS,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPV6_HOPLIMIT,
  IPV6_PKTINFO,
  IPV6_RECVTCLASS,
  IPV6_TCLASS,
  MSG_CTRUNC,
  runIrp,
  SO_WSK_EVENT_CALLBACK,
  SOL_SOCKET,
  SockAddr,
  STATUS_BUFFER_OVERFLOW,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WskGetOption,
  WskSetOption,
  type AddressFamily,
  type Ref,
} from "@wskit/core";
import {
  controlMessages,
  getDatagramCounters,
  openDatagramSocket,
  SO_WSKIT_DGRAM_ENGINE,
  WSKIT_DGRAM_ENGINE_NATIVE,
  WSKIT_DGRAM_ENGINE_NODE,
  type DatagramSocket,
  type WskDatagramIndication,
} from "@wskit/dgram";
import { nativeBinding } from "../../src/engines/nativeBinding";
import { closeFixture, localAddressOf, newFixture, onEngineByDefault, openPeer, openSocket, sendFrom, setSocketOption, until, type Fixture } from "../helpers/sockets";

const native = nativeBinding().binding !== null;
let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const option = setSocketOption;
const enableEvents = (socket: DatagramSocket) =>
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);

async function receiveWithControl(socket: DatagramSocket, controlBytes: number) {
  const control = new Uint8Array(controlBytes + 8).fill(0xee);
  const controlLength: Ref<number> = { value: controlBytes };
  const flags: Ref<number> = { value: -1 };
  const data = new Uint8Array(64);
  const result = await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(data), 0, null, controlLength, control, flags, irp));
  return { result, control, controlLength: controlLength.value, flags: flags.value, data };
}

async function socketWithControl(family: AddressFamily) {
  const socket = await openSocket(fixture, { family, bind: false });
  const [level, pktinfo, hops, tclass] = family === AF_INET6 ? [IPPROTO_IPV6, IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_RECVTCLASS] : [IPPROTO_IP, IP_PKTINFO, IP_RECVTTL, IP_RECVTOS];
  for (const code of [pktinfo, hops, tclass]) expect((await option(socket, level, code, 1)).Status).toBe(STATUS_SUCCESS);
  const bound = await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(family, 0), 0, irp));
  expect(bound.Status).toBe(STATUS_SUCCESS);
  return socket;
}

describe.skipIf(!native)("native engine: control information (WSACMSGHDR records, Windows x64 layout)", () => {
  onEngineByDefault("native");

  it("IPv4: IP_PKTINFO (cmsg_len 24), the TTL (20) and the TOS (20), each record aligned to 8", async () => {
    const socket = await socketWithControl(AF_INET);
    const { peer } = await openPeer(fixture);
    const pending = receiveWithControl(socket, 128);
    await sendFrom(peer, await localAddressOf(socket), new TextEncoder().encode("ctl"));
    const { result, control, controlLength, flags } = await pending;
    expect(result).toEqual({ Status: STATUS_SUCCESS, Information: 3 });
    expect(flags).toBe(0);
    expect(controlLength).toBe(24 + 24 + 24);
    const view = new DataView(control.buffer);
    // Record 1: cmsg_len (8 bytes), level, type, then IN_PKTINFO { ipi_addr, ipi_ifindex }.
    expect(view.getBigUint64(0, true)).toBe(24n);
    expect([view.getInt32(8, true), view.getInt32(12, true)]).toEqual([IPPROTO_IP, IP_PKTINFO]);
    expect([...control.subarray(16, 20)]).toEqual([127, 0, 0, 1]);
    expect(view.getUint32(20, true)).toBeGreaterThan(0); // the loopback interface's index
    const messages = controlMessages(control, controlLength);
    expect(messages.map((m) => [m.level, m.type, m.data.byteLength])).toEqual([
      [IPPROTO_IP, IP_PKTINFO, 8],
      [IPPROTO_IP, IP_TTL, 4],
      [IPPROTO_IP, IP_TOS, 4],
    ]);
    expect(view.getBigUint64(24, true)).toBe(20n);
    const ttl = messages[1]?.data as Uint8Array;
    expect(new DataView(ttl.buffer, ttl.byteOffset, 4).getInt32(0, true)).toBe(64);
    expect(control[controlLength]).toBe(0xee); // nothing past what was reported
  });

  it("IPv6: IPV6_PKTINFO (cmsg_len 36), the hop limit and the traffic class", async () => {
    const socket = await socketWithControl(AF_INET6);
    const { peer } = await openPeer(fixture, AF_INET6);
    const pending = receiveWithControl(socket, 128);
    await sendFrom(peer, await localAddressOf(socket, AF_INET6), new TextEncoder().encode("v6"));
    const { result, control, controlLength } = await pending;
    expect(result.Status).toBe(STATUS_SUCCESS);
    const messages = controlMessages(control, controlLength);
    expect(messages.map((m) => [m.level, m.type, m.data.byteLength])).toEqual([
      [IPPROTO_IPV6, IPV6_PKTINFO, 20],
      [IPPROTO_IPV6, IPV6_HOPLIMIT, 4],
      [IPPROTO_IPV6, IPV6_TCLASS, 4],
    ]);
    expect(new DataView(control.buffer).getBigUint64(0, true)).toBe(36n);
    expect([...(messages[0]?.data as Uint8Array).subarray(0, 16)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(controlLength).toBe(40 + 24 + 24);
  });

  it("a control buffer too small: whole records only, MSG_CTRUNC, STATUS_BUFFER_OVERFLOW, the datagram still delivered", async () => {
    const socket = await socketWithControl(AF_INET);
    const { peer } = await openPeer(fixture);
    const pending = receiveWithControl(socket, 30);
    await sendFrom(peer, await localAddressOf(socket), new TextEncoder().encode("cut"));
    const { result, control, controlLength, flags, data } = await pending;
    expect(result).toEqual({ Status: STATUS_BUFFER_OVERFLOW, Information: 3 });
    expect(flags & MSG_CTRUNC).toBe(MSG_CTRUNC);
    expect(controlLength).toBe(24);
    expect(new TextDecoder().decode(data.subarray(0, 3))).toBe("cut");
    expect(control[24]).toBe(0xee);
  });

  it("each indication carries its ControlInfo / ControlInfoLength", async () => {
    const lists: Array<Array<[number, number[]]>> = [];
    const socket = await openSocket(fixture, {
      bind: false,
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
          const list: Array<[number, number[]]> = [];
          for (let item = head; item !== null; item = item.Next) list.push([item.ControlInfoLength, controlMessages(item.ControlInfo, item.ControlInfoLength).map((m) => m.type)]);
          lists.push(list);
          return STATUS_SUCCESS;
        },
      },
    });
    expect((await option(socket, IPPROTO_IP, IP_RECVTTL, 1)).Status).toBe(STATUS_SUCCESS);
    expect((await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp))).Status).toBe(STATUS_SUCCESS);
    enableEvents(socket);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), new Uint8Array([1]), new Uint8Array([2]));
    await until(() => lists.flat().length === 2);
    expect(lists.flat()).toEqual([
      [24, [IP_TTL]],
      [24, [IP_TTL]],
    ]);
  });

  it("an option of the other family's level is not supported; the node engine supports none", async () => {
    const socket = await openSocket(fixture, { bind: false });
    expect((await option(socket, IPPROTO_IPV6, IPV6_PKTINFO, 1)).Status).toBe(STATUS_NOT_SUPPORTED);
    const onNode = await openSocket(fixture, { bind: false });
    expect((await option(onNode, SOL_SOCKET, SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_NODE)).Status).toBe(STATUS_SUCCESS);
    expect((await option(onNode, IPPROTO_IP, IP_PKTINFO, 1)).Status).toBe(STATUS_NOT_SUPPORTED);
  });
});

describe.skipIf(!native)("native engine: receiving", () => {
  onEngineByDefault("native");

  it("datagrams longer than a slot (5,000 and 65,507 bytes) arrive whole, to IRPs and to the event callback", async () => {
    const socket = await openDatagramSocket({ engine: "native" });
    fixture.sockets.push(socket);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    const big = new Uint8Array(65_507).map((_, i) => i * 7);
    const buffer = new Uint8Array(70_000);
    const pending = runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(buffer), 0, null, null, null, null, irp));
    await sendFrom(peer, to, big);
    expect(await pending).toEqual({ Status: STATUS_SUCCESS, Information: 65_507 });
    expect(buffer.subarray(0, 65_507)).toEqual(big);

    const seen: Uint8Array[] = [];
    const pushed = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
          for (let item = head; item !== null; item = item.Next) seen.push(item.bytes.slice());
          return STATUS_SUCCESS;
        },
      },
    });
    enableEvents(pushed);
    const middle = new Uint8Array(5000).map((_, i) => i % 251);
    await sendFrom(peer, await localAddressOf(pushed), middle, new Uint8Array([9]));
    await until(() => seen.length === 2);
    expect(seen[0]).toEqual(middle);
    expect(seen[1]).toEqual(new Uint8Array([9]));
    expect(getDatagramCounters(pushed).engine).toBe("native");
  });

  it("a client cannot transfer pool memory out from under the engine; the socket goes on receiving", async () => {
    const kept: WskDatagramIndication[] = [];
    const seen: number[] = [];
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
          for (let item = head; item !== null; item = item.Next) seen.push(item.bytes[0] as number);
          if (head !== null && kept.length === 0) {
            kept.push(head);
            return STATUS_PENDING;
          }
          return STATUS_SUCCESS;
        },
      },
    });
    enableEvents(socket);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    await sendFrom(peer, to, new Uint8Array([1]));
    await until(() => kept.length === 1);
    const memory = (kept[0] as WskDatagramIndication).Buffer.Mdl?.MappedSystemVa.buffer as ArrayBuffer;
    const size = memory.byteLength;
    // The slab is marked untransferable: a transfer list copies it instead of detaching it.
    structuredClone(memory, { transfer: [memory] });
    expect(memory.byteLength).toBe(size);
    for (let i = 2; i <= 40; i++) await sendFrom(peer, to, new Uint8Array([i]));
    await until(() => seen.length === 40);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(socket.Dispatch.WskRelease(socket, kept[0] as WskDatagramIndication)).toBe(STATUS_SUCCESS);
  });

  it("under the verifier (freed buffers go back to the pool, poisoned), no two slots ever share a buffer", async () => {
    // Found by the CI's verifier pass: a slot given back a buffer another slot still pointed at
    // received two datagrams into one buffer, and a list lost the datagrams in between.
    const wasOn = isVerifierEnabled();
    enableVerifier();
    try {
      const lists: number[][] = [];
      let kept: WskDatagramIndication | null = null;
      const socket = await openSocket(fixture, {
        dispatch: {
          WskReceiveFromEvent: (_c, _f, head: WskDatagramIndication | null) => {
            const list: number[] = [];
            for (let item = head; item !== null; item = item.Next) list.push(item.bytes[0] as number);
            lists.push(list);
            if (kept !== null) return STATUS_SUCCESS;
            kept = head; // the first list is kept: its slot must get a fresh buffer
            return STATUS_PENDING;
          },
        },
      });
      enableEvents(socket);
      const { peer } = await openPeer(fixture);
      const to = await localAddressOf(socket);
      await sendFrom(peer, to, new Uint8Array([1]));
      await until(() => kept !== null);
      for (let i = 2; i <= 100; i++) await sendFrom(peer, to, new Uint8Array([i]));
      await until(() => lists.flat().length === 100);
      expect(lists.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(socket.Dispatch.WskRelease(socket, kept as unknown as WskDatagramIndication)).toBe(STATUS_SUCCESS);
    } finally {
      if (!wasOn) disableVerifier();
    }
  });

  it("a burst larger than the kernel's buffer: sent = received + droppedKernel, exactly", async () => {
    const receiver = await openDatagramSocket({ engine: "native" });
    fixture.sockets.push(receiver);
    const sender = await openDatagramSocket({ engine: "native" });
    fixture.sockets.push(sender);
    const to = await localAddressOf(receiver);
    // Sent in one turn, so the receiver cannot drain meanwhile: half again the most the kernel
    // buffers for a socket (net.core.rmem_max, doubled by the kernel).
    const rmemMax = Number(readFileSync("/proc/sys/net/core/rmem_max", "utf8"));
    const burst = Math.max(10_000, Math.ceil((rmemMax * 2 * 1.5) / 1200));
    const payload = createWskBuf(new Uint8Array(1200));
    const sends: Array<Promise<unknown>> = [];
    for (let i = 0; i < burst; i++) sends.push(runIrp((irp) => sender.Dispatch.WskSendTo(sender, payload, 0, to, 0, null, irp)));
    await Promise.all(sends);
    expect(getDatagramCounters(sender).sent).toBe(burst);
    await until(() => {
      const c = getDatagramCounters(receiver);
      return c.received + (c.droppedKernel ?? 0) === burst;
    });
    const counters = getDatagramCounters(receiver);
    expect(counters.droppedKernel).toBeGreaterThan(0);
    expect(counters.received + (counters.droppedKernel as number)).toBe(burst);
  });
});

describe.skipIf(!native)("native engine: SO_REUSEPORT", () => {
  onEngineByDefault("native");

  it("two worker threads share a port and the kernel spreads the datagrams over them", async () => {
    const probe = await openDatagramSocket({ engine: "native", reusePort: true });
    const port = (await localAddressOf(probe)).port;
    await probe[Symbol.asyncDispose]();
    const workers = [0, 1].map(
      () => new Worker(new URL("./reusePortWorker.mjs", import.meta.url), { workerData: { port }, execArgv: ["--conditions=@wskit/source"] }),
    );
    try {
      const ready = await Promise.all(workers.map((worker) => new Promise<{ engine: string }>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      })));
      expect(ready.map((r) => r.engine)).toEqual(["native", "native"]);
      // From many source ports, so the kernel's hash sends some to each socket.
      const to = SockAddr.loopback(AF_INET, port);
      for (let i = 0; i < 40; i++) {
        const { peer } = await openPeer(fixture);
        await sendFrom(peer, to, new Uint8Array(16), new Uint8Array(16), new Uint8Array(16), new Uint8Array(16), new Uint8Array(16));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const counts = await Promise.all(workers.map((worker) => new Promise<number>((resolve) => {
        worker.once("message", (message: { received: number }) => resolve(message.received));
        worker.postMessage("stop");
      })));
      const [first = 0, second = 0] = counts;
      expect(first + second).toBe(200);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
  }, 30_000);

  it("is refused on the node engine, and after the bind", async () => {
    await expect(openDatagramSocket({ engine: "node", reusePort: true })).rejects.toMatchObject({ code: "STATUS_NOT_SUPPORTED" });
    const bound = await openSocket(fixture);
    expect((await option(bound, SOL_SOCKET, 0x7f03, 1)).Status).toBe(STATUS_INVALID_DEVICE_STATE);
  });
});

describe("choosing the engine", () => {
  it("openDatagramSocket({ engine }) and getDatagramCounters(socket).engine", async () => {
    const onNode = await openDatagramSocket({ engine: "node" });
    fixture.sockets.push(onNode);
    expect(getDatagramCounters(onNode).engine).toBe("node");
    const auto = await openDatagramSocket({ engine: "auto" });
    fixture.sockets.push(auto);
    expect(getDatagramCounters(auto).engine).toBe(native ? "native" : "node");
    if (native) {
      const onNative = await openDatagramSocket({ engine: "native" });
      fixture.sockets.push(onNative);
      expect(getDatagramCounters(onNative).engine).toBe("native");
    } else {
      await expect(openDatagramSocket({ engine: "native" })).rejects.toMatchObject({ code: "ERR_ENGINE_UNAVAILABLE" });
    }
    await expect(openDatagramSocket({ engine: "fast" as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
  });

  it("SO_WSKIT_DGRAM_ENGINE: set before the bind, read back, refused after it", async () => {
    const socket = await openSocket(fixture, { bind: false });
    expect((await option(socket, SOL_SOCKET, SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_NODE)).Status).toBe(STATUS_SUCCESS);
    const value: Ref<number> = { value: -1 };
    const read = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskGetOption, SO_WSKIT_DGRAM_ENGINE, SOL_SOCKET, 0, null, 4, value, null, irp));
    expect([read.Status, value.value]).toEqual([STATUS_SUCCESS, WSKIT_DGRAM_ENGINE_NODE]);
    const native2 = await option(socket, SOL_SOCKET, SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_NATIVE);
    expect(native2.Status).toBe(native ? STATUS_SUCCESS : STATUS_NOT_SUPPORTED);
    expect((await option(socket, SOL_SOCKET, SO_WSKIT_DGRAM_ENGINE, 7)).Status).not.toBe(STATUS_SUCCESS);
    expect((await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp))).Status).toBe(STATUS_SUCCESS);
    expect(getDatagramCounters(socket).engine).toBe(native ? "native" : "node");
    expect((await option(socket, SOL_SOCKET, SO_WSKIT_DGRAM_ENGINE, WSKIT_DGRAM_ENGINE_NODE)).Status).toBe(STATUS_INVALID_DEVICE_STATE);
  });
});
