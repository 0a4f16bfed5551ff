import type { WSK_FLAG_DRAIN, WSK_FLAG_WAITALL } from "@wskit/core";

/**
 * The flags WskReceive takes: 0, WSK_FLAG_WAITALL or WSK_FLAG_DRAIN (mutually exclusive).
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_receive
 */
export type WskReceiveFlags = 0 | typeof WSK_FLAG_WAITALL | typeof WSK_FLAG_DRAIN;
