// Control information as Windows delivers it (WSARecvMsg, WSK's ControlInfo): x64 WSACMSGHDR records,
// an 8-byte cmsg_len, 4-byte level and type, the data at offset 16, each record aligned to 8.
// Levels and types are Windows' own numbers (ws2def.h, ws2ipdef.h), not Linux's.
#include <string.h>
#include <netinet/in.h>
#include "engine.h"

#define WIN_IPPROTO_IP 0
#define WIN_IPPROTO_IPV6 41
#define WIN_IP_TOS 3
#define WIN_IP_TTL 4
#define WIN_IP_PKTINFO 19
#define WIN_IPV6_PKTINFO 19
#define WIN_IPV6_HOPLIMIT 21
#define WIN_IPV6_TCLASS 39
#define WSA_HEADER 16

static uint32_t align8(uint32_t n) { return (n + 7u) & ~7u; }

// Appends one record; returns 0 (and sets *truncated) when it does not fit whole.
static int put(uint8_t* out, uint32_t capacity, uint32_t* used, int level, int type, const void* data, uint32_t length, int* truncated) {
  uint32_t total = WSA_HEADER + length;
  uint32_t space = align8(total);
  if (*used + total > capacity) {
    *truncated = 1;
    return 0;
  }
  uint8_t* record = out + *used;
  uint64_t cmsg_len = total;
  int32_t lvl = level, typ = type;
  memcpy(record, &cmsg_len, 8);
  memcpy(record + 8, &lvl, 4);
  memcpy(record + 12, &typ, 4);
  memcpy(record + WSA_HEADER, data, length);
  // Padding to the next record is zeroed, so what the client sees never holds old bytes.
  if (space > total && *used + space <= capacity) memset(record + total, 0, space - total);
  *used += (*used + space <= capacity) ? space : total;
  return 1;
}

uint32_t engine_format_control(Engine* engine, struct msghdr* message, uint8_t* out, uint32_t capacity, int* truncated) {
  (void)engine;
  uint32_t used = 0;
  for (struct cmsghdr* c = CMSG_FIRSTHDR(message); c != NULL; c = CMSG_NXTHDR(message, c)) {
    const uint8_t* data = CMSG_DATA(c);
    if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
      struct in_pktinfo info;
      memcpy(&info, data, sizeof info);
      uint8_t win[8];  // IN_PKTINFO: ipi_addr (the datagram's destination), ipi_ifindex
      uint32_t ifindex = (uint32_t)info.ipi_ifindex;
      memcpy(win, &info.ipi_addr, 4);
      memcpy(win + 4, &ifindex, 4);
      if (!put(out, capacity, &used, WIN_IPPROTO_IP, WIN_IP_PKTINFO, win, 8, truncated)) break;
    } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) {
      int32_t ttl;
      memcpy(&ttl, data, 4);
      if (!put(out, capacity, &used, WIN_IPPROTO_IP, WIN_IP_TTL, &ttl, 4, truncated)) break;
    } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TOS) {
      int32_t tos = data[0];  // Linux gives one byte; Windows an INT
      if (!put(out, capacity, &used, WIN_IPPROTO_IP, WIN_IP_TOS, &tos, 4, truncated)) break;
    } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
      struct in6_pktinfo info;
      memcpy(&info, data, sizeof info);
      uint8_t win[20];  // IN6_PKTINFO: ipi6_addr, ipi6_ifindex
      uint32_t ifindex = (uint32_t)info.ipi6_ifindex;
      memcpy(win, &info.ipi6_addr, 16);
      memcpy(win + 16, &ifindex, 4);
      if (!put(out, capacity, &used, WIN_IPPROTO_IPV6, WIN_IPV6_PKTINFO, win, 20, truncated)) break;
    } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT) {
      int32_t hops;
      memcpy(&hops, data, 4);
      if (!put(out, capacity, &used, WIN_IPPROTO_IPV6, WIN_IPV6_HOPLIMIT, &hops, 4, truncated)) break;
    } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_TCLASS) {
      int32_t tclass;
      memcpy(&tclass, data, 4);
      if (!put(out, capacity, &used, WIN_IPPROTO_IPV6, WIN_IPV6_TCLASS, &tclass, 4, truncated)) break;
    }
  }
  return used;
}
