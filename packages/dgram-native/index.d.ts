/**
 * The native datagram engine's loader. `@wskit/dgram` uses it when it loads; applications do not
 * call the binding themselves (its calls are internal and may change between versions).
 */
/** The addon, or null when it cannot load here (see {@link loadError}). */
export declare const binding: unknown;
/** The file the addon was loaded from, or null. */
export declare const path: string | null;
/** Why the addon could not load (not Linux, not built), or null when it loaded. */
export declare const loadError: Error | null;
