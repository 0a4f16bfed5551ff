/**
 * A wskit socket option (level SOL_SOCKET) of datagram sockets: UDP segmentation of sends (Linux
 * UDP GSO, `UDP_SEGMENT`), a ULONG, nonzero = on. On the native engine, a run of datagrams of one
 * size to one destination in one send batch (a WskSendMessages, or the WskSendTo calls of one
 * turn) goes to the kernel as one message that it cuts into those same datagrams: the send path
 * runs once per run instead of once per datagram. Each IRP still completes with its own status and
 * byte count. Where the kernel or the route refuses segmentation, the run is sent datagram by
 * datagram instead (and a kernel without it is not asked again: the option then reads 0). On by
 * default on the native engine; set it at any time. The node engine answers 0 and refuses
 * anything else with STATUS_NOT_SUPPORTED.
 */
export const SO_WSKIT_SEND_SEGMENTATION = 0x7f06;
