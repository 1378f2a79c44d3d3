#pragma once
// Free loopback ports for servers a test starts itself (redis-server, dnsmasq, receivers).
// The port is free when returned; a tiny race with other processes remains, as with any port 0
// hand-off to a child process.

namespace station::testing {

int free_tcp_port();
int free_udp_port();
// Polls until something accepts TCP connections on 127.0.0.1:port; false after `timeout_ms`.
bool wait_for_tcp_port(int port, int timeout_ms);

}  // namespace station::testing
