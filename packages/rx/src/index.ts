/**
 * @wskit/rx: RxJS Observables over WSK event indications.
 *
 * @packageDocumentation
 */

// Indications
export type { Indication } from "./Indication";

// Operators
export { copyAndRelease } from "./operators/copyAndRelease";
