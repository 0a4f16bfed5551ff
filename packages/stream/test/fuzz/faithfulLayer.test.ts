// A seeded property-based fuzzer of the connection faithful layer (issue 11, SPEC §7). Each run is a
// sequence of hostile calls on a live TCP connection (a wskit socket and a raw node:net peer) and a
// listening socket; after every call it asserts the status or ERR_* code the contract gives, that no
// IRP completed twice, that no byte outside a WSK_BUF was written and no send buffer changed, and
// that the byte streams stay exact both ways: what the receives reported is a prefix of what the
// peer sent, and the peer gets exactly what the accepted sends carried, in order. At the end of each
// run the connection must still carry data both ways.
// CI runs the fixed seed; WSKIT_FUZZ_SEED and WSKIT_FUZZ_RUNS change it by hand.
import fc from "fast-check";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createWskBuf,
  IoAllocateIrp,
  IoCancelIrp,
  IoFreeIrp,
  runIrp,
  SockAddr,
  STATUS_CANCELLED,
  STATUS_INVALID_ADDRESS,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_FLAG_ABORTIVE,
  WSK_FLAG_DRAIN,
  WSK_FLAG_NODELAY,
  WSK_FLAG_WAITALL,
  WSK_EVENT_RECEIVE,
  type IRP,
  type NTSTATUS,
} from "@wskit/core";
import type { ConnectionSocket, ListenSocket, WskDataIndication } from "@wskit/stream";
import { ADDRESS_MUTATIONS, BUFFER_KINDS, bufferSpec, fuzzSettings, hostileAddress, hostileBuffer, hostileFlags, runFuzz } from "../../../core/test/helpers/hostile";
import { FuzzWatch } from "../../../core/test/helpers/irps";
import { boundConnection, closeFixture, connectedToPeer, enableEvents, listening, newFixture, turn, type Fixture } from "../helpers/connections";

const { seed, numRuns } = fuzzSettings(300);

let fixture: Fixture;
let socket: ConnectionSocket;
let peer: Socket;
let listener: ListenSocket;
let listenAddress: SockAddr;
const watch = new FuzzWatch();
const findings = watch.findings;
// The two byte streams, as sent and as received.
let peerSent = "";
let weReceived = "";
let weSent = "";
let peerReceived = "";
// A second connection read through WskReceiveEvent, whose lists the client keeps or gives back.
let evented: ConnectionSocket;
let eventedPeer: Socket;
let eventedSent = "";
let eventedIndicated = "";
let keepNext = false;
const kept: WskDataIndication[] = [];
const stale: WskDataIndication[] = [];

beforeAll(async () => {
  watch.install();
  fixture = newFixture();
  ({ socket, peer } = await connectedToPeer(fixture));
  peer.setEncoding("latin1");
  peer.on("data", (chunk: string) => (peerReceived += chunk));
  ({ listener, address: listenAddress } = await listening(fixture));
  ({ socket: evented, peer: eventedPeer } = await connectedToPeer(fixture, {
    WskReceiveEvent: (_context, _flags, head) => {
      for (let d = head; d !== null; d = d.Next) eventedIndicated += String.fromCharCode(...d.bytes);
      if (head === null) return STATUS_SUCCESS;
      if (keepNext) {
        kept.push(head);
        return STATUS_PENDING;
      }
      stale.push(head);
      return STATUS_SUCCESS;
    },
  }));
  enableEvents(evented, WSK_EVENT_RECEIVE);
});

afterAll(async () => {
  await closeFixture(fixture);
  watch.uninstall();
});

const trackedIrp = () => watch.trackedIrp();
const completed = (irp: IRP) => watch.completed(irp);

