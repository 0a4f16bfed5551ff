/**
 * Every error code and error class of @wskit/core, in one place.
 *
 * Three kinds of failure:
 * 1. Programmer errors (a wrong argument, a misused IRP) are thrown at once as `TypeError`,
 *    `RangeError` or `Error` subclasses carrying a stable `ERR_*` `code`.
 * 2. I/O results of the faithful layer are data: an NTSTATUS in `IoStatus.Status`, never a throw.
 * 3. The idiomatic helpers reject with a {@link WskError} whose `code` is the status name.
 *
 * Classes are branded with `Symbol.for` so that `Class.is(e)` holds across duplicate ESM/CJS copies,
 * where `instanceof` would not.
 */
import { NTSTATUS, type NtStatusName } from "./headers/NTSTATUS";
import { ntStatusName } from "./headers/ntStatusName";

/** The programmer-error codes of @wskit/core, and which built-in error class each one is thrown as. */
export const ERROR_CODES = {
  /** An argument of the wrong type. */
  ERR_INVALID_ARG_TYPE: "TypeError",
  /** An argument of the right type with a value the call does not take. */
  ERR_INVALID_ARG_VALUE: "TypeError",
  /** Text that is not an IP address of the family. */
  ERR_INVALID_IP_ADDRESS: "TypeError",
  /** A number outside what the call takes (a count, a size, a depth). */
  ERR_OUT_OF_RANGE: "RangeError",
  /** A port outside 0–65535. */
  ERR_SOCKET_BAD_PORT: "RangeError",
  /** An address family other than AF_INET and AF_INET6. */
  ERR_INVALID_ADDRESS_FAMILY: "RangeError",
  /** An IRP used after IoFreeIrp. */
  ERR_IRP_FREED: "Error",
  /** An IRP freed, reused or resubmitted while a request holds it. */
  ERR_IRP_PENDING: "Error",
  /** A provider call that needs a pending IRP got one that is not. */
  ERR_IRP_NOT_PENDING: "Error",
  /** An IRP completed twice. */
  ERR_IRP_ALREADY_COMPLETED: "Error",
  /** An IRP completed with STATUS_PENDING as its status. */
  ERR_IRP_COMPLETED_WITH_PENDING: "Error",
  /** An entry freed to a pool it does not belong to. */
  ERR_POOL_FOREIGN_ENTRY: "Error",
  /** An entry freed twice. */
  ERR_POOL_DOUBLE_FREE: "Error",
  /** The datagram engine asked for cannot be used here (the native addon does not load). */
  ERR_ENGINE_UNAVAILABLE: "Error",
  /** A call made in a state that does not allow it (a socket already bound, a network closed, …). */
  ERR_INVALID_STATE: "Error",
} as const satisfies Record<string, "TypeError" | "RangeError" | "Error">;

/** A programmer-error code of @wskit/core. */
export type ErrorCode = keyof typeof ERROR_CODES;

const kProgrammerError = Symbol.for("@wskit/core.ProgrammerError");
const kWskError = Symbol.for("@wskit/core.WskError");
const kVerifierError = Symbol.for("@wskit/core.WskVerifierError");

type Brand = typeof kProgrammerError | typeof kWskError | typeof kVerifierError;

function isBranded(value: unknown, brand: Brand): boolean {
  return typeof value === "object" && value !== null && (value as Record<Brand, unknown>)[brand] === true;
}

/** A wrong argument: the wrong type, or a value the call does not take. Thrown, never completed. */
export class WskTypeError extends TypeError {
  /** @internal A brand that holds across ESM and CJS copies. */
  declare readonly [kProgrammerError]: true;
  /** The stable `ERR_*` code. */
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
  /** True for any wskit programmer error, whichever copy of the package threw it. */
  static is(value: unknown): value is WskTypeError | WskRangeError | WskStateError {
    return isBranded(value, kProgrammerError);
  }
}

/** A number out of its range (a length, an offset, a port). Thrown, never completed. */
export class WskRangeError extends RangeError {
  /** @internal A brand that holds across ESM and CJS copies. */
  declare readonly [kProgrammerError]: true;
  /** The stable `ERR_*` code. */
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
  /** True for a wskit programmer error from any copy of the package. */
  static is = WskTypeError.is;
}

/** A call made in a state that forbids it (an IRP completed twice, a freed IRP reused). Thrown at once. */
export class WskStateError extends Error {
  /** @internal A brand that holds across ESM and CJS copies. */
  declare readonly [kProgrammerError]: true;
  /** The stable `ERR_*` code. */
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
  /** True for a wskit programmer error from any copy of the package. */
  static is = WskTypeError.is;
}

