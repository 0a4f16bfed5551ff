// The send path: one sendmmsg for the datagrams JavaScript gathered (the datagrams of a
// WskSendMessages, or the WskSendTo calls of one event-loop turn). Each destination is 24 bytes of
// a table JavaScript fills: family (4/6) at 0, the port big-endian at 2, the address at 4 (16
// bytes, network order), the IPv6 scope id little-endian at 20.
//
// UDP segmentation (GSO): a run of datagrams of one size to one destination goes as one message
// with UDP_SEGMENT, which the kernel cuts into those same datagrams, so the send path runs once
// per run instead of once per datagram. Where the kernel or the route refuses it, the run goes
// again datagram by datagram (and a kernel without it is not asked again).
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/udp.h>
#include "send.h"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif

#define MAX_IOV_PER_DATAGRAM 64
#define DEST_BYTES 24
// A segmented message at most: the kernel's own limits are 64 (older kernels) segments and a
// datagram's 65,507 bytes; the iovecs of one message at most UIO_MAXIOV.
#define GSO_MAX_SEGMENTS 64
#define GSO_MAX_BYTES 65000
#define MAX_IOV_PER_MESSAGE 1024

static int address_from(const uint8_t* dest, struct sockaddr_storage* out, socklen_t* length) {
  memset(out, 0, sizeof *out);
  uint16_t port;
  memcpy(&port, dest + 2, 2);  // already big-endian
  if (dest[0] == 6) {
    struct sockaddr_in6* to = (struct sockaddr_in6*)out;
    to->sin6_family = AF_INET6;
    to->sin6_port = port;
    memcpy(&to->sin6_addr, dest + 4, 16);
    uint32_t scope;
    memcpy(&scope, dest + 20, 4);
    to->sin6_scope_id = scope;
    *length = sizeof *to;
    return 1;
  }
  if (dest[0] == 4) {
    struct sockaddr_in* to = (struct sockaddr_in*)out;
    to->sin_family = AF_INET;
    to->sin_port = port;
    memcpy(&to->sin_addr, dest + 4, 4);
    *length = sizeof *to;
    return 1;
  }
  return 0;
}

static int is_bytes(napi_env env, napi_value value) {
  return engine_typed_data(env, value, napi_uint8_array, 0, NULL) != NULL;
}

// Its memory, or 0 when the view was detached since it was read (its bytes are gone: refused).
static int bytes_of(napi_env env, napi_value value, struct iovec* iov) {
  napi_typedarray_type type;
  size_t length = 0, offset;
  void* data = NULL;
  napi_value buffer;
  bool detached = false;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &offset) != napi_ok) return 0;
  if (napi_is_detached_arraybuffer(env, buffer, &detached) != napi_ok || detached) return 0;
  static uint8_t empty;
  iov->iov_base = data != NULL ? data : &empty;
  iov->iov_len = length;
  return 1;
}

// The datagrams of one call, parsed once: their vectors (consecutive in one pool), lengths and
// destinations; then grouped into messages, merged into segmented runs when `merge` is set.
typedef struct {
  struct mmsghdr msgs[BATCH_SEND];
  struct iovec iov[BATCH_SEND * MAX_IOV_PER_DATAGRAM];
  struct sockaddr_storage names[BATCH_SEND];
  union {
    char buffer[CMSG_SPACE(sizeof(uint16_t))];
    struct cmsghdr align;
  } control[BATCH_SEND];
  // The views of the call, found first: reading the payloads may run JavaScript (an accessor),
  // which may detach a view read before, so no memory is taken from any of them until all are read.
  napi_value views[BATCH_SEND * MAX_IOV_PER_DATAGRAM];
  uint32_t first_vector[BATCH_SEND + 1];
  size_t length[BATCH_SEND];
  uint32_t segments[BATCH_SEND];  // datagrams in each message
} SendTables;

static int group(SendTables* t, uint32_t count, const uint8_t* dests, int merge) {
  int messages = 0;
  for (uint32_t i = 0; i < count;) {
    const uint8_t* dest = dests + (size_t)i * DEST_BYTES;
    uint32_t j = i + 1;
    size_t size = t->length[i];
    if (merge && size > 0) {
      while (j < count && j - i < GSO_MAX_SEGMENTS && t->length[j] == size && (size_t)(j - i + 1) * size <= GSO_MAX_BYTES &&
             t->first_vector[j + 1] - t->first_vector[i] <= MAX_IOV_PER_MESSAGE && memcmp(dests + (size_t)j * DEST_BYTES, dest, DEST_BYTES) == 0) {
        j++;
      }
    }
    struct mmsghdr* msg = &t->msgs[messages];
    socklen_t name_length = 0;
    memset(msg, 0, sizeof *msg);
    if (!address_from(dest, &t->names[messages], &name_length)) return -EINVAL;
    msg->msg_hdr.msg_name = &t->names[messages];
    msg->msg_hdr.msg_namelen = name_length;
    msg->msg_hdr.msg_iov = &t->iov[t->first_vector[i]];
    msg->msg_hdr.msg_iovlen = t->first_vector[j] - t->first_vector[i];
    if (j - i > 1) {
      msg->msg_hdr.msg_control = t->control[messages].buffer;
      msg->msg_hdr.msg_controllen = sizeof t->control[messages].buffer;
      struct cmsghdr* cmsg = CMSG_FIRSTHDR(&msg->msg_hdr);
      cmsg->cmsg_level = SOL_UDP;
      cmsg->cmsg_type = UDP_SEGMENT;
      cmsg->cmsg_len = CMSG_LEN(sizeof(uint16_t));
      uint16_t segment = (uint16_t)size;
      memcpy(CMSG_DATA(cmsg), &segment, sizeof segment);
    }
    t->segments[messages++] = j - i;
    i = j;
  }
  return messages;
}

