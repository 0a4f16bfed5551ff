import type { Indication } from "@wskit/rx";

/**
 * A test double of an indication for the operators' marble tests (the adapters are tested over real
 * sockets): it keeps the ownership rule's state and logs each retain and release with the time.
 */
export interface FakeIndication extends Indication {
  readonly name: string;
}

export function fakeIndications(now: () => number) {
  const log: string[] = [];
  const make = (name: string): FakeIndication => {
    let state: "live" | "retained" | "released" = "live";
    return {
      name,
      get bytes() {
        if (state === "released") throw new Error(`${name} used after release`);
        return new TextEncoder().encode(name);
      },
      get retained() {
        return state === "retained";
      },
      retain() {
        if (state !== "live") throw new Error(`${name} retained twice`);
        state = "retained";
        log.push(`${now()}:retain ${name}`);
        return this;
      },
      release() {
        if (state !== "retained") throw new Error(`${name} released while ${state}`);
        state = "released";
        log.push(`${now()}:release ${name}`);
      },
    };
  };
  return { log, make };
}
