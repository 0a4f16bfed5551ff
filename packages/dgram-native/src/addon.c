// The Node-API surface of the native datagram engine: one external per socket (type-tagged, so no
// other value is ever taken for one), the calls @wskit/dgram makes on it, and the lifetime rules:
// the fd is closed synchronously by close() (after the poll stopped watching it), the engine's
// memory when both the uv handle has closed and the external was collected, and an environment
// that ends (a worker thread exits) closes what is still open.
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <linux/sock_diag.h>
#include "engine.h"
#include "send.h"

#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

static const napi_type_tag ENGINE_TAG = {0x77736b69745f6467ULL, 0x72616d5f6e617469ULL};

enum {
  OPTION_RCVBUF = 1,
  OPTION_SNDBUF = 2,
  OPTION_REUSEPORT = 3,
  OPTION_CONTROL = 4,
  // The UDP options of SPEC §9: each maps to the IPv4 or the IPv6 option by the socket's family.
  OPTION_REUSEADDR = 5,
  OPTION_BROADCAST = 6,
  OPTION_TTL = 7,
  OPTION_MULTICAST_TTL = 8,
  OPTION_MULTICAST_LOOP = 9,
  // Byte-valued (setOptionBytes): an in_addr or an interface index; an ip_mreq or an ipv6_mreq.
  OPTION_MULTICAST_IF = 10,
  OPTION_ADD_MEMBERSHIP = 11,
  OPTION_DROP_MEMBERSHIP = 12,
  // Receive coalescing, in microseconds (0: off); see COALESCE_MICROSECONDS.
  OPTION_RECEIVE_COALESCE = 13,
  // UDP segmentation of sends (1 on, 0 off); reads 0 where the kernel refused it.
  OPTION_SEND_SEGMENTATION = 14,
};

