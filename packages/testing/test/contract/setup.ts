// The contract run (vitest.contract.config.ts): @wskit/dgram's, @wskit/stream's and @wskit/rx's
// behaviour tests, on the test network. Every socket of the file, whatever client makes it, comes
// from the network's providers; their node:dgram and node:net peers are network sockets too
// (nodeDgram.ts, nodeNet.ts).
import "@wskit/dgram";
import "@wskit/stream";
import { WskRegisterSocketProvider } from "@wskit/core/provider";
import { contractNetwork } from "./network";

for (const provider of new Set(contractNetwork().providers.values())) WskRegisterSocketProvider(provider);
