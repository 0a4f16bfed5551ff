import {
  AF_INET,
  AF_INET6,
  IPPROTO_UDP,
  SOCK_DGRAM,
  STATUS_NOT_SUPPORTED,
  WSK_FLAG_DATAGRAM_SOCKET,
  WSK_FLAG_LISTEN_SOCKET,
  WSK_PROVIDER_VERSION,
} from "@wskit/core";
import { type WskSocketProvider } from "@wskit/core/provider";
import { DatagramListenSocket } from "./DatagramListenSocket";
import { DatagramSocket } from "./DatagramSocket";

/**
 * The datagram category of core's provider dispatch: UDP over IPv4 and IPv6. @wskit/dgram registers
 * it when it loads, so `WskSocket(…, WSK_FLAG_DATAGRAM_SOCKET, …)` makes {@link DatagramSocket}s.
 * A family other than AF_INET/AF_INET6, a type other than SOCK_DGRAM or a protocol other than
 * IPPROTO_UDP (or 0) is refused with STATUS_NOT_SUPPORTED. A listening socket asked of UDP
 * (WSK_FLAG_LISTEN_SOCKET with SOCK_DGRAM, which core routes here) is a {@link DatagramListenSocket}.
 */
export const datagramProvider: WskSocketProvider = {
  categories: WSK_FLAG_DATAGRAM_SOCKET,
  packageName: "@wskit/dgram",
  transports: [AF_INET, AF_INET6].map((AddressFamily) => ({
    Version: WSK_PROVIDER_VERSION,
    SocketType: SOCK_DGRAM,
    Protocol: IPPROTO_UDP,
    AddressFamily,
    ProviderId: "@wskit/dgram",
  })),
  createSocket(request) {
    const { AddressFamily, SocketType, Protocol } = request;
    if ((AddressFamily !== AF_INET && AddressFamily !== AF_INET6) || SocketType !== SOCK_DGRAM) return STATUS_NOT_SUPPORTED;
    if (Protocol !== IPPROTO_UDP && Protocol !== 0) return STATUS_NOT_SUPPORTED;
    // A listening socket over UDP: created, as on Windows, and good for nothing but closing.
    if (request.Flags === WSK_FLAG_LISTEN_SOCKET) return new DatagramListenSocket(request);
    return new DatagramSocket(request);
  },
};