#define CHECK(call)                                       \
  do {                                                    \
    if ((call) != napi_ok) return throw_type(env, #call); \
  } while (0)

static napi_value throw_type(napi_env env, const char* what) {
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", what);
  return NULL;
}

static napi_value int_value(napi_env env, int32_t value) {
  napi_value result;
  napi_create_int32(env, value, &result);
  return result;
}

// ---- lifetime -------------------------------------------------------------------------------

static void release(Engine* engine) {
  if (--engine->handle_refs == 0) free(engine);
}

static void delete_ref(napi_env env, napi_ref* ref) {
  if (*ref != NULL) {
    napi_delete_reference(env, *ref);
    *ref = NULL;
  }
}

static void on_uv_closed(uv_handle_t* handle) {
  Engine* engine = (Engine*)handle->data;
  // The environment's cleanup may go on once the hook is removed: only after the last handle closed.
  if (--engine->uv_handles == 0 && engine->cleanup != NULL) {
    napi_remove_async_cleanup_hook(engine->cleanup);
    engine->cleanup = NULL;
  }
  release(engine);
}

// Stops polling, closes the fd now, and lets go of every JavaScript object the engine held.
static void engine_close(Engine* engine) {
  if (engine->closed) return;
  napi_env env = engine->env;
  engine->closed = 1;
  engine->receiving = 0;
  engine->want_writable = 0;
  uv_poll_stop(&engine->poll);  // removes the fd from epoll, so closing it next is safe
  close(engine->fd);
  engine->fd = -1;
  if (engine->timer_fd >= 0) {
    uv_poll_stop(&engine->timer_poll);
    close(engine->timer_fd);
    engine->timer_fd = -1;
    uv_close((uv_handle_t*)&engine->timer_poll, on_uv_closed);
  }
  delete_ref(env, &engine->callback);
  delete_ref(env, &engine->slots_ref);
  delete_ref(env, &engine->meta_ref);
  delete_ref(env, &engine->control_ref);
  engine->slots = NULL;
  engine->meta = NULL;
  engine->control_out = NULL;
  for (uint32_t i = 0; i < engine->slab_count; i++) delete_ref(env, &engine->slabs[i].ref);
  free(engine->slabs);
  engine->slabs = NULL;
  engine->slab_count = 0;
  // Inside its own callback the async context is still in use: it goes when the callback returns.
  if (engine->dispatching == 0) engine_release_async(engine);
  if (engine->spill != NULL) {
    munmap(engine->spill, (size_t)BATCH * SPILL_BYTES);
    engine->spill = NULL;
  }
  uv_close((uv_handle_t*)&engine->poll, on_uv_closed);
}

void engine_release_async(Engine* engine) {
  if (engine->async != NULL) {
    napi_async_destroy(engine->env, engine->async);
    engine->async = NULL;
  }
}

static void on_env_cleanup(napi_async_cleanup_hook_handle handle, void* data) {
  (void)handle;
  engine_close((Engine*)data);
}

static void finalize_external(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  Engine* engine = (Engine*)data;
  engine_close(engine);
  release(engine);
}

// ---- calls into JavaScript ------------------------------------------------------------------

// The JavaScript callback, once per batch, as Node calls an I/O callback (napi_make_callback: its
// nextTicks and microtasks run when it returns, so IRP completions repost before the next batch).
// A throw is an uncaught exception, as from any Node I/O callback (the JavaScript side catches
// everything, so this is a last resort).
void engine_call(Engine* engine, int event, int value) {
  napi_env env = engine->env;
  napi_value fn, global, argv[2], result;
  if (engine->closed || napi_get_reference_value(env, engine->callback, &fn) != napi_ok || fn == NULL) return;
  napi_get_global(env, &global);
  napi_create_int32(env, event, &argv[0]);
  napi_create_int32(env, value, &argv[1]);
  engine->dispatching++;
  napi_status status = napi_make_callback(env, engine->async, global, fn, 2, argv, &result);
  engine->dispatching--;
  if (status == napi_pending_exception) {
    napi_value error;
    napi_get_and_clear_last_exception(env, &error);
    napi_fatal_exception(env, error);
  }
  // Closed inside the callback: its async context goes now that the callback has returned.
  if (engine->closed && engine->dispatching == 0) engine_release_async(engine);
}

int engine_slab_check(Engine* engine, int32_t id, uint8_t** data, size_t* length) {
  if (id < 0 || (uint32_t)id >= engine->slab_count || engine->slabs[id].ref == NULL) return 0;
  napi_value buffer;
  void* bytes = NULL;
  size_t size = 0;
  if (napi_get_reference_value(engine->env, engine->slabs[id].ref, &buffer) != napi_ok || buffer == NULL) return 0;
  // A detached (transferred) slab has no memory any more: it is never written.
  if (napi_get_arraybuffer_info(engine->env, buffer, &bytes, &size) != napi_ok || bytes == NULL || size == 0) return 0;
  *data = (uint8_t*)bytes;
  *length = size;
  return 1;
}

// The tables shared with JavaScript, found again from their references: JavaScript may have
// detached (transferred) or shrunk one since the last call, and its old memory must never be
// touched. Returns 0, with the pointers cleared, when one is no longer of its type and size.
static void* table_data(napi_env env, napi_ref ref, napi_typedarray_type want, size_t min_length);

int engine_tables(Engine* engine) {
  napi_env env = engine->env;
  if (engine->closed) return 0;
  engine->slots = table_data(env, engine->slots_ref, napi_int32_array, BATCH * 2);
  engine->meta = table_data(env, engine->meta_ref, napi_int32_array, BATCH * META_WORDS);
  engine->control_out = table_data(env, engine->control_ref, napi_uint8_array, BATCH * CONTROL_BYTES);
  if (engine->slots != NULL && engine->meta != NULL && engine->control_out != NULL) return 1;
  engine->slots = NULL;
  engine->meta = NULL;
  engine->control_out = NULL;
  return 0;
}

// ---- arguments ------------------------------------------------------------------------------

static Engine* engine_arg(napi_env env, napi_value value) {
  bool tagged = false;
  void* data = NULL;
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_external) return NULL;
  if (napi_check_object_type_tag(env, value, &ENGINE_TAG, &tagged) != napi_ok || !tagged) return NULL;
  if (napi_get_value_external(env, value, &data) != napi_ok) return NULL;
  return (Engine*)data;
}

