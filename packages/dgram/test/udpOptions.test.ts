// SPEC §9: the UDP options, each a faithful WskControlSocket option with its Winsock name and
// value, and openDatagramSocket's options over them, on loopback, on every engine that loads.
import { describe, expect, it } from "vitest";
import type {
  WskError} from "@wskit/core";
import {
  createWskBuf,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IP_MULTICAST_LOOP,
  IP_MULTICAST_TTL,
  IP_RECVTTL,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPV6_MULTICAST_HOPS,
  IPV6_MULTICAST_IF,
  IPV6_MULTICAST_LOOP,
  IPV6_UNICAST_HOPS,
  ref,
  runIrp,
  SO_BROADCAST,
  SO_RCVBUF,
  SO_REUSEADDR,
  SO_SNDBUF,
  SOL_SOCKET,
  STATUS_ADDRESS_ALREADY_EXISTS,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  WskGetOption,
  WskSetOption,
  type WskSocketObject,
} from "@wskit/core";
import { controlMessages, joinMulticastGroup, leaveMulticastGroup, openDatagramSocket, receiveFrom, sendTo, type DatagramSocket } from "@wskit/dgram";
import { nativeBinding } from "../src/engines/nativeBinding";

const native = nativeBinding().binding !== null;
const engines = native ? (["node", "native"] as const) : (["node"] as const);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
let nextGroup = 1;

function setOption(socket: DatagramSocket, level: number, option: number, value: unknown, size = 4): Promise<number> {
  return runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, option, level, size, value, 0, null, null, irp)).then((r) => r.Status);
}

async function getOption(socket: WskSocketObject & DatagramSocket, level: number, option: number): Promise<number> {
  const value = ref(-1);
  const { Status } = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskGetOption, option, level, 0, null, 4, value, null, irp));
  expect(Status).toBe(STATUS_SUCCESS);
  return value.value;
}

