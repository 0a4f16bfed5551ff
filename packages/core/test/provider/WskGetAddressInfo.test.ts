import { afterAll, describe, expect, it } from "vitest";
import {
  AF_INET,
  AF_INET6,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_PASSIVE,
  IoAllocateIrp,
  IoCancelIrp,
  IoFreeIrp,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
  NS_ALL,
  ref,
  registerWskClient,
  runIrp,
  SOCK_DGRAM,
  SockAddr,
  STATUS_CANCELLED,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_FOUND,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  type ADDRINFOEXW,
  type ADDRINFOEXW_HINTS,
} from "@wskit/core";

const wsk = registerWskClient();
afterAll(() => wsk.close());
const { Client, Dispatch } = wsk.npi;

async function resolve(node: string | null, service: string | null, hints: ADDRINFOEXW_HINTS | null = null) {
  const result = ref<ADDRINFOEXW | null>(null);
  const { Status } = await runIrp((irp) => Dispatch.WskGetAddressInfo(Client, node, service, NS_ALL, null, hints, result, null, null, irp));
  const list: ADDRINFOEXW[] = [];
  for (let entry = result.value; entry !== null; entry = entry.ai_next) list.push(entry);
  return { Status, list, head: result.value };
}

describe("WskGetAddressInfo", () => {
  it.each([
    ["127.0.0.1", "9000", AF_INET, "127.0.0.1:9000"],
    ["::1", "53", AF_INET6, "[::1]:53"],
    ["0:0:0:0:0:0:0:1", null, AF_INET6, "[::1]:0"],
  ])("resolves the numeric host %s without the resolver", async (node, service, family, text) => {
    const { Status, list } = await resolve(node, service, { ai_socktype: SOCK_DGRAM });
    expect(Status).toBe(STATUS_SUCCESS);
    expect(list.map((e) => [e.ai_family, e.ai_addr.toString(), e.ai_socktype, e.ai_addrlen])).toEqual([
      [family, text, SOCK_DGRAM, family === AF_INET6 ? 28 : 16],
    ]);
  });

  it("resolves localhost through the system resolver (loopback only)", async () => {
    const { Status, list } = await resolve("localhost", "7", { ai_family: AF_INET, ai_flags: AI_CANONNAME });
    expect(Status).toBe(STATUS_SUCCESS);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((e) => e.ai_family === AF_INET && e.ai_addr.port === 7)).toBe(true);
    expect(list.map((e) => e.ai_addr.address)).toContain("127.0.0.1");
    expect(list[0]?.ai_canonname).toBe("localhost");
  });

  it("gives loopback for a null host, and the unspecified address with AI_PASSIVE", async () => {
    expect((await resolve(null, "80", { ai_family: AF_INET })).list.map((e) => e.ai_addr.toString())).toEqual(["127.0.0.1:80"]);
    expect((await resolve(null, "80", { ai_family: AF_INET6, ai_flags: AI_PASSIVE })).list.map((e) => e.ai_addr.toString())).toEqual(["[::]:80"]);
    expect((await resolve(null, "80")).list.map((e) => e.ai_addr.toString())).toEqual(["[::1]:80", "127.0.0.1:80"]);
  });

  it.each([
    ["a name with AI_NUMERICHOST", "localhost", "1", { ai_flags: AI_NUMERICHOST }, STATUS_NOT_FOUND],
    ["a numeric host of the other family", "127.0.0.1", "1", { ai_family: AF_INET6 }, STATUS_NOT_FOUND],
    ["a service name (numeric ports only)", "127.0.0.1", "http", null, STATUS_NOT_FOUND],
    ["neither host nor service", null, null, null, STATUS_INVALID_PARAMETER],
    ["an unknown family", "127.0.0.1", "1", { ai_family: 99 }, STATUS_INVALID_PARAMETER],
  ] as const)("completes %s with its status", async (_name, node, service, hints, status) => {
    const { Status, head } = await resolve(node, service, hints);
    expect(Status).toBe(status);
    expect(head).toBeNull();
  });

  it("refuses a name space other than NS_ALL / NS_DNS, and a dead client", async () => {
    const result = ref<ADDRINFOEXW | null>(null);
    expect((await runIrp((irp) => Dispatch.WskGetAddressInfo(Client, "::1", null, 15, null, null, result, null, null, irp))).Status).toBe(STATUS_NOT_SUPPORTED);
    expect(Dispatch.WskGetAddressInfo({} as never, "::1", null, NS_ALL, null, null, result, null, null, IoAllocateIrp(1))).toBe(STATUS_INVALID_HANDLE);
  });

  it("is cancellable: STATUS_CANCELLED, and the late answer is dropped", async () => {
    const result = ref<ADDRINFOEXW | null>(null);
    const irp = IoAllocateIrp(1);
    Dispatch.WskGetAddressInfo(Client, "localhost", "1", NS_ALL, null, null, result, null, null, irp);
    expect(IoCancelIrp(irp)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(irp.IoStatus.Status).toBe(STATUS_CANCELLED);
    expect(result.value).toBeNull();
    IoFreeIrp(irp);
  });

  it("WskFreeAddressInfo unlinks the list", async () => {
    const { head } = await resolve(null, "1");
    expect(head?.ai_next).not.toBeNull();
    Dispatch.WskFreeAddressInfo(Client, head);
    expect(head?.ai_next).toBeNull();
  });
});

