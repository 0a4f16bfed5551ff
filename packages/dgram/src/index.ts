/**
 * @wskit/dgram: WSK datagram sockets over node:dgram.
 *
 * @packageDocumentation
 */

// Winsock service-provider (WSP*) form
export { wsaErrorFromNtStatus } from "./wsk/wsaErrorFromNtStatus";
export type { WSABUF } from "./wsk/WSABUF";
