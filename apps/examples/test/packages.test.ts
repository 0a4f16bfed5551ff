import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// What npm users install: each package's tarball, as `pnpm pack` makes it, holds its LICENSE,
// README and CHANGELOG, every file its exports map names, its repository metadata, and no
// TypeScript sources (the sourcemaps carry them) nor the workspace-only source condition.
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "wskit-packs-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function targets(entry: unknown): string[] {
  if (typeof entry === "string") return [entry];
  if (typeof entry !== "object" || entry === null) return [];
  return Object.values(entry).flatMap(targets);
}

describe.each(["core", "dgram", "stream", "rx", "dgram-native", "testing"])("the @wskit/%s tarball", (name) => {
  it("holds LICENSE, README, CHANGELOG and what its exports map needs; metadata for npm", () => {
    const dir = join(out, name);
    execFileSync("pnpm", ["pack", "--pack-destination", dir], { cwd: join(repo, "packages", name), stdio: "ignore", timeout: 120_000 });
    const [tarball] = readdirSync(dir);
    const files = execFileSync("tar", ["tzf", join(dir, tarball as string)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((file) => file.replace(/^package\//, ""));
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "CHANGELOG.md", "package.json"]));
    const manifest = JSON.parse(execFileSync("tar", ["xzf", join(dir, tarball as string), "-O", "package/package.json"], { encoding: "utf8" })) as {
      exports: Record<string, unknown>;
      repository?: { url?: string; directory?: string };
      homepage?: string;
      bugs?: { url?: string };
      license?: string;
    };
    for (const target of targets(manifest.exports)) expect(files, `exports → ${target}`).toContain(target.replace(/^\.\//, ""));
    expect(JSON.stringify(manifest.exports)).not.toContain("@wskit/source");
    expect(manifest.repository?.directory).toBe(`packages/${name}`);
    expect([manifest.license, typeof manifest.homepage, typeof manifest.bugs?.url]).toEqual(["MIT", "string", "string"]);
    if (name !== "dgram-native") expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.endsWith(".d.cts"))).toEqual([]);
    expect(readFileSync(join(repo, "packages", name, "LICENSE"), "utf8")).toMatch(/^MIT License/);
  }, 120_000);
});