describe.each(engines)("UDP options on the %s engine (SPEC §9)", (engine) => {
  it("reuseAddr: two sockets that set it share a port; without it the second bind fails", async () => {
    await using first = await openDatagramSocket({ engine, reuseAddr: true });
    const at = String(first.localAddress);
    await using second = await openDatagramSocket({ engine, reuseAddr: true, address: at });
    expect(String(second.localAddress)).toBe(at);
    expect(await getOption(second, SOL_SOCKET, SO_REUSEADDR)).toBe(1);
    const refused = (await openDatagramSocket({ engine, address: at }).catch((e: unknown) => e)) as WskError;
    expect(refused.code).toBe("STATUS_ADDRESS_ALREADY_EXISTS");
    // Decided by the bind: refused after it.
    expect(await setOption(second, SOL_SOCKET, SO_REUSEADDR, 0)).toBe(STATUS_INVALID_DEVICE_STATE);
  });

  it("broadcast: a send to a broadcast address is refused without it and arrives with it", async () => {
    await using receiver = await openDatagramSocket({ engine, address: "0.0.0.0:0" });
    await using sender = await openDatagramSocket({ engine });
    const to = `127.255.255.255:${receiver.localAddress?.port}`;
    const refused = (await sendTo(sender, "no", to).catch((e: unknown) => e)) as WskError;
    expect(refused.code).toBe("STATUS_ACCESS_DENIED");
    expect((refused.cause as NodeJS.ErrnoException).code).toBe("EACCES");
    expect(await setOption(sender, SOL_SOCKET, SO_BROADCAST, 1)).toBe(STATUS_SUCCESS);
    expect(await getOption(sender, SOL_SOCKET, SO_BROADCAST)).toBe(1);
    const arriving = receiveFrom(receiver);
    await sendTo(sender, "everyone", to);
    expect(decode((await arriving).bytes)).toBe("everyone");
    await using opened = await openDatagramSocket({ engine, broadcast: true });
    await sendTo(opened, "again", to);
  });

  it("send buffer size, TTL and multicast settings: set, read back, and checked", async () => {
    await using socket = await openDatagramSocket({ engine, receiveBufferSize: 64 * 1024, sendBufferSize: 100_000, ttl: 7, multicast: { ttl: 3, loopback: false } });
    expect(await getOption(socket, SOL_SOCKET, SO_RCVBUF)).toBe(64 * 1024);
    expect(await getOption(socket, SOL_SOCKET, SO_SNDBUF)).toBe(100_000);
    expect(await getOption(socket, IPPROTO_IP, IP_TTL)).toBe(7);
    expect(await getOption(socket, IPPROTO_IP, IP_MULTICAST_TTL)).toBe(3);
    expect(await getOption(socket, IPPROTO_IP, IP_MULTICAST_LOOP)).toBe(0);
    await using plain = await openDatagramSocket({ engine });
    expect(await getOption(plain, IPPROTO_IP, IP_TTL)).toBe(64);
    expect(await getOption(plain, IPPROTO_IP, IP_MULTICAST_TTL)).toBe(1);
    expect(await getOption(plain, IPPROTO_IP, IP_MULTICAST_LOOP)).toBe(1);
    expect(await getOption(plain, SOL_SOCKET, SO_SNDBUF)).toBeGreaterThan(0);
    for (const [level, option, value] of [
      [IPPROTO_IP, IP_TTL, 0],
      [IPPROTO_IP, IP_TTL, 256],
      [IPPROTO_IP, IP_MULTICAST_TTL, -1],
      [SOL_SOCKET, SO_SNDBUF, 10],
      [IPPROTO_IP, IP_TTL, "7"],
    ] as const) {
      expect(await setOption(plain, level, option, value)).toBe(STATUS_INVALID_PARAMETER);
    }
    const bad = (await openDatagramSocket({ engine, ttl: 300 }).catch((e: unknown) => e)) as WskError;
    expect(bad.message).toBe("openDatagramSocket: ttl 300 (1 to 255): invalid argument (STATUS_INVALID_PARAMETER)");
  });

  it.skipIf(!native)("ttl reaches the wire: a native receiver's IP_RECVTTL sees it", async () => {
    await using receiver = await openDatagramSocket({ engine: "native" });
    expect(await setOption(receiver, IPPROTO_IP, IP_RECVTTL, 1)).toBe(STATUS_SUCCESS);
    await using sender = await openDatagramSocket({ engine, ttl: 9 });
    const control = new Uint8Array(64);
    const controlLength = ref(control.byteLength);
    const arriving = runIrp((irp) => receiver.Dispatch.WskReceiveFrom(receiver, createWskBuf(new Uint8Array(16)), 0, null, controlLength, control, ref(0), irp));
    await sendTo(sender, "ttl", receiver.localAddress);
    expect((await arriving).Status).toBe(STATUS_SUCCESS);
    const ttl = controlMessages(control, controlLength.value).find((m) => m.level === IPPROTO_IP && m.type === IP_TTL);
    expect(ttl && new DataView(ttl.data.buffer, ttl.data.byteOffset, 4).getInt32(0, true)).toBe(9);
  });

  it("IPv4 multicast on loopback: join, receive, leave", async () => {
    const group = `239.255.77.${nextGroup++}`;
    await using receiver = await openDatagramSocket({ engine, address: "0.0.0.0:0", reuseAddr: true, multicast: { join: group, interface: "127.0.0.1" } });
    await using sender = await openDatagramSocket({ engine, multicast: { interface: "127.0.0.1", loopback: true, ttl: 1 } });
    const to = `${group}:${receiver.localAddress?.port}`;
    const arriving = receiveFrom(receiver);
    await sendTo(sender, "to the group", to);
    expect(decode((await arriving).bytes)).toBe("to the group");
    // Joined already: the second join is refused, and so is a group that is not multicast.
    expect(await setOption(receiver, IPPROTO_IP, IP_ADD_MEMBERSHIP, { imr_multiaddr: group, imr_interface: "127.0.0.1" }, 8)).toBe(STATUS_ADDRESS_ALREADY_EXISTS);
    expect(await setOption(receiver, IPPROTO_IP, IP_ADD_MEMBERSHIP, { imr_multiaddr: "10.0.0.1", imr_interface: "127.0.0.1" }, 8)).toBe(STATUS_INVALID_PARAMETER);
    await leaveMulticastGroup(receiver, group, { interface: "127.0.0.1" });
    const left = (await leaveMulticastGroup(receiver, group, { interface: "127.0.0.1" }).catch((e: unknown) => e)) as WskError;
    expect(left.status).toBe(STATUS_INVALID_ADDRESS_COMPONENT);
    expect(left.message).toMatch(new RegExp(`^leave multicast group ${group.replace(/\./g, "\\.")} on 127\\.0\\.0\\.1: `));
    await sendTo(sender, "after leaving", to);
    const nothing = await receiveFrom(receiver, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect((nothing as DOMException).name).toBe("TimeoutError");
    // The IP_MREQ's C layout (8 bytes: group, interface) is taken too.
    const bytes = new Uint8Array([239, 255, 77, 200, 127, 0, 0, 1]);
    expect(await setOption(receiver, IPPROTO_IP, IP_ADD_MEMBERSHIP, bytes, 8)).toBe(STATUS_SUCCESS);
    expect(await setOption(receiver, IPPROTO_IP, IP_DROP_MEMBERSHIP, bytes, 8)).toBe(STATUS_SUCCESS);
  });

  it("a membership needs a bound socket", async () => {
    const { registerWskClient, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, AF_INET } = await import("@wskit/core");
    const client = registerWskClient();
    const made = await runIrp((irp) => client.npi.Dispatch.WskSocket(client.npi.Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, null, null, null, null, irp));
    const socket = made.Information as DatagramSocket;
    expect(await setOption(socket, IPPROTO_IP, IP_ADD_MEMBERSHIP, { imr_multiaddr: "239.255.77.9", imr_interface: "0.0.0.0" }, 8)).toBe(STATUS_INVALID_DEVICE_STATE);
    await socket[Symbol.asyncDispose]();
    await client.close();
  });

  it("IPv6: joins and leaves a group on loopback, hops and loop set (lo carries no IPv6 multicast here)", async () => {
    await using socket = await openDatagramSocket({ engine, address: "[::]:0", ttl: 5, multicast: { ttl: 2, loopback: false, interface: 1 } });
    expect(await getOption(socket, IPPROTO_IPV6, IPV6_UNICAST_HOPS)).toBe(5);
    expect(await getOption(socket, IPPROTO_IPV6, IPV6_MULTICAST_HOPS)).toBe(2);
    expect(await getOption(socket, IPPROTO_IPV6, IPV6_MULTICAST_LOOP)).toBe(0);
    expect(await getOption(socket, IPPROTO_IPV6, IPV6_MULTICAST_IF)).toBe(1);
    await joinMulticastGroup(socket, "ff02::1:3", { interface: 1 });
    await leaveMulticastGroup(socket, "ff02::1:3", { interface: 1 });
    const again = (await leaveMulticastGroup(socket, "ff02::1:3", { interface: 1 }).catch((e: unknown) => e)) as WskError;
    expect(again.status).toBe(STATUS_INVALID_ADDRESS_COMPONENT);
    const notMulticast = (await joinMulticastGroup(socket, "fe80::1", { interface: 1 }).catch((e: unknown) => e)) as WskError;
    expect(notMulticast.status).toBe(STATUS_INVALID_PARAMETER);
  });
});

describe("the UDP options under hostile input (SPEC §7)", () => {
  it("any value to any of them: a status, never a throw, and the socket still works", async () => {
    const { default: fc } = await import("fast-check");
    await using socket = await openDatagramSocket();
    await using peer = await openDatagramSocket();
    const codes: Array<[number, number]> = [
      [SOL_SOCKET, SO_SNDBUF],
      [SOL_SOCKET, SO_REUSEADDR],
      [SOL_SOCKET, SO_BROADCAST],
      [IPPROTO_IP, IP_TTL],
      [IPPROTO_IP, IP_MULTICAST_TTL],
      [IPPROTO_IP, IP_MULTICAST_LOOP],
      [IPPROTO_IP, 9],
      [IPPROTO_IP, IP_ADD_MEMBERSHIP],
      [IPPROTO_IP, IP_DROP_MEMBERSHIP],
      [IPPROTO_IPV6, IPV6_UNICAST_HOPS],
      [IPPROTO_IPV6, IPV6_MULTICAST_IF],
    ];
    const hostile = fc.oneof(
      fc.integer({ min: -2, max: 70_000 }),
      fc.double(),
      fc.string(),
      fc.constantFrom(null, undefined, {}, [], Object.freeze(ref(1)), ref(Number.NaN), new Uint8Array(3), new Uint8Array(8), new Uint8Array(20)),
      fc.record({ imr_multiaddr: fc.oneof(fc.string(), fc.constant("239.1.1.1"), fc.integer()), imr_interface: fc.oneof(fc.string(), fc.constant("0.0.0.0")) }),
      fc.record({ ipv6mr_multiaddr: fc.oneof(fc.string(), fc.constant("ff02::9")), ipv6mr_interface: fc.oneof(fc.integer(), fc.double()) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(codes.length - 1), hostile, fc.constantFrom(WskSetOption, WskGetOption), async (which, value, type) => {
        const [level, code] = codes[which] as [number, number];
        const output = ref(0);
        const { Status } = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, type, code, level, 8, value, 4, output, null, irp));
        expect(typeof Status).toBe("number");
      }),
      { numRuns: 300, seed: 20261201 },
    );
    // Still works: a datagram goes through (broadcast and TTL whatever the run left them).
    const arriving = receiveFrom(peer);
    await sendTo(socket, "still here", peer.localAddress);
    expect(decode((await arriving).bytes)).toBe("still here");
  });
});
