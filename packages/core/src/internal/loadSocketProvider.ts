// A category whose provider is not registered yet is loaded on first use: installing
// @wskit/dgram beside @wskit/core is enough for datagram sockets, with no import of it needed.
import { CATEGORY_PACKAGES, socketProviderFor, type WskSocketProvider } from "../wsk/WskRegisterSocketProvider";

const warned = new Set<string>();

export async function loadSocketProvider(category: number): Promise<WskSocketProvider | undefined> {
  const registered = socketProviderFor(category);
  if (registered !== undefined) return registered;
  const packageName = CATEGORY_PACKAGES.get(category);
  if (packageName === undefined || packageName === "@wskit/core") return undefined;
  try {
    await import(packageName);
  } catch {
    // Not installed: the caller completes with STATUS_NOT_SUPPORTED.
  }
  return socketProviderFor(category);
}

/** Says once per package, on the process's warning channel, what to install. */
export function warnMissingProvider(category: number): void {
  const packageName = CATEGORY_PACKAGES.get(category) ?? "a wskit provider package";
  if (warned.has(packageName)) return;
  warned.add(packageName);
  process.emitWarning(`this socket category is provided by ${packageName}; install it (npm install ${packageName})`, {
    code: "WSKIT_PROVIDER_MISSING",
  });
}
