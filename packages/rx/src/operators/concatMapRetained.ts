import type { ObservableInput, OperatorFunction } from "rxjs";
import { programmerError } from "@wskit/core";
import type { Indication } from "../Indication";
import { mergeMapRetained } from "./mergeMapRetained";

/**
 * {@link mergeMapRetained} one at a time: each indication is retained, processed after the previous
 * one's projection completed, and released when its own completes.
 */
export function concatMapRetained<T extends Indication, R>(project: (indication: T, index: number) => ObservableInput<R>): OperatorFunction<T, R> {
  if (typeof project !== "function") throw programmerError("ERR_INVALID_ARG_TYPE", "concatMapRetained: project must be a function");
  return mergeMapRetained(project, 1);
}
