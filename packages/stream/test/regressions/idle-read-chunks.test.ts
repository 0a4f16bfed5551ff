import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kStream } from "../../src/internal/streamState";
import { closeFixture, connectedToPeer, newFixture, receive, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

// libuv allocates a read buffer before every read attempt; one that finds no data (EAGAIN) never
// reaches the onread callback. Each such attempt once took a fresh pool chunk and lost it, until
// the pool ran dry and reading paused for good.
describe("regression: idle read attempts", () => {
  it("hold at most one pool chunk, however many small writes arrive", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    for (let i = 0; i < 50; i++) {
      peer.write("x");
      await turn();
      await turn();
    }
    const state = socket[kStream];
    expect(state.chunks.outstanding - state.backlog.size).toBeLessThanOrEqual(1);
    expect(state.paused).toBe(false);
    const all = receive(socket, 100);
    expect((await all.result).Information).toBe(50);
  });
});