// A typed array argument of type `want` and at least `min_length` elements: its data (and, when
// asked, its length), or NULL for anything else.
void* engine_typed_data(napi_env env, napi_value value, napi_typedarray_type want, size_t min_length, size_t* length_out) {
  bool is_typed = false;
  napi_typedarray_type type;
  size_t length, offset;
  void* data = NULL;
  napi_value buffer;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return NULL;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &offset) != napi_ok) return NULL;
  if (type != want || length < min_length) return NULL;
  if (length_out != NULL) *length_out = length;
  // An empty view may have no data pointer: give a valid one, its length says it is empty.
  static uint8_t empty;
  return data != NULL ? data : &empty;
}

static void* typed_arg(napi_env env, napi_value value, napi_typedarray_type want, size_t min_length) {
  return engine_typed_data(env, value, want, min_length, NULL);
}

static void* table_data(napi_env env, napi_ref ref, napi_typedarray_type want, size_t min_length) {
  napi_value value;
  if (ref == NULL || napi_get_reference_value(env, ref, &value) != napi_ok || value == NULL) return NULL;
  size_t length = 0;
  void* data = engine_typed_data(env, value, want, min_length, &length);
  // A detached table reads as empty; one that is not empty has real memory.
  return length > 0 ? data : NULL;
}

#define ENGINE_ARGS(n)                                                   \
  size_t argc = n;                                                       \
  napi_value argv[n];                                                    \
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));           \
  if (argc < n) return throw_type(env, "missing arguments");             \
  Engine* engine = engine_arg(env, argv[0]);                             \
  if (engine == NULL) return throw_type(env, "not a native datagram engine")

// ---- the calls ------------------------------------------------------------------------------

// create(family, callback, slots: Int32Array, meta: Int32Array, control: Uint8Array) → engine | -errno
static napi_value Create(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 5) return throw_type(env, "missing arguments");
  int32_t family;
  CHECK(napi_get_value_int32(env, argv[0], &family));
  napi_valuetype type;
  CHECK(napi_typeof(env, argv[1], &type));
  if (type != napi_function) return throw_type(env, "callback must be a function");
  int32_t* slots = typed_arg(env, argv[2], napi_int32_array, BATCH * 2);
  int32_t* meta = typed_arg(env, argv[3], napi_int32_array, BATCH * META_WORDS);
  uint8_t* control = typed_arg(env, argv[4], napi_uint8_array, BATCH * CONTROL_BYTES);
  if (slots == NULL || meta == NULL || control == NULL) return throw_type(env, "tables of the wrong type or size");
  if (family != 4 && family != 6) return int_value(env, -EAFNOSUPPORT);

  int fd = socket(family == 6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
  if (fd < 0) return int_value(env, -errno);
  int on = 1;
  if (family == 6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);  // as Windows' AF_INET6 sockets
  void* spill = mmap(NULL, (size_t)BATCH * SPILL_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (spill == MAP_FAILED) {
    int error = errno;
    close(fd);
    return int_value(env, -error);
  }
  Engine* engine = calloc(1, sizeof(Engine));
  if (engine == NULL) {
    munmap(spill, (size_t)BATCH * SPILL_BYTES);
    close(fd);
    return int_value(env, -ENOMEM);
  }
  engine->env = env;
  engine->fd = fd;
  engine->family = family;
  engine->spill = spill;
  engine->slots = slots;
  engine->meta = meta;
  engine->control_out = control;
  uv_loop_t* loop;
  napi_value external, name;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok || uv_poll_init_socket(loop, &engine->poll, fd) != 0) {
    munmap(spill, (size_t)BATCH * SPILL_BYTES);
    close(fd);
    free(engine);
    return int_value(env, -EIO);
  }
  engine->poll.data = engine;
  engine->handle_refs = 2;  // the external and the socket's uv handle
  engine->uv_handles = 1;
  engine->coalesce_us = COALESCE_MICROSECONDS;
  engine->segmentation = 1;
  // The coalescing timer; without one (it cannot be made) the engine just never coalesces.
  engine->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (engine->timer_fd >= 0 && uv_poll_init(loop, &engine->timer_poll, engine->timer_fd) != 0) {
    close(engine->timer_fd);
    engine->timer_fd = -1;
  }
  if (engine->timer_fd >= 0) {
    engine->timer_poll.data = engine;
    engine->handle_refs++;
    engine->uv_handles++;
  }
  napi_create_reference(env, argv[1], 1, &engine->callback);
  napi_create_reference(env, argv[2], 1, &engine->slots_ref);
  napi_create_reference(env, argv[3], 1, &engine->meta_ref);
  napi_create_reference(env, argv[4], 1, &engine->control_ref);
  napi_create_string_utf8(env, "wskit:dgram-native", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, NULL, name, &engine->async);
  napi_add_async_cleanup_hook(env, on_env_cleanup, engine, &engine->cleanup);
  if (napi_create_external(env, engine, finalize_external, NULL, &external) != napi_ok) {
    engine_close(engine);
    return NULL;
  }
  napi_type_tag_object(env, external, &ENGINE_TAG);
  return external;
}

