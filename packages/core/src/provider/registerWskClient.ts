import { WskError } from "../errors";
import { WskCaptureProviderNPI, WskReleaseProviderNPI, WSK_PROVIDER_NPI } from "./WskCaptureProviderNPI";
import { WSK_PROVIDER_VERSION, WSK_REGISTRATION, type WSK_CLIENT_NPI } from "./WskClient";
import { WskDeregister, WskRegister, WskRegisterWithProviders } from "./WskRegister";
import type { WskSocketProvider } from "./WskRegisterSocketProvider";
import type { NTSTATUS } from "../headers/NTSTATUS";
import { NT_SUCCESS } from "../headers/NT_SUCCESS";
import { WSK_INFINITE_WAIT } from "../headers/wsk";
import { whenDeregistered } from "./whenDeregistered";

/** A registered client with its captured provider NPI; `await using` ends both. */
export interface WskClientSession extends AsyncDisposable {
  /** The WSK_REGISTRATION, for calls that take it (WskCaptureProviderNPI, WskDeregister). */
  readonly registration: WSK_REGISTRATION;
  /** `npi.Client` and `npi.Dispatch`, as the pages use them. */
  readonly npi: WSK_PROVIDER_NPI;
  /** Releases the NPI, deregisters, and resolves once every socket of the client is closed. */
  close(): Promise<void>;
}

/**
 * WskRegister + WskCaptureProviderNPI in one step, undone by `close()` or `await using`:
 *
 * ```ts
 * await using wsk = registerWskClient();
 * wsk.npi.Dispatch.WskSocket(wsk.npi.Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, …);
 * ```
 * @throws WskError with the status WskRegister or the capture returned.
 */
export function registerWskClient(clientNpi: WSK_CLIENT_NPI = defaultClientNpi()): WskClientSession {
  return openSession((registration) => WskRegister(clientNpi, registration));
}

/**
 * Provider side: {@link registerWskClient} for a client whose sockets come from `providers` (see
 * WskRegisterWithProviders), as a simulated network hands its users one.
 */
export function registerWskClientWithProviders(providers: ReadonlyMap<number, WskSocketProvider>, clientNpi: WSK_CLIENT_NPI = defaultClientNpi()): WskClientSession {
  return openSession((registration) => WskRegisterWithProviders(clientNpi, registration, providers));
}

function defaultClientNpi(): WSK_CLIENT_NPI {
  return { ClientContext: null, Dispatch: { Version: WSK_PROVIDER_VERSION, WskClientEvent: null } };
}

function openSession(register: (registration: WSK_REGISTRATION) => NTSTATUS): WskClientSession {
  const registration = new WSK_REGISTRATION();
  const registered = register(registration);
  if (!NT_SUCCESS(registered)) throw new WskError(registered, { message: "WskRegister failed" });
  const npi = new WSK_PROVIDER_NPI();
  const captured = WskCaptureProviderNPI(registration, WSK_INFINITE_WAIT, npi);
  if (!NT_SUCCESS(captured)) {
    WskDeregister(registration);
    throw new WskError(captured, { message: "WskCaptureProviderNPI failed" });
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      WskReleaseProviderNPI(registration);
      WskDeregister(registration);
      await whenDeregistered(registration);
    })());
  return { registration, npi, close, [Symbol.asyncDispose]: close };
}
