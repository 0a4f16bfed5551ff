/**
 * `@wskit/core/provider`: what a socket category package (@wskit/dgram, @wskit/stream, or your
 * own) implements its sockets with. Applications do not need it: they use `@wskit/core`.
 *
 * A provider registers its categories with {@link WskRegisterSocketProvider} when it loads, makes
 * its sockets as subclasses of `WskSocketObject` (from `@wskit/core`) with {@link WskSocketHooks},
 * and keeps the rules every category shares through these functions: which calls a dead socket
 * refuses, how pending IRPs are taken, completed and cancelled at close, how event callbacks are
 * enabled, called one at a time and waited for, and how retained lists are tracked.
 *
 * @packageDocumentation
 */

// Socket categories: the plug-in interface
export { CATEGORY_PACKAGES, WskRegisterSocketProvider } from "./provider/WskRegisterSocketProvider";
export { WskRegisterWithProviders } from "./provider/WskRegister";
export { registerWskClientWithProviders } from "./provider/registerWskClient";
export type { WskSocketConnectRequest, WskSocketProvider, WskSocketRequest } from "./provider/WskRegisterSocketProvider";
export type { WskSocketHooks, WskSocketInit } from "./provider/WskSocketObject";

// The rules every category shares, one a file
export { callSocketEvent } from "./provider/callSocketEvent";
export { checkSocketCall } from "./provider/checkSocketCall";
export { completeRequestAtOnce } from "./provider/completeRequestAtOnce";
export { runProviderEvent } from "./irp/completion";
export { completeSocketIrp } from "./provider/completeSocketIrp";
export { disableSocketEvent } from "./provider/disableSocketEvent";
export { isFlagsValue } from "./provider/isFlagsValue";
export { isSocketOpen } from "./provider/isSocketOpen";
export { describeValue } from "./describeValue";
export { isWritableObject } from "./isWritableObject";
export { readBrand } from "./readBrand";
export { releaseSocketList } from "./provider/releaseSocketList";
export { retainSocketList } from "./provider/retainSocketList";
export { setSocketClient } from "./provider/setSocketClient";
export { socketClientDispatch } from "./provider/socketClientDispatch";
export { socketEvents } from "./provider/socketEvents";
export { socketRequestFrom } from "./provider/socketRequestFrom";
export { takeSocketIrp } from "./provider/takeSocketIrp";
export { watchSocketClose } from "./provider/watchSocketClose";
export { checkSockAddr } from "./address/checkSockAddr";
export { snapshotSockAddr, writeSockAddr } from "./address/sockAddrCopies";
export type { SockAddrRules } from "./address/checkSockAddr";
export { setIrpCause } from "./irp/setIrpCause";
export { reportCallbackError } from "./verifier/reportCallbackError";
export { ntStatusFromErrno } from "./errors";

// Diagnostics: what providers publish (diagnostics_channel and NODE_DEBUG=wskit)
export {
  datagramDropsObserved,
  debug,
  noteDatagramDrop,
  publishConnection,
  publishConnectionFlow,
  publishSocketCreate,
  traceOperation,
} from "./diagnostics/publish";