const IRP_KINDS = ["good", "pending elsewhere", "freed", "not an IRP", "null"] as const;
async function withIrp(kind: number, callWith: (irp: IRP) => NTSTATUS, expected: readonly NTSTATUS[], what: string): Promise<IRP | null> {
  const name = IRP_KINDS[kind % IRP_KINDS.length];
  if (name === "good" || kind >= IRP_KINDS.length) {
    const irp = trackedIrp();
    let status: NTSTATUS;
    try {
      status = callWith(irp);
    } catch (error) {
      findings.push(`${what}: threw ${String((error as { code?: string }).code ?? error)}`);
      return null;
    }
    if (!expected.includes(status)) findings.push(`${what}: returned ${status.toString(16)}, expected ${expected.map((s) => s.toString(16)).join("/")}`);
    return irp;
  }
  let irp: IRP;
  let expectThrow: string | undefined;
  let pending: IRP | null = null;
  if (name === "pending elsewhere") {
    pending = irp = trackedIrp();
    // An accept on the listener stays pending: nobody connects to it.
    expect(listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp)).toBe(STATUS_PENDING);
    expectThrow = "ERR_IRP_PENDING";
  } else if (name === "freed") {
    irp = IoAllocateIrp(1);
    IoFreeIrp(irp);
    expectThrow = "ERR_IRP_FREED";
  } else if (name === "not an IRP") {
    irp = {} as IRP;
    expectThrow = "ERR_INVALID_ARG_TYPE";
  } else {
    irp = null as unknown as IRP;
  }
  try {
    const status = callWith(irp);
    if (expectThrow !== undefined) findings.push(`${what}: returned ${status.toString(16)}, expected ${expectThrow}`);
    else if (status !== STATUS_INVALID_PARAMETER) findings.push(`${what}: returned ${status.toString(16)} for a null IRP`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== expectThrow) findings.push(`${what}: threw ${code ?? String(error)}, expected ${expectThrow ?? "STATUS_INVALID_PARAMETER"}`);
  }
  if (pending !== null) {
    IoCancelIrp(pending);
    await completed(pending);
    if (pending.IoStatus.Status !== STATUS_CANCELLED) findings.push("the accept an IRP was pending in did not cancel cleanly");
    IoFreeIrp(pending);
  }
  return null;
}

