#pragma once
// A blocking HTTP/1.1 client for tests (libcurl). Connects to an explicit address so tests can
// send any Host header without DNS.

#include <map>
#include <string>
#include <vector>

namespace station::testing {

struct HttpResult {
    int status = 0;
    // Header names lower-cased; repeated headers (Set-Cookie) keep every value.
    std::multimap<std::string, std::string> headers;
    std::string body;

    std::string header(const std::string& lower_name) const;
    std::vector<std::string> header_values(const std::string& lower_name) const;
};

struct HttpCall {
    std::string method = "GET";
    std::string path = "/";
    std::string host;  // the Host header; empty sends "127.0.0.1:port"
    std::string body;
    std::vector<std::string> headers;  // "Name: value"
    long timeout_ms = 10000;
};

class HttpClient {
public:
    HttpClient(std::string address, int port) : address_(std::move(address)), port_(port) {}
    // Throws std::runtime_error on a transport failure (refused, timeout).
    HttpResult send(const HttpCall& call) const;

    HttpResult get(const std::string& host, const std::string& path,
                   std::vector<std::string> headers = {}) const;
    HttpResult post_json(const std::string& host, const std::string& path, const std::string& json,
                         std::vector<std::string> headers = {}) const;

    int port() const { return port_; }

private:
    std::string address_;
    int port_;
};

// "name=value" of the named cookie from a response's Set-Cookie headers, or empty.
std::string cookie_from(const HttpResult& result, const std::string& name);

}  // namespace station::testing