// Named as Node names its coded errors: by the built-in kind, with the code carried beside it.
for (const [ErrorClass, name] of [
  [WskTypeError, "TypeError"],
  [WskRangeError, "RangeError"],
  [WskStateError, "Error"],
] as const) {
  Object.defineProperty(ErrorClass.prototype, kProgrammerError, { value: true });
  Object.defineProperty(ErrorClass.prototype, "name", { value: name });
}

/** Makes the programmer error `code` stands for, of the class {@link ERROR_CODES} names for it. */
export function programmerError(code: ErrorCode, message: string): WskTypeError | WskRangeError | WskStateError {
  switch (ERROR_CODES[code]) {
    case "TypeError":
      return new WskTypeError(code, message);
    case "RangeError":
      return new WskRangeError(code, message);
    default:
      return new WskStateError(code, message);
  }
}

/** What a {@link WskError} may carry over from the Node system error behind it. */
export interface WskErrorOptions {
  /** The message; by default the status name and what it means. */
  message?: string;
  /** The error behind it (a Node system error). */
  cause?: unknown;
  /** The system call that failed (`connect`, `bind`, …). */
  syscall?: string;
  /** The address involved. */
  address?: string;
  /** The port involved. */
  port?: number;
}

/**
 * The rejection of an idiomatic helper: the completion status of the faithful call behind it.
 * `code` is the status name (`"STATUS_CONNECTION_RESET"`), which is the contract; `status` its value.
 */
export class WskError extends Error {
  /** @internal A brand that holds across ESM and CJS copies. */
  declare readonly [kWskError]: true;
  /** The status name, or the status in hex for a status the table does not name. */
  readonly code: NtStatusName | string;
  /** The NTSTATUS value, unsigned. */
  readonly status: number;
  /** The system call that failed, when known. */
  readonly syscall?: string;
  /** The address involved, when known. */
  readonly address?: string;
  /** The port involved, when known. */
  readonly port?: number;

