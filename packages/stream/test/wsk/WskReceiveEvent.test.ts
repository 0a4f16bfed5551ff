import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  STATUS_DATA_NOT_ACCEPTED,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  WSK_EVENT_SEND_BACKLOG,
  WSK_FLAG_ABORTIVE,
  type NTSTATUS,
  type Ref,
} from "@wskit/core";
import { IDEAL_SEND_BACKLOG, type WskDataIndication } from "@wskit/stream";
import { kStream } from "../../src/internal/streamState";
import { closeFixture, connectedToPeer, decode, enableEvents, newFixture, receive, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 5000 && !condition(); i++) await turn();
  expect(condition()).toBe(true);
};

function textOf(head: WskDataIndication | null): string {
  let text = "";
  for (let d = head; d !== null; d = d.Next) text += decode(d.bytes);
  return text;
}

type Answer = (head: WskDataIndication | null, indicated: number, accepted: Ref<number>) => NTSTATUS;

function recorder(answer: Answer = () => STATUS_SUCCESS) {
  const calls: Array<{ text: string; indicated: number }> = [];
  const dispatch = {
    WskReceiveEvent: (context: unknown, _flags: number, head: WskDataIndication | null, indicated: number, accepted: Ref<number>) => {
      expect(context).toBe("ctx");
      calls.push({ text: textOf(head), indicated });
      return answer(head, indicated, accepted);
    },
  };
  return { calls, dispatch };
}

describe("WskReceiveEvent", () => {
  it("indicates data no receive took; STATUS_SUCCESS with BytesAccepted untouched consumes it all", async () => {
    const { calls, dispatch } = recorder();
    const { socket, peer } = await connectedToPeer(fixture, dispatch);
    enableEvents(socket, WSK_EVENT_RECEIVE);
    peer.write("indicated");
    await until(() => calls.length === 1);
    expect(calls[0]).toEqual({ text: "indicated", indicated: 9 });
    expect(socket[kStream].backlogBytes).toBe(0);
  });

  it("a pending WskReceive takes the data before the event", async () => {
    const { calls, dispatch } = recorder();
    const { socket, peer } = await connectedToPeer(fixture, dispatch);
    enableEvents(socket, WSK_EVENT_RECEIVE);
    const pending = receive(socket, 32);
    peer.write("for the irp");
    expect(decode(pending.buffer.subarray(0, (await pending.result).Information as number))).toBe("for the irp");
    await turn();
    expect(calls).toEqual([]);
  });

  it("STATUS_SUCCESS with less accepted leaves the rest buffered; no indication until a WskReceive completes", async () => {
    const { calls, dispatch } = recorder((_h, _n, accepted) => {
      accepted.value = 4;
      return STATUS_SUCCESS;
    });
    const { socket, peer } = await connectedToPeer(fixture, dispatch);
    enableEvents(socket, WSK_EVENT_RECEIVE);
    peer.write("takeREST");
    await until(() => calls.length === 1);
    peer.write("+more");
    await until(() => socket[kStream].backlogBytes === 9);
    expect(calls.length).toBe(1);
    const rest = receive(socket, 4);
    expect(decode(rest.buffer.subarray(0, (await rest.result).Information as number))).toBe("REST");
    // Re-armed: what is left is indicated again.
    await until(() => calls.length === 2);
    expect(calls[1]?.text).toBe("+more");
  });

  it("STATUS_PENDING keeps the list until WskRelease; releasing twice is STATUS_INVALID_PARAMETER", async () => {
    const kept: WskDataIndication[] = [];
    const { dispatch } = recorder((head) => (head && kept.push(head), STATUS_PENDING));
    const { socket, peer } = await connectedToPeer(fixture, dispatch);
    enableEvents(socket, WSK_EVENT_RECEIVE);
    peer.write("kept bytes");
    await until(() => kept.length === 1);
    await turn();
    expect(textOf(kept[0] as WskDataIndication)).toBe("kept bytes");
    expect(socket[kStream].retainedBytes).toBe(10);
    expect(socket.Dispatch.WskRelease(socket, kept[0] as WskDataIndication)).toBe(STATUS_SUCCESS);
    expect(socket.Dispatch.WskRelease(socket, kept[0] as WskDataIndication)).toBe(STATUS_INVALID_PARAMETER);
    expect(socket[kStream].retainedBytes).toBe(0);
    // Every chunk is back, but the one held for the next read.
    expect(socket[kStream].chunks.outstanding).toBe(socket[kStream].readChunk === null ? 0 : 1);
  });

  it("STATUS_DATA_NOT_ACCEPTED consumes nothing; a zero-length WskReceive resumes indications without consuming", async () => {
    let answer: NTSTATUS = STATUS_DATA_NOT_ACCEPTED;
    const { calls, dispatch } = recorder(() => answer);
    const { socket, peer } = await connectedToPeer(fixture, dispatch);
    enableEvents(socket, WSK_EVENT_RECEIVE);
    peer.write("refused");
    await until(() => calls.length === 1);
    peer.write("!");
    await until(() => socket[kStream].backlogBytes === 8);
    expect(calls.length).toBe(1);
    answer = STATUS_SUCCESS;
    expect(await receive(socket, 0).result).toEqual({ Status: STATUS_SUCCESS, Information: 0 });
    await until(() => calls.length === 2);
    expect(calls[1]?.text).toBe("refused!");
  });

  it("a client that keeps everything holds TCP at the bound, and loses no byte once it releases", async () => {
    const kept: WskDataIndication[] = [];
    const received = createHash("sha256");
    let total = 0;
    const { dispatch } = recorder((head) => {
      for (let d = head; d !== null; d = d.Next) {
        received.update(d.bytes);
        total += d.Buffer.Length;
      }
      if (head) kept.push(head);
      return STATUS_PENDING;
    });
    const { socket, peer } = await connectedToPeer(fixture, dispatch);
    enableEvents(socket, WSK_EVENT_RECEIVE);
    const size = 8 * 1024 * 1024;
    const sent = createHash("sha256");
    let written = 0;
    const writer = (async () => {
      while (written < size) {
        const chunk = Buffer.alloc(32 * 1024, written / 32768);
        sent.update(chunk);
        written += chunk.byteLength;
        if (!peer.write(chunk)) await new Promise((resolve) => peer.once("drain", resolve));
      }
    })();
    for (let i = 0; i < 200; i++) await turn();
    const state = socket[kStream];
    expect(state.paused).toBe(true);
    expect(state.retainedBytes + state.backlogBytes).toBeLessThanOrEqual(state.backlogLimit + 64 * 1024);
    while (total < size) {
      for (const head of kept.splice(0)) socket.Dispatch.WskRelease(socket, head);
      await turn();
    }
    await writer;
    for (const head of kept.splice(0)) socket.Dispatch.WskRelease(socket, head);
    expect(total).toBe(size);
    expect(received.digest("hex")).toBe(sent.digest("hex"));
  }, 60_000);
});