const operation = fc.oneof(
  fc.record({ op: fc.constant("send" as const), buffer: bufferSpec, flags: fc.nat(15), irp: fc.nat(9) }),
  fc.record({ op: fc.constant("receive" as const), buffer: bufferSpec, flags: fc.nat(15), irp: fc.nat(9), arrivals: fc.string({ maxLength: 40 }) }),
  fc.record({ op: fc.constant("disconnect" as const), buffer: fc.option(bufferSpec), flags: fc.nat(12), irp: fc.nat(9) }),
  fc.record({ op: fc.constant("accept" as const), local: fc.nat(4), remote: fc.nat(4), flags: fc.nat(12), irp: fc.nat(9) }),
  fc.record({ op: fc.constant("connect" as const), address: fc.nat(ADDRESS_MUTATIONS.length - 1), flags: fc.nat(3) }),
  fc.record({ op: fc.constant("indicate" as const), keep: fc.boolean(), text: fc.string({ minLength: 1, maxLength: 30 }) }),
  fc.record({ op: fc.constant("release" as const), pick: fc.nat(6) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const SEND_FLAGS = [0, 0, 0, WSK_FLAG_NODELAY];
const RECEIVE_FLAGS = [0, 0, WSK_FLAG_WAITALL, WSK_FLAG_DRAIN, WSK_FLAG_WAITALL | WSK_FLAG_DRAIN, 0x100];

function peerWrite(text: string): Promise<void> {
  if (text.length === 0) return Promise.resolve();
  peerSent += text;
  return new Promise((resolve) => peer.write(text, "latin1", () => resolve()));
}

async function perform(step: Operation): Promise<void> {
  switch (step.op) {
    case "send": {
      const source = hostileBuffer(step.buffer);
      const flags = hostileFlags(step.flags, SEND_FLAGS);
      const flagsOk = flags === 0 || flags === WSK_FLAG_NODELAY;
      const flagsKnown = typeof flags === "number" && Number.isInteger(flags) && flags >= -(2 ** 31) && flags < 2 ** 32;
      const expected = !flagsKnown ? [STATUS_INVALID_PARAMETER] : !flagsOk ? [STATUS_NOT_SUPPORTED] : !source.valid ? [STATUS_INVALID_PARAMETER] : [STATUS_PENDING];
      const irp = await withIrp(step.irp, (given) => socket.Dispatch.WskSend(socket, source.buf, flags as number, given), expected, `WskSend(${BUFFER_KINDS[step.buffer.kind]}, flags ${String(flags)})`);
      if (irp !== null) {
        await completed(irp);
        if (expected[0] === STATUS_PENDING) {
          if (irp.IoStatus.Status !== STATUS_SUCCESS || irp.IoStatus.Information !== source.length) findings.push("a send completed wrong");
          weSent += String.fromCharCode(...source.described());
        }
        IoFreeIrp(irp);
      }
      if (!source.intact(true)) findings.push("a send changed its buffer");
      return;
    }
    case "receive": {
      await peerWrite(step.arrivals.replace(/[^\x20-\x7e]/g, "x"));
      const target = hostileBuffer(step.buffer);
      const flags = hostileFlags(step.flags, RECEIVE_FLAGS);
      const flagsKnown = typeof flags === "number" && Number.isInteger(flags) && flags >= -(2 ** 31) && flags < 2 ** 32;
      const f = flags as number;
      let expected: NTSTATUS[];
      if (!target.valid || !flagsKnown) expected = [STATUS_INVALID_PARAMETER];
      else if ((f & ~(WSK_FLAG_WAITALL | WSK_FLAG_DRAIN)) !== 0) expected = [STATUS_NOT_SUPPORTED];
      else if ((f & WSK_FLAG_DRAIN) !== 0) expected = [STATUS_INVALID_PARAMETER]; // DRAIN discards: never posted by this fuzzer with Length 0
      else expected = [STATUS_PENDING];
      if (expected[0] === STATUS_INVALID_PARAMETER && (f & WSK_FLAG_DRAIN) !== 0 && target.valid && target.length === 0 && (f & WSK_FLAG_WAITALL) === 0) {
        return; // a valid DRAIN: it would discard the stream this fuzzer checks
      }
      const irp = await withIrp(step.irp, (given) => socket.Dispatch.WskReceive(socket, target.buf, f, given), expected, `WskReceive(${BUFFER_KINDS[step.buffer.kind]}, flags ${String(flags)})`);
      if (irp !== null) {
        if (expected[0] === STATUS_PENDING) {
          await turn();
          await turn();
          if (!watch.isCompleted(irp)) IoCancelIrp(irp);
        }
        await completed(irp);
        const { Status, Information } = irp.IoStatus;
        if (expected[0] === STATUS_PENDING) {
          if (Status !== STATUS_SUCCESS && Status !== STATUS_CANCELLED) findings.push(`a receive completed ${Status.toString(16)}`);
          const bytes = target.described().subarray(0, Information as number);
          if ((Information as number) > target.length) findings.push("a receive reported more than its buffer holds");
          weReceived += String.fromCharCode(...bytes);
          if (!peerSent.startsWith(weReceived)) findings.push("the received stream is not what the peer sent");
        } else if (Status !== expected[0]) {
          findings.push(`a refused receive completed ${Status.toString(16)}`);
        }
        IoFreeIrp(irp);
      }
      if (!target.intact()) findings.push(`a receive wrote outside its WSK_BUF (${BUFFER_KINDS[step.buffer.kind]})`);
      return;
    }
    case "disconnect": {
      // Only refusals: a real disconnect would end the stream this fuzzer keeps checking.
      const source = step.buffer === null ? null : hostileBuffer(step.buffer);
      const flags = hostileFlags(step.flags, [WSK_FLAG_ABORTIVE, 0x1]);
      // A missing buffer is null or undefined alike; with WSK_FLAG_ABORTIVE (or no flag) that is a real disconnect.
      const noBuffer = source === null || source.buf === null || source.buf === undefined;
      if (flags === 0 || (flags === WSK_FLAG_ABORTIVE && noBuffer)) return;
      const irp = await withIrp(step.irp, (given) => socket.Dispatch.WskDisconnect(socket, source?.buf ?? null, flags as number, given), [STATUS_INVALID_PARAMETER], `WskDisconnect(${source === null ? "no buffer" : BUFFER_KINDS[step.buffer?.kind ?? 0]}, flags ${String(flags)})`);
      if (irp !== null) {
        await completed(irp);
        IoFreeIrp(irp);
      }
      return;
    }
    case "accept": {
      const outs = [null, new SockAddr(), { address: "x" }, Object.freeze(new SockAddr()), 5];
      const local = outs[step.local % outs.length];
      const remote = outs[step.remote % outs.length];
      const flags = hostileFlags(step.flags, [0]);
      const outOk = (v: unknown) => v === null || (v instanceof SockAddr && !Object.isFrozen(v));
      if (flags === 0 && outOk(local) && outOk(remote)) return; // a good accept would wait for a connection nobody makes
      const irp = await withIrp(step.irp, (given) => listener.Dispatch.WskAccept(listener, flags as number, null, null, local as SockAddr, remote as SockAddr, given), [STATUS_INVALID_PARAMETER], `WskAccept(flags ${String(flags)}, out ${step.local % outs.length}/${step.remote % outs.length})`);
      if (irp !== null) {
        await completed(irp);
        IoFreeIrp(irp);
      }
      return;
    }
    case "indicate": {
      keepNext = step.keep;
      const text = step.text.replace(/[^\x20-\x7e]/g, "x");
      eventedSent += text;
      await new Promise<void>((resolve) => eventedPeer.write(text, "latin1", () => resolve()));
      for (const deadline = Date.now() + 1000; Date.now() < deadline && eventedIndicated.length < eventedSent.length; ) await new Promise((r) => setTimeout(r, 1));
      keepNext = false;
      if (!eventedSent.startsWith(eventedIndicated)) findings.push("the indicated stream is not what the peer sent");
      return;
    }
    case "release": {
      const pick = step.pick % 6;
      const choices: unknown[] = [kept[0], stale[stale.length - 1], stale[0], {}, null, kept[0]?.Next];
      const target = choices[pick];
      const status = evented.Dispatch.WskRelease(evented, target as WskDataIndication);
      if (pick === 0 && target !== undefined) {
        if (status !== STATUS_SUCCESS) findings.push(`WskRelease of a kept list returned ${status.toString(16)}`);
        stale.push(kept.shift() as WskDataIndication);
      } else if (status !== STATUS_INVALID_PARAMETER) {
        findings.push(`WskRelease (choice ${pick}) returned ${status.toString(16)}`);
      }
      return;
    }
    case "connect": {
      const fresh = await boundConnection(fixture);
      const { address, valid } = hostileAddress(listenAddress, step.address);
      const mutation = ADDRESS_MUTATIONS[step.address]?.[0] ?? "";
      const flags = [0, 1, Number.NaN, 0.5][step.flags % 4] as number;
      const expected = flags !== 0 ? STATUS_INVALID_PARAMETER : valid ? STATUS_SUCCESS : (mutation === "not a SockAddr" || mutation === "an accessor that throws") ? STATUS_INVALID_PARAMETER : mutation.startsWith("port") ? STATUS_INVALID_ADDRESS_COMPONENT : STATUS_INVALID_ADDRESS;
      if (expected === STATUS_SUCCESS) return; // connecting for real is covered by the suite; here only refusals
      const { Status } = await runIrp((irp) => fresh.Dispatch.WskConnect(fresh, address, flags, irp));
      if (Status !== expected) findings.push(`WskConnect(${mutation}, flags ${flags}) gave ${Status.toString(16)}`);
      fixture.sockets.splice(fixture.sockets.indexOf(fresh), 1);
      await fresh[Symbol.asyncDispose]();
      return;
    }
  }
}

// The connection still carries data both ways, and both streams are exact.
async function checkStreams(run: number): Promise<void> {
  for (const head of kept.splice(0)) {
    if (evented.Dispatch.WskRelease(evented, head) !== STATUS_SUCCESS) findings.push("a kept list could not be released");
    stale.push(head);
  }
  if (eventedIndicated !== eventedSent) {
    // What was refused or held is indicated again once released: wait for it.
    for (const deadline = Date.now() + 1000; Date.now() < deadline && eventedIndicated.length < eventedSent.length; ) await new Promise((r) => setTimeout(r, 1));
    if (eventedIndicated !== eventedSent) findings.push(`indicated ${JSON.stringify(eventedIndicated.slice(-30))}, the peer sent ${JSON.stringify(eventedSent.slice(-30))}`);
  }
  const probe = `<probe ${run}>`;
  await peerWrite(probe);
  for (let i = 0; i < 200 && weReceived.length < peerSent.length; i++) {
    const bytes = new Uint8Array(4096);
    const { Status, Information } = await runIrp((irp) => socket.Dispatch.WskReceive(socket, createWskBuf(bytes), 0, irp), { signal: AbortSignal.timeout(2000) });
    weReceived += String.fromCharCode(...bytes.subarray(0, Information as number));
    if (Status !== STATUS_SUCCESS) break;
  }
  if (weReceived !== peerSent) findings.push(`received ${JSON.stringify(weReceived.slice(-40))}, the peer sent ${JSON.stringify(peerSent.slice(-40))}`);
  const sent = await runIrp((irp) => socket.Dispatch.WskSend(socket, createWskBuf(new TextEncoder().encode(probe)), 0, irp));
  if (sent.Status !== STATUS_SUCCESS) findings.push("the socket no longer sends");
  weSent += probe;
  // Nagle's delay (with the peer's delayed ACK) can hold a small send for tens of milliseconds.
  for (const deadline = Date.now() + 2000; Date.now() < deadline && peerReceived.length < weSent.length; ) await new Promise((r) => setTimeout(r, 2));
  if (peerReceived !== weSent) findings.push(`the peer did not get exactly what the accepted sends carried: ${JSON.stringify(peerReceived.slice(-60))} vs ${JSON.stringify(weSent.slice(-60))} (${peerReceived.length} vs ${weSent.length})`);
}

describe("fuzzing the connection faithful layer with hostile input", () => {
  it(`finds nothing at seed ${seed} (${numRuns} runs of up to 10 calls)`, () =>
    runFuzz({ label: "stream fuzzer", operation, maxCalls: 10, perform, afterRun: checkStreams, findings }, seed, numRuns), 240_000);
});