static int parse_address(const char* text, int family, int port, struct sockaddr_storage* out, socklen_t* length) {
  struct addrinfo hints, *found = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = family == 6 ? AF_INET6 : AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  if (getaddrinfo(text, NULL, &hints, &found) != 0 || found == NULL) return -EINVAL;
  memcpy(out, found->ai_addr, found->ai_addrlen);
  *length = found->ai_addrlen;
  freeaddrinfo(found);
  if (family == 6) ((struct sockaddr_in6*)out)->sin6_port = htons((uint16_t)port);
  else ((struct sockaddr_in*)out)->sin_port = htons((uint16_t)port);
  return 0;
}

// bind(engine, address, port) → 0 | -errno; the socket then receives (as node:dgram does once bound).
static napi_value Bind(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(3);
  char text[INET6_ADDRSTRLEN + 32];
  size_t length;
  int32_t port;
  CHECK(napi_get_value_string_utf8(env, argv[1], text, sizeof text, &length));
  CHECK(napi_get_value_int32(env, argv[2], &port));
  if (engine->closed) return int_value(env, -EBADF);
  if (port < 0 || port > 65535) return int_value(env, -EINVAL);
  struct sockaddr_storage address;
  socklen_t address_length;
  int status = parse_address(text, engine->family, port, &address, &address_length);
  if (status != 0) return int_value(env, status);
  if (bind(engine->fd, (struct sockaddr*)&address, address_length) != 0) return int_value(env, -errno);
  engine->receiving = 1;
  return int_value(env, engine_update_poll(engine));
}

// localAddress(engine) → [address, port] | -errno
static napi_value LocalAddress(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(1);
  if (engine->closed) return int_value(env, -EBADF);
  struct sockaddr_storage address;
  socklen_t length = sizeof address;
  if (getsockname(engine->fd, (struct sockaddr*)&address, &length) != 0) return int_value(env, -errno);
  char text[INET6_ADDRSTRLEN];
  int port;
  if (address.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &((struct sockaddr_in6*)&address)->sin6_addr, text, sizeof text);
    port = ntohs(((struct sockaddr_in6*)&address)->sin6_port);
  } else {
    inet_ntop(AF_INET, &((struct sockaddr_in*)&address)->sin_addr, text, sizeof text);
    port = ntohs(((struct sockaddr_in*)&address)->sin_port);
  }
  napi_value result, value;
  napi_create_array_with_length(env, 2, &result);
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &value);
  napi_set_element(env, result, 0, value);
  napi_set_element(env, result, 1, int_value(env, port));
  return result;
}

static int set_int(int fd, int level, int name, int value) {
  return setsockopt(fd, level, name, &value, sizeof value) == 0 ? 0 : -errno;
}

