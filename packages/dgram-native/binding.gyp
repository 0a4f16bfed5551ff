{
  "targets": [
    {
      "target_name": "wskit_dgram",
      "sources": ["src/addon.c", "src/receive.c", "src/send.c", "src/control.c"],
      "cflags_c": ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Wno-unused-parameter", "-fvisibility=hidden"],
      "defines": ["_GNU_SOURCE", "NAPI_VERSION=8"],
      "conditions": [["OS!='linux'", {"type": "none"}]]
    }
  ]
}
