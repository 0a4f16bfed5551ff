// The receive path: when the socket is readable, recvmmsg fills up to BATCH slots straight into the
// pool memory JavaScript lent, the metadata table gets each datagram's length, sender, flags and
// control records, and JavaScript is called once for the batch (it re-lends the slots it kept).
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/timerfd.h>
#include "engine.h"

// Watches the socket (readable while receiving and not coalescing; writable while a send waits) and,
// while coalescing, the timer instead of the socket's readability.
int engine_update_poll(Engine* engine) {
  if (engine->closed) return 0;
  if (!engine->receiving) engine->coalescing = 0;
  int timer = engine->receiving && engine->coalescing;
  if (timer != engine->timer_watched) {
    int status = timer ? uv_poll_start(&engine->timer_poll, UV_READABLE, engine_on_timer) : uv_poll_stop(&engine->timer_poll);
    if (status != 0) return status;
    engine->timer_watched = timer;
  }
  int readable = engine->receiving && !engine->coalescing;
  int events = (readable ? UV_READABLE : 0) | (engine->want_writable ? UV_WRITABLE : 0);
  if (events == engine->events) return 0;
  engine->events = events;
  if (events == 0) return uv_poll_stop(&engine->poll);
  return uv_poll_start(&engine->poll, events, engine_on_poll);
}

// Arms (or, with 0, disarms) the one-shot timer; either way its expiry count is reset, so the timer
// stops being readable until it fires again.
static int arm_timer(Engine* engine, int microseconds) {
  struct itimerspec when;
  memset(&when, 0, sizeof when);
  when.it_value.tv_sec = microseconds / 1000000;
  when.it_value.tv_nsec = (long)(microseconds % 1000000) * 1000;
  return timerfd_settime(engine->timer_fd, 0, &when, NULL);
}

// After a drain: coalesce while drains find more than one datagram, watch the socket otherwise.
static void settle_coalescing(Engine* engine, int received) {
  if (engine->closed) return;
  int coalesce = engine->receiving && engine->coalesce_us > 0 && engine->timer_fd >= 0 && received > 1;
  if (coalesce && arm_timer(engine, engine->coalesce_us) != 0) coalesce = 0;
  if (!coalesce && engine->coalescing) arm_timer(engine, 0);
  if (coalesce == engine->coalescing) return;
  engine->coalescing = coalesce;
  engine_update_poll(engine);
}

static void write_sender(int32_t* meta, const struct sockaddr_storage* name) {
  memset(meta + META_ADDRESS, 0, 16);
  if (name->ss_family == AF_INET6) {
    const struct sockaddr_in6* from = (const struct sockaddr_in6*)name;
    meta[META_FAMILY] = 6;
    meta[META_PORT] = ntohs(from->sin6_port);
    memcpy(meta + META_ADDRESS, &from->sin6_addr, 16);
  } else {
    const struct sockaddr_in* from = (const struct sockaddr_in*)name;
    meta[META_FAMILY] = 4;
    meta[META_PORT] = ntohs(from->sin_port);
    memcpy(meta + META_ADDRESS, &from->sin_addr, 4);
  }
}

// Points each slot's first iovec at the pool memory it was lent; returns how many slots, from the
// first, can take a datagram now (a slot whose memory is gone stops the batch there), or -1 when
// the first slot cannot (JavaScript is then told, to lend again).
static int prepare(Engine* engine) {
  int32_t last_id = -1;
  uint8_t* data = NULL;
  size_t length = 0;
  int count = 0;
  for (; count < BATCH; count++) {
    int32_t id = engine->slots[count * 2];
    int32_t offset = engine->slots[count * 2 + 1];
    if (id < 0) break;
    if (id != last_id) {
      if (!engine_slab_check(engine, id, &data, &length)) break;
      last_id = id;
    }
    if (offset < 0 || (size_t)offset + SLOT_BYTES > length) break;
    struct mmsghdr* msg = &engine->msgs[count];
    engine->iov[count][0].iov_base = data + offset;
    engine->iov[count][0].iov_len = SLOT_BYTES;
    engine->iov[count][1].iov_base = engine->spill + (size_t)count * SPILL_BYTES;
    engine->iov[count][1].iov_len = SPILL_BYTES;
    msg->msg_hdr.msg_iov = engine->iov[count];
    msg->msg_hdr.msg_iovlen = 2;
    msg->msg_hdr.msg_name = &engine->names[count];
    msg->msg_hdr.msg_namelen = sizeof(engine->names[count]);
    msg->msg_hdr.msg_control = engine->control ? engine->cmsg[count] : NULL;
    msg->msg_hdr.msg_controllen = engine->control ? sizeof(engine->cmsg[count]) : 0;
    msg->msg_hdr.msg_flags = 0;
    msg->msg_len = 0;
  }
  return count == 0 ? -1 : count;
}

