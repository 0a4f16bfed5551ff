// The send path: one sendmmsg for the datagrams JavaScript gathered (the datagrams of a
// WskSendMessages, or the WskSendTo calls of one event-loop turn). Each destination is 24 bytes of
// a table JavaScript fills: family (4/6) at 0, the port big-endian at 2, the address at 4 (16
// bytes, network order), the IPv6 scope id little-endian at 20.
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include "send.h"

#define MAX_IOV_PER_DATAGRAM 64
#define DEST_BYTES 24

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

static int typed_bytes(napi_env env, napi_value value, struct iovec* iov) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return 0;
  napi_typedarray_type type;
  size_t length, offset;
  void* data;
  napi_value buffer;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &offset) != napi_ok || type != napi_uint8_array) return 0;
  iov->iov_base = data;
  iov->iov_len = length;
  return 1;
}

napi_value engine_send(napi_env env, Engine* engine, napi_value payloads, uint32_t first, uint32_t count, const uint8_t* dests, size_t dest_bytes) {
  // Per thread: each worker thread runs its own loop and its own sockets.
  static _Thread_local struct mmsghdr msgs[BATCH_SEND];
  static _Thread_local struct iovec iov[BATCH_SEND][MAX_IOV_PER_DATAGRAM];
  static _Thread_local struct sockaddr_storage names[BATCH_SEND];
  napi_value result;
  if (engine->closed) {
    napi_create_int32(env, -EBADF, &result);
    return result;
  }
  if (count > BATCH_SEND) count = BATCH_SEND;
  if (((size_t)first + count) * DEST_BYTES > dest_bytes) {
    napi_create_int32(env, -EINVAL, &result);
    return result;
  }
  for (uint32_t i = 0; i < count; i++) {
    napi_value payload;
    int vectors = 0;
    if (napi_get_element(env, payloads, first + i, &payload) != napi_ok) return NULL;
    if (typed_bytes(env, payload, &iov[i][0])) {
      vectors = 1;
    } else {
      bool is_array = false;
      uint32_t parts = 0;
      napi_is_array(env, payload, &is_array);
      if (is_array) napi_get_array_length(env, payload, &parts);
      if (!is_array || parts > MAX_IOV_PER_DATAGRAM) {
        napi_create_int32(env, -EINVAL, &result);
        return result;
      }
      for (uint32_t p = 0; p < parts; p++) {
        napi_value part;
        if (napi_get_element(env, payload, p, &part) != napi_ok || !typed_bytes(env, part, &iov[i][vectors])) {
          napi_create_int32(env, -EINVAL, &result);
          return result;
        }
        vectors++;
      }
    }
    socklen_t name_length = 0;
    if (!address_from(dests + (size_t)(first + i) * DEST_BYTES, &names[i], &name_length)) {
      napi_create_int32(env, -EINVAL, &result);
      return result;
    }
    memset(&msgs[i], 0, sizeof msgs[i]);
    msgs[i].msg_hdr.msg_name = &names[i];
    msgs[i].msg_hdr.msg_namelen = name_length;
    msgs[i].msg_hdr.msg_iov = iov[i];
    msgs[i].msg_hdr.msg_iovlen = (size_t)vectors;
  }
  int sent;
  do {
    sent = sendmmsg(engine->fd, msgs, count, MSG_DONTWAIT);
  } while (sent < 0 && errno == EINTR);
  napi_create_int32(env, sent < 0 ? -errno : sent, &result);
  return result;
}
