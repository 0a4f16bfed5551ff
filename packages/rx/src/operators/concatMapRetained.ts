import type { ObservableInput, OperatorFunction } from "rxjs";
import type { Indication } from "../Indication";
import { mergeMapRetained } from "./mergeMapRetained";

/**
 * {@link mergeMapRetained} one at a time: each indication is retained, processed after the previous
 * one's projection completed, and released when its own completes.
 */
export function concatMapRetained<T extends Indication, R>(project: (indication: T, index: number) => ObservableInput<R>): OperatorFunction<T, R> {
  return mergeMapRetained(project, 1);
}
