// Builds the addon with node-gyp against this machine's own Node headers (nothing is downloaded),
// then copies it to prebuilds/<platform>-<arch>/, the file the published package carries and the
// loader tries first. Never fails an install or a build: where the addon cannot be built (not
// Linux, no compiler, no node-gyp), one line says so and @wskit/dgram uses its node engine.
//   --if-missing  (the install script) do nothing when a loadable binary is already there.
"use strict";
const { execFileSync } = require("node:child_process");
const { copyFileSync, existsSync, mkdirSync, renameSync } = require("node:fs");
const { dirname, join } = require("node:path");

const root = join(__dirname, "..");
const platform = `${process.platform}-${process.arch}`;
const prebuilt = join(root, "prebuilds", platform, "wskit_dgram.node");

function say(line) {
  process.stdout.write(`@wskit/dgram-native: ${line}\n`);
}

function loads(file) {
  try {
    execFileSync(process.execPath, ["-e", `require(${JSON.stringify(file)})`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// The headers of the Node that runs this: npm's nodedir if set, else the install prefix of this
// node binary (where a distribution's nodejs puts include/node), else node-gyp's own choice.
function nodeDir() {
  const configured = process.env.npm_config_nodedir;
  if (configured && existsSync(join(configured, "include", "node", "node_api.h"))) return configured;
  const prefix = dirname(dirname(process.execPath));
  if (existsSync(join(prefix, "include", "node", "node_api.h"))) return prefix;
  return null;
}

function main() {
  if (process.argv.includes("--if-missing") && existsSync(prebuilt) && loads(prebuilt)) return;
  if (process.platform !== "linux") {
    say(`not built: the native engine is for Linux (this is ${platform}); datagram sockets use the node engine`);
    return;
  }
  let gyp;
  try {
    gyp = require.resolve("node-gyp/bin/node-gyp.js", { paths: [root] });
  } catch {
    say("not built: node-gyp is not installed (the published package carries a prebuilt binary); datagram sockets use the node engine");
    return;
  }
  const headers = nodeDir();
  if (headers === null) {
    say("not built: no Node headers on this machine (set npm's nodedir); datagram sockets use the node engine");
    return;
  }
  const started = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [gyp, "rebuild", `--nodedir=${headers}`, "--loglevel=error"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const reason = String(error.stderr || error.message).trim().split("\n").filter(Boolean).slice(-1)[0] || "node-gyp failed";
    say(`not built (${reason}); datagram sockets use the node engine`);
    return;
  }
  mkdirSync(dirname(prebuilt), { recursive: true });
  // Put in place by a rename, never written over: a process that has the old binary loaded (a test
  // running while this builds) keeps its mapping of the old file instead of crashing on the new one.
  const staged = `${prebuilt}.${process.pid}.tmp`;
  copyFileSync(join(root, "build", "Release", "wskit_dgram.node"), staged);
  renameSync(staged, prebuilt);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  say(`built ${platform} in ${(ms / 1000).toFixed(1)} s (node-gyp, headers from ${headers})`);
}

main();