describe("WskDisconnectEvent and WskSendBacklogEvent", () => {
  it("reports the peer's graceful FIN with Flags 0", async () => {
    const flags: number[] = [];
    const { socket, peer } = await connectedToPeer(fixture, { WskDisconnectEvent: (_c, f) => (flags.push(f), STATUS_SUCCESS) });
    enableEvents(socket, WSK_EVENT_DISCONNECT);
    peer.end();
    await until(() => flags.length === 1);
    expect(flags).toEqual([0]);
  });

  it("reports a reset with WSK_FLAG_ABORTIVE", async () => {
    const flags: number[] = [];
    const { socket, peer } = await connectedToPeer(fixture, { WskDisconnectEvent: (_c, f) => (flags.push(f), STATUS_SUCCESS) });
    enableEvents(socket, WSK_EVENT_DISCONNECT);
    await turn();
    peer.resetAndDestroy();
    await until(() => flags.length === 1);
    expect(flags).toEqual([WSK_FLAG_ABORTIVE]);
  });

  it("enabled after the peer's FIN, it reports the FIN then, from I/O (a late subscriber is not left waiting)", async () => {
    const flags: number[] = [];
    const { socket, peer } = await connectedToPeer(fixture, { WskDisconnectEvent: (_c, f) => (flags.push(f), STATUS_SUCCESS) });
    peer.end();
    await until(() => socket[kStream].peerClosed);
    enableEvents(socket, WSK_EVENT_DISCONNECT);
    expect(flags).toEqual([]);
    await until(() => flags.length === 1);
    expect(flags).toEqual([0]);
  });

  it("reports the ideal send backlog when enabled, from I/O rather than inside the call", async () => {
    const sizes: number[] = [];
    const { socket } = await connectedToPeer(fixture, { WskSendBacklogEvent: (_c, size) => (sizes.push(size), STATUS_SUCCESS) });
    enableEvents(socket, WSK_EVENT_SEND_BACKLOG);
    expect(sizes).toEqual([]);
    await until(() => sizes.length === 1);
    expect(sizes).toEqual([IDEAL_SEND_BACKLOG]);
  });
});
