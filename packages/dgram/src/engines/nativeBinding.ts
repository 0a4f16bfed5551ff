// The native addon, loaded once from @wskit/dgram-native when it is installed (an optional peer,
// as ws takes bufferutil): its calls are typed here, where the engine that uses them lives.
import { createRequire } from "node:module";

/** The addon's calls (see packages/dgram-native/src/addon.c). Negative numbers are -errno. */
export interface NativeBinding {
  create(family: 4 | 6, callback: (event: number, value: number) => void, slots: Int32Array, meta: Int32Array, control: Uint8Array): NativeHandle | number;
  bind(handle: NativeHandle, address: string, port: number): number;
  localAddress(handle: NativeHandle): [string, number] | number;
  setOption(handle: NativeHandle, option: number, value: number): number;
  getOption(handle: NativeHandle, option: number): number;
  setOptionBytes(handle: NativeHandle, option: number, value: Uint8Array): number;
  kernelDrops(handle: NativeHandle): number;
  registerSlab(handle: NativeHandle, slab: ArrayBuffer): number;
  unregisterSlab(handle: NativeHandle, id: number): void;
  receive(handle: NativeHandle, on: boolean): number;
  awaitWritable(handle: NativeHandle): number;
  send(handle: NativeHandle, payloads: ReadonlyArray<Uint8Array | Uint8Array[]>, first: number, count: number, destinations: Uint8Array): number;
  copySpill(handle: NativeHandle, slot: number, target: Uint8Array, targetOffset: number, bytes: number): number;
  ref(handle: NativeHandle, on: boolean): void;
  close(handle: NativeHandle): void;
  readonly BATCH: number;
  readonly BATCH_SEND: number;
  readonly SLOT_BYTES: number;
  readonly SPILL_BYTES: number;
  readonly META_WORDS: number;
  readonly META_LENGTH: number;
  readonly META_FLAGS: number;
  readonly META_FAMILY: number;
  readonly META_PORT: number;
  readonly META_ADDRESS: number;
  readonly META_CONTROL_LENGTH: number;
  readonly CONTROL_BYTES: number;
  readonly DEST_BYTES: number;
  readonly EVENT_BATCH: number;
  readonly EVENT_WRITABLE: number;
  readonly EVENT_ERROR: number;
  readonly OPTION_RCVBUF: number;
  readonly OPTION_SNDBUF: number;
  readonly OPTION_REUSEPORT: number;
  readonly OPTION_CONTROL: number;
  readonly OPTION_REUSEADDR: number;
  readonly OPTION_BROADCAST: number;
  readonly OPTION_TTL: number;
  readonly OPTION_MULTICAST_TTL: number;
  readonly OPTION_MULTICAST_LOOP: number;
  readonly OPTION_MULTICAST_IF: number;
  readonly OPTION_ADD_MEMBERSHIP: number;
  readonly OPTION_DROP_MEMBERSHIP: number;
  readonly OPTION_RECEIVE_COALESCE: number;
  readonly OPTION_SEND_SEGMENTATION: number;
  /** The engine's receive coalescing until set, in microseconds. */
  readonly COALESCE_MICROSECONDS: number;
}

/** An engine made by the addon (an opaque, type-tagged external). */
export type NativeHandle = { readonly __nativeDatagramEngine: unique symbol };

declare const __filename: string | undefined;

// The calls this version of the engine makes; an addon without one of them is not used.
const REQUIRED_CALLS = ["create", "bind", "localAddress", "setOption", "setOptionBytes", "getOption", "kernelDrops", "registerSlab", "receive", "send", "close"];

// The options this version sets that older addons did not have.
const REQUIRED_NUMBERS = ["OPTION_RECEIVE_COALESCE", "OPTION_SEND_SEGMENTATION", "COALESCE_MICROSECONDS"];

let loaded: { binding: NativeBinding | null; reason: string | null } | undefined;

/** The addon, or null with the reason it cannot be used here. Loaded on first use, once. */
export function nativeBinding(): { binding: NativeBinding | null; reason: string | null } {
  if (loaded !== undefined) return loaded;
  try {
    // tsup's CommonJS build defines __filename; its ESM build has import.meta.url.
    const require = createRequire(typeof __filename === "string" ? __filename : import.meta.url);
    const addon = require("@wskit/dgram-native") as { binding: NativeBinding | null; loadError: Error | null };
    if (addon.binding === null) loaded = { binding: null, reason: addon.loadError?.message ?? "it did not load" };
    // An older addon than this package needs (the calls are internal and grow between versions).
    else if (
      REQUIRED_CALLS.some((call) => typeof (addon.binding as unknown as Record<string, unknown>)[call] !== "function") ||
      REQUIRED_NUMBERS.some((name) => typeof (addon.binding as unknown as Record<string, unknown>)[name] !== "number")
    ) {
      loaded = { binding: null, reason: "the installed @wskit/dgram-native is older than this @wskit/dgram needs: install the same version of both" };
    } else loaded = { binding: addon.binding, reason: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    loaded = { binding: null, reason: code === "MODULE_NOT_FOUND" ? "@wskit/dgram-native is not installed" : String((error as Error).message) };
  }
  return loaded;
}