  constructor(status: number, options: WskErrorOptions = {}) {
    const code = ntStatusName(status);
    super(options.message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status >>> 0;
    this.code = code;
    if (options.syscall !== undefined) this.syscall = options.syscall;
    if (options.address !== undefined) this.address = options.address;
    if (options.port !== undefined) this.port = options.port;
  }

  /** The error for a Node system error, its errno mapped by {@link ntStatusFromErrno}. */
  static fromNodeError(error: NodeJS.ErrnoException & { address?: string; port?: number }): WskError {
    const options: WskErrorOptions = { message: error.message, cause: error };
    if (error.syscall !== undefined) options.syscall = error.syscall;
    if (error.address !== undefined) options.address = error.address;
    if (error.port !== undefined) options.port = error.port;
    return new WskError(ntStatusFromErrno(error.code), options);
  }

  /** True for a WskError from any copy of the package. */
  static is(value: unknown): value is WskError {
    return isBranded(value, kWskError);
  }
}
Object.defineProperty(WskError.prototype, kWskError, { value: true });
Object.defineProperty(WskError.prototype, "name", { value: "WskError" });

/**
 * The one table from Node's errno codes to NTSTATUS, as Windows' AFD layer maps the matching
 * Winsock errors (WSAECONNRESET → STATUS_CONNECTION_RESET, WSAEADDRINUSE → STATUS_ADDRESS_ALREADY_EXISTS, …).
 */
const ERRNO_TO_NTSTATUS: Readonly<Record<string, number>> = {
  EACCES: NTSTATUS.STATUS_ACCESS_DENIED,
  EPERM: NTSTATUS.STATUS_ACCESS_DENIED,
  EADDRINUSE: NTSTATUS.STATUS_ADDRESS_ALREADY_EXISTS,
  EADDRNOTAVAIL: NTSTATUS.STATUS_INVALID_ADDRESS_COMPONENT,
  EAFNOSUPPORT: NTSTATUS.STATUS_INVALID_ADDRESS,
  EBADF: NTSTATUS.STATUS_INVALID_HANDLE,
  ECANCELED: NTSTATUS.STATUS_CANCELLED,
  ECONNABORTED: NTSTATUS.STATUS_CONNECTION_ABORTED,
  ECONNREFUSED: NTSTATUS.STATUS_CONNECTION_REFUSED,
  ECONNRESET: NTSTATUS.STATUS_CONNECTION_RESET,
  EHOSTDOWN: NTSTATUS.STATUS_HOST_DOWN,
  EHOSTUNREACH: NTSTATUS.STATUS_HOST_UNREACHABLE,
  EINVAL: NTSTATUS.STATUS_INVALID_PARAMETER,
  EISCONN: NTSTATUS.STATUS_CONNECTION_ACTIVE,
  EMFILE: NTSTATUS.STATUS_TOO_MANY_ADDRESSES,
  EMSGSIZE: NTSTATUS.STATUS_INVALID_BUFFER_SIZE,
  ENETDOWN: NTSTATUS.STATUS_NETWORK_UNREACHABLE,
  ENETUNREACH: NTSTATUS.STATUS_NETWORK_UNREACHABLE,
  ENOBUFS: NTSTATUS.STATUS_INSUFFICIENT_RESOURCES,
  ENOMEM: NTSTATUS.STATUS_INSUFFICIENT_RESOURCES,
  ENOTCONN: NTSTATUS.STATUS_INVALID_CONNECTION,
  ENOTFOUND: NTSTATUS.STATUS_NOT_FOUND,
  ENOTSUP: NTSTATUS.STATUS_NOT_SUPPORTED,
  EOPNOTSUPP: NTSTATUS.STATUS_NOT_SUPPORTED,
  EPIPE: NTSTATUS.STATUS_CONNECTION_DISCONNECTED,
  EPROTONOSUPPORT: NTSTATUS.STATUS_NOT_SUPPORTED,
  ETIMEDOUT: NTSTATUS.STATUS_IO_TIMEOUT,
  EAI_AGAIN: NTSTATUS.STATUS_RETRY,
  EAI_NONAME: NTSTATUS.STATUS_NOT_FOUND,
  EAI_NODATA: NTSTATUS.STATUS_NOT_FOUND,
  EAI_FAMILY: NTSTATUS.STATUS_INVALID_ADDRESS,
  ERR_SOCKET_DGRAM_NOT_RUNNING: NTSTATUS.STATUS_INVALID_HANDLE,
  ERR_SOCKET_CLOSED: NTSTATUS.STATUS_FILE_FORCED_CLOSED,
  ERR_STREAM_DESTROYED: NTSTATUS.STATUS_FILE_FORCED_CLOSED,
};

/**
 * The NTSTATUS for a Node errno code (`err.code` of a system error); STATUS_UNSUCCESSFUL for a code
 * the table does not know, so that every failure still completes with an error status.
 */
export function ntStatusFromErrno(code: string | undefined): number {
  return (code !== undefined ? ERRNO_TO_NTSTATUS[code] : undefined) ?? NTSTATUS.STATUS_UNSUCCESSFUL;
}

/**
 * The rules the verifier checks. Each violation is a {@link WskVerifierError} whose `code`
 * names the rule broken.
 */
export const VERIFIER_RULES = {
  /** A released or freed pool buffer was written after it went back to its pool. */
  ERR_VERIFIER_BUFFER_USED_AFTER_FREE: "a buffer was written after it was released or freed",
  /** A send buffer changed while the IRP that sends it was pending. */
  ERR_VERIFIER_SEND_BUFFER_MODIFIED: "a send buffer was modified while its IRP was pending",
  /** An IRP was garbage-collected, or left at deregistration, without IoFreeIrp. */
  ERR_VERIFIER_IRP_LEAKED: "an IRP was never freed",
  /** A retained indication list was never given back with WskRelease. */
  ERR_VERIFIER_INDICATION_LEAKED: "a retained indication was never released",
  /** A call was made on a socket after WskCloseSocket. */
  ERR_VERIFIER_SOCKET_CLOSED: "a socket was used after WskCloseSocket",
  /** A completion routine or event callback threw; wskit caught it and went on as the contract says. */
  ERR_VERIFIER_CALLBACK_THREW: "a completion routine or event callback threw",
} as const;

/** A verifier rule code. */
export type VerifierRule = keyof typeof VERIFIER_RULES;

/** A rule of the verifier was broken. `code` names the rule; `allocationSite` says where a leaked object came from. */
export class WskVerifierError extends Error {
  /** @internal A brand that holds across ESM and CJS copies. */
  declare readonly [kVerifierError]: true;
  /** The verifier rule that was broken. */
  readonly code: VerifierRule;
  /** For leaks: the stack where the leaked IRP or indication was allocated. */
  readonly allocationSite: string | undefined;

  constructor(code: VerifierRule, detail?: string, allocationSite?: string) {
    super(`${VERIFIER_RULES[code]}${detail === undefined ? "" : `: ${detail}`}`);
    this.code = code;
    this.allocationSite = allocationSite;
  }

  /** True for a WskVerifierError from any copy of the package. */
  static is(value: unknown): value is WskVerifierError {
    return isBranded(value, kVerifierError);
  }
}
Object.defineProperty(WskVerifierError.prototype, kVerifierError, { value: true });
Object.defineProperty(WskVerifierError.prototype, "name", { value: "WskVerifierError" });
