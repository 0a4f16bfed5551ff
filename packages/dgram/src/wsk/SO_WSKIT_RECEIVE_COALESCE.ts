/**
 * A wskit socket option (level SOL_SOCKET) of datagram sockets: receive coalescing, in
 * microseconds (a ULONG, 0 to 1,000,000; 0 turns it off), the native engine's interrupt
 * moderation. When a wakeup finds more than one datagram waiting, datagrams arrive faster than the
 * event loop wakes, so the engine stops watching the socket and drains it again this many
 * microseconds later, for as long as each drain still finds more than one: fewer, fuller
 * WskReceiveFromEvent lists, at far less CPU per datagram under load. A datagram that arrives alone
 * is never delayed; under load the added delay is at most this. The native engine's default is 50
 * (WskGetOption tells it); set it at any time. The node engine has no batches: it answers 0 and
 * refuses anything else with STATUS_NOT_SUPPORTED.
 */
export const SO_WSKIT_RECEIVE_COALESCE = 0x7f05;

/** The most SO_WSKIT_RECEIVE_COALESCE takes, in microseconds (one second). */
export const WSKIT_RECEIVE_COALESCE_MAX = 1_000_000;
