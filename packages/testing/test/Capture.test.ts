import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { openDatagramSocket, sendTo } from "@wskit/dgram";
import { createTestNetwork, type TestNetwork } from "../src/index";
import { receiver } from "./helpers/endpoints";
import { readPcapng } from "./helpers/readPcapng";

let network: TestNetwork;
afterEach(async () => {
  await network?.close();
});

// tcpdump (Debian's package) where it is installed; the reader above checks every file regardless.
const tcpdump = (() => {
  try {
    execFileSync("tcpdump", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

async function capturedTraffic() {
  network = createTestNetwork({ hosts: ["10.0.0.1", "fd00::1"] });
  const v4 = await receiver(network, "10.0.0.1:41000");
  const v6 = await receiver(network, "[fd00::1]:41000");
  await using sender4 = await openDatagramSocket({ network, address: "127.0.0.1:40000" });
  await using sender6 = await openDatagramSocket({ network, address: "[::1]:40000" });
  const capture = network.capture();
  await sendTo(sender4, "first", v4.address);
  await network.advance(1.5);
  network.link("127.0.0.1", "10.0.0.1").impair({ partition: true });
  await sendTo(sender4, "cut off", v4.address);
  await sendTo(sender6, "odd!", v6.address);
  await network.advance(2);
  capture.stop();
  await sendTo(sender6, "after the stop", v6.address);
  await network.runUntilIdle();
  await v4.socket[Symbol.asyncDispose]();
  await v6.socket[Symbol.asyncDispose]();
  return capture;
}

describe("capture", () => {
  test("records each datagram where it entered its link and where it was delivered, with what was dropped", async () => {
    const capture = await capturedTraffic();
    expect(capture.datagrams.map((d) => `${d.point} ${d.time} ${new TextDecoder().decode(d.payload)} ${d.dropped}`)).toEqual([
      "sent 0 first null",
      "delivered 0 first null",
      "sent 1.5 cut off partition",
      "sent 1.5 odd! null",
      "delivered 1.5 odd! null",
    ]);
    expect(capture.missed).toBe(0);
  });

  test("writes a pcapng file: one interface of raw IP, each packet's direction, synthesised IPv4/IPv6 + UDP headers with valid checksums, the network's time", async () => {
    const file = (await capturedTraffic()).toPcapng();
    const read = readPcapng(file);
    expect(read.application).toBe("@wskit/testing");
    expect(read.interfaces).toEqual([{ linkType: 101, name: "test network", tsresol: 6 }]);
    // Direction 2 (outbound): as sent; 1 (inbound): as delivered.
    expect(read.packets.map((p) => [p.direction, p.timestampMicros, p.family, `${p.source}:${p.sourcePort}`, `${p.destination}:${p.destinationPort}`, new TextDecoder().decode(p.payload), p.comment])).toEqual([
      [2, 0, 4, "127.0.0.1:40000", "10.0.0.1:41000", "first", null],
      [1, 0, 4, "127.0.0.1:40000", "10.0.0.1:41000", "first", null],
      [2, 1500, 4, "127.0.0.1:40000", "10.0.0.1:41000", "cut off", "dropped: partition"],
      [2, 1500, 6, "0:0:0:0:0:0:0:1:40000", "fd00:0:0:0:0:0:0:1:41000", "odd!", null],
      [1, 1500, 6, "0:0:0:0:0:0:0:1:40000", "fd00:0:0:0:0:0:0:1:41000", "odd!", null],
    ]);
    for (const packet of read.packets) {
      expect(packet.ipChecksumOk).toBe(true);
      expect(packet.udpChecksumOk).toBe(true);
    }
  });

  test.runIf(tcpdump)("tcpdump -r reads the file back", async () => {
    const capture = await capturedTraffic();
    const dir = mkdtempSync(join(tmpdir(), "wskit-capture-"));
    try {
      const path = join(dir, "traffic.pcapng");
      await capture.writeFile(path);
      const printed = execFileSync("tcpdump", ["-r", path, "-n", "-tt", "-vv"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      const lines = printed.trim().split("\n").filter((line) => /^\d/.test(line));
      expect(lines).toHaveLength(5);
      expect(printed).toContain("127.0.0.1.40000 > 10.0.0.1.41000: [udp sum ok] UDP, length 5");
      expect(printed).toContain("::1.40000 > fd00::1.41000: [udp sum ok] UDP, length 4");
      expect(printed).toContain("0.001500");
      expect(printed).not.toMatch(/bad|invalid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("connections are captured as TCP segments: the handshake, data with its sequence numbers, the FIN; valid checksums", async () => {
    network = createTestNetwork();
    const server = network.net.createServer((socket) => {
      socket.on("data", () => {});
      socket.end("pong");
    });
    await new Promise<void>((resolve) => server.listen(41000, "127.0.0.1", resolve));
    const capture = network.capture();
    const client = network.net.connect(41000, "127.0.0.1");
    client.on("data", () => {});
    client.end("ping!");
    await network.runUntilIdle();
    capture.stop();
    server.close();
    const read = readPcapng(capture.toPcapng());
    const sent = read.packets.filter((p) => p.direction === 2 && p.tcp !== null);
    const flags = sent.map((p) => p.tcp?.flags);
    // SYN, SYN-ACK, then data (PSH|ACK) and FIN|ACK each way.
    expect(flags.slice(0, 2)).toEqual([0x02, 0x12]);
    expect(flags.filter((f) => f === 0x18)).toHaveLength(2);
    expect(flags.filter((f) => f === 0x11)).toHaveLength(2);
    const syn = sent[0]?.tcp;
    const ping = sent.find((p) => new TextDecoder().decode(p.payload) === "ping!");
    const pong = sent.find((p) => new TextDecoder().decode(p.payload) === "pong");
    expect(ping?.tcp?.seq).toBe(((syn?.seq ?? 0) + 1) >>> 0);
    expect(pong?.tcp?.seq).toBe(((sent[1]?.tcp?.seq ?? 0) + 1) >>> 0);
    for (const packet of read.packets) expect([packet.ipChecksumOk, packet.udpChecksumOk]).toEqual([true, true]);
    expect(read.packets.filter((p) => p.direction === 1)).toHaveLength(read.packets.filter((p) => p.direction === 2).length);
    if (tcpdump) {
      const dir = mkdtempSync(join(tmpdir(), "wskit-capture-"));
      try {
        const path = join(dir, "tcp.pcapng");
        await capture.writeFile(path);
        const printed = execFileSync("tcpdump", ["-r", path, "-n", "-tt", "-vv"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        expect(printed).toMatch(/127\.0\.0\.1\.\d+ > 127\.0\.0\.1\.41000: Flags \[S\]/);
        expect(printed).toMatch(/Flags \[P\.\].*length 5/);
        expect(printed).not.toMatch(/bad|incorrect/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  test("a capture's limit bounds its memory; what it could not keep is counted", async () => {
    network = createTestNetwork();
    const end = await receiver(network);
    await using sender = await openDatagramSocket({ network });
    const capture = network.capture({ limit: 3 });
    for (let i = 0; i < 4; i++) await sendTo(sender, "x", end.address);
    await network.runUntilIdle();
    expect(capture.datagrams).toHaveLength(3);
    expect(capture.missed).toBe(5);
    expect(() => network.capture({ limit: -1 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    await end.socket[Symbol.asyncDispose]();
  });
});