// setOption(engine, option, value) → 0 | -errno
static napi_value SetOption(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(3);
  int32_t option, value;
  CHECK(napi_get_value_int32(env, argv[1], &option));
  CHECK(napi_get_value_int32(env, argv[2], &value));
  if (engine->closed) return int_value(env, -EBADF);
  int fd = engine->fd;
  switch (option) {
    case OPTION_RCVBUF: return int_value(env, set_int(fd, SOL_SOCKET, SO_RCVBUF, value));
    case OPTION_SNDBUF: return int_value(env, set_int(fd, SOL_SOCKET, SO_SNDBUF, value));
    case OPTION_REUSEPORT: return int_value(env, set_int(fd, SOL_SOCKET, SO_REUSEPORT, value != 0));
    case OPTION_CONTROL: {
      int v6 = engine->family == 6;
      int status = set_int(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_RECVPKTINFO : IP_PKTINFO, (value & WANT_PKTINFO) != 0);
      if (status == 0) status = set_int(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_RECVHOPLIMIT : IP_RECVTTL, (value & WANT_HOPS) != 0);
      if (status == 0) status = set_int(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_RECVTCLASS : IP_RECVTOS, (value & WANT_TCLASS) != 0);
      if (status == 0) engine->control = value & (WANT_PKTINFO | WANT_HOPS | WANT_TCLASS);
      return int_value(env, status);
    }
    case OPTION_REUSEADDR: return int_value(env, set_int(fd, SOL_SOCKET, SO_REUSEADDR, value != 0));
    case OPTION_BROADCAST: return int_value(env, set_int(fd, SOL_SOCKET, SO_BROADCAST, value != 0));
    case OPTION_TTL:
      return int_value(env, engine->family == 6 ? set_int(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, value) : set_int(fd, IPPROTO_IP, IP_TTL, value));
    case OPTION_MULTICAST_TTL:
      return int_value(env, engine->family == 6 ? set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, value) : set_int(fd, IPPROTO_IP, IP_MULTICAST_TTL, value));
    case OPTION_MULTICAST_LOOP:
      return int_value(env, engine->family == 6 ? set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, value != 0) : set_int(fd, IPPROTO_IP, IP_MULTICAST_LOOP, value != 0));
    case OPTION_RECEIVE_COALESCE:
      if (value < 0 || value > COALESCE_MAX_MICROSECONDS) return int_value(env, -EINVAL);
      if (value > 0 && engine->timer_fd < 0) return int_value(env, -ENOSYS);
      engine->coalesce_us = value;
      return int_value(env, 0);  // a drain under way settles with the new value
    case OPTION_SEND_SEGMENTATION:
      if (engine->segmentation < 0 && value != 0) return int_value(env, -EOPNOTSUPP);
      engine->segmentation = value != 0;
      return int_value(env, 0);
    default: return int_value(env, -ENOPROTOOPT);
  }
}

// setOptionBytes(engine, option, bytes) → 0 | -errno: options whose value is a structure, laid out
// by the caller as Linux and Windows both lay it out (in_addr; ip_mreq; ipv6_mreq; an index).
static napi_value SetOptionBytes(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(3);
  int32_t option;
  CHECK(napi_get_value_int32(env, argv[1], &option));
  size_t length;
  void* data = engine_typed_data(env, argv[2], napi_uint8_array, 0, &length);
  if (data == NULL) return throw_type(env, "an option value must be a Uint8Array");
  if (engine->closed) return int_value(env, -EBADF);
  int v6 = engine->family == 6;
  int level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
  int name;
  size_t expected;
  switch (option) {
    case OPTION_MULTICAST_IF: name = v6 ? IPV6_MULTICAST_IF : IP_MULTICAST_IF; expected = v6 ? sizeof(int) : sizeof(struct in_addr); break;
    case OPTION_ADD_MEMBERSHIP: name = v6 ? IPV6_ADD_MEMBERSHIP : IP_ADD_MEMBERSHIP; expected = v6 ? sizeof(struct ipv6_mreq) : sizeof(struct ip_mreq); break;
    case OPTION_DROP_MEMBERSHIP: name = v6 ? IPV6_DROP_MEMBERSHIP : IP_DROP_MEMBERSHIP; expected = v6 ? sizeof(struct ipv6_mreq) : sizeof(struct ip_mreq); break;
    default: return int_value(env, -ENOPROTOOPT);
  }
  if (length != expected) return int_value(env, -EINVAL);
  // Copied to an aligned local: the view may start anywhere in its buffer.
  unsigned char value[sizeof(struct ipv6_mreq)];
  memcpy(value, data, length);
  return int_value(env, setsockopt(engine->fd, level, name, value, (socklen_t)length) == 0 ? 0 : -errno);
}

