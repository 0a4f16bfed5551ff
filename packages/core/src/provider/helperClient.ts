import { programmerError } from "../errors";
import { checkClientSession } from "./checkClientSession";
import { registerWskClient, type WskClientSession } from "./registerWskClient";

/**
 * A network sockets can come from instead of the host's: a WSK provider of its own, such as
 * @wskit/testing's simulated network. The helpers' `network` option takes one.
 */
export interface WskNetwork {
  /** The client session whose sockets are on this network. */
  readonly client: WskClientSession;
}

/** The `client` and `network` options the socket-making helpers share. */
export interface HelperClientOptions {
  /** The registered client to make the socket with; default one shared client for the process. */
  client?: WskClientSession;
  /** A network to make the socket on (its client); not with `client`. */
  network?: WskNetwork;
}

let sharedClient: WskClientSession | undefined;

/**
 * The client a helper makes its socket with: `options.client`, else `options.network`'s, else one
 * client shared by the process. A `client` that is no session, a `network` that has none, or both
 * options at once are ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE, thrown before anything starts.
 */
export function helperClient(api: string, options: HelperClientOptions): WskClientSession {
  const client = checkClientSession(api, options.client);
  const network: unknown = options.network;
  if (network === undefined) return client ?? (sharedClient ??= registerWskClient());
  if (client !== undefined) throw programmerError("ERR_INVALID_ARG_VALUE", `${api}: give options.client or options.network, not both`);
  let session: unknown;
  try {
    session = typeof network === "object" && network !== null ? (network as WskNetwork).client : undefined;
  } catch (error) {
    // A network that says it cannot be used (closed) says why; any other accessor is no network.
    if ((error as { code?: unknown } | null)?.code === "ERR_INVALID_STATE") throw error;
    session = undefined;
  }
  if (session === undefined) throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: options.network must be a network with a client session (createTestNetwork())`);
  return checkClientSession(api, session) as WskClientSession;
}
