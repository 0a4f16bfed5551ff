/**
 * `@wskit/stream/transport`: what carries a connection's bytes, for a provider that carries them
 * itself, as @wskit/testing's simulated network does. Applications do not need it.
 *
 * Such a provider registers {@link streamProviderOn}(its transport): every connection, listening
 * and stream socket it makes is @wskit/stream's own (so every call keeps SPEC §3), with its bytes
 * carried by the transport's sockets and servers, which behave as node:net's do.
 *
 * @packageDocumentation
 */
export { streamProviderOn } from "./wsk/streamProvider";
export { nodeTransport } from "./internal/transport";
export type {
  StreamTransport,
  TransportConnectOptions,
  TransportListenOptions,
  TransportOnread,
  TransportServer,
  TransportSocket,
  TransportSocketOptions,
} from "./internal/transport";
