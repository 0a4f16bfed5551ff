import type { NTSTATUS } from "../headers/NTSTATUS";
import type { WskSocketProvider } from "./WskRegisterSocketProvider";
import { readBrand } from "../readBrand";

/** `MAKE_WSK_VERSION(major, minor)`: the version word of the dispatch tables. */
export function MAKE_WSK_VERSION(Major: number, Minor: number): number {
  return ((Major & 0xff) << 8) | (Minor & 0xff);
}

/** The WSK version wskit provides: 1.0, the only one the WSK headers define. */
export const WSK_PROVIDER_VERSION = MAKE_WSK_VERSION(1, 0);

/**
 * `PFN_WSK_CLIENT_EVENT`: a client-level event (WSK_EVENT_ADDRESS_CHANGE and the like).
 * wskit raises none today; the slot is kept for fidelity.
 */
export type PFN_WSK_CLIENT_EVENT = (ClientContext: unknown, EventType: number, Information: unknown, InformationLength: number) => NTSTATUS;

/**
 * `WSK_CLIENT_DISPATCH`: the version of WSK the client asks for and its client-level event callback.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_client_dispatch
 */
export interface WSK_CLIENT_DISPATCH {
  /** The WSK version the client asks for (MAKE_WSK_VERSION(1, 0)). */
  Version: number;
  /** Reserved; 0. */
  Reserved?: number;
  /** The client's event callback for client-level events, or null. */
  WskClientEvent: PFN_WSK_CLIENT_EVENT | null;
}

/**
 * `WSK_CLIENT_NPI`: what the client registers with.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_client_npi
 */
export interface WSK_CLIENT_NPI {
  /** The client's context, passed back to its client-level callbacks. */
  ClientContext: unknown;
  /** The client's dispatch table. */
  Dispatch: WSK_CLIENT_DISPATCH;
}

const kClient = Symbol.for("@wskit/core.WskClient");

/**
 * Provider side: the state of a registration and of the client handle it hands out, in one record.
 * Socket providers receive it in a WskSocketRequest and pass it on to the socket base.
 */
export interface WskClientState {
  /** The client NPI given to WskRegister. */
  npi: WSK_CLIENT_NPI;
  /** Registered → deregistering → deregistered. */
  phase: "registered" | "deregistering" | "deregistered";
  /** Provider NPIs captured and not yet released. */
  captures: number;
  /** Sockets made through this client and not yet closed. */
  sockets: number;
  /** Events enabled on every new socket (WSK_SET_STATIC_EVENT_CALLBACKS), or 0. */
  staticEvents: number;
  /**
   * The socket providers this client's sockets come from, by category, when it registered with a
   * network of its own (@wskit/testing's); null: the process's registered providers.
   */
  providers: ReadonlyMap<number, WskSocketProvider> | null;
  /** Resolves when deregistration has finished. */
  drained: Promise<void>;
  /** Settles `drained`: called when deregistration may finish. */
  resolveDrained: () => void;
}

/**
 * `WSK_CLIENT`: the handle a captured provider NPI names the client by (`WskProviderNpi.Client`).
 * Pass it to the provider dispatch's calls.
 */
export class WskClient {
  /** @internal */
  readonly [kClient]: WskClientState;
  /** @internal */
  constructor(state: WskClientState) {
    this[kClient] = state;
  }
}

/** The client handle's state, or undefined for anything that is not a client handle. */
export function clientState(client: unknown): WskClientState | undefined {
  return readBrand<WskClientState>(client, kClient);
}

/**
 * `WSK_REGISTRATION`: the object the client allocates and passes to {@link WskRegister}, then to
 * every capture, release and the deregistration. Its contents are the provider's.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_registration
 */
export class WSK_REGISTRATION {
  /** @internal The client this registration made, once registered. */
  ReservedRegistrationState: WskClient | null = null;
}

/** The client state a registration holds, or undefined if it was never registered. */
export function registrationState(registration: WSK_REGISTRATION): WskClientState | undefined {
  if (typeof registration !== "object" || registration === null) return undefined;
  let client: unknown;
  try {
    client = registration.ReservedRegistrationState;
  } catch {
    return undefined; // an accessor or a Proxy's trap threw: not a registration
  }
  return clientState(client);
}

/** Ends a deregistration once nothing is captured or open any more. */
export function settleDeregistration(state: WskClientState): void {
  if (state.phase === "deregistering" && state.captures === 0 && state.sockets === 0) {
    state.phase = "deregistered";
    state.resolveDrained();
  }
}
