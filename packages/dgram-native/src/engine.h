// One native datagram socket: the fd, its uv_poll on Node's loop, the slots recvmmsg fills (views of
// BufferPool memory JavaScript lends), and the tables both sides share. Everything runs on the
// loop's thread; nothing here is touched from another thread.
#ifndef WSKIT_ENGINE_H
#define WSKIT_ENGINE_H

#ifndef NAPI_VERSION
#define NAPI_VERSION 8
#endif
#include <node_api.h>
#include <uv.h>
#include <stdint.h>
#include <sys/socket.h>
#include <netinet/in.h>

// Datagrams per recvmmsg, and per call into JavaScript: the most a WskReceiveFromEvent list holds.
#define BATCH 64
// Bytes of pool memory each slot lends: the pool's large class. A longer datagram overflows into
// the slot's spill region (reserved address space, only touched by such datagrams).
#define SLOT_BYTES 2048
#define SPILL_BYTES (65536 - SLOT_BYTES)
// Batches drained in one readiness callback before the loop gets to run something else.
#define ROUNDS_PER_WAKEUP 16
// Receive coalescing (interrupt moderation): when a wakeup finds more than one datagram waiting,
// datagrams arrive faster than the loop wakes, so the engine stops watching the socket and drains it
// again after this many microseconds (a timerfd), for as long as each drain still finds more than
// one. Fewer, fuller batches cost less CPU per datagram; the added delay is bounded by this and
// only happens under load. 0 turns it off.
#define COALESCE_MICROSECONDS 50
#define COALESCE_MAX_MICROSECONDS 1000000

// The per-slot metadata JavaScript reads after a batch (int32 words).
enum {
  META_LENGTH = 0,   // the datagram's real length (may exceed what was stored)
  META_FLAGS = 1,    // MSG_TRUNC / MSG_CTRUNC as Windows numbers them
  META_FAMILY = 2,   // 4 or 6
  META_PORT = 3,
  META_ADDRESS = 4,  // 4 words: the address bytes as they come (network order), v4 in the first
  META_CONTROL_LENGTH = 8,
  META_WORDS = 9,
};
// Windows x64 WSACMSGHDR records for one datagram, written here and copied by JavaScript.
#define CONTROL_BYTES 128

// Windows' flag values (ws2def.h), which is what the faithful layer reports.
#define WSK_MSG_TRUNC 0x0100
#define WSK_MSG_CTRUNC 0x0200

// What the JavaScript callback is told.
enum { EVENT_BATCH = 0, EVENT_WRITABLE = 1, EVENT_ERROR = 2 };

// Which control information the socket asked for (enabled through WskControlSocket).
enum { WANT_PKTINFO = 1, WANT_HOPS = 2, WANT_TCLASS = 4 };

typedef struct {
  napi_ref ref;       // strong: the slab's ArrayBuffer stays alive while registered
  uint8_t* data;
  size_t length;
} Slab;

typedef struct Engine {
  napi_env env;
  uv_poll_t poll;
  uv_poll_t timer_poll;  // the coalescing timerfd's
  int fd;
  int timer_fd;         // -1 where timerfd is unavailable (coalescing is then off)
  int coalesce_us;      // 0: off
  int coalescing;       // the socket is not watched; the timer drains it
  int segmentation;     // UDP GSO for runs of one size to one destination: 1 on, 0 off, -1 the kernel cannot
  int timer_watched;
  int family;
  int closed;
  int events;           // the poll's events now (UV_READABLE | UV_WRITABLE)
  int receiving;        // the client wants datagrams
  int want_writable;
  int control;          // WANT_* bits
  int dispatching;      // inside the JavaScript callback
  int handle_refs;      // the JS handle and each open uv handle
  int uv_handles;       // uv handles not yet closed (the socket's poll, the timer's)
  napi_ref callback;
  napi_async_context async;
  napi_async_cleanup_hook_handle cleanup;
  // Tables shared with JavaScript (views it made; strong references keep them alive).
  napi_ref slots_ref;   // Int32Array [slab id, offset] per slot
  int32_t* slots;
  napi_ref meta_ref;    // Int32Array META_WORDS per slot
  int32_t* meta;
  napi_ref control_ref; // Uint8Array CONTROL_BYTES per slot
  uint8_t* control_out;
  uint8_t* spill;       // BATCH * SPILL_BYTES of reserved address space
  Slab* slabs;
  uint32_t slab_count;
  // recvmmsg's arguments, made once.
  struct mmsghdr msgs[BATCH];
  struct iovec iov[BATCH][2];
  struct sockaddr_storage names[BATCH];
  uint64_t cmsg[BATCH][32];
} Engine;

// receive.c
void engine_on_poll(uv_poll_t* handle, int status, int events);
void engine_on_timer(uv_poll_t* handle, int status, int events);
int engine_update_poll(Engine* engine);
// control.c
uint32_t engine_format_control(Engine* engine, struct msghdr* message, uint8_t* out, uint32_t capacity, int* truncated);
// addon.c
void engine_call(Engine* engine, int event, int value);
void engine_release_async(Engine* engine);
int engine_slab_check(Engine* engine, int32_t id, uint8_t** data, size_t* length);
int engine_tables(Engine* engine);
// A typed array's memory when `value` is one of type `want` and at least `min_length` long (its
// length in `length_out`), else NULL. An empty view gives a valid pointer.
void* engine_typed_data(napi_env env, napi_value value, napi_typedarray_type want, size_t min_length, size_t* length_out);

#endif
