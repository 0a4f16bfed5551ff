import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A user installs @wskit/core and @wskit/dgram only, from their tarballs, into a project of their
// own with npm: datagram sockets must work from ESM and from CommonJS.
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const project = mkdtempSync(join(tmpdir(), "wskit-selective-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

// As a user runs them: without the NODE_PATH the test runner sets (it reaches the workspace's packages).
const userEnv = { ...process.env };
delete userEnv.NODE_PATH;
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000, env: userEnv });

// ESM imports @wskit/core alone: WskSocket for a datagram socket has core load @wskit/dgram itself.
const ESM = `
import { AF_INET, createWskBuf, IPPROTO_UDP, registerWskClient, runIrp, SockAddr, SOCK_DGRAM, STATUS_SUCCESS, WSK_FLAG_DATAGRAM_SOCKET } from "@wskit/core";
const wsk = registerWskClient();
const { Client, Dispatch } = wsk.npi;
const open = async () => {
  const made = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, null, null, null, null, irp));
  if (made.Status !== STATUS_SUCCESS) throw new Error("WskSocket: " + made.Status.toString(16));
  const socket = made.Information;
  await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp));
  return socket;
};
const a = await open();
const b = await open();
const to = new SockAddr();
await runIrp((irp) => b.Dispatch.WskGetLocalAddress(b, to, irp));
const buffer = new Uint8Array(64);
const received = runIrp((irp) => b.Dispatch.WskReceiveFrom(b, createWskBuf(buffer), 0, null, null, null, null, irp));
await runIrp((irp) => a.Dispatch.WskSendTo(a, createWskBuf(new TextEncoder().encode("esm round trip")), 0, to, 0, null, irp));
const { Information } = await received;
console.log(new TextDecoder().decode(buffer.subarray(0, Information)), a.constructor.name);
await runIrp((irp) => a.Dispatch.WskCloseSocket(a, irp));
await runIrp((irp) => b.Dispatch.WskCloseSocket(b, irp));
await wsk.close();
`;

const CJS = `
const { SockAddr, runIrp } = require("@wskit/core");
const { getDatagramCounters, openDatagramSocket, receiveFrom, sendTo } = require("@wskit/dgram");
(async () => {
  const a = await openDatagramSocket();
  const b = await openDatagramSocket();
  const to = new SockAddr();
  await runIrp((irp) => b.Dispatch.WskGetLocalAddress(b, to, irp));
  const received = receiveFrom(b);
  await sendTo(a, "cjs round trip", to);
  const native = await openDatagramSocket({ engine: "native" }).then((s) => s[Symbol.asyncDispose]().then(() => "native"), (e) => e.code);
  console.log(new TextDecoder().decode((await received).bytes), getDatagramCounters(b).engine, native);
  await a[Symbol.asyncDispose]();
  await b[Symbol.asyncDispose]();
  process.exit(0);
})();
`;

describe("installing @wskit/core and @wskit/dgram (and @wskit/dgram-native) alone", () => {
  it("packs with pnpm, installs with npm outside the workspace, and runs from ESM and CJS", () => {
    for (const name of ["core", "dgram"]) run("pnpm", ["pack", "--pack-destination", project], join(repo, "packages", name));
    const tarballs = readdirSync(project).filter((file) => file.endsWith(".tgz"));
    expect(tarballs.sort()).toEqual([expect.stringMatching(/^wskit-core-/), expect.stringMatching(/^wskit-dgram-/)]);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "selective-install", private: true, type: "module" }));
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs.map((file) => `./${file}`)], project);
    expect(readdirSync(join(project, "node_modules", "@wskit")).sort()).toEqual(["core", "dgram"]);

    writeFileSync(join(project, "esm.mjs"), ESM);
    writeFileSync(join(project, "cjs.cjs"), CJS);
    expect(run(process.execPath, ["esm.mjs"], project).trim()).toBe("esm round trip DatagramSocket");
    // Without @wskit/dgram-native: the node engine, and an explicit ask for native says why not.
    expect(run(process.execPath, ["cjs.cjs"], project).trim()).toBe("cjs round trip node ERR_ENGINE_UNAVAILABLE");
  }, 180_000);

  it.skipIf(process.platform !== "linux" || process.arch !== "x64")("with @wskit/dgram-native too: the prebuilt binary loads, no compiler runs, datagrams go through the native engine", () => {
    const nativeProject = mkdtempSync(join(tmpdir(), "wskit-selective-native-"));
    try {
      for (const name of ["core", "dgram", "dgram-native"]) run("pnpm", ["pack", "--pack-destination", nativeProject], join(repo, "packages", name));
      const tarballs = readdirSync(nativeProject).filter((file) => file.endsWith(".tgz"));
      expect(tarballs).toHaveLength(3);
      writeFileSync(join(nativeProject, "package.json"), JSON.stringify({ name: "selective-install-native", private: true, type: "module" }));
      run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs.map((file) => `./${file}`)], nativeProject);
      const installed = join(nativeProject, "node_modules", "@wskit", "dgram-native");
      expect(readdirSync(installed)).toContain("prebuilds");
      // node-gyp never ran: there is no build directory, only the binary the tarball carried.
      expect(readdirSync(installed)).not.toContain("build");
      writeFileSync(join(nativeProject, "cjs.cjs"), CJS);
      expect(run(process.execPath, ["cjs.cjs"], nativeProject).trim()).toBe("cjs round trip native native");
    } finally {
      rmSync(nativeProject, { recursive: true, force: true });
    }
  }, 180_000);
});
