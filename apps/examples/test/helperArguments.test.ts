// Every helper checks its arguments as Node's own APIs do: `options` that is not an object, a
// `signal` that is not an AbortSignal, a `client` that is no client session, an address that is
// neither a string nor an address object, an option value outside its choices: a typed
// ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE before anything starts, never a TypeError from inside.
import { createServer, type Socket } from "node:net";
import { Subject } from "rxjs";
import { afterAll, describe, expect, it } from "vitest";
import { lookupSockAddr, runIrp, STATUS_SUCCESS } from "@wskit/core";
import { controlMessages, datagrams, getDatagramCounters, joinMulticastGroup, leaveMulticastGroup, openDatagramSocket, receiveFrom, sendTo } from "@wskit/dgram";
import {
  connectionFrames,
  connectionIndications,
  datagramIndications,
  delimitedFrames,
  lengthPrefixedFrames,
  toAsyncIterable,
  toByteStream,
  wskReceive,
  wskReceiveFrom,
  wskSend,
  wskSendTo,
  type Indication,
} from "@wskit/rx";
import { connect, disconnect, listen, receive, send, type ConnectionSocket } from "@wskit/stream";

const invalid = expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" });
const hostile: unknown[] = [{}, "abort", 1, null, { aborted: true, addEventListener() {} }];

