import {
  AF_INET,
  AF_INET6,
  IoCompleteRequest,
  IPPROTO_TCP,
  NT_SUCCESS,
  runIrp,
  SOCK_STREAM,
  STATUS_NOT_SUPPORTED,
  WSK_FLAG_CONNECTION_SOCKET,
  WSK_FLAG_LISTEN_SOCKET,
  WSK_FLAG_STREAM_SOCKET,
  WSK_PROVIDER_VERSION,
  type IRP,
} from "@wskit/core";
import { setIrpCause, type WskSocketConnectRequest, type WskSocketProvider, publishSocketCreate } from "@wskit/core/provider";
import { ConnectionSocket } from "./ConnectionSocket";
import { ListenSocket } from "./ListenSocket";
import { StreamSocket } from "./StreamSocket";
import { WskBind } from "./WskBind";
import { WskConnect } from "./WskConnect";
import { kStream } from "../internal/streamState";
import { nodeTransport, type StreamTransport } from "../internal/transport";

/**
 * The connection, listening and stream categories of core's provider dispatch: TCP over IPv4 and IPv6.
 * @wskit/stream registers it when it loads. A family other than AF_INET/AF_INET6, a type other than
 * SOCK_STREAM or a protocol other than IPPROTO_TCP (or 0) is refused with STATUS_NOT_SUPPORTED.
 */
export const streamProvider: WskSocketProvider = streamProviderOn(nodeTransport, "@wskit/stream");

/**
 * The stream categories over a transport: node:net's for {@link streamProvider}, a simulated
 * network's for @wskit/testing (exported from `@wskit/stream/transport`).
 */
export function streamProviderOn(transport: StreamTransport, providerId: string): WskSocketProvider {
  const withTransport = <S extends ConnectionSocket | ListenSocket | StreamSocket>(socket: S): S => {
    socket[kStream].transport = transport;
    return socket;
  };
  return {
    categories: WSK_FLAG_CONNECTION_SOCKET | WSK_FLAG_LISTEN_SOCKET | WSK_FLAG_STREAM_SOCKET,
    packageName: providerId,
    transports: [AF_INET, AF_INET6].map((AddressFamily) => ({
      Version: WSK_PROVIDER_VERSION,
      SocketType: SOCK_STREAM,
      Protocol: IPPROTO_TCP,
      AddressFamily,
      ProviderId: providerId,
    })),
    createSocket(request) {
      const { AddressFamily, SocketType, Protocol, Flags } = request;
      if ((AddressFamily !== AF_INET && AddressFamily !== AF_INET6) || SocketType !== SOCK_STREAM) return STATUS_NOT_SUPPORTED;
      if (Protocol !== IPPROTO_TCP && Protocol !== 0) return STATUS_NOT_SUPPORTED;
      if (Flags === WSK_FLAG_LISTEN_SOCKET) return withTransport(new ListenSocket(request));
      if (Flags === WSK_FLAG_STREAM_SOCKET) return withTransport(new StreamSocket(request));
      return withTransport(new ConnectionSocket(request, AddressFamily));
    },
    socketConnect(request, irp) {
      void socketConnect(request, irp, (family) => withTransport(new ConnectionSocket(request, family)));
    },
  };
}

// WskSocketConnect: make, bind and connect; the IRP (pending already) gets the socket or the error.
async function socketConnect(request: WskSocketConnectRequest, irp: IRP, make: (family: number) => ConnectionSocket): Promise<void> {
  const family = request.RemoteAddress.family;
  let status: number = STATUS_NOT_SUPPORTED;
  let information: number | object = 0;
  let cause: unknown;
  if (request.SocketType === SOCK_STREAM && (request.Protocol === IPPROTO_TCP || request.Protocol === 0)) {
    const socket = make(family);
    const bound = await runIrp((bind) => WskBind(socket, request.LocalAddress, 0, bind));
    const connected = NT_SUCCESS(bound.Status) ? await runIrp((connect) => WskConnect(socket, request.RemoteAddress, 0, connect)) : bound;
    status = connected.Status;
    cause = connected.cause;
    if (NT_SUCCESS(status)) {
      information = socket;
      publishSocketCreate(socket, "connection", family);
    }
    else await socket[Symbol.asyncDispose]();
  }
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  setIrpCause(irp, cause);
  IoCompleteRequest(irp);
}
