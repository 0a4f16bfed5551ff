/**
 * @wskit/rx: RxJS Observables over WSK event indications and IRPs.
 *
 * @packageDocumentation
 */

// Indications and their ownership
export type { Indication } from "./Indication";
export type { DatagramIndication } from "./DatagramIndication";

// Observables of event indications
export { datagramIndications } from "./datagramIndications";
export type { DatagramIndicationCounters, DatagramIndicationSource, DatagramIndicationsOptions } from "./datagramIndications";
export { connectionIndications } from "./connectionIndications";
export type { ConnectionIndicationSource, ConnectionIndicationsOptions } from "./connectionIndications";

// IRP-backed receive loops
export { wskReceiveFrom } from "./wskReceiveFrom";
export type { ReceiveFromLoopOptions, ReceiveFromSource } from "./wskReceiveFrom";
export { wskReceive } from "./wskReceive";
export type { ReceiveLoopOptions, ReceiveSource } from "./wskReceive";

// Operators
export { copyAndRelease } from "./operators/copyAndRelease";
export { delimitedFrames, lengthPrefixedFrames } from "./operators/frames";
export type { DelimitedFramesOptions, Frame, FrameCounters, LengthPrefixedFramesOptions, OversizePolicy } from "./operators/frames";
export { mergeMapRetained } from "./operators/mergeMapRetained";
export { concatMapRetained } from "./operators/concatMapRetained";
export { wskSendTo } from "./operators/wskSendTo";
export type { OutgoingDatagram, SendToOptions, SendToTarget } from "./operators/wskSendTo";
export { wskSend } from "./operators/wskSend";
export type { SendOptions, SendTarget } from "./operators/wskSend";
export type { SendCompletion } from "./SendCompletion";

// Byte streams and async iteration
export { toByteStream } from "./toByteStream";
export type { ByteStreamOptions } from "./toByteStream";
export { toAsyncIterable } from "./toAsyncIterable";
export type { AsyncIterableOptions } from "./toAsyncIterable";
export { connectionFrames } from "./connectionFrames";
export type { ConnectionFramesCommon, ConnectionFramesOptions, DelimitedFraming, LengthPrefixedFraming } from "./connectionFrames";

// Errors
export { IndicationError, RX_ERROR_CODES } from "./errors";
export type { RxErrorCode } from "./errors";