// One node:net listener, and one wskit connection to it, for every check here that needs them (none
// of the refused calls touches either); closed after the file.
let shared: Promise<{ at: string; connection: ConnectionSocket; close(): Promise<void> }> | undefined;
function peerServer() {
  shared ??= (async () => {
    const peers: Socket[] = [];
    const server = createServer((peer) => {
      peer.on("error", () => {});
      peers.push(peer);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const at = `127.0.0.1:${(server.address() as { port: number }).port}`;
    const connection = await connect(at, { disposeTimeout: 0 });
    return {
      at,
      connection,
      async close() {
        await connection[Symbol.asyncDispose]();
        for (const peer of peers) peer.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  })();
  return shared;
}
afterAll(async () => (await shared)?.close());

describe("options.signal that is not an AbortSignal", () => {
  it("core: runIrp and lookupSockAddr", async () => {
    for (const signal of hostile) {
      expect(() => runIrp(() => STATUS_SUCCESS, { signal: signal as AbortSignal })).toThrow(invalid);
      await expect(lookupSockAddr("localhost:1", { signal: signal as AbortSignal })).rejects.toEqual(invalid);
    }
  });

  it("dgram: openDatagramSocket, receiveFrom, sendTo, datagrams", async () => {
    await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
    for (const signal of hostile) {
      const options = { signal: signal as AbortSignal };
      await expect(openDatagramSocket({ address: "127.0.0.1:0", ...options })).rejects.toEqual(invalid);
      await expect(receiveFrom(socket, options)).rejects.toEqual(invalid);
      await expect(sendTo(socket, "x", "127.0.0.1:9", options)).rejects.toEqual(invalid);
      await expect(datagrams(socket, options).next()).rejects.toEqual(invalid);
    }
  });

  it("stream: connect, listen, connections, send, receive; rx: toAsyncIterable, connectionFrames", async () => {
    const { at, connection } = await peerServer();
    await using listener = await listen("127.0.0.1:0", { disposeTimeout: 0 });
    for (const signal of hostile) {
      const options = { signal: signal as AbortSignal };
      await expect(connect(at, options)).rejects.toEqual(invalid);
      await expect(listen("127.0.0.1:0", options)).rejects.toEqual(invalid);
      await expect(listener.connections(options).next()).rejects.toEqual(invalid);
      await expect(send(connection, "x", options)).rejects.toEqual(invalid);
      await expect(receive(connection, 10, options)).rejects.toEqual(invalid);
      expect(() => toAsyncIterable(new Subject<Indication>(), options)).toThrow(invalid);
      expect(() => connectionFrames(connection, { lengthPrefixed: {}, ...options })).toThrow(invalid);
    }
  });
});

describe("options that are not an object", () => {
  const notObjects: unknown[] = [null, 5, "options", [], () => {}];

  it("every helper of every package refuses them with ERR_INVALID_ARG_TYPE", async () => {
    const { at, connection } = await peerServer();
    {
      await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
      await using listener = await listen("127.0.0.1:0", { disposeTimeout: 0 });
      for (const options of notObjects) {
        const o = options as never;
        expect(() => runIrp(() => STATUS_SUCCESS, o)).toThrow(invalid);
        await expect(lookupSockAddr("localhost:1", o)).rejects.toEqual(invalid);
        await expect(openDatagramSocket(o)).rejects.toEqual(invalid);
        await expect(receiveFrom(socket, o)).rejects.toEqual(invalid);
        await expect(sendTo(socket, "x", "127.0.0.1:9", o)).rejects.toEqual(invalid);
        await expect(datagrams(socket, o).next()).rejects.toEqual(invalid);
        expect(() => getDatagramCounters(socket, o)).toThrow(invalid);
        expect(() => joinMulticastGroup(socket, "239.1.2.3", o)).toThrow(invalid);
        expect(() => leaveMulticastGroup(socket, "239.1.2.3", o)).toThrow(invalid);
        await expect(connect(at, o)).rejects.toEqual(invalid);
        await expect(listen("127.0.0.1:0", o)).rejects.toEqual(invalid);
        await expect(listener.connections(o).next()).rejects.toEqual(invalid);
        await expect(send(connection, "x", o)).rejects.toEqual(invalid);
        await expect(receive(connection, 10, o)).rejects.toEqual(invalid);
        await expect(disconnect(connection, o)).rejects.toEqual(invalid);
        for (const make of [
          () => datagramIndications(socket, o),
          () => wskReceiveFrom(socket, o),
          () => wskSendTo(socket, o),
          () => connectionIndications(connection, o),
          () => wskReceive(connection, o),
          () => wskSend(connection, o),
          () => lengthPrefixedFrames(o),
          () => delimitedFrames(o),
          () => toAsyncIterable(new Subject<Indication>(), o),
          () => toByteStream(new Subject<Indication>(), o),
          () => connectionFrames(connection, o),
          () => connectionFrames(connection, { lengthPrefixed: o }),
          () => connectionFrames(connection, { delimited: o }),
        ]) {
          expect(make).toThrow(invalid);
        }
      }
    }
  });
});

describe("arguments and option values of the wrong kind", () => {
  const wrong: unknown[] = [null, 5, "text", () => {}];

  it("clients, addresses, multicast settings, counters and choices", async () => {
    await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
    for (const value of wrong) {
      const v = value as never;
      await expect(openDatagramSocket({ client: v })).rejects.toEqual(invalid);
      await expect(connect("127.0.0.1:9", { client: v })).rejects.toEqual(invalid);
      await expect(listen("127.0.0.1:0", { client: v })).rejects.toEqual(invalid);
      if (typeof value !== "string") {
        await expect(openDatagramSocket({ multicast: v })).rejects.toEqual(invalid);
        await expect(openDatagramSocket({ multicast: { join: v } })).rejects.toEqual(invalid);
        await expect(connect(v)).rejects.toEqual(invalid);
        await expect(listen(v)).rejects.toEqual(invalid);
        expect(() => getDatagramCounters(v)).toThrow(invalid);
        if (value !== null) expect(() => controlMessages(v)).toThrow(invalid);
        expect(() => lengthPrefixedFrames({ counters: v })).toThrow(invalid);
        expect(() => delimitedFrames({ counters: v })).toThrow(invalid);
        expect(() => datagramIndications(socket, { counters: v })).toThrow(invalid);
      }
      if (typeof value !== "number") await expect(receive((await peerServer()).connection, value as never)).rejects.toEqual(invalid);
      const badValue = expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" });
      expect(() => lengthPrefixedFrames({ byteOrder: v })).toThrow(badValue);
      expect(() => lengthPrefixedFrames({ onOversize: v })).toThrow(badValue);
      expect(() => delimitedFrames({ onOversize: v })).toThrow(badValue);
    }
  });
});
