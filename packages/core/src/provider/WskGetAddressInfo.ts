import { lookup, lookupService, type LookupAddress } from "node:dns";
import { ntStatusFromErrno } from "../errors";
import { checkClientCall } from "./checkClientCall";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoMarkIrpPending } from "../irp/IoMarkIrpPending";
import { IoRejectRequest } from "../irp/IoRejectRequest";
import { IoSetCancelRoutine } from "../irp/IoSetCancelRoutine";
import type { IRP } from "../irp/IRP";
import {
  STATUS_CANCELLED,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_FOUND,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type NTSTATUS,
} from "../headers/NTSTATUS";
import type { Ref } from "../headers/Ref";
import { SockAddr } from "../address/SockAddr";
import { AF_INET, AF_INET6, AF_UNSPEC } from "../headers/ws2def";
import type { WskClient } from "./WskClient";
import { isWritableObject } from "../isWritableObject";
import { checkSockAddr } from "../address/checkSockAddr";
import { isFlagsValue } from "./isFlagsValue";

// getaddrinfo flags and name spaces (ws2def.h).
/** Hint flag: addresses for binding (the unspecified address when there is no name). */
export const AI_PASSIVE = 0x01;
/** Hint flag: return the canonical name in the first entry. */
export const AI_CANONNAME = 0x02;
/** Hint flag: the name is a numeric address; do not resolve. */
export const AI_NUMERICHOST = 0x04;
/** Hint flag: the service is a port number; do not resolve. */
export const AI_NUMERICSERV = 0x08;
/** Namespace: all of them. */
export const NS_ALL = 0;
/** Namespace: DNS. */
export const NS_DNS = 12;
/** WskGetNameInfo flag: return the numeric address, not a name. */
export const NI_NUMERICHOST = 0x02;
/** WskGetNameInfo flag: return the port number, not a service name. */
export const NI_NUMERICSERV = 0x08;

/**
 * `ADDRINFOEXW`: one result of WskGetAddressInfo, linked to the next by `ai_next`.
 * `ai_addr` is a {@link SockAddr} ready to pass to WskBind, WskSendTo or WskConnect.
 */
export interface ADDRINFOEXW {
  /** AI_* flags. */
  ai_flags: number;
  /** The address family (AF_INET, AF_INET6). */
  ai_family: number;
  /** The socket type (SOCK_STREAM, SOCK_DGRAM). */
  ai_socktype: number;
  /** The protocol (IPPROTO_TCP, IPPROTO_UDP). */
  ai_protocol: number;
  /** The length of the address in bytes (16 for IPv4, 28 for IPv6). */
  ai_addrlen: number;
  /** The canonical name, with AI_CANONNAME on the first entry; else null. */
  ai_canonname: string | null;
  /** The address. */
  ai_addr: SockAddr;
  /** The next entry, or null. */
  ai_next: ADDRINFOEXW | null;
}

/** The hints a caller may pass: only the fields getaddrinfo reads from hints. */
export type ADDRINFOEXW_HINTS = Partial<Pick<ADDRINFOEXW, "ai_flags" | "ai_family" | "ai_socktype" | "ai_protocol">>;

/**
 * Resolves a host and service to transport addresses, over `node:dns` (`lookup`, so the system
 * resolver and /etc/hosts answer, as getaddrinfo does). `Result.value` receives the list when the
 * IRP completes with STATUS_SUCCESS; give it back with {@link WskFreeAddressInfo}.
 *
 * Numeric hosts (and AI_NUMERICHOST) never touch the resolver. A null NodeName gives the loopback
 * address, or with AI_PASSIVE the unspecified one. Deviation: services must be numeric ports;
 * a service name completes with STATUS_NOT_FOUND.
 *
 * @returns STATUS_PENDING; STATUS_INVALID_PARAMETER (no IRP, neither name given, a bad family);
 *   STATUS_INVALID_HANDLE (not a live client); completes with STATUS_NOT_FOUND for a name that
 *   does not resolve.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_get_address_info
 */
