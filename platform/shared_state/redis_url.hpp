#pragma once
// Where a Redis server is and how to log in: parsed from the URL given to `station serve --redis`.

#include <string>
#include <string_view>

namespace station::redis {

struct RedisEndpoint {
    std::string host;       // TCP host name or address (IPv6 without brackets); empty for a socket
    int port = 6379;        // TCP only
    std::string unix_path;  // Unix socket path; empty for TCP
    std::string username;   // empty: the default user (AUTH with the password only)
    std::string password;   // empty: no AUTH
    int db = 0;

    // "host:port" or "unix:/path" for messages; never includes credentials.
    std::string describe() const;
};

// Accepted forms:
//   redis://host[:port][/db]
//   redis://[user]:password@host[:port][/db]      (user and password percent-decoded)
//   unix:///path/to/socket[?db=N][&password=P]
// The port defaults to 6379 and the database to 0. Throws std::invalid_argument naming the
// problem (never echoing the password).
RedisEndpoint parse_redis_url(std::string_view url);

}  // namespace station::redis
