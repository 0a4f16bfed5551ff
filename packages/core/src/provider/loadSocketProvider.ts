// The first-class way to have a category is to import its package (`import "@wskit/dgram"`), which
// registers it. As a convenience for unbundled code, a category whose provider is not registered
// yet is also loaded on first use: installing @wskit/dgram beside @wskit/core is then enough.
// Bundlers cannot follow that dynamic import, so bundled code must import the package.
//
// The package is looked for from core's own location first (an ordinary install puts both in the
// application's node_modules), then from the application's directory and entry script (workspaces
// and linked packages, where core's real path does not lead there). In the second case the entry
// of core's own format is loaded, so the process holds one copy of each package.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CATEGORY_PACKAGES, socketProviderFor, socketProviders, type WskSocketProvider } from "./WskRegisterSocketProvider";

declare const __dirname: string | undefined;
// tsup's CommonJS build defines __dirname; its ESM build does not.
const FORMAT: "import" | "require" = typeof __dirname === "string" ? "require" : "import";

const warned = new Set<string>();

export async function loadSocketProvider(category: number): Promise<WskSocketProvider | undefined> {
  const registered = socketProviderFor(category);
  if (registered !== undefined) return registered;
  const packageName = CATEGORY_PACKAGES.get(category);
  if (packageName === undefined || packageName === "@wskit/core") return undefined;
  try {
    await import(packageName);
  } catch {
    await importFromApplication(packageName);
  }
  return socketProviderFor(category);
}

async function importFromApplication(packageName: string): Promise<void> {
  const bases = [process.cwd(), process.argv[1] === undefined ? undefined : dirname(process.argv[1])];
  for (const base of bases) {
    if (base === undefined) continue;
    try {
      const manifestPath = createRequire(join(base, "noop.js")).resolve(`${packageName}/package.json`);
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { exports?: Record<string, unknown> };
      const entry = entryFor(manifest.exports?.["."]);
      if (entry === undefined) continue;
      await import(pathToFileURL(join(dirname(manifestPath), entry)).href);
      return;
    } catch {
      // Not there: try the next place; absent everywhere, the caller completes STATUS_NOT_SUPPORTED.
    }
  }
}

// The file an exports entry names for core's format: { import: { default } } / { require: { default } }.
function entryFor(exportsEntry: unknown): string | undefined {
  const conditions = exportsEntry as Record<string, unknown> | undefined;
  const branch = conditions?.[FORMAT] as Record<string, unknown> | string | undefined;
  const file = typeof branch === "string" ? branch : branch?.default;
  return typeof file === "string" ? file : undefined;
}

/** Says once per category, on the process's warning channel, what to install and import (or that it is not provided). */
export function warnMissingProvider(category: number): void {
  const packageName = CATEGORY_PACKAGES.get(category) ?? "a wskit provider package";
  const key = `${packageName}:${category}`;
  if (warned.has(key)) return;
  warned.add(key);
  // A package that registered some provider is installed: it just lacks this category.
  const installed = socketProviders().some((provider) => provider.packageName === packageName);
  const message = installed
    ? `${packageName} is installed but does not provide this socket category (flags 0x${category.toString(16)}) in this version`
    : `this socket category is provided by ${packageName}, which could not be loaded: install it (npm install ${packageName}) and import it once (import "${packageName}"), which registers it; bundled code cannot load it lazily`;
  process.emitWarning(message, { code: "WSKIT_PROVIDER_MISSING" });
}