// getOption(engine, option) → value (≥ 0) | -errno
static napi_value GetOption(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(2);
  int32_t option;
  CHECK(napi_get_value_int32(env, argv[1], &option));
  if (engine->closed) return int_value(env, -EBADF);
  int value = 0;
  socklen_t length = sizeof value;
  int name = option == OPTION_RCVBUF      ? SO_RCVBUF
             : option == OPTION_SNDBUF    ? SO_SNDBUF
             : option == OPTION_REUSEPORT ? SO_REUSEPORT
             : option == OPTION_REUSEADDR ? SO_REUSEADDR
             : option == OPTION_BROADCAST ? SO_BROADCAST
                                          : -1;
  if (option == OPTION_CONTROL) return int_value(env, engine->control);
  if (option == OPTION_RECEIVE_COALESCE) return int_value(env, engine->coalesce_us);
  if (option == OPTION_SEND_SEGMENTATION) return int_value(env, engine->segmentation > 0);
  if (name < 0) return int_value(env, -ENOPROTOOPT);
  if (getsockopt(engine->fd, SOL_SOCKET, name, &value, &length) != 0) return int_value(env, -errno);
  return int_value(env, value);
}

// kernelDrops(engine) → the kernel's count of datagrams it dropped for this socket | -errno
static napi_value KernelDrops(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(1);
  if (engine->closed) return int_value(env, -EBADF);
  uint32_t memory[SK_MEMINFO_VARS];
  socklen_t length = sizeof memory;
  memset(memory, 0, sizeof memory);
  if (getsockopt(engine->fd, SOL_SOCKET, SO_MEMINFO, memory, &length) != 0) return int_value(env, -errno);
  napi_value result;
  napi_create_double(env, (double)memory[SK_MEMINFO_DROPS], &result);
  return result;
}

// registerSlab(engine, arrayBuffer) → id: memory the slots may point into, held until unregistered.
static napi_value RegisterSlab(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(2);
  bool is_buffer = false;
  CHECK(napi_is_arraybuffer(env, argv[1], &is_buffer));
  if (!is_buffer) return throw_type(env, "a slab must be an ArrayBuffer");
  if (engine->closed) return int_value(env, -EBADF);
  void* data;
  size_t length;
  CHECK(napi_get_arraybuffer_info(env, argv[1], &data, &length));
  uint32_t id = 0;
  while (id < engine->slab_count && engine->slabs[id].ref != NULL) id++;
  if (id == engine->slab_count) {
    uint32_t grown = engine->slab_count == 0 ? 16 : engine->slab_count * 2;
    Slab* slabs = realloc(engine->slabs, grown * sizeof(Slab));
    if (slabs == NULL) return int_value(env, -ENOMEM);
    memset(slabs + engine->slab_count, 0, (grown - engine->slab_count) * sizeof(Slab));
    engine->slabs = slabs;
    engine->slab_count = grown;
  }
  CHECK(napi_create_reference(env, argv[1], 1, &engine->slabs[id].ref));
  engine->slabs[id].data = data;
  engine->slabs[id].length = length;
  return int_value(env, (int32_t)id);
}

