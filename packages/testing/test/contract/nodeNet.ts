// node:net, as the contract run's test files see it: their plain peers (createServer, connect)
// are sockets and servers of the test network (`network.net`), so stream's and rx's connection
// tests run with both ends on the network. Everything else is node:net's own. Not a public API.
import { createRequire } from "node:module";
import type * as NodeNet from "node:net";
import { contractNetwork } from "./network";

const real = createRequire(import.meta.url)("net") as typeof NodeNet;
const net = () => contractNetwork().net;

// A peer that a test's teardown resets (it closes the wskit socket abortively, then destroys the
// peer) may hear of the reset before it is destroyed: real Node's loop order usually destroys it
// first. That is no failure of the test: such an error is ignored unless the test listens for it.
const quietOnReset = <T extends { on(event: "error", listener: () => void): unknown }>(socket: T): T => {
  socket.on("error", () => {});
  return socket;
};

export const createServer = ((...args: Parameters<ReturnType<typeof net>["createServer"]>) => {
  const server = net().createServer(...args);
  server.on("connection", (socket: Parameters<typeof quietOnReset>[0]) => quietOnReset(socket));
  return server;
}) as unknown as typeof real.createServer;
export const connect = ((...args: Parameters<ReturnType<typeof net>["connect"]>) => quietOnReset(net().connect(...args))) as unknown as typeof real.connect;
export const createConnection = connect as unknown as typeof real.createConnection;
export const { isIP, isIPv4, isIPv6, SocketAddress, BlockList, Socket, Server } = real;
export default { ...real, createServer, connect, createConnection };
