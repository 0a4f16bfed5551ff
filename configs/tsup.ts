import { defineConfig, type Options } from "tsup";

/**
 * The one build every published package shares: ESM and CJS side by side, each with its own
 * declaration file (`.d.ts` for import, `.d.cts` for require), with sourcemaps.
 */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    target: "node20",
    platform: "node",
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
