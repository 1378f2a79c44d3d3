#include "tests/support/http_client.hpp"

#include <memory>
#include <stdexcept>

#include <curl/curl.h>

#include "base/util/strings.hpp"

namespace station::testing {
namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* result = static_cast<HttpResult*>(user);
    std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        result->headers.clear();  // a new response (after 100-continue)
        return size * count;
    }
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        result->headers.emplace(util::to_lower(util::trim(line.substr(0, colon))),
                                std::string(util::trim(line.substr(colon + 1))));
    }
    return size * count;
}

}  // namespace

std::string HttpResult::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::vector<std::string> HttpResult::header_values(const std::string& lower_name) const {
    std::vector<std::string> values;
    auto [first, last] = headers.equal_range(lower_name);
    for (auto it = first; it != last; ++it)
        values.push_back(it->second);
    return values;
}

HttpResult HttpClient::send(const HttpCall& call) const {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw std::runtime_error("curl_easy_init failed");
    std::string url = "http://" + address_ + ":" + std::to_string(port_) + call.path;
    HttpResult result;
    curl_slist* headers = nullptr;
    if (!call.host.empty()) headers = curl_slist_append(headers, ("Host: " + call.host).c_str());
    headers = curl_slist_append(headers, "Expect:");
    for (const auto& h : call.headers)
        headers = curl_slist_append(headers, h.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers,
                                                                             curl_slist_free_all);

    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, call.method.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, call.timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &result);
    if (call.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (!call.body.empty() || call.method == "POST" || call.method == "PUT" ||
        call.method == "PATCH") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, call.body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        throw std::runtime_error(std::string("HTTP ") + call.method + " " + url + ": " +
                                 curl_easy_strerror(rc));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
    return result;
}

HttpResult HttpClient::get(const std::string& host, const std::string& path,
                           std::vector<std::string> headers) const {
    HttpCall call;
    call.path = path;
    call.host = host;
    call.headers = std::move(headers);
    return send(call);
}

HttpResult HttpClient::post_json(const std::string& host, const std::string& path,
                                 const std::string& json, std::vector<std::string> headers) const {
    HttpCall call;
    call.method = "POST";
    call.path = path;
    call.host = host;
    call.body = json;
    call.headers = std::move(headers);
    call.headers.push_back("Content-Type: application/json");
    return send(call);
}

std::string cookie_from(const HttpResult& result, const std::string& name) {
    for (const auto& value : result.header_values("set-cookie")) {
        if (value.starts_with(name + "=")) return value.substr(0, value.find(';'));
    }
    return {};
}

}  // namespace station::testing
