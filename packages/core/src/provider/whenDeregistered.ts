import { programmerError } from "../errors";
import { registrationState, type WSK_REGISTRATION } from "./WskClient";

/**
 * Resolves when a deregistration started by WskDeregister has ended: every captured provider NPI
 * released and every socket of the client closed.
 *
 * ```ts
 * WskDeregister(registration);
 * await whenDeregistered(registration);
 * ```
 * @throws ERR_INVALID_ARG_VALUE for a registration that was never registered.
 */
export function whenDeregistered(registration: WSK_REGISTRATION): Promise<void> {
  const state = registrationState(registration);
  if (state === undefined) throw programmerError("ERR_INVALID_ARG_VALUE", "whenDeregistered: the registration was never registered");
  return state.drained;
}
