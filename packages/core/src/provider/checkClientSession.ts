import { programmerError } from "../errors";
import type { WskClientSession } from "./registerWskClient";

/**
 * The helpers' check of a `client` option: undefined (the shared client), or a session from
 * registerWskClient (its `npi` holds the captured Client and Dispatch); anything else is
 * ERR_INVALID_ARG_TYPE, thrown before anything starts.
 */
export function checkClientSession(api: string, client: unknown): WskClientSession | undefined {
  if (client === undefined) return undefined;
  const npi = (client as Partial<WskClientSession> | null)?.npi as { Client?: unknown; Dispatch?: unknown } | undefined;
  if (typeof client === "object" && client !== null && typeof npi === "object" && npi !== null && typeof npi.Dispatch === "object" && npi.Dispatch !== null) {
    return client as WskClientSession;
  }
  throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: options.client must be a client session from registerWskClient()`);
}