// unregisterSlab(engine, id): the slab is no longer lent (no slot points into it).
static napi_value UnregisterSlab(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(2);
  int32_t id;
  CHECK(napi_get_value_int32(env, argv[1], &id));
  if (id >= 0 && (uint32_t)id < engine->slab_count) delete_ref(env, &engine->slabs[id].ref);
  return NULL;
}

// receive(engine, on): whether the engine drains the socket.
static napi_value Receive(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(2);
  bool on;
  CHECK(napi_get_value_bool(env, argv[1], &on));
  if (engine->closed) return int_value(env, -EBADF);
  engine->receiving = on;
  return int_value(env, engine_update_poll(engine));
}

// awaitWritable(engine): the callback gets EVENT_WRITABLE once the socket can take sends again.
static napi_value AwaitWritable(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(1);
  if (engine->closed) return int_value(env, -EBADF);
  engine->want_writable = 1;
  return int_value(env, engine_update_poll(engine));
}

// send(engine, payloads, first, count, destinations: Uint8Array) → datagrams sent | -errno: the
// datagrams payloads[first, first + count) to destinations[first, first + count).
static napi_value Send(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(5);
  bool is_array = false;
  uint32_t first, count, length;
  CHECK(napi_is_array(env, argv[1], &is_array));
  if (!is_array) return throw_type(env, "payloads must be an array");
  CHECK(napi_get_value_uint32(env, argv[2], &first));
  CHECK(napi_get_value_uint32(env, argv[3], &count));
  CHECK(napi_get_array_length(env, argv[1], &length));
  if (first > length || count > length - first) return throw_type(env, "count beyond the payloads");
  if (typed_arg(env, argv[4], napi_uint8_array, 0) == NULL) return throw_type(env, "destinations must be a Uint8Array");
  if (count == 0) return int_value(env, 0);
  // Its memory is taken after the payloads are read (reading them may run JavaScript).
  return engine_send(env, engine, argv[1], first, count, argv[4]);
}

// copySpill(engine, slot, target: Uint8Array, targetOffset, bytes): the part of a datagram longer
// than its slot, from the slot's spill region, for the batch just indicated.
static napi_value CopySpill(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(5);
  int32_t slot, target_offset, bytes;
  CHECK(napi_get_value_int32(env, argv[1], &slot));
  CHECK(napi_get_value_int32(env, argv[3], &target_offset));
  CHECK(napi_get_value_int32(env, argv[4], &bytes));
  size_t length;
  void* data = engine_typed_data(env, argv[2], napi_uint8_array, 0, &length);
  if (data == NULL) return throw_type(env, "target must be a Uint8Array");
  if (engine->closed || engine->spill == NULL) return int_value(env, -EBADF);
  if (slot < 0 || slot >= BATCH || bytes < 0 || bytes > SPILL_BYTES || target_offset < 0 ||
      (size_t)target_offset + (size_t)bytes > length) {
    return int_value(env, -EINVAL);
  }
  memcpy((uint8_t*)data + target_offset, engine->spill + (size_t)slot * SPILL_BYTES, (size_t)bytes);
  return int_value(env, bytes);
}

// ref(engine, on): whether a receiving socket keeps the process alive (uv_ref / uv_unref).
static napi_value Ref(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(2);
  bool on;
  CHECK(napi_get_value_bool(env, argv[1], &on));
  if (engine->closed) return NULL;
  if (on) uv_ref((uv_handle_t*)&engine->poll);
  else uv_unref((uv_handle_t*)&engine->poll);
  if (engine->timer_fd >= 0) {
    if (on) uv_ref((uv_handle_t*)&engine->timer_poll);
    else uv_unref((uv_handle_t*)&engine->timer_poll);
  }
  return NULL;
}

static napi_value Close(napi_env env, napi_callback_info info) {
  ENGINE_ARGS(1);
  engine_close(engine);
  return NULL;
}

static void export_function(napi_env env, napi_value exports, const char* name, napi_callback fn) {
  napi_value value;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &value);
  napi_set_named_property(env, exports, name, value);
}

