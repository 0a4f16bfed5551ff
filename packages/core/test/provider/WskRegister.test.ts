import { describe, expect, it } from "vitest";
import {
  MAKE_WSK_VERSION,
  registerWskClient,
  runIrp,
  STATUS_DEVICE_NOT_READY,
  STATUS_INVALID_PARAMETER,
  STATUS_NOINTERFACE,
  STATUS_SUCCESS,
  whenDeregistered,
  WSK_FLAG_BASIC_SOCKET,
  WSK_INFINITE_WAIT,
  WSK_NO_WAIT,
  WSK_PROVIDER_NPI,
  WSK_REGISTRATION,
  WskCaptureProviderNPI,
  WskDeregister,
  WskRegister,
  WskReleaseProviderNPI,
  type WSK_CLIENT_NPI,
  type WSK_SOCKET,
} from "@wskit/core";

const clientNpi = (version = MAKE_WSK_VERSION(1, 0)): WSK_CLIENT_NPI => ({ ClientContext: "ctx", Dispatch: { Version: version, WskClientEvent: null } });
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("WskRegister / WskCaptureProviderNPI / WskReleaseProviderNPI / WskDeregister", () => {
  it("registers, captures the provider dispatch, releases and deregisters", async () => {
    const registration = new WSK_REGISTRATION();
    expect(WskRegister(clientNpi(), registration)).toBe(STATUS_SUCCESS);
    const npi = new WSK_PROVIDER_NPI();
    expect(WskCaptureProviderNPI(registration, WSK_INFINITE_WAIT, npi)).toBe(STATUS_SUCCESS);
    expect(npi.Dispatch.Version).toBe(0x0100);
    expect(typeof npi.Dispatch.WskSocket).toBe("function");
    expect(npi.Client).toBe(registration.ReservedRegistrationState);
    WskReleaseProviderNPI(registration);
    WskDeregister(registration);
    await whenDeregistered(registration);
  });

  it("refuses a registration used twice, and a client asking for WSK 2.0", () => {
    const registration = new WSK_REGISTRATION();
    expect(WskRegister(clientNpi(), registration)).toBe(STATUS_SUCCESS);
    expect(WskRegister(clientNpi(), registration)).toBe(STATUS_INVALID_PARAMETER);
    expect(WskRegister(clientNpi(MAKE_WSK_VERSION(2, 0)), new WSK_REGISTRATION())).toBe(STATUS_NOINTERFACE);
    expect(WskRegister({ ClientContext: null } as never, new WSK_REGISTRATION())).toBe(STATUS_INVALID_PARAMETER);
  });

  it("refuses a capture after WskDeregister, and one on a registration never registered", () => {
    const registration = new WSK_REGISTRATION();
    WskRegister(clientNpi(), registration);
    WskDeregister(registration);
    expect(WskCaptureProviderNPI(registration, WSK_NO_WAIT, new WSK_PROVIDER_NPI())).toBe(STATUS_DEVICE_NOT_READY);
    expect(WskCaptureProviderNPI(new WSK_REGISTRATION(), WSK_NO_WAIT, new WSK_PROVIDER_NPI())).toBe(STATUS_INVALID_PARAMETER);
  });

  it("deregistration waits for every capture to be released and every socket to be closed", async () => {
    const registration = new WSK_REGISTRATION();
    WskRegister(clientNpi(), registration);
    const first = new WSK_PROVIDER_NPI();
    const second = new WSK_PROVIDER_NPI();
    WskCaptureProviderNPI(registration, WSK_NO_WAIT, first);
    WskCaptureProviderNPI(registration, WSK_NO_WAIT, second);
    const created = await runIrp((irp) =>
      first.Dispatch.WskSocket(first.Client, 2, 2, 17, WSK_FLAG_BASIC_SOCKET, null, null, null, null, null, irp),
    );
    const socket = created.Information as WSK_SOCKET;

    let ended = false;
    WskDeregister(registration);
    void whenDeregistered(registration).then(() => (ended = true));
    await flush();
    expect(ended).toBe(false);
    WskReleaseProviderNPI(registration);
    WskReleaseProviderNPI(registration);
    await flush();
    expect(ended).toBe(false); // a socket is still open
    // The captured dispatch still works while deregistration waits.
    const closed = await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    expect(closed.Status).toBe(STATUS_SUCCESS);
    await flush();
    expect(ended).toBe(true);
  });

  it("registerWskClient does all of it, and await using undoes it", async () => {
    let registration: WSK_REGISTRATION | undefined;
    {
      await using wsk = registerWskClient();
      registration = wsk.registration;
      expect(typeof wsk.npi.Dispatch.WskGetAddressInfo).toBe("function");
    }
    expect(WskCaptureProviderNPI(registration, WSK_NO_WAIT, new WSK_PROVIDER_NPI())).toBe(STATUS_DEVICE_NOT_READY);
    await whenDeregistered(registration);
  });

  it("throws ERR_INVALID_ARG_VALUE for whenDeregistered / WskDeregister on a registration never registered", () => {
    expect(() => whenDeregistered(new WSK_REGISTRATION())).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => WskDeregister(new WSK_REGISTRATION())).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });
});
