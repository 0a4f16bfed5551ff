#ifndef WSKIT_SEND_H
#define WSKIT_SEND_H
#include "engine.h"
// Datagrams per sendmmsg call at most.
#define BATCH_SEND 64
// Sends payloads[first, first + count) to the destinations table's entries of the same index.
napi_value engine_send(napi_env env, Engine* engine, napi_value payloads, uint32_t first, uint32_t count, napi_value destinations);
#endif
