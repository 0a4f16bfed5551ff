// The one test network of a contract-run test file: every datagram socket the file makes, through
// any client, is on it (setup.ts registers its provider for the process).
import { createTestNetwork, type TestNetwork } from "../../src/index";

let network: TestNetwork | undefined;

export function contractNetwork(): TestNetwork {
  return (network ??= createTestNetwork({ seed: 1, clock: "virtual" }));
}