// Errors a segmented message gets where a plain one would not: the kernel, the device or the route
// cannot segment (or the segment is larger than the path takes).
static int segmentation_refused(int error) {
  return error == EINVAL || error == EIO || error == EMSGSIZE || error == ENOPROTOOPT || error == EOPNOTSUPP;
}

// Reading the payloads may run JavaScript, which may call send again on this thread: the tables
// are in use until the call returns, so such a call is refused.
static _Thread_local int sending;

static napi_value int_result(napi_env env, int value) {
  napi_value result;
  napi_create_int32(env, value, &result);
  return result;
}

static napi_value send_gathered(napi_env env, Engine* engine, SendTables* t, napi_value payloads, uint32_t first, uint32_t count, napi_value destinations);

napi_value engine_send(napi_env env, Engine* engine, napi_value payloads, uint32_t first, uint32_t count, napi_value destinations) {
  // Per thread: each worker thread runs its own loop and its own sockets.
  static _Thread_local SendTables tables;
  if (sending) return int_result(env, -EBUSY);
  sending = 1;
  napi_value result = send_gathered(env, engine, &tables, payloads, first, count, destinations);
  sending = 0;
  return result;
}

static napi_value send_gathered(napi_env env, Engine* engine, SendTables* t, napi_value payloads, uint32_t first, uint32_t count, napi_value destinations) {
  if (engine->closed) return int_result(env, -EBADF);
  if (count > BATCH_SEND) count = BATCH_SEND;
  // A datagram whose payload is no longer whole (its memory was detached since the call) ends the
  // batch before it: those ahead of it go, and it fails on its own when it comes first (-EINVAL),
  // so one bad datagram never takes others with it.
  uint32_t vector = 0;
  for (uint32_t i = 0; i < count; i++) {
    napi_value payload;
    t->first_vector[i] = vector;
    if (napi_get_element(env, payloads, first + i, &payload) != napi_ok) return NULL;
    if (is_bytes(env, payload)) {
      t->views[vector++] = payload;
      continue;
    }
    bool is_array = false;
    uint32_t parts = 0;
    napi_is_array(env, payload, &is_array);
    if (is_array) napi_get_array_length(env, payload, &parts);
    int whole = is_array && parts <= MAX_IOV_PER_DATAGRAM;
    for (uint32_t p = 0; whole && p < parts; p++) {
      napi_value part;
      if (napi_get_element(env, payload, p, &part) != napi_ok) return NULL;
      whole = is_bytes(env, part);
      if (whole) t->views[vector++] = part;
    }
    if (!whole) {
      if (i == 0) return int_result(env, -EINVAL);
      count = i;
      vector = t->first_vector[i];
      break;
    }
  }
  t->first_vector[count] = vector;
  // From here on no JavaScript runs until sendmmsg returns: the memory is taken now.
  if (engine->closed) return int_result(env, -EBADF);
  const uint8_t* dests = engine_typed_data(env, destinations, napi_uint8_array, ((size_t)first + count) * DEST_BYTES, NULL);
  if (dests == NULL) return int_result(env, -EINVAL);
  for (uint32_t i = 0; i < count; i++) {
    for (uint32_t v = t->first_vector[i]; v < t->first_vector[i + 1]; v++) {
      if (bytes_of(env, t->views[v], &t->iov[v])) continue;
      if (i == 0) return int_result(env, -EINVAL);
      count = i;
      break;
    }
  }
  for (uint32_t i = 0; i < count; i++) {
    size_t length = 0;
    for (uint32_t v = t->first_vector[i]; v < t->first_vector[i + 1]; v++) length += t->iov[v].iov_len;
    t->length[i] = length;
  }
  napi_value result;
  const uint8_t* batch_dests = dests + (size_t)first * DEST_BYTES;
  int merge = engine->segmentation > 0;
  for (;;) {
    int messages = group(t, count, batch_dests, merge);
    if (messages < 0) {
      napi_create_int32(env, messages, &result);
      return result;
    }
    int sent;
    do {
      sent = sendmmsg(engine->fd, t->msgs, (unsigned)messages, MSG_DONTWAIT);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) {
      int error = errno;
      if (merge && t->segments[0] > 1 && segmentation_refused(error)) {
        // The run goes again datagram by datagram, each with its own result.
        if (error == EIO || error == ENOPROTOOPT || error == EOPNOTSUPP) engine->segmentation = -1;
        merge = 0;
        continue;
      }
      napi_create_int32(env, -error, &result);
      return result;
    }
    int datagrams = 0;
    for (int m = 0; m < sent; m++) datagrams += (int)t->segments[m];
    napi_create_int32(env, datagrams, &result);
    return result;
  }
}
