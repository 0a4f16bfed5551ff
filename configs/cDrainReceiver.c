// The drain benchmark's floor: a plain C recvmmsg receiver doing the native engine's work under the
// same conditions. The C sender's `--mode drain` fills and drains a socket in one process with the
// cache hot, which is a ceiling for another workload; here, as in the drain benchmark, another
// process sends the burst while this one waits, then this one drains it.
//
//   cDrainReceiver BURST    binds 127.0.0.1:0 (8 MiB SO_RCVBUF, as the benchmark's sockets) and
//                           prints the port; then, for each line read on stdin ("the burst is in
//                           the socket"), drains BURST datagrams with recvmmsg (64 a call, 2 KiB
//                           slots, the sender's address asked for, as the native engine does) and
//                           prints "<received> <CPU µs per datagram>". Ends at the end of stdin.
//
// Build: gcc -O2 -Wall -o cDrainReceiver cDrainReceiver.c
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#define BATCH 64
#define SLOT_BYTES 2048
#define RECEIVE_BUFFER (8 * 1024 * 1024)
// A drain that finds the socket empty this long has all there is (some of the burst was dropped).
#define IDLE_NANOSECONDS 200000000LL

static double cpu_micros(void) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static long long now_nanoseconds(void) {
  struct timespec at;
  clock_gettime(CLOCK_MONOTONIC, &at);
  return at.tv_sec * 1000000000LL + at.tv_nsec;
}

int main(int argc, char** argv) {
  int burst = argc > 1 ? atoi(argv[1]) : 0;
  if (burst <= 0) {
    fprintf(stderr, "usage: cDrainReceiver BURST\n");
    return 2;
  }
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int size = RECEIVE_BUFFER;
  struct sockaddr_in local = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t length = sizeof local;
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) != 0 || bind(fd, (struct sockaddr*)&local, sizeof local) != 0 ||
      getsockname(fd, (struct sockaddr*)&local, &length) != 0) {
    perror("cDrainReceiver");
    return 1;
  }
  printf("%d\n", ntohs(local.sin_port));
  fflush(stdout);

  static char slots[BATCH][SLOT_BYTES];
  static struct mmsghdr messages[BATCH];
  static struct iovec iov[BATCH];
  static struct sockaddr_storage names[BATCH];
  char line[64];
  while (fgets(line, sizeof line, stdin) != NULL) {
    double before = cpu_micros();
    long long idle_since = now_nanoseconds();
    int received = 0;
    while (received < burst && now_nanoseconds() - idle_since < IDLE_NANOSECONDS) {
      for (int i = 0; i < BATCH; i++) {
        iov[i].iov_base = slots[i];
        iov[i].iov_len = SLOT_BYTES;
        messages[i].msg_hdr = (struct msghdr){.msg_iov = &iov[i], .msg_iovlen = 1, .msg_name = &names[i], .msg_namelen = sizeof names[i]};
      }
      int count = recvmmsg(fd, messages, BATCH, MSG_DONTWAIT, NULL);
      if (count > 0) {
        received += count;
        idle_since = now_nanoseconds();
      }
    }
    printf("%d %.4f\n", received, (cpu_micros() - before) / (received > 0 ? received : 1));
    fflush(stdout);
  }
  return 0;
}
