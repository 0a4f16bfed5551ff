import { checkClientCall } from "./checkClientCall";
import { loadSocketProvider, warnMissingProvider } from "./loadSocketProvider";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoMarkIrpPending } from "../irp/IoMarkIrpPending";
import { IoRejectRequest } from "../irp/IoRejectRequest";
import type { IRP } from "../irp/IRP";
import {
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type NTSTATUS,
} from "../headers/NTSTATUS";
import { BasicSocket } from "./BasicSocket";
import { publishSocketCreate } from "../diagnostics/publish";
import type { SocketCategory } from "../diagnostics/channels";
import { WSK_FLAG_BASIC_SOCKET, WSK_FLAG_CONNECTION_SOCKET, WSK_FLAG_DATAGRAM_SOCKET, WSK_FLAG_LISTEN_SOCKET, WSK_FLAG_STREAM_SOCKET } from "../headers/wsk";
import type { WskClient } from "./WskClient";
import { SOCK_DGRAM } from "../headers/ws2def";
import { clientProviderFor, type WskSocketProvider, type WskSocketRequest } from "./WskRegisterSocketProvider";

const CATEGORIES = new Set([
  WSK_FLAG_BASIC_SOCKET,
  WSK_FLAG_LISTEN_SOCKET,
  WSK_FLAG_CONNECTION_SOCKET,
  WSK_FLAG_DATAGRAM_SOCKET,
  WSK_FLAG_STREAM_SOCKET,
]);

/**
 * Creates a socket of the category `Flags` names. The IRP completes with the socket object in
 * `IoStatus.Information`: `const socket = Irp.IoStatus.Information as WSK_SOCKET`.
 *
 * Basic sockets are core's; datagram sockets come from @wskit/dgram, connection, listen and stream
 * sockets from @wskit/stream, loaded on first use when installed. A category whose package is not
 * installed completes with STATUS_NOT_SUPPORTED, and a process warning names the package. A
 * listening socket of SOCK_DGRAM comes from @wskit/dgram, as Windows creates one (its WskBind
 * completes with STATUS_NOT_IMPLEMENTED).
 *
 * @returns STATUS_PENDING; STATUS_INVALID_PARAMETER (no IRP, or a Flags value that is no single
 *   category), STATUS_INVALID_HANDLE (not a live client), or the provider's refusal (a family,
 *   type or protocol it does not take).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_socket
 */
export function WskSocket(
  Client: WskClient,
  AddressFamily: number,
  SocketType: number,
  Protocol: number,
  Flags: number,
  SocketContext: unknown,
  Dispatch: object | null,
  OwningProcess: unknown,
  OwningThread: unknown,
  SecurityDescriptor: unknown,
  Irp: IRP,
): NTSTATUS {
  void OwningProcess;
  void OwningThread;
  void SecurityDescriptor;
  const state = checkClientCall(Client, Irp, "WskSocket");
  if (typeof state === "number") return state;
  if (!CATEGORIES.has(Flags)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  const request: WskSocketRequest = { client: Client, clientState: state, AddressFamily, SocketType, Protocol, Flags, SocketContext, Dispatch };
  if (Flags === WSK_FLAG_BASIC_SOCKET) return completeWithSocket(Irp, new BasicSocket(request), request);
  const category = providerCategory(Flags, SocketType);
  const provider = clientProviderFor(state, category);
  if (state.providers !== null && provider === undefined) return IoRejectRequest(Irp, STATUS_NOT_SUPPORTED);
  if (provider !== undefined) {
    const created = provider.createSocket(request);
    return typeof created === "number" ? IoRejectRequest(Irp, created) : completeWithSocket(Irp, created, request);
  }
  IoMarkIrpPending(Irp);
  void loadSocketProvider(category).then((loaded) => finishCreate(loaded, request, Irp));
  return STATUS_PENDING;
}

/**
 * The category whose package makes the socket. A listening socket of SOCK_DGRAM is created on
 * Windows (its bind then fails with STATUS_NOT_IMPLEMENTED): the datagram package makes it.
 */
function providerCategory(flags: number, socketType: number): number {
  return flags === WSK_FLAG_LISTEN_SOCKET && socketType === SOCK_DGRAM ? WSK_FLAG_DATAGRAM_SOCKET : flags;
}

function completeWithSocket(irp: IRP, socket: object, request: WskSocketRequest): NTSTATUS {
  publishSocketCreate(socket, socketCategory(request.Flags), request.AddressFamily);
  IoMarkIrpPending(irp);
  irp.IoStatus.Status = STATUS_SUCCESS;
  irp.IoStatus.Information = socket;
  IoCompleteRequest(irp);
  return STATUS_PENDING;
}

function finishCreate(provider: WskSocketProvider | undefined, request: WskSocketRequest, irp: IRP): void {
  let status: NTSTATUS = STATUS_NOT_SUPPORTED;
  let information: number | object = 0;
  if (provider === undefined) {
    warnMissingProvider(request.Flags);
  } else {
    const created = provider.createSocket(request);
    if (typeof created === "number") status = created;
    else {
      [status, information] = [STATUS_SUCCESS, created];
      publishSocketCreate(created, socketCategory(request.Flags), request.AddressFamily);
    }
  }
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  IoCompleteRequest(irp);
}

/** The category a WskSocket's Flags name, as the diagnostics messages name it. */
export function socketCategory(flags: number): SocketCategory {
  switch (flags) {
    case WSK_FLAG_DATAGRAM_SOCKET:
      return "datagram";
    case WSK_FLAG_CONNECTION_SOCKET:
      return "connection";
    case WSK_FLAG_LISTEN_SOCKET:
      return "listen";
    case WSK_FLAG_STREAM_SOCKET:
      return "stream";
    default:
      return "basic";
  }
}
