// A seeded property-based fuzzer of the datagram faithful layer (issue 11, SPEC §7). Each run is a
// sequence of hostile calls on two live sockets (one pulled with WskReceiveFrom, one pushed through
// WskReceiveFromEvent with retention); after every call it asserts the status or ERR_* code the
// contract gives, that no IRP completed twice, that no byte outside a WSK_BUF was written (guard
// bytes) and no send buffer changed, that datagram accounting holds and that nothing reached Node's
// handlers as an exception. At the end of each run both sockets must still send and receive.
// CI runs the fixed seed; WSKIT_FUZZ_SEED and WSKIT_FUZZ_RUNS change it by hand.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IoAllocateIrp,
  IoCancelIrp,
  IoFreeIrp,
  runIrp,
  SO_RCVBUF,
  SO_WSK_EVENT_CALLBACK,
  SockAddr,
  SOL_SOCKET,
  STATUS_BUFFER_OVERFLOW,
  STATUS_CANCELLED,
  STATUS_INVALID_ADDRESS,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WskSetOption,
  createWskBuf,
  MSG_PEEK,
  ref,
  SOCKET_ERROR,
  WSA_IO_PENDING,
  WSAEADDRNOTAVAIL,
  WSAEFAULT,
  WSAEINVAL,
  WSAEMSGSIZE,
  WSAENOTCONN,
  WSAEOPNOTSUPP,
  WSAEWOULDBLOCK,
  type IRP,
  type NTSTATUS,
  type Ref,
} from "@wskit/core";
import {
  getDatagramCounters,
  newOverlapped,
  WSPRecvFrom,
  WSPSendTo,
  SO_WSKIT_RETENTION_LIMIT,
  type DatagramCounters,
  type DatagramSocket,
  type WSK_BUF_LIST,
  type WskDatagramIndication,
} from "@wskit/dgram";
import { ADDRESS_MUTATIONS, BUFFER_KINDS, bufferSpec, fuzzSettings, hostileAddress, hostileBuffer, hostileFlags, runFuzz } from "../../../core/test/helpers/hostile";
import { FuzzWatch } from "../../../core/test/helpers/irps";
import { closeFixture, localAddressOf, newFixture, openPeer, openSocket, until, type Fixture } from "../helpers/sockets";

const { seed, numRuns } = fuzzSettings(300);

let fixture: Fixture;
let pulled: DatagramSocket;
let pushed: DatagramSocket;
// Gets no traffic: a receive posted on it stays pending, for calls given "an IRP pending elsewhere".
let idle: DatagramSocket;
let peer: Awaited<ReturnType<typeof openPeer>>["peer"];
let peerAddress: SockAddr;
const watch = new FuzzWatch();
const findings = watch.findings;
const peerReceived: string[] = [];
let expectedAtPeer = 0;
// Indications of `pushed`: lists the client kept, and heads it gave back or never kept.
const kept: WskDatagramIndication[] = [];
const stale: WskDatagramIndication[] = [];
const pushedPayloads: string[] = [];
let keepNext = false;

