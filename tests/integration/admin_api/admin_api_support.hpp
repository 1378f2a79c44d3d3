#pragma once
// Helpers shared by the Admin API integration suites: JSON requests with a store's token, and a
// real webhook receiver process (webhook_receiver.py) whose recordings the tests read.

#include <filesystem>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "tests/integration/platform/platform_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace station::testing {

inline const std::string kApi = "/admin/api/2024-10";

// Sends `method` to kApi + path on the store's host with its token; REQUIREs `expected_status`
// (0: any) and returns the parsed body (empty object for an empty body).
boost::json::object api(PlatformFixture& f, const Signup& s, const std::string& method,
                        const std::string& path, const std::string& body = "",
                        int expected_status = 0);

// webhook_receiver.py on a free port, answering `status`.
class WebhookReceiver {
public:
    explicit WebhookReceiver(int status = 200, int port = 0);
    int port() const { return port_; }
    std::string url(const std::string& path = "/hooks") const;
    // Every recorded delivery so far: {"path","headers","body"} objects.
    std::vector<boost::json::object> deliveries() const;
    // Polls until at least `count` deliveries were recorded or `timeout_ms` passed.
    std::vector<boost::json::object> wait_for(std::size_t count, int timeout_ms = 15000) const;

private:
    TempDir dir_;
    int port_;
    std::filesystem::path file_;
    ChildProcess process_;
};

}  // namespace station::testing
