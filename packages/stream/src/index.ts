/**
 * @wskit/stream: WSK connection sockets over node:net.
 *
 * @packageDocumentation
 */

// Faithful layer
export type { WskReceiveFlags } from "./wsk/WskReceiveFlags";
