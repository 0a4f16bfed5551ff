import { createSocket } from "node:dgram";
import { createServer } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import {
  AF_INET,
  IPPROTO_UDP,
  runIrp,
  SOCK_DGRAM,
  SockAddr,
  STATUS_SUCCESS,
  WSK_FLAG_DATAGRAM_SOCKET,
  WSK_INFINITE_WAIT,
  WSK_PROVIDER_NPI,
  WSK_PROVIDER_VERSION,
  WSK_REGISTRATION,
  WskCaptureProviderNPI,
  WskDeregister,
  WskReleaseProviderNPI,
  registerWskClient,
} from "@wskit/core";
import { getDatagramCounters, openDatagramSocket, receiveFrom, sendTo, type DatagramSocket } from "@wskit/dgram";
import { connect, listen } from "@wskit/stream";
import { createTestNetwork, type TestNetwork } from "../src/index";
import { receiver } from "./helpers/endpoints";

let network: TestNetwork;
afterEach(async () => {
  await network?.close();
});

describe("createTestNetwork", () => {
  test("checks its options before making anything", () => {
    expect(() => createTestNetwork(null as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => createTestNetwork({ seed: -1 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => createTestNetwork({ seed: 1.5 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => createTestNetwork({ seed: "1" as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => createTestNetwork({ clock: "fast" as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => createTestNetwork({ hosts: "10.0.0.1" as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => createTestNetwork({ hosts: ["10.0.0.300"] })).toThrow(expect.objectContaining({ code: "ERR_INVALID_IP_ADDRESS" }));
    expect(() => createTestNetwork({ hosts: ["0.0.0.0"] })).toThrow(expect.objectContaining({ code: "ERR_INVALID_IP_ADDRESS" }));
    network = createTestNetwork({ hosts: ["10.0.0.1", "fd00:0::1"] });
    expect(network.seed).toBe(1);
    expect(network.clock).toBe("virtual");
    expect(network.hosts).toEqual(["127.0.0.1", "::1", "10.0.0.1", "fd00::1"]);
  });

  test("a socket made with the network option is dgram's own, carried by the network", async () => {
    network = createTestNetwork();
    const end = await receiver(network);
    await using sender = await openDatagramSocket({ network });
    expect(getDatagramCounters(end.socket).engine).toBe("test");
    await sendTo(sender, "over the network", end.address);
    await network.advance(0);
    expect(end.received.map((d) => new TextDecoder().decode(d.bytes))).toEqual(["over the network"]);
    expect(end.received[0]?.from).toBe(sender.localAddress?.toString());
    expect(network.counters()).toMatchObject({ sent: 1, delivered: 1, inFlight: 0 });
    await end.socket[Symbol.asyncDispose]();
  });

  test("IPv6 sockets, and hosts of their own, each bind and receive at their address", async () => {
    network = createTestNetwork({ hosts: ["10.0.0.1", "10.0.0.2", "fd00::2"] });
    await using a = await openDatagramSocket({ network, address: "10.0.0.1:5000" });
    await using b = await openDatagramSocket({ network, address: "10.0.0.2:5000" });
    await using six = await openDatagramSocket({ network, address: "[fd00::2]:7" });
    const got = receiveFrom(b);
    const gotSix = receiveFrom(six);
    await sendTo(a, "a to b", "10.0.0.2:5000");
    await using fromSix = await openDatagramSocket({ network, address: "[::1]:0" });
    await sendTo(fromSix, "six", "[fd00::2]:7");
    await network.advance(0);
    const datagram = await got;
    expect(datagram.remote.toString()).toBe("10.0.0.1:5000");
    expect((await gotSix).remote.address).toBe("::1");
    expect(network.link("10.0.0.1", "10.0.0.2").counters.delivered).toBe(1);
  });

  test("binds fail as a host's would: an address not on the network, a port in use", async () => {
    network = createTestNetwork();
    await expect(openDatagramSocket({ network, address: "10.9.9.9:0" })).rejects.toMatchObject({ code: "STATUS_INVALID_ADDRESS_COMPONENT", cause: { code: "EADDRNOTAVAIL" } });
    await using first = await openDatagramSocket({ network, address: "127.0.0.1:4000" });
    await expect(openDatagramSocket({ network, address: "127.0.0.1:4000" })).rejects.toMatchObject({ code: "STATUS_ADDRESS_ALREADY_EXISTS" });
    await expect(openDatagramSocket({ network, address: "0.0.0.0:4000" })).rejects.toMatchObject({ code: "STATUS_ADDRESS_ALREADY_EXISTS" });
    // Other families and ports are free; a closed socket's port is free again.
    await using six = await openDatagramSocket({ network, address: "[::1]:4000" });
    await first[Symbol.asyncDispose]();
    await using again = await openDatagramSocket({ network, address: "127.0.0.1:4000" });
    expect(again.localAddress?.port).toBe(4000);
    expect(six.localAddress?.port).toBe(4000);
  });

  test("a socket bound to the unspecified address receives at every host of its family", async () => {
    network = createTestNetwork({ hosts: ["10.0.0.1"] });
    const any = await receiver(network, "0.0.0.0:9000");
    await using sender = await openDatagramSocket({ network, address: "10.0.0.1:0" });
    await sendTo(sender, "to loopback", "127.0.0.1:9000");
    await sendTo(sender, "to the host", "10.0.0.1:9000");
    await sendTo(sender, "to nobody", "10.0.0.7:9000");
    await network.advance(0);
    expect(any.received.map((d) => new TextDecoder().decode(d.bytes))).toEqual(["to loopback", "to the host"]);
    expect(network.link("10.0.0.1", "10.0.0.7").counters.dropped.noListener).toBe(1);
    await any.socket[Symbol.asyncDispose]();
  });

  test("the network is isolated: nothing it carries reaches a real socket on the same port", async () => {
    network = createTestNetwork();
    const real = createSocket("udp4");
    let leaked = 0;
    real.on("message", () => leaked++);
    await new Promise<void>((resolve) => real.bind(0, "127.0.0.1", resolve));
    const port = real.address().port;
    await using sender = await openDatagramSocket({ network });
    await sendTo(sender, "stays in the simulation", `127.0.0.1:${port}`);
    await network.advance(10);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(leaked).toBe(0);
    expect(network.counters().dropped.noListener).toBe(1);
    await new Promise<void>((resolve) => real.close(() => resolve()));
  });

  test("code from the pages registers with the network (WskRegister, WskCaptureProviderNPI, WskSocket)", async () => {
    network = createTestNetwork();
    const registration = new WSK_REGISTRATION();
    expect(network.WskRegister({ ClientContext: null, Dispatch: { Version: WSK_PROVIDER_VERSION, WskClientEvent: null } }, registration)).toBe(STATUS_SUCCESS);
    const npi = new WSK_PROVIDER_NPI();
    expect(WskCaptureProviderNPI(registration, WSK_INFINITE_WAIT, npi)).toBe(STATUS_SUCCESS);
    const created = await runIrp((irp) => npi.Dispatch.WskSocket(npi.Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, null, null, null, null, irp));
    expect(created.Status).toBe(STATUS_SUCCESS);
    const socket = created.Information as DatagramSocket;
    expect((await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp))).Status).toBe(STATUS_SUCCESS);
    expect(getDatagramCounters(socket).engine).toBe("test");
    await socket[Symbol.asyncDispose]();
    WskReleaseProviderNPI(registration);
    WskDeregister(registration);
  });

  test("connections stay on the network: no listener is STATUS_CONNECTION_REFUSED, whatever listens on the host", async () => {
    network = createTestNetwork();
    const real = createServer(() => {});
    await new Promise<void>((resolve) => real.listen(0, "127.0.0.1", resolve));
    const port = (real.address() as { port: number }).port;
    await expect(connect(`127.0.0.1:${port}`, { network })).rejects.toMatchObject({ code: "STATUS_CONNECTION_REFUSED", cause: { code: "ECONNREFUSED" } });
    await new Promise<void>((resolve) => real.close(() => resolve()));
    await using listener = await listen("127.0.0.1:0", { network });
    await expect(listen(`127.0.0.1:${listener.address.port}`, { network })).rejects.toMatchObject({ code: "STATUS_ADDRESS_ALREADY_EXISTS" });
    await expect(listen("10.1.2.3:0", { network })).rejects.toMatchObject({ code: "STATUS_INVALID_ADDRESS_COMPONENT" });
  });

  test("the helpers take a network or a client, not both, and check the network", async () => {
    network = createTestNetwork();
    await using client = registerWskClient();
    await expect(openDatagramSocket({ network, client })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
    await expect(openDatagramSocket({ network: {} as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await expect(openDatagramSocket({ network: 7 as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    const throwing = Object.defineProperty({}, "client", {
      get() {
        throw new Error("hostile");
      },
    });
    await expect(openDatagramSocket({ network: throwing as never })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await expect(connect("127.0.0.1:9", { network, client })).rejects.toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
  });

  test("a closed network refuses new use; its sockets' sends go nowhere", async () => {
    network = createTestNetwork();
    const socket = await openDatagramSocket({ network });
    await socket[Symbol.asyncDispose]();
    await network.close();
    expect(() => network.client).toThrow(expect.objectContaining({ code: "ERR_INVALID_STATE" }));
    await expect(openDatagramSocket({ network })).rejects.toMatchObject({ code: "ERR_INVALID_STATE" });
    expect(() => network.capture()).toThrow(expect.objectContaining({ code: "ERR_INVALID_STATE" }));
    await expect(network.advance(1)).rejects.toMatchObject({ code: "ERR_INVALID_STATE" });
  });
});
