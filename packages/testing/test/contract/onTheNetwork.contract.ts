// The contract run's own check that it is what it says: sockets made through any client, and the
// tests' node:dgram peers, are on the test network.
import { createSocket } from "node:dgram";
import { expect, test } from "vitest";
import { registerWskClient } from "@wskit/core";
import { getDatagramCounters, openDatagramSocket } from "@wskit/dgram";
import { contractNetwork } from "./network";

test("every datagram socket of the run, and every peer, is on the test network", async () => {
  await using client = registerWskClient();
  await using viaClient = await openDatagramSocket({ client });
  await using viaDefault = await openDatagramSocket();
  expect(getDatagramCounters(viaClient).engine).toBe("test");
  expect(getDatagramCounters(viaDefault).engine).toBe("test");
  const peer = createSocket("udp4");
  await new Promise<void>((resolve) => peer.bind(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => peer.send("hello", viaDefault.localAddress!.port, "127.0.0.1", () => resolve()));
  await contractNetwork().advance(0);
  expect(getDatagramCounters(viaDefault).received).toBe(1);
  expect(contractNetwork().counters().delivered).toBe(1);
  await new Promise<void>((resolve) => peer.close(() => resolve()));
});
