import { defineConfig, type Options } from "tsup";

/**
 * The one build every published package shares: ESM and CJS side by side, each with its own
 * declaration file (`.d.ts` for import, `.d.cts` for require), with sourcemaps and class names
 * kept, and `@internal` declarations left out of the published types. A package with more than one
 * entry shares its modules between them (splitting), so each module's state exists once.
 */
export function packageBuild(overrides: Options = {}) {
  const entry = overrides.entry ?? ["src/index.ts"];
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    target: "node20",
    platform: "node",
    dts: { compilerOptions: { stripInternal: true } },
    sourcemap: true,
    clean: true,
    splitting: Array.isArray(entry) && entry.length > 1,
    treeshake: true,
    // Classes keep their names through the build (esbuild renames a class that refers to itself:
    // `_WskError`), so stacks and util.inspect show `WskError`.
    keepNames: true,
    ...overrides,
  });
}
