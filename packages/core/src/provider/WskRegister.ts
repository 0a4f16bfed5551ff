import { programmerError } from "../errors";
import { STATUS_INVALID_PARAMETER, STATUS_NOINTERFACE, STATUS_SUCCESS, type NTSTATUS } from "../headers/NTSTATUS";
import {
  registrationState,
  settleDeregistration,
  WskClient,
  type WSK_CLIENT_NPI, type WSK_REGISTRATION, type WskClientState } from "./WskClient";
import type { WskSocketProvider } from "./WskRegisterSocketProvider";

/**
 * Registers a WSK client. Afterwards the client captures the provider NPI
 * ({@link WskCaptureProviderNPI}) to reach the provider dispatch.
 *
 * Returns STATUS_SUCCESS; STATUS_INVALID_PARAMETER for a registration used already or an NPI
 * without a dispatch; STATUS_NOINTERFACE for a client that asks for a WSK major version other than 1.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nf-wsk-wskregister
 */
export function WskRegister(WskClientNpi: WSK_CLIENT_NPI, WskRegistration: WSK_REGISTRATION): NTSTATUS {
  return register(WskClientNpi, WskRegistration, null, "WskRegister");
}

/**
 * Provider side: {@link WskRegister} for a client whose sockets come from `providers` (by category)
 * instead of the process's registered ones, as a simulated network's clients do
 * (@wskit/testing). A category the map lacks is refused (STATUS_NOT_SUPPORTED), never served by a
 * real socket. Same statuses as WskRegister.
 */
export function WskRegisterWithProviders(WskClientNpi: WSK_CLIENT_NPI, WskRegistration: WSK_REGISTRATION, providers: ReadonlyMap<number, WskSocketProvider>): NTSTATUS {
  if (!(providers instanceof Map)) throw programmerError("ERR_INVALID_ARG_TYPE", "WskRegisterWithProviders: providers must be a Map of category to WskSocketProvider");
  return register(WskClientNpi, WskRegistration, new Map(providers), "WskRegisterWithProviders");
}

function register(WskClientNpi: WSK_CLIENT_NPI, WskRegistration: WSK_REGISTRATION, providers: ReadonlyMap<number, WskSocketProvider> | null, api: string): NTSTATUS {
  if (typeof WskRegistration !== "object" || WskRegistration === null) {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: WskRegistration must be a WSK_REGISTRATION`);
  }
  if (typeof WskClientNpi?.Dispatch !== "object" || WskClientNpi.Dispatch === null) return STATUS_INVALID_PARAMETER;
  if (WskRegistration.ReservedRegistrationState !== null) return STATUS_INVALID_PARAMETER;
  if (WskClientNpi.Dispatch.Version >> 8 !== 1) return STATUS_NOINTERFACE;
  let resolveDrained!: () => void;
  const drained = new Promise<void>((resolve) => (resolveDrained = resolve));
  const state: WskClientState = {
    npi: WskClientNpi,
    phase: "registered",
    captures: 0,
    sockets: 0,
    staticEvents: 0,
    providers,
    drained,
    resolveDrained,
  };
  WskRegistration.ReservedRegistrationState = new WskClient(state);
  return STATUS_SUCCESS;
}

/**
 * Deregisters a client. No new capture succeeds from here; the deregistration ends once every
 * captured provider NPI has been released and every socket closed, as WSK waits for them.
 * WskDeregister returns at once (Node cannot block); {@link whenDeregistered} resolves when it ends.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nf-wsk-wskderegister
 */
export function WskDeregister(WskRegistration: WSK_REGISTRATION): void {
  const state = registrationState(WskRegistration);
  if (state === undefined) throw programmerError("ERR_INVALID_ARG_VALUE", "WskDeregister: the registration was never registered");
  if (state.phase !== "registered") return;
  state.phase = "deregistering";
  settleDeregistration(state);
}