beforeAll(async () => {
  watch.install();
  fixture = newFixture();
  pulled = await openSocket(fixture);
  idle = await openSocket(fixture);
  pushed = await openSocket(fixture, {
    dispatch: {
      WskReceiveFromEvent: (_context, _flags, head) => {
        for (let d = head; d !== null; d = d.Next) pushedPayloads.push(new TextDecoder().decode(d.bytes));
        if (head === null) return STATUS_SUCCESS;
        if (keepNext) {
          kept.push(head);
          return STATUS_PENDING;
        }
        stale.push(head);
        return STATUS_SUCCESS;
      },
    },
  });
  const enabled = pushed.Dispatch.WskControlSocket(pushed, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
  expect(enabled).toBe(STATUS_SUCCESS);
  ({ peer, address: peerAddress } = await openPeer(fixture));
  peer.on("message", (message) => peerReceived.push(message.toString("latin1")));
});

afterAll(async () => {
  for (const head of kept.splice(0)) pushed.Dispatch.WskRelease(pushed, head);
  await closeFixture(fixture);
  watch.uninstall();
});

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const trackedIrp = () => watch.trackedIrp();
const completed = (irp: IRP) => watch.completed(irp);

// The IRP a call is given: a good one, or misuse the contract names as a programmer error.
const IRP_KINDS = ["good", "pending elsewhere", "freed", "not an IRP", "null"] as const;
async function irpOfKind(kind: number): Promise<{ irp: IRP; expectThrow?: string; expectReturn?: NTSTATUS; cleanup: () => Promise<void> }> {
  switch (IRP_KINDS[kind % IRP_KINDS.length]) {
    case "pending elsewhere": {
      const irp = trackedIrp();
      expect(idle.Dispatch.WskReceiveFrom(idle, createWskBuf(new Uint8Array(4)), 0, null, null, null, null, irp)).toBe(STATUS_PENDING);
      return {
        irp,
        expectThrow: "ERR_IRP_PENDING",
        cleanup: async () => {
          IoCancelIrp(irp);
          await completed(irp);
          IoFreeIrp(irp);
        },
      };
    }
    case "freed": {
      const irp = IoAllocateIrp(1);
      IoFreeIrp(irp);
      return { irp, expectThrow: "ERR_IRP_FREED", cleanup: async () => {} };
    }
    case "not an IRP":
      return { irp: { IoStatus: { Status: 0, Information: 0 } } as unknown as IRP, expectThrow: "ERR_INVALID_ARG_TYPE", cleanup: async () => {} };
    case "null":
      return { irp: null as unknown as IRP, expectReturn: STATUS_INVALID_PARAMETER, cleanup: async () => {} };
    default: {
      const irp = trackedIrp();
      return { irp, cleanup: async () => void (!watch.isCompleted(irp) || IoFreeIrp(irp)) };
    }
  }
}

/** Runs a faithful call as the IRP kind says, checking a programmer error where one is due. */
async function post(kind: number, callWith: (irp: IRP) => NTSTATUS, expected: (status: NTSTATUS) => boolean, what: string): Promise<{ irp: IRP; status: NTSTATUS } | null> {
  const { irp, expectThrow, expectReturn, cleanup } = await irpOfKind(kind);
  let status: NTSTATUS;
  try {
    status = callWith(irp);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (expectThrow === undefined || code !== expectThrow) findings.push(`${what}: threw ${code ?? String(error)}, expected ${expectThrow ?? "a status"}`);
    await cleanup();
    return null;
  }
  if (expectThrow !== undefined) findings.push(`${what}: returned ${status.toString(16)}, expected ${expectThrow}`);
  if (expectReturn !== undefined) {
    if (status !== expectReturn) findings.push(`${what}: returned ${status.toString(16)} for a null IRP`);
    await cleanup();
    return null;
  }
  if (expectThrow !== undefined) {
    await cleanup();
    return null;
  }
  if (!expected(status)) findings.push(`${what}: returned ${status.toString(16)}`);
  // Every call with a good IRP completes it: refused (with the status) or accepted (later).
  return { irp, status };
}

function accounted(c: DatagramCounters): number {
  return c.toIrps + c.indicated + c.queued + c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNotFromRemote + c.droppedShutdown + c.droppedNoBuffer + c.droppedClosed;
}
function checkAccounting(): void {
  for (const socket of [pulled, pushed]) {
    const counters = getDatagramCounters(socket);
    if (accounted(counters) !== counters.received) findings.push(`accounting: ${JSON.stringify(counters)}`);
  }
}

const operation = fc.oneof(
  fc.record({ op: fc.constant("receive" as const), buffer: bufferSpec, flags: fc.nat(20), irp: fc.nat(9), remote: fc.nat(3), arrivals: fc.nat(2), size: fc.nat(80) }),
  fc.record({ op: fc.constant("send" as const), buffer: bufferSpec, flags: fc.nat(20), irp: fc.nat(9), address: fc.nat(ADDRESS_MUTATIONS.length * 2) }),
  fc.record({ op: fc.constant("sendMessages" as const), entries: fc.array(bufferSpec, { minLength: 0, maxLength: 4 }), shape: fc.nat(5), irp: fc.nat(9) }),
  fc.record({ op: fc.constant("indicate" as const), keep: fc.boolean(), size: fc.nat(300) }),
  fc.record({ op: fc.constant("release" as const), pick: fc.nat(6) }),
  fc.record({ op: fc.constant("option" as const), which: fc.nat(2), value: fc.oneof(fc.integer({ min: -5, max: 300 * 1024 * 1024 }), fc.constantFrom(Number.NaN, 1.5, 2 ** 40)) }),
  fc.record({ op: fc.constant("events" as const), mask: fc.constantFrom<unknown>(0, Number.NaN, 1, 0x4, "256", {}, 2 ** 32 + 0x100, 0x100 | 0x4) }),
  fc.record({ op: fc.constant("wspRecvFrom" as const), buffers: fc.nat(6), count: fc.integer({ min: -1, max: 4 }), flags: fc.nat(8), from: fc.nat(4), fromlen: fc.nat(4), bytes: fc.nat(3), overlapped: fc.nat(2), arrivals: fc.nat(1) }),
  fc.record({ op: fc.constant("wspSendTo" as const), buffers: fc.nat(6), count: fc.integer({ min: -1, max: 4 }), bytes: fc.nat(3), to: fc.nat(ADDRESS_MUTATIONS.length + 1), tolen: fc.nat(3), overlapped: fc.nat(2) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

// WSABUF arrays a caller may pass: good ones and every kind of junk.
function wsaBuffers(pick: number): unknown {
  return [
    [{ buf: new Uint8Array(16), len: 16 }],
    [{ buf: new Uint8Array(4), len: 4 }, { buf: new Uint8Array(8), len: 8 }],
    [{ buf: new Uint8Array(4), len: 40 }],
    [{ buf: "text", len: 4 }],
    [null],
    {},
    [{ buf: new Uint8Array(8), len: -1 }],
  ][pick % 7];
}
const WSP_RECEIVE_ERRORS = new Set([WSA_IO_PENDING, WSAEFAULT, WSAEINVAL, WSAEMSGSIZE, WSAEOPNOTSUPP, WSAEWOULDBLOCK]);
const WSP_SEND_ERRORS = new Set([WSA_IO_PENDING, WSAEFAULT, WSAEINVAL, WSAEADDRNOTAVAIL, WSAENOTCONN, WSAEMSGSIZE]);

const refusedOr = (...statuses: NTSTATUS[]) => (status: NTSTATUS) => statuses.includes(status);

async function perform(step: Operation): Promise<void> {
  switch (step.op) {
    case "receive": {
      const to = await localAddressOf(pulled);
      for (let i = 0; i < step.arrivals; i++) await sendFromPeer(to, "r".repeat(step.size));
      if (step.arrivals > 0) await until(() => getDatagramCounters(pulled).received >= receivedAt.pulled + step.arrivals);
      receivedAt.pulled = getDatagramCounters(pulled).received;
      const target = hostileBuffer(step.buffer);
      const flags = hostileFlags(step.flags, [0, 0, 0, 0, 0]);
      const remote = [null, new SockAddr(), { family: 2 }, Object.freeze(new SockAddr())][step.remote % 4];
      const good = target.valid && flags === 0 && (step.remote % 4 === 0 || step.remote % 4 === 1);
      const result = await post(step.irp, (irp) => pulled.Dispatch.WskReceiveFrom(pulled, target.buf, flags as number, remote as SockAddr | null, null, null, null, irp),
        good ? refusedOr(STATUS_PENDING) : refusedOr(STATUS_INVALID_PARAMETER), `WskReceiveFrom(${BUFFER_KINDS[step.buffer.kind]}, flags ${String(flags)}, remote ${step.remote % 4})`);
      if (result !== null) {
        if (!watch.isCompleted(result.irp) && result.status === STATUS_PENDING) {
          await turn();
          if (!watch.isCompleted(result.irp)) IoCancelIrp(result.irp);
        }
        await completed(result.irp);
        const { Status, Information } = result.irp.IoStatus;
        if (good && ![STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW, STATUS_CANCELLED].includes(Status)) findings.push(`receive completed ${Status.toString(16)}`);
        if (good && (Information as number) > target.length) findings.push("receive reported more bytes than its buffer holds");
        if (!good && Status !== STATUS_INVALID_PARAMETER) findings.push(`refused receive completed ${Status.toString(16)}`);
        IoFreeIrp(result.irp);
      }
      if (!target.intact()) findings.push(`a receive wrote outside its WSK_BUF (${BUFFER_KINDS[step.buffer.kind]})`);
      return;
    }
    case "send": {
      const source = hostileBuffer(step.buffer);
      const flags = hostileFlags(step.flags, [0, 0, 0, 0, 0]);
      const { address, valid: addressValid } = step.address >= ADDRESS_MUTATIONS.length ? { address: peerAddress, valid: true } : hostileAddress(peerAddress, step.address);
      const mutation = ADDRESS_MUTATIONS[step.address % ADDRESS_MUTATIONS.length]?.[0] ?? "";
      const addressStatus = addressValid ? STATUS_SUCCESS : (mutation === "not a SockAddr" || mutation === "an accessor that throws") ? STATUS_INVALID_PARAMETER : mutation.startsWith("port") ? STATUS_INVALID_ADDRESS_COMPONENT : STATUS_INVALID_ADDRESS;
      const good = source.valid && flags === 0 && addressValid;
      const expected = good ? refusedOr(STATUS_PENDING) : flags !== 0 || !source.valid ? refusedOr(STATUS_INVALID_PARAMETER) : refusedOr(addressStatus);
      const result = await post(step.irp, (irp) => pulled.Dispatch.WskSendTo(pulled, source.buf, flags as number, address, 0, null, irp), expected, `WskSendTo(${BUFFER_KINDS[step.buffer.kind]}, flags ${String(flags)}, ${addressValid ? "good address" : mutation})`);
      if (result !== null) {
        await completed(result.irp);
        const { Status, Information } = result.irp.IoStatus;
        if (good) {
          expectedAtPeer++;
          if (Status !== STATUS_SUCCESS || Information !== source.length) findings.push(`send completed ${Status.toString(16)} with ${String(Information)} of ${source.length}`);
        }
        IoFreeIrp(result.irp);
      }
      if (!source.intact(true)) findings.push("a send changed its buffer");
      return;
    }
    case "sendMessages": {
      const sources = step.entries.map(hostileBuffer);
      let list: WSK_BUF_LIST | null = null;
      for (let i = sources.length - 1; i >= 0; i--) list = { Buffer: (sources[i] as ReturnType<typeof hostileBuffer>).buf, Next: list };
      let wellFormed = sources.length > 0 && sources.every((s) => s.valid);
      const shape = step.shape % 5;
      if (list !== null && shape === 1) {
        let last = list;
        while (last.Next !== null) last = last.Next;
        last.Next = list; // a cycle
        wellFormed = false;
      } else if (list !== null && shape === 2) {
        delete (list as { Next?: unknown }).Next; // an entry without Next
        wellFormed = wellFormed && sources.length === 0;
        wellFormed = false;
      } else if (shape === 3) {
        list = 5 as unknown as WSK_BUF_LIST;
        wellFormed = false;
      }
      const result = await post(step.irp, (irp) => pulled.Dispatch.WskSendMessages(pulled, list, 0, peerAddress, 0, null, irp),
        wellFormed ? refusedOr(STATUS_PENDING) : refusedOr(STATUS_INVALID_PARAMETER), `WskSendMessages(${sources.length} entries, shape ${shape})`);
      if (result !== null) {
        await completed(result.irp);
        if (wellFormed) {
          expectedAtPeer += sources.length;
          const total = sources.reduce((sum, s) => sum + s.length, 0);
          if (result.irp.IoStatus.Status !== STATUS_SUCCESS || result.irp.IoStatus.Information !== total) findings.push("WskSendMessages completed wrong");
        }
        IoFreeIrp(result.irp);
      }
      for (const source of sources) if (!source.intact(true)) findings.push("WskSendMessages changed a buffer");
      return;
    }
    case "indicate": {
      keepNext = step.keep;
      const before = pushedPayloads.length;
      await sendFromPeer(await localAddressOf(pushed), "i".repeat(step.size));
      for (let i = 0; i < 2000 && pushedPayloads.length === before && getDatagramCounters(pushed).queued === 0; i++) await turn();
      await turn();
      keepNext = false;
      return;
    }
    case "release": {
      const pick = step.pick % 6;
      const choices: unknown[] = [kept[0], stale[stale.length - 1], stale[0], {}, null, kept[0]?.Next];
      const target = choices[pick];
      const expectSuccess = pick === 0 && target !== undefined;
      const status = pushed.Dispatch.WskRelease(pushed, target as WskDatagramIndication);
      if (expectSuccess) {
        if (status !== STATUS_SUCCESS) findings.push(`WskRelease of a kept list returned ${status.toString(16)}`);
        stale.push(kept.shift() as WskDatagramIndication);
      } else if (status !== STATUS_INVALID_PARAMETER) {
        findings.push(`WskRelease (choice ${pick}) returned ${status.toString(16)}`);
        if (status === STATUS_SUCCESS) kept.splice(kept.indexOf(target as WskDatagramIndication), 1);
      }
      return;
    }
    case "option": {
      const code = [SO_RCVBUF, SO_WSKIT_RETENTION_LIMIT][step.which % 2] as number;
      const good = Number.isInteger(step.value) && step.value >= 1024 && step.value <= 256 * 1024 * 1024;
      const socket = step.which === 2 ? pulled : pushed;
      const { Status } = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, code, SOL_SOCKET, 4, step.value, 0, null, null, irp));
      if (Status !== (good ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER)) findings.push(`option ${code} = ${step.value} gave ${Status.toString(16)}`);
      if (good && step.value < 64 * 1024) {
        // Leave room for the liveness check.
        await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, code, SOL_SOCKET, 4, 256 * 1024, 0, null, null, irp));
      }
      return;
    }
    case "wspRecvFrom": {
      const to = await localAddressOf(pulled);
      for (let i = 0; i < step.arrivals; i++) await sendFromPeer(to, "w".repeat(10));
      if (step.arrivals > 0) await until(() => getDatagramCounters(pulled).received >= receivedAt.pulled + step.arrivals);
      receivedAt.pulled = getDatagramCounters(pulled).received;
      const before = getDatagramCounters(pulled).queued;
      const lpBuffers = wsaBuffers(step.buffers);
      const lpFlags = [ref(0), ref(0), null, ref(Number.NaN), Object.freeze(ref(0)), ref(MSG_PEEK), 5, ref(0x10000), ref(0)][step.flags];
      const lpFrom = [null, new SockAddr(), Object.freeze(new SockAddr()), { family: 2 }][step.from % 4];
      const lpFromlen = [ref(16), ref(2), null, Object.freeze(ref(16))][step.fromlen % 4];
      const bytes = [ref(0), null, Object.freeze(ref(0))][step.bytes % 3];
      const errno = ref(0);
      const overlapped = step.overlapped === 1 ? newOverlapped() : null;
      const routine = step.overlapped === 2 ? () => {} : null;
      let result: number;
      try {
        result = WSPRecvFrom(pulled, lpBuffers as never, step.count, bytes as Ref<number> | null, lpFlags as Ref<number>, lpFrom as SockAddr | null, lpFromlen as Ref<number> | null, overlapped, routine, null, errno);
      } catch (error) {
        findings.push(`WSPRecvFrom threw ${String((error as { code?: string }).code ?? error)}`);
        return;
      }
      if (result !== 0 && result !== SOCKET_ERROR) findings.push(`WSPRecvFrom returned ${result}`);
      if (result === SOCKET_ERROR && !WSP_RECEIVE_ERRORS.has(errno.value)) findings.push(`WSPRecvFrom failed with ${errno.value}`);
      // A refusal takes nothing: the datagram waits for a call that can receive it.
      if (result === SOCKET_ERROR && errno.value !== WSA_IO_PENDING && errno.value !== WSAEMSGSIZE && getDatagramCounters(pulled).queued !== before) {
        findings.push(`a refused WSPRecvFrom (${errno.value}) took a datagram`);
      }
      if (result === SOCKET_ERROR && errno.value === WSA_IO_PENDING) {
        // Give it a datagram so it completes, then let the routine run.
        await sendFromPeer(to, "done");
        for (let i = 0; i < 200 && overlapped !== null && !overlapped.Completed; i++) await turn();
        await turn();
      }
      checkAccounting();
      return;
    }
    case "wspSendTo": {
      const lpBuffers = wsaBuffers(step.buffers);
      const { address: lpTo } = step.to >= ADDRESS_MUTATIONS.length ? { address: step.to === ADDRESS_MUTATIONS.length ? null : peerAddress } : hostileAddress(peerAddress, step.to);
      const bytes = [ref(0), null, Object.freeze(ref(0))][step.bytes % 3];
      const errno = ref(0);
      const overlapped = step.overlapped === 1 ? newOverlapped() : null;
      const calls: number[] = [];
      const routine = step.overlapped === 2 ? (e: number) => void calls.push(e) : null;
      let result: number;
      try {
        result = WSPSendTo(pulled, lpBuffers as never, step.count, bytes as Ref<number> | null, 0, lpTo as SockAddr | null, [16, 8, 28, Number.NaN][step.tolen] as number, overlapped, routine, null, errno);
      } catch (error) {
        findings.push(`WSPSendTo threw ${String((error as { code?: string }).code ?? error)}`);
        return;
      }
      if (result !== 0 && result !== SOCKET_ERROR) findings.push(`WSPSendTo returned ${result}`);
      if (result === SOCKET_ERROR && !WSP_SEND_ERRORS.has(errno.value)) findings.push(`WSPSendTo failed with ${errno.value}`);
      const accepted = result === 0 || errno.value === WSA_IO_PENDING;
      if (accepted) expectedAtPeer++;
      for (let i = 0; i < 200 && routine !== null && accepted && calls.length === 0; i++) await turn();
      await turn();
      if (routine !== null && calls.length !== (accepted ? 1 : 0)) findings.push(`a WSPSendTo routine ran ${calls.length} times`);
      return;
    }
    case "events": {
      const status = pushed.Dispatch.WskControlSocket(pushed, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: step.mask }, 0, null, null, null);
      if (status !== STATUS_INVALID_PARAMETER) findings.push(`event mask ${String(step.mask)} gave ${status.toString(16)}`);
      return;
    }
  }
}

