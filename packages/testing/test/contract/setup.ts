// The contract run (vitest.contract.config.ts): @wskit/dgram's and @wskit/rx's behaviour tests, on
// the test network. Every datagram socket of the file, whatever client makes it, comes from the
// network's provider; their node:dgram peers are network sockets too (nodeDgram.ts).
import "@wskit/dgram";
import { WSK_FLAG_DATAGRAM_SOCKET } from "@wskit/core";
import { WskRegisterSocketProvider } from "@wskit/core/provider";
import { contractNetwork } from "./network";

WskRegisterSocketProvider(contractNetwork().providers.get(WSK_FLAG_DATAGRAM_SOCKET)!);
