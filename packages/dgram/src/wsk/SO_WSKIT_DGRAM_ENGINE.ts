/**
 * A wskit socket option (level SOL_SOCKET) of datagram sockets: which engine carries the socket.
 * Set it before WskBind to {@link WSKIT_DGRAM_ENGINE_AUTO} (the native engine where it loads, else
 * node), {@link WSKIT_DGRAM_ENGINE_NODE} or {@link WSKIT_DGRAM_ENGINE_NATIVE} (STATUS_NOT_SUPPORTED
 * where the addon does not load); WskGetOption gives the engine the socket uses (or would use),
 * NODE, NATIVE or TEST (a socket of a simulated network, @wskit/testing: the network carries it
 * whatever is set, so code that sets this runs there unchanged). The default comes from the `WSKIT_DGRAM_ENGINE` environment variable
 * (`auto`, `node` or `native`), else auto.
 */
export const SO_WSKIT_DGRAM_ENGINE = 0x7f04;
/** {@link SO_WSKIT_DGRAM_ENGINE}: the native engine where it loads, else node. */
export const WSKIT_DGRAM_ENGINE_AUTO = 0;
/** {@link SO_WSKIT_DGRAM_ENGINE}: node:dgram. */
export const WSKIT_DGRAM_ENGINE_NODE = 1;
/** {@link SO_WSKIT_DGRAM_ENGINE}: the Linux native engine (@wskit/dgram-native). */
export const WSKIT_DGRAM_ENGINE_NATIVE = 2;
/** {@link SO_WSKIT_DGRAM_ENGINE}, WskGetOption: a simulated network carries the socket (@wskit/testing). */
export const WSKIT_DGRAM_ENGINE_TEST = 3;
