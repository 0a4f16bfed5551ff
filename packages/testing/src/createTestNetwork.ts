import { checkOptions, programmerError } from "@wskit/core";
import { TestNetwork } from "./TestNetwork";
import { describeValue } from "@wskit/core/provider";

/** Options of {@link createTestNetwork}. */
export interface TestNetworkOptions {
  /** Where every random draw comes from: the same seed replays the same network. An integer 0 to 2³²−1; default 1. */
  seed?: number;
  /**
   * `"virtual"` (the default): time moves only when the test calls `advance()` or `runUntilIdle()`,
   * so a minute of a lossy network runs in milliseconds; what is due now still runs on the next turn.
   * `"real"`: delays pass in real time.
   */
  clock?: "virtual" | "real";
  /** Addresses sockets can bind to besides 127.0.0.1 and ::1 (each a machine of its own). */
  hosts?: readonly string[];
}

/**
 * A simulated network that is a WSK provider: datagram sockets made on it (through
 * `network.client`, `network.registerClient()`, `network.WskRegister()`, or the helpers' `network`
 * option) are @wskit/dgram's own, keeping SPEC §2, and every datagram crosses a link that applies
 * that link's impairments, deterministically from the seed.
 *
 * ```ts
 * await using network = createTestNetwork({ seed: 7, clock: "virtual" });
 * network.impair({ loss: 0.1, delay: 20, jitter: 5 });
 * await using socket = await openDatagramSocket({ network });
 * ```
 * @throws ERR_INVALID_ARG_TYPE / ERR_OUT_OF_RANGE / ERR_INVALID_ARG_VALUE for bad options, ERR_INVALID_IP_ADDRESS for a bad host.
 */
export function createTestNetwork(options: TestNetworkOptions = {}): TestNetwork {
  checkOptions("createTestNetwork", options);
  const { seed = 1, clock = "virtual", hosts = [] } = options;
  if (typeof seed !== "number") throw programmerError("ERR_INVALID_ARG_TYPE", `createTestNetwork: seed must be a number; received ${typeof seed}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw programmerError("ERR_OUT_OF_RANGE", `createTestNetwork: seed must be an integer from 0 to 4294967295; received ${describeValue(seed)}`);
  }
  if (clock !== "virtual" && clock !== "real") throw programmerError("ERR_INVALID_ARG_VALUE", `createTestNetwork: clock must be "virtual" or "real"; received ${describeValue(clock)}`);
  if (!Array.isArray(hosts)) throw programmerError("ERR_INVALID_ARG_TYPE", "createTestNetwork: hosts must be an array of addresses");
  return new TestNetwork(seed, clock, [...(hosts as readonly unknown[])] as string[]);
}
