// The sockets bound on one family of one protocol, by port, as a host's stack keeps them: a bind
// conflicts with one of the same address or with either side unspecified; a port 0 bind takes the
// next free ephemeral port (49152 up, in order, so runs repeat); a lookup takes a socket bound to
// the address itself before one bound to the unspecified address.

const FIRST_EPHEMERAL_PORT = 49_152;
const EPHEMERAL_PORTS = 65_536 - FIRST_EPHEMERAL_PORT;

/** What a table holds: a socket bound to `address` (unspecified: `wildcard`). */
export interface PortEntry {
  readonly address: string;
  readonly wildcard: boolean;
}

/** True for 0.0.0.0 and ::. */
export function isUnspecified(address: string): boolean {
  return address === "0.0.0.0" || address === "::";
}

export class PortTable<E extends PortEntry> {
  readonly #byPort = new Map<number, E[]>();
  #next = FIRST_EPHEMERAL_PORT;

  /** Whether a bind of `address` (unspecified: every address) to `port` would conflict. */
  conflicts(address: string, port: number): boolean {
    const wildcard = isUnspecified(address);
    return (this.#byPort.get(port) ?? []).some((entry) => entry.wildcard || wildcard || entry.address === address);
  }

  /** Whether anything is bound to `port`. */
  has(port: number): boolean {
    return this.#byPort.has(port);
  }

  /** The next ephemeral port `taken` does not refuse, or -1 when none is left. */
  ephemeral(taken: (port: number) => boolean): number {
    for (let tries = 0; tries < EPHEMERAL_PORTS; tries++) {
      const candidate = this.#next;
      this.#next = candidate + 1 >= 65_536 ? FIRST_EPHEMERAL_PORT : candidate + 1;
      if (!taken(candidate)) return candidate;
    }
    return -1;
  }

  /** The port `address` binds to for `port` (0: an ephemeral one), or -1 when it conflicts or none is free. */
  choose(address: string, port: number): number {
    if (port !== 0) return this.conflicts(address, port) ? -1 : port;
    return this.ephemeral((candidate) => this.conflicts(address, candidate));
  }

  add(port: number, entry: E): void {
    const list = this.#byPort.get(port);
    if (list === undefined) this.#byPort.set(port, [entry]);
    else list.push(entry);
  }

  remove(port: number, entry: E): void {
    const list = this.#byPort.get(port);
    if (list === undefined) return;
    const index = list.indexOf(entry);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.#byPort.delete(port);
  }

  /** The entry that takes traffic for `address:port`: its own, else an unspecified one if `address` is a host. */
  find(address: string, port: number, isHost: (address: string) => boolean): E | undefined {
    const list = this.#byPort.get(port);
    if (list === undefined) return undefined;
    let wildcard: E | undefined;
    for (const entry of list) {
      if (entry.address === address) return entry;
      if (entry.wildcard) wildcard = entry;
    }
    return wildcard !== undefined && isHost(address) ? wildcard : undefined;
  }
}
