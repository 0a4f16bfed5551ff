// Loads the native datagram engine: the prebuilt binary for this platform first (what the published
// package carries, so no compiler is needed), then a local build (build/Release, from node-gyp).
// Nothing is thrown here: `binding` is null and `loadError` says why when the addon cannot load.
"use strict";
const { join } = require("node:path");

const platform = `${process.platform}-${process.arch}`;
const candidates = [join(__dirname, "prebuilds", platform, "wskit_dgram.node"), join(__dirname, "build", "Release", "wskit_dgram.node")];

function load() {
  if (process.platform !== "linux") {
    return { binding: null, path: null, loadError: new Error(`the native datagram engine is for Linux; this is ${platform}`) };
  }
  const reasons = [];
  for (const path of candidates) {
    try {
      return { binding: require(path), path, loadError: null };
    } catch (error) {
      reasons.push(`${path}: ${error && error.code === "MODULE_NOT_FOUND" ? "not built" : error && error.message}`);
    }
  }
  return { binding: null, path: null, loadError: new Error(`no loadable build of the native datagram engine (${reasons.join("; ")})`) };
}

const loaded = load();
exports.binding = loaded.binding;
exports.path = loaded.path;
exports.loadError = loaded.loadError;
