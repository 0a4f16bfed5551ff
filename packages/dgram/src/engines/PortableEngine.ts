import type { EngineTunable } from "./DatagramEngine";

/**
 * What an engine without the native engine's own features answers (control information,
 * SO_REUSEPORT, receive coalescing, send segmentation): each one may only be asked to be off. The
 * node engine and a simulated network's engine (@wskit/testing) extend it.
 */
export abstract class PortableEngine {
  /** Control information: none, so only 0 is taken. */
  setControl(bits: number): boolean {
    return bits === 0;
  }

  /** SO_REUSEPORT: only off is taken. */
  setReusePort(on: boolean): boolean {
    return !on;
  }

  /** One datagram per callback and one per send: nothing to coalesce or segment, so only 0 is taken. */
  setTunable(_tunable: EngineTunable, value: number): boolean {
    return value === 0;
  }

  /** Every tunable reads 0. */
  tunable(_tunable: EngineTunable): number {
    return 0;
  }
}
