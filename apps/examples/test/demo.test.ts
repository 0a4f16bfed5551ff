import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// The README's demo runs every example against the built packages; this runs it the same way,
// so CI proves the demo a new user sees.
describe("the demo", () => {
  it("runs every example and exits 0", () => {
    const demo = fileURLToPath(new URL("../src/demo.ts", import.meta.url));
    const result = spawnSync(process.execPath, ["--import", "tsx", demo], { encoding: "utf8", timeout: 120_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const summary = /(\d+) of (\d+) examples passed\./.exec(result.stdout);
    expect(summary).not.toBeNull();
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(Number(summary?.[2])).toBeGreaterThan(0);
  });
});
