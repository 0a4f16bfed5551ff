import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every code example of every README is a whole program that CI type-checks and runs against the
// built packages, so no snippet can rot: each ```ts block is type-checked with the repository's
// settings and run with tsx, each ```js block (plain JavaScript, as Node 20 runs it) is checked
// as JavaScript and run with node. Each must exit 0 by itself. A ```ts block that imports vitest
// is a test file, as a user's own would be: it is run with `vitest run`, and must pass.
const examples = fileURLToPath(new URL("..", import.meta.url));
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const out = join(examples, ".readme-examples");

interface Example {
  readme: string;
  line: number;
  language: "ts" | "js";
  code: string;
  file: string;
  vitest: boolean;
}

function examplesOf(readme: string): Example[] {
  const lines = readFileSync(join(repo, readme), "utf8").split("\n");
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|js)\s*$/.exec(lines[i] ?? "");
    if (open === null) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    const language = open[1] as "ts" | "js";
    const name = `${readme.replace(/\/README\.md$|README\.md$/, "").replace(/\//g, "-") || "root"}-line${start}`;
    const code = lines.slice(start, end).join("\n") + "\n";
    const vitest = language === "ts" && /from "vitest"/.test(code);
    found.push({ readme, line: start, language, code, vitest, file: join(out, `${name}${vitest ? ".test" : ""}.${language === "ts" ? "ts" : "mjs"}`) });
    i = end;
  }
  return found;
}

const readmes = ["README.md", ...readdirSync(join(repo, "packages")).map((name) => `packages/${name}/README.md`)].filter((readme) => {
  try {
    readFileSync(join(repo, readme));
    return true;
  } catch {
    return false;
  }
});
const all = readmes.flatMap(examplesOf);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const example of all) writeFileSync(example.file, example.code);
// README test files run as a user's own test suite would: this folder is their project.
writeFileSync(join(out, "vitest.config.mjs"), `export default { test: { include: ["*.test.ts"], environment: "node" } };\n`);
writeFileSync(
  join(out, "tsconfig.json"),
  JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { allowJs: true, checkJs: true, noEmit: true }, include: ["*.ts", "*.mjs"] }),
);

const env = { ...process.env };
delete env.NODE_PATH;

describe("every README example (SPEC §9: no snippet can rot)", () => {
  it("there are examples to check, in every package README that shows code", () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const readme of ["packages/core/README.md", "packages/dgram/README.md", "packages/stream/README.md", "packages/rx/README.md"]) {
      expect(all.some((example) => example.readme === readme)).toBe(true);
    }
  });

  it("type-checks, as TypeScript and as checked JavaScript", () => {
    const tsc = join(examples, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", join(out, "tsconfig.json")], { encoding: "utf8", timeout: 120_000 });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it.each(all.map((example) => [`${example.readme}:${example.line} (${example.vitest ? "vitest" : example.language})`, example] as const))("%s runs and exits 0", (_name, example) => {
    const vitest = join(examples, "node_modules", "vitest", "vitest.mjs");
    const args = example.vitest ? [vitest, "run", "--root", out, "--config", join(out, "vitest.config.mjs"), relative(out, example.file)] : example.language === "ts" ? ["--import", "tsx", example.file] : [example.file];
    const result = spawnSync(process.execPath, args, { cwd: examples, encoding: "utf8", timeout: 60_000, env });
    const where = `${relative(repo, example.file)} (from ${example.readme}:${example.line})`;
    expect(result.status, `${where} exited ${result.status}: ${result.stdout}${result.stderr}`).toBe(0);
    // Vitest writes its own progress to stderr; a program must write nothing there.
    if (!example.vitest) expect(result.stderr, where).toBe("");
  });
});
