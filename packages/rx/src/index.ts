/**
 * @wskit/rx: RxJS Observables over WSK event indications.
 *
 * @packageDocumentation
 */

// Indications
export type { Indication } from "./Indication";

// Observables of indications
export { datagramIndications } from "./datagramIndications";
export type { DatagramIndication, DatagramIndicationSource, DatagramIndicationsOptions } from "./datagramIndications";

// Errors
export { IndicationError, RX_ERROR_CODES } from "./errors";
export type { RxErrorCode } from "./errors";

// Operators
export { copyAndRelease } from "./operators/copyAndRelease";