static void export_int(napi_env env, napi_value exports, const char* name, int32_t number) {
  napi_set_named_property(env, exports, name, int_value(env, number));
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  export_function(env, exports, "create", Create);
  export_function(env, exports, "bind", Bind);
  export_function(env, exports, "localAddress", LocalAddress);
  export_function(env, exports, "setOption", SetOption);
  export_function(env, exports, "getOption", GetOption);
  export_function(env, exports, "setOptionBytes", SetOptionBytes);
  export_function(env, exports, "kernelDrops", KernelDrops);
  export_function(env, exports, "registerSlab", RegisterSlab);
  export_function(env, exports, "unregisterSlab", UnregisterSlab);
  export_function(env, exports, "receive", Receive);
  export_function(env, exports, "awaitWritable", AwaitWritable);
  export_function(env, exports, "send", Send);
  export_function(env, exports, "copySpill", CopySpill);
  export_function(env, exports, "ref", Ref);
  export_function(env, exports, "close", Close);
  export_int(env, exports, "BATCH", BATCH);
  export_int(env, exports, "BATCH_SEND", BATCH_SEND);
  export_int(env, exports, "SLOT_BYTES", SLOT_BYTES);
  export_int(env, exports, "SPILL_BYTES", SPILL_BYTES);
  export_int(env, exports, "META_WORDS", META_WORDS);
  export_int(env, exports, "META_LENGTH", META_LENGTH);
  export_int(env, exports, "META_FLAGS", META_FLAGS);
  export_int(env, exports, "META_FAMILY", META_FAMILY);
  export_int(env, exports, "META_PORT", META_PORT);
  export_int(env, exports, "META_ADDRESS", META_ADDRESS);
  export_int(env, exports, "META_CONTROL_LENGTH", META_CONTROL_LENGTH);
  export_int(env, exports, "CONTROL_BYTES", CONTROL_BYTES);
  export_int(env, exports, "DEST_BYTES", 24);
  export_int(env, exports, "EVENT_BATCH", EVENT_BATCH);
  export_int(env, exports, "EVENT_WRITABLE", EVENT_WRITABLE);
  export_int(env, exports, "EVENT_ERROR", EVENT_ERROR);
  export_int(env, exports, "OPTION_RCVBUF", OPTION_RCVBUF);
  export_int(env, exports, "OPTION_SNDBUF", OPTION_SNDBUF);
  export_int(env, exports, "OPTION_REUSEPORT", OPTION_REUSEPORT);
  export_int(env, exports, "OPTION_CONTROL", OPTION_CONTROL);
  export_int(env, exports, "OPTION_REUSEADDR", OPTION_REUSEADDR);
  export_int(env, exports, "OPTION_BROADCAST", OPTION_BROADCAST);
  export_int(env, exports, "OPTION_TTL", OPTION_TTL);
  export_int(env, exports, "OPTION_MULTICAST_TTL", OPTION_MULTICAST_TTL);
  export_int(env, exports, "OPTION_MULTICAST_LOOP", OPTION_MULTICAST_LOOP);
  export_int(env, exports, "OPTION_MULTICAST_IF", OPTION_MULTICAST_IF);
  export_int(env, exports, "OPTION_ADD_MEMBERSHIP", OPTION_ADD_MEMBERSHIP);
  export_int(env, exports, "OPTION_DROP_MEMBERSHIP", OPTION_DROP_MEMBERSHIP);
  export_int(env, exports, "OPTION_RECEIVE_COALESCE", OPTION_RECEIVE_COALESCE);
  export_int(env, exports, "OPTION_SEND_SEGMENTATION", OPTION_SEND_SEGMENTATION);
  export_int(env, exports, "COALESCE_MICROSECONDS", COALESCE_MICROSECONDS);
  export_int(env, exports, "WANT_PKTINFO", WANT_PKTINFO);
  export_int(env, exports, "WANT_HOPS", WANT_HOPS);
  export_int(env, exports, "WANT_TCLASS", WANT_TCLASS);
  return exports;
}
