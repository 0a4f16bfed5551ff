import { defineConfig } from "vitest/config";

// The addon's own tests: its lifetime rules, called directly (no build of the TypeScript packages).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
