import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

// SPEC §9: providers register by import, and a bundle keeps that import. Programs are bundled with
// esbuild from the built packages, then run from a folder with no node_modules at all, as a
// deployed bundle runs: nothing can be loaded lazily there.
const examples = fileURLToPath(new URL("..", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "wskit-bundled-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bundleAndRun(name: string, source: string, format: "esm" | "cjs"): Promise<{ stdout: string; stderr: string }> {
  const file = join(out, `${name}.${format === "esm" ? "mjs" : "cjs"}`);
  await build({
    stdin: { contents: source, resolveDir: examples, sourcefile: `${name}.ts`, loader: "ts" },
    bundle: true,
    platform: "node",
    target: "node20",
    format,
    outfile: file,
    logLevel: "silent",
  });
  writeFileSync(join(out, "package.json"), "{}");
  const env = { ...process.env };
  delete env.NODE_PATH;
  try {
    const stdout = execFileSync(process.execPath, [file], { cwd: out, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env, timeout: 60_000 });
    return { stdout, stderr: "" };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; status: number };
    throw new Error(`${name} exited ${failed.status}: ${failed.stderr}`);
  }
}

const FAITHFUL = `
import { AF_INET, IPPROTO_UDP, ntStatusName, registerWskClient, runIrp, SOCK_DGRAM, WSK_FLAG_DATAGRAM_SOCKET } from "@wskit/core";
process.on("warning", (w) => console.log("warning", (w as { code?: string }).code, w.message));
const wsk = registerWskClient();
const made = await runIrp((irp) => wsk.npi.Dispatch.WskSocket(wsk.npi.Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, null, null, null, null, irp));
const socket = typeof made.Information === "object" ? made.Information : null;
console.log("WskSocket", ntStatusName(made.Status), socket?.constructor.name ?? null);
if (socket !== null) await runIrp((irp) => (socket as { Dispatch: { WskCloseSocket(s: unknown, i: unknown): number } }).Dispatch.WskCloseSocket(socket, irp));
await wsk.close();
await new Promise((r) => setImmediate(r));
`;

describe("a bundled program (esbuild) registers providers by import (SPEC §9)", () => {
  it("core alone: STATUS_NOT_SUPPORTED, and the warning says to import the package", async () => {
    const { stdout } = await bundleAndRun("core-only", FAITHFUL, "esm");
    expect(stdout).toContain("WskSocket STATUS_NOT_SUPPORTED null");
    expect(stdout).toMatch(/warning WSKIT_PROVIDER_MISSING .*import "@wskit\/dgram".*bundled code cannot load it lazily/);
  });

  it("import '@wskit/dgram' beside it: the datagram category works, and class names survive", async () => {
    const { stdout } = await bundleAndRun("with-dgram", `import "@wskit/dgram";\n${FAITHFUL}`, "esm");
    expect(stdout).toContain("WskSocket STATUS_SUCCESS DatagramSocket");
    expect(stdout).not.toContain("WSKIT_PROVIDER_MISSING");
  });

  it("the helpers of every package in one CommonJS bundle: a datagram and a TCP round trip, errors named WskError", async () => {
    const source = `
import { inspect } from "node:util";
import { openDatagramSocket, receiveFrom, sendTo } from "@wskit/dgram";
import { connect, listen, receive, send } from "@wskit/stream";
import { datagramIndications } from "@wskit/rx";
import { firstValueFrom, map } from "rxjs";
(async () => {
  const a = await openDatagramSocket();
  const b = await openDatagramSocket();
  const first = firstValueFrom(datagramIndications(b).pipe(map((d) => new TextDecoder().decode(d.bytes))));
  await sendTo(a, "udp", b.localAddress);
  const server = await listen();
  const accepted = server.connections().next();
  const client = await connect(server.address);
  const peer = (await accepted).value!;
  await send(client, "tcp");
  const tcp = new TextDecoder().decode(await receive(peer, 3, { waitAll: true }));
  const refused = await connect("127.0.0.1:1").catch((e: unknown) => e);
  console.log(await first, tcp, inspect(refused).split("\\n")[0].split(":")[0], (refused as Error).constructor.name);
  for (const s of [client, peer, server, a, b]) await s[Symbol.asyncDispose]();
  void receiveFrom;
  process.exit(0);
})();
`;
    const { stdout } = await bundleAndRun("helpers", source, "cjs");
    expect(stdout.trim()).toBe("udp tcp WskError WskError");
  });
});
