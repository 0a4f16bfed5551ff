import { describe, expect, it } from "vitest";
import { codeOf } from "../../core/test/helpers/codeOf";
import { WskError } from "@wskit/core";
import { connect, disconnect, listen, receive, send, type ConnectionSocket } from "@wskit/stream";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("connect, listen, send, receive, disconnect", () => {
  it("run an echo exchange over IPv4 and IPv6 loopback", async () => {
    for (const at of ["127.0.0.1:0", "[::1]:0"]) {
      await using server = await listen(at);
      const serving = (async () => {
        for await (const connection of server.connections()) {
          await using conn = connection;
          const request = await receive(conn, 5, { waitAll: true });
          await send(conn, `echo:${decode(request)}`);
          await disconnect(conn);
          return;
        }
      })();
      await using client = await connect(server.address);
      await send(client, "hello", { noDelay: true });
      const reply = await receive(client, 64, { waitAll: true });
      expect(decode(reply)).toBe("echo:hello"); // waitAll ended by the server's FIN: the partial count
      expect((await receive(client, 64)).byteLength).toBe(0);
      await serving;
    }
  });

  it("reject with a WskError: refused connection, aborted receive, reset", async () => {
    const closed = await listen();
    const address = closed.address;
    await closed[Symbol.asyncDispose]();
    const refused = await connect(address).catch((e: unknown) => e);
    expect(WskError.is(refused) && [refused.code, refused.port]).toEqual(["STATUS_CONNECTION_REFUSED", address.port]);

    await using server = await listen();
    const accepted = server.connections()[Symbol.asyncIterator]().next();
    await using client = await connect(server.address);
    await using peer = (await accepted).value as ConnectionSocket;
    const controller = new AbortController();
    const waiting = receive(client, 8, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    const aborted = await waiting;
    expect(aborted).toBe(controller.signal.reason);
    const cause = (aborted as { cause?: unknown }).cause;
    expect(WskError.is(cause) && cause.code).toBe("STATUS_CANCELLED");
    const pending = receive(client, 8).catch((e: unknown) => e);
    await disconnect(peer, { abortive: true });
    const reset = await pending;
    expect(WskError.is(reset) && reset.code).toBe("STATUS_CONNECTION_RESET");
  });

  it("connections() throws the signal's reason when its signal aborts, as events.on does", async () => {
    await using server = await listen();
    const controller = new AbortController();
    const all: unknown[] = [];
    const loop = (async () => {
      for await (const c of server.connections({ signal: controller.signal })) all.push(c);
      return "ended";
    })().catch((e: unknown) => e);
    controller.abort("shutting down");
    expect(await loop).toBe("shutting down");
    expect(all).toEqual([]);
  });
});

describe("the helpers refuse what is not theirs with coded errors", () => {
  it.each<[string, () => Promise<unknown>, string]>([
    ["send(null, …)", () => send(null as never, "x"), "ERR_INVALID_ARG_TYPE"],
    ["receive(a datagram-like object, 4)", () => receive({ Dispatch: { WskSendTo: () => 0 } } as never, 4), "ERR_INVALID_ARG_TYPE"],
    ["disconnect(undefined)", () => disconnect(undefined as never), "ERR_INVALID_ARG_TYPE"],
  ])("%s → %s", async (_name, run, code) => {
    expect(await codeOf(run)).toBe(code);
  });

  it.each([-1, 1.5, Number.NaN])("receive(connection, %s) → ERR_OUT_OF_RANGE", async (size) => {
    await using server = await listen("127.0.0.1:0");
    await using client = await connect(server.address);
    expect(await codeOf(() => receive(client, size))).toBe("ERR_OUT_OF_RANGE");
  });
});