// Drains the socket, a batch at a time, until it is empty or the wakeup's rounds are used; returns
// how many datagrams it delivered.
static int drain(Engine* engine) {
  int total = 0;
  for (int round = 0; round < ROUNDS_PER_WAKEUP && engine->receiving && !engine->closed; round++) {
    // JavaScript ran since the last round (it may have given up a table or a slab).
    int count = engine_tables(engine) ? prepare(engine) : -2;
    if (count == -1) {
      // A slot's memory is gone: JavaScript lends again, at once, or the socket stops receiving
      // (rather than wake up for the same readable socket forever).
      engine_call(engine, EVENT_ERROR, EFAULT);
      if (engine->closed || !engine->receiving) return total;
      count = engine_tables(engine) ? prepare(engine) : -2;
    }
    if (count < 0) {
      engine->receiving = 0;
      engine_update_poll(engine);
      engine_call(engine, EVENT_ERROR, count == -1 ? ENOBUFS : EINVAL);
      return total;
    }
    int received;
    do {
      received = recvmmsg(engine->fd, engine->msgs, (unsigned)count, MSG_DONTWAIT, NULL);
    } while (received < 0 && errno == EINTR);
    if (received < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK) engine_call(engine, EVENT_ERROR, errno);
      return total;
    }
    if (received == 0) return total;
    total += received;
    for (int i = 0; i < received; i++) {
      int32_t* meta = engine->meta + i * META_WORDS;
      struct mmsghdr* msg = &engine->msgs[i];
      int flags = 0;
      if (msg->msg_hdr.msg_flags & MSG_TRUNC) flags |= WSK_MSG_TRUNC;
      meta[META_LENGTH] = (int32_t)msg->msg_len;
      write_sender(meta, &engine->names[i]);
      uint32_t control = 0;
      if (engine->control) {
        int truncated = 0;
        control = engine_format_control(engine, &msg->msg_hdr, engine->control_out + i * CONTROL_BYTES, CONTROL_BYTES, &truncated);
        if (truncated || (msg->msg_hdr.msg_flags & MSG_CTRUNC)) flags |= WSK_MSG_CTRUNC;
      }
      meta[META_CONTROL_LENGTH] = (int32_t)control;
      meta[META_FLAGS] = flags;
    }
    engine_call(engine, EVENT_BATCH, received);
    if (received < count) return total;  // the socket is drained
  }
  return total;
}

void engine_on_poll(uv_poll_t* handle, int status, int events) {
  Engine* engine = (Engine*)handle->data;
  if (engine->closed) return;
  napi_handle_scope scope;
  if (napi_open_handle_scope(engine->env, &scope) != napi_ok) return;
  if (status < 0) {
    engine_call(engine, EVENT_ERROR, -status);
  } else {
    if ((events & UV_READABLE) && engine->receiving) settle_coalescing(engine, drain(engine));
    if ((events & UV_WRITABLE) && engine->want_writable && !engine->closed) {
      engine->want_writable = 0;
      engine_update_poll(engine);
      engine_call(engine, EVENT_WRITABLE, 0);
    }
  }
  napi_close_handle_scope(engine->env, scope);
}

void engine_on_timer(uv_poll_t* handle, int status, int events) {
  Engine* engine = (Engine*)handle->data;
  if (engine->closed) return;
  napi_handle_scope scope;
  if (napi_open_handle_scope(engine->env, &scope) != napi_ok) return;
  if (status < 0) {
    engine->coalescing = 0;  // watch the socket again rather than a timer that fails
    engine_update_poll(engine);
  } else if (engine->receiving) {
    settle_coalescing(engine, drain(engine));
  } else {
    settle_coalescing(engine, 0);
  }
  napi_close_handle_scope(engine->env, scope);
}
