import { defineConfig, type Options } from "tsup";

/**
 * The one build every published package shares: ESM and CJS side by side, each with its own
 * declaration file (`.d.ts` for import, `.d.cts` for require), with sourcemaps and class names kept.
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
    // Classes keep their names through the build (esbuild renames a class that refers to itself:
    // `_WskError`), so stacks and util.inspect show `WskError`.
    keepNames: true,
    ...overrides,
  });
}