const receivedAt = { pulled: 0 };
function sendFromPeer(to: SockAddr, text: string): Promise<void> {
  return new Promise((resolve, reject) => peer.send(text, to.port, to.address, (error) => (error ? reject(error) : resolve())));
}

// Both sockets still work: a probe reaches each through its receive path, and a send from each arrives.
async function checkLiveness(run: number): Promise<void> {
  for (const head of kept.splice(0)) {
    if (pushed.Dispatch.WskRelease(pushed, head) !== STATUS_SUCCESS) findings.push("a kept list could not be released");
    stale.push(head);
  }
  const probe = `probe-${run}`;
  await sendFromPeer(await localAddressOf(pulled), probe);
  let found = false;
  for (let i = 0; i < 64 && !found; i++) {
    const bytes = new Uint8Array(64);
    const { Status, Information } = await runIrp((irp) => pulled.Dispatch.WskReceiveFrom(pulled, createWskBuf(bytes), 0, null, null, null, null, irp), { signal: AbortSignal.timeout(2000) });
    if (Status === STATUS_CANCELLED) break;
    found = new TextDecoder().decode(bytes.subarray(0, Information as number)) === probe;
  }
  if (!found) findings.push("the pulled socket no longer receives");
  await sendFromPeer(await localAddressOf(pushed), probe);
  for (let i = 0; i < 2000 && !pushedPayloads.includes(probe); i++) await turn();
  if (!pushedPayloads.includes(probe)) findings.push("the pushed socket no longer indicates");
  for (const socket of [pulled, pushed]) {
    const sent = await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(new TextEncoder().encode(probe)), 0, peerAddress, 0, null, irp));
    if (sent.Status !== STATUS_SUCCESS) findings.push("a socket no longer sends");
    expectedAtPeer++;
  }
  for (let i = 0; i < 2000 && peerReceived.length < expectedAtPeer; i++) await turn();
  if (peerReceived.length !== expectedAtPeer) findings.push(`the peer got ${peerReceived.length} datagrams, ${expectedAtPeer} were sent`);
  receivedAt.pulled = getDatagramCounters(pulled).received;
  checkAccounting();
}

describe("fuzzing the datagram faithful layer with hostile input", () => {
  it(`finds nothing at seed ${seed} (${numRuns} runs of up to 12 calls)`, () =>
    runFuzz({ label: "dgram fuzzer", operation, maxCalls: 12, perform, afterCall: checkAccounting, afterRun: checkLiveness, findings }, seed, numRuns), 240_000);
});