describe("WskGetNameInfo", () => {
  it("gives the numeric host and service with NI_NUMERICHOST | NI_NUMERICSERV", async () => {
    const node = ref("");
    const service = ref("");
    const { Status } = await runIrp((irp) =>
      Dispatch.WskGetNameInfo(Client, SockAddr.from("[::1]:8080"), 28, node, service, NI_NUMERICHOST | NI_NUMERICSERV, null, null, irp),
    );
    expect([Status, node.value, service.value]).toEqual([STATUS_SUCCESS, "::1", "8080"]);
  });

  it("out-parameters that refuse the write: refused at the call when frozen or not objects, STATUS_INVALID_PARAMETER at completion for a throwing setter (nothing thrown into Node's DNS callback)", async () => {
    const throwing = {
      get value(): string {
        return "";
      },
      set value(_: string) {
        throw new Error("refused");
      },
    };
    const loopback = SockAddr.from("127.0.0.1:22");
    for (const flags of [NI_NUMERICHOST | NI_NUMERICSERV, 0]) {
      const named = await runIrp((irp) => Dispatch.WskGetNameInfo(Client, loopback, 16, throwing, null, flags, null, null, irp));
      expect(named.Status).toBe(STATUS_INVALID_PARAMETER);
    }
    for (const bad of [Object.freeze({ value: "" }), "text", 5]) {
      const refused = await runIrp((irp) => Dispatch.WskGetNameInfo(Client, loopback, 16, bad as never, null, NI_NUMERICHOST, null, null, irp));
      expect(refused.Status).toBe(STATUS_INVALID_PARAMETER);
      const refusedService = await runIrp((irp) => Dispatch.WskGetNameInfo(Client, loopback, 16, null, bad as never, NI_NUMERICSERV, null, null, irp));
      expect(refusedService.Status).toBe(STATUS_INVALID_PARAMETER);
    }
    const throwingResult = {
      get value(): ADDRINFOEXW | null {
        return null;
      },
      set value(_: ADDRINFOEXW | null) {
        throw new Error("refused");
      },
    };
    for (const node of ["127.0.0.1", "localhost"]) {
      const resolved = await runIrp((irp) => Dispatch.WskGetAddressInfo(Client, node, null, NS_ALL, null, null, throwingResult, null, null, irp));
      expect(resolved.Status).toBe(STATUS_INVALID_PARAMETER);
    }
  });

  it("names the loopback address through the resolver", async () => {
    const node = ref("");
    const { Status } = await runIrp((irp) => Dispatch.WskGetNameInfo(Client, SockAddr.from("127.0.0.1:22"), 16, node, null, 0, null, null, irp));
    expect(Status).toBe(STATUS_SUCCESS);
    expect(node.value.length).toBeGreaterThan(0);
  });
});
