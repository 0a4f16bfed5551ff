import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Tests resolve sibling packages from src/ through the source export condition (STYLE.md §5-6),
// so no build is needed before `test`; the package's own name is aliased to its src/index.ts.
const SOURCE_CONDITION = "@wskit/source";
const NODE_CONDITIONS = [SOURCE_CONDITION, "node", "import", "module", "default"];

export function packageTests(packageDir: string) {
  const { name } = JSON.parse(readFileSync(resolve(packageDir, "package.json"), "utf8")) as { name: string };
  return defineConfig({
    resolve: {
      conditions: NODE_CONDITIONS,
      alias: [{ find: new RegExp(`^${name.replace("/", "\\/")}$`), replacement: resolve(packageDir, "src/index.ts") }],
    },
    ssr: { resolve: { conditions: NODE_CONDITIONS, externalConditions: NODE_CONDITIONS } },
    test: {
      include: ["test/**/*.test.ts"],
      environment: "node",
      // Socket tests bound their own work; these limits only keep a hung socket from stalling CI.
      testTimeout: 30_000,
      // The verifier's leak tests force a garbage collection to see FinalizationRegistry reports.
      poolOptions: { forks: { execArgv: ["--expose-gc"] } },
      hookTimeout: 30_000,
      typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"] },
      coverage: {
        provider: "v8",
        include: ["src/**"],
        reporter: ["text-summary", "json-summary"],
        reportsDirectory: "coverage",
      },
    },
  });
}
