import { constants } from "node:os";

/**
 * A Node system error for an errno code the native engine returned, in Node's own shape (`message`
 * `"bind EADDRINUSE 127.0.0.1:8125"`, negative `errno`, `code`, `syscall`, `address`, `port`), so
 * a helper's `cause` is the same on both engines.
 */
export function systemError(code: string, syscall: string, address?: string, port?: number): NodeJS.ErrnoException {
  const where = address === undefined ? "" : port === undefined ? ` ${address}` : ` ${address}:${port}`;
  const error: NodeJS.ErrnoException & { address?: string; port?: number } = new Error(`${syscall} ${code}${where}`);
  const errno = (constants.errno as Record<string, number | undefined>)[code];
  if (errno !== undefined) error.errno = -errno;
  error.code = code;
  error.syscall = syscall;
  if (address !== undefined) error.address = address;
  if (port !== undefined) error.port = port;
  return error;
}