export function WskGetAddressInfo(
  Client: WskClient,
  NodeName: string | null,
  ServiceName: string | null,
  NameSpace: number,
  Provider: unknown,
  Hints: ADDRINFOEXW_HINTS | null,
  Result: Ref<ADDRINFOEXW | null>,
  OwningProcess: unknown,
  OwningThread: unknown,
  Irp: IRP,
): NTSTATUS {
  void Provider;
  void OwningProcess;
  void OwningThread;
  const state = checkClientCall(Client, Irp, "WskGetAddressInfo");
  if (typeof state === "number") return state;
  // Everything is checked before the request is taken (SPEC §7): names are strings or null, Hints an
  // object or null with integer fields, Result a writable Ref.
  const nameOk = (name: unknown) => name === null || typeof name === "string";
  if (!nameOk(NodeName) || !nameOk(ServiceName) || (Hints != null && typeof Hints !== "object")) {
    return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  }
  let flags: number;
  let family: number;
  try {
    flags = Hints?.ai_flags ?? 0;
    family = Hints?.ai_family ?? AF_UNSPEC;
  } catch {
    return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER); // an accessor or a Proxy's trap threw
  }
  if (!Number.isInteger(flags) || !Number.isInteger(family)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if ((NodeName === null && ServiceName === null) || !isWritableObject(Result)) {
    return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  }
  if (family !== AF_UNSPEC && family !== AF_INET && family !== AF_INET6) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if (NameSpace !== NS_ALL && NameSpace !== NS_DNS) return IoRejectRequest(Irp, STATUS_NOT_SUPPORTED);
  const port = ServiceName === null ? 0 : /^\d{1,5}$/.test(ServiceName) && Number(ServiceName) <= 0xffff ? Number(ServiceName) : -1;
  if (port < 0) return IoRejectRequest(Irp, STATUS_NOT_FOUND);

  IoMarkIrpPending(Irp);
  let cancelled = false;
  IoSetCancelRoutine(Irp, (_device, irp) => {
    // node:dns cannot stop a lookup; its answer is dropped when it comes.
    cancelled = true;
    irp.IoStatus.Status = STATUS_CANCELLED;
    irp.IoStatus.Information = 0;
    IoCompleteRequest(irp);
  });
  const finish = (status: NTSTATUS, addresses: readonly LookupAddress[]) => {
    if (cancelled || IoSetCancelRoutine(Irp, null) === null) return;
    // Runs from Node's DNS callback: an out-parameter the client made unwritable (a throwing
    // setter) fails the request, never the process.
    if (status === STATUS_SUCCESS && !writeOut(Result, () => toList(addresses, port, flags, Hints, NodeName))) status = STATUS_INVALID_PARAMETER;
    Irp.IoStatus.Status = status;
    Irp.IoStatus.Information = 0;
    IoCompleteRequest(Irp);
  };

  const numeric = numericAddresses(NodeName, flags, family);
  if (numeric !== undefined) {
    queueMicrotask(() => finish(numeric.length > 0 ? STATUS_SUCCESS : STATUS_NOT_FOUND, numeric));
  } else {
    try {
      lookup(NodeName as string, { all: true, family: family === AF_INET ? 4 : family === AF_INET6 ? 6 : 0 }, (error, addresses) => {
        finish(error === null ? STATUS_SUCCESS : error.code === "ENOTFOUND" ? STATUS_NOT_FOUND : ntStatusFromErrno(error.code), addresses ?? []);
      });
    } catch {
      // node:dns refused the name outright (an invalid host name): the request still completes.
      queueMicrotask(() => finish(STATUS_NOT_FOUND, []));
    }
  }
  return STATUS_PENDING;
}

// Addresses that need no resolver: a null name, or a numeric one. Undefined when DNS must answer.
function numericAddresses(name: string | null, flags: number, family: number): LookupAddress[] | undefined {
  if (name === null) {
    const passive = (flags & AI_PASSIVE) !== 0;
    const v4: LookupAddress = { address: passive ? "0.0.0.0" : "127.0.0.1", family: 4 };
    const v6: LookupAddress = { address: passive ? "::" : "::1", family: 6 };
    return family === AF_INET ? [v4] : family === AF_INET6 ? [v6] : [v6, v4];
  }
  try {
    const addr = SockAddr.from(name, 0);
    if (family !== AF_UNSPEC && addr.family !== family) return [];
    return [{ address: addr.address, family: addr.family === AF_INET6 ? 6 : 4 }];
  } catch {
    return (flags & AI_NUMERICHOST) !== 0 ? [] : undefined;
  }
}

