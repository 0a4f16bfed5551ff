// Which engine a datagram socket runs on: asked for by the socket (SO_WSKIT_DGRAM_ENGINE, or
// openDatagramSocket's `engine`), else WSKIT_DGRAM_ENGINE, else "auto" (native where it loads).
import { programmerError, STATUS_NOT_SUPPORTED, type NTSTATUS } from "@wskit/core";
import { ntStatusFromErrno } from "@wskit/core/provider";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import type { DatagramEngine, DatagramEngineChoice, DatagramEngineName } from "./DatagramEngine";
import { NativeEngine } from "./NativeEngine";
import { nativeBinding } from "./nativeBinding";
import { NodeEngine } from "./NodeEngine";
import { kDatagram } from "../internal/datagramState";

const CHOICES: readonly DatagramEngineChoice[] = ["auto", "node", "native"];
let warnedVariable: string | undefined;
let warnedUnavailable = false;

/** True for "auto", "node" and "native". */
export function isEngineChoice(value: unknown): value is DatagramEngineChoice {
  return CHOICES.includes(value as DatagramEngineChoice);
}

/** The default for new sockets: WSKIT_DGRAM_ENGINE if it names one (else a warning, once), else "auto". */
export function defaultEngineChoice(): DatagramEngineChoice {
  const value = process.env.WSKIT_DGRAM_ENGINE;
  if (value === undefined || value === "") return "auto";
  if (isEngineChoice(value)) return value;
  if (warnedVariable !== value) {
    warnedVariable = value;
    process.emitWarning(`WSKIT_DGRAM_ENGINE=${value} is not auto, node or native; using auto`, { code: "WSKIT_DGRAM_ENGINE_INVALID" });
  }
  return "auto";
}

/** The engine a choice comes to here, or, for "native" where the addon cannot load, why not. */
export function resolveEngine(choice: DatagramEngineChoice): { name: DatagramEngineName } | { reason: string } {
  if (choice === "node") return { name: "node" };
  const { binding, reason } = nativeBinding();
  if (binding !== null) return { name: "native" };
  return choice === "native" ? { reason: reason ?? "it did not load" } : { name: "node" };
}

/**
 * The error for an explicit ask for the native engine where it cannot be used: ERR_ENGINE_UNAVAILABLE,
 * saying why (not Linux, not installed, not built).
 */
export function engineUnavailable(reason: string): Error {
  return programmerError("ERR_ENGINE_UNAVAILABLE", `the native datagram engine cannot be used here: ${reason}`);
}

/** A new engine for the socket's choice, or the status its bind completes with when there is none. */
export function makeEngine(socket: DatagramSocket, choice: DatagramEngineChoice, family: number): DatagramEngine | NTSTATUS {
  const factory = socket[kDatagram].engineFactory;
  if (factory !== null) return factory(socket, family);
  const resolved = resolveEngine(choice);
  if ("reason" in resolved) {
    if (!warnedUnavailable) {
      warnedUnavailable = true;
      process.emitWarning(`a datagram socket asked for the native engine, which cannot be used here: ${resolved.reason}`, { code: "WSKIT_ENGINE_UNAVAILABLE" });
    }
    return STATUS_NOT_SUPPORTED;
  }
  if (resolved.name === "node") return new NodeEngine(socket, family);
  const engine = NativeEngine.open(socket, nativeBinding().binding as NonNullable<ReturnType<typeof nativeBinding>["binding"]>, family);
  // The addon could not make a socket (out of descriptors, …): the bind fails with that errno, as node:dgram's would.
  return typeof engine === "string" ? ntStatusFromErrno(engine) : engine;
}

/** The engine a socket uses, or would use once bound (native when it asked for native, loadable or not). */
export function engineNameOf(state: { engine: DatagramEngine | null; engineChoice: DatagramEngineChoice; engineFactory: unknown }): DatagramEngineName {
  if (state.engine !== null) return state.engine.name;
  if (state.engineFactory !== null) return "test";
  const resolved = resolveEngine(state.engineChoice);
  return "name" in resolved ? resolved.name : "native";
}
