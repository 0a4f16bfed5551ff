// Every helper that takes `signal` checks it as Node's own APIs do: a value that is not an
// AbortSignal is ERR_INVALID_ARG_TYPE before anything starts, never a TypeError from inside.
import { createServer, type Socket } from "node:net";
import { Subject } from "rxjs";
import { describe, expect, it } from "vitest";
import { lookupSockAddr, runIrp, STATUS_SUCCESS } from "@wskit/core";
import { datagrams, openDatagramSocket, receiveFrom, sendTo } from "@wskit/dgram";
import { connectionFrames, toAsyncIterable, type Indication } from "@wskit/rx";
import { connect, listen, receive, send } from "@wskit/stream";

const invalid = expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" });
const hostile: unknown[] = [{}, "abort", 1, null, { aborted: true, addEventListener() {} }];

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
    const peers: Socket[] = [];
    const server = createServer((peer) => {
      peer.on("error", () => {});
      peers.push(peer);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const at = `127.0.0.1:${(server.address() as { port: number }).port}`;
    {
      await using listener = await listen("127.0.0.1:0", { disposeTimeout: 0 });
      await using connection = await connect(at, { disposeTimeout: 0 });
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
    }
    for (const peer of peers) peer.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