function toList(
  addresses: readonly LookupAddress[],
  port: number,
  flags: number,
  hints: ADDRINFOEXW_HINTS | null,
  name: string | null,
): ADDRINFOEXW | null {
  let head: ADDRINFOEXW | null = null;
  for (let i = addresses.length - 1; i >= 0; i--) {
    const { address, family } = addresses[i] as LookupAddress;
    const addr = new SockAddr(family === 6 ? AF_INET6 : AF_INET, address, port);
    head = {
      ai_flags: flags,
      ai_family: addr.family,
      ai_socktype: hints?.ai_socktype ?? 0,
      ai_protocol: hints?.ai_protocol ?? 0,
      ai_addrlen: addr.family === AF_INET6 ? 28 : 16,
      ai_canonname: i === 0 && (flags & AI_CANONNAME) !== 0 ? name : null,
      ai_addr: addr,
      ai_next: head,
    };
  }
  return head;
}

/**
 * Gives back a list WskGetAddressInfo returned: it is unlinked, and must not be used again.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_free_address_info
 */
export function WskFreeAddressInfo(Client: WskClient, AddrInfo: ADDRINFOEXW | null): void {
  void Client;
  let entry = AddrInfo;
  try {
    while (entry !== null && entry !== undefined) {
      const next = entry.ai_next;
      entry.ai_next = null;
      entry = next;
    }
  } catch {
    // not a list WskGetAddressInfo made (an accessor or a Proxy's trap threw): nothing more to free
  }
}

/**
 * Turns a transport address into a host name and service (reverse lookup over `node:dns`);
 * NI_NUMERICHOST / NI_NUMERICSERV give the numeric forms without asking the resolver.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_get_name_info
 */
export function WskGetNameInfo(
  Client: WskClient,
  SockAddr_: SockAddr,
  SockAddrLength: number,
  NodeName: Ref<string> | null,
  ServiceName: Ref<string> | null,
  Flags: number,
  OwningProcess: unknown,
  OwningThread: unknown,
  Irp: IRP,
): NTSTATUS {
  void SockAddrLength;
  void OwningProcess;
  void OwningThread;
  const state = checkClientCall(Client, Irp, "WskGetNameInfo");
  if (typeof state === "number") return state;
  if (!SockAddr.is(SockAddr_) || (NodeName === null && ServiceName === null) || !isOutParameter(NodeName) || !isOutParameter(ServiceName)) {
    return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  }
  if (!isFlagsValue(Flags)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  // The address is checked and copied now: changing the object afterwards has no effect, and an
  // accessor of the caller's that throws refuses the call here, not later from Node's DNS callback.
  let family: unknown;
  try {
    family = SockAddr_.family;
  } catch {
    family = undefined;
  }
  const addressStatus = checkSockAddr(SockAddr_, family as number, { portZero: true });
  if (addressStatus !== STATUS_SUCCESS) return IoRejectRequest(Irp, addressStatus);
  let target: SockAddr;
  try {
    target = SockAddr.prototype.clone.call(SockAddr_);
  } catch {
    return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  }
  IoMarkIrpPending(Irp);
  const finish = (status: NTSTATUS, host: string, service: string) => {
    // Runs from Node's DNS callback: an out-parameter that refuses the write fails the request.
    if (status === STATUS_SUCCESS) {
      const named = NodeName === null || writeOut(NodeName, () => ((Flags & NI_NUMERICHOST) !== 0 ? target.address : host));
      const served = ServiceName === null || writeOut(ServiceName, () => ((Flags & NI_NUMERICSERV) !== 0 ? String(target.port) : service));
      if (!named || !served) status = STATUS_INVALID_PARAMETER;
    }
    Irp.IoStatus.Status = status;
    Irp.IoStatus.Information = 0;
    IoCompleteRequest(Irp);
  };
  if ((Flags & NI_NUMERICHOST) !== 0 && ((Flags & NI_NUMERICSERV) !== 0 || ServiceName === null)) {
    queueMicrotask(() => finish(STATUS_SUCCESS, target.address, String(target.port)));
  } else {
    lookupService(target.address, target.port, (error, host, service) =>
      finish(error === null ? STATUS_SUCCESS : error.code === "ENOTFOUND" ? STATUS_NOT_FOUND : ntStatusFromErrno(error.code), host, service),
    );
  }
  return STATUS_PENDING;
}

// An out-parameter a call may write when it completes: null (not wanted) or an object not frozen.
function isOutParameter(ref: unknown): boolean {
  return ref === null || isWritableObject(ref);
}

// Writes `ref.value`; false when the client's object refused it (a throwing setter, made frozen since).
function writeOut<T>(ref: Ref<T>, value: () => T): boolean {
  try {
    ref.value = value();
    return true;
  } catch {
    return false;
  }
}
