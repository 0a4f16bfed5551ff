import { STATUS_DEVICE_NOT_READY, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type NTSTATUS } from "../headers/NTSTATUS";
import { WskControlClient } from "./WskControlClient";
import { WskFreeAddressInfo, WskGetAddressInfo, WskGetNameInfo } from "./WskGetAddressInfo";
import { registrationState, settleDeregistration, WSK_PROVIDER_VERSION, type WSK_REGISTRATION, type WskClient } from "./WskClient";
import { WskSocket } from "./WskSocket";
import { WskSocketConnect } from "./WskSocketConnect";

/**
 * `WSK_PROVIDER_DISPATCH`: the provider's client-level calls.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_dispatch
 */
export interface WSK_PROVIDER_DISPATCH {
  /** The WSK version the provider implements. */
  readonly Version: number;
  /** Reserved; 0. */
  readonly Reserved: number;
  /** Creates a socket of a category. */
  readonly WskSocket: typeof WskSocket;
  /** Creates, binds and connects a connection socket in one call. */
  readonly WskSocketConnect: typeof WskSocketConnect;
  /** Client-level control: transport lists, static event callbacks. */
  readonly WskControlClient: typeof WskControlClient;
  /** Resolves a name and service to addresses. */
  readonly WskGetAddressInfo: typeof WskGetAddressInfo;
  /** Frees what WskGetAddressInfo returned. */
  readonly WskFreeAddressInfo: typeof WskFreeAddressInfo;
  /** Resolves an address to a host and service name. */
  readonly WskGetNameInfo: typeof WskGetNameInfo;
}

const PROVIDER_DISPATCH: WSK_PROVIDER_DISPATCH = Object.freeze({
  Version: WSK_PROVIDER_VERSION,
  Reserved: 0,
  WskSocket,
  WskSocketConnect,
  WskControlClient,
  WskGetAddressInfo,
  WskFreeAddressInfo,
  WskGetNameInfo,
});

/**
 * `WSK_PROVIDER_NPI`: filled by {@link WskCaptureProviderNPI}. Allocate one empty, as the C code
 * declares one: `const wskProviderNpi = new WSK_PROVIDER_NPI()`.
 */
export class WSK_PROVIDER_NPI {
  /** The client handle to pass to the dispatch's calls. */
  declare Client: WskClient;
  /** The provider dispatch. */
  declare Dispatch: WSK_PROVIDER_DISPATCH;
}

/**
 * Captures the provider NPI: fills `WskProviderNpi.Client` and `.Dispatch`. wskit's provider is
 * always ready, so `WaitTimeout` (WSK_NO_WAIT, WSK_INFINITE_WAIT or milliseconds) never waits.
 * Each successful capture must be matched by {@link WskReleaseProviderNPI}.
 *
 * @returns STATUS_SUCCESS; STATUS_DEVICE_NOT_READY once WskDeregister was called;
 *   STATUS_INVALID_PARAMETER for a registration never registered or no NPI to fill.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nf-wsk-wskcaptureprovidernpi
 */
export function WskCaptureProviderNPI(WskRegistration: WSK_REGISTRATION, WaitTimeout: number, WskProviderNpi: WSK_PROVIDER_NPI): NTSTATUS {
  void WaitTimeout;
  const state = registrationState(WskRegistration);
  if (state === undefined || typeof WskProviderNpi !== "object" || WskProviderNpi === null) return STATUS_INVALID_PARAMETER;
  if (state.phase !== "registered") return STATUS_DEVICE_NOT_READY;
  state.captures++;
  WskProviderNpi.Client = WskRegistration.ReservedRegistrationState as WskClient;
  WskProviderNpi.Dispatch = PROVIDER_DISPATCH;
  return STATUS_SUCCESS;
}

/**
 * Releases a capture made by {@link WskCaptureProviderNPI}. A deregistration waits for the last one.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nf-wsk-wskreleaseprovidernpi
 */
export function WskReleaseProviderNPI(WskRegistration: WSK_REGISTRATION): void {
  const state = registrationState(WskRegistration);
  if (state === undefined || state.captures === 0) return;
  state.captures--;
  settleDeregistration(state);
}
