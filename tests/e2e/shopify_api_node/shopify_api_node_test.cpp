// shopify-api-node, the npm client Shopify apps use, against a real Station server: products,
// variants, images, pagination, collections, customers, inventory and webhooks. The package is
// installed by this test with `npm ci` from the lockfile beside it into the build directory.

#include <atomic>
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/integration/admin_api/admin_api_support.hpp"

using namespace station::testing;

namespace {

std::filesystem::path install_client() {
    std::filesystem::path dir =
        std::filesystem::path(STATION_BINARY_DIR) / "tests" / "e2e" / "shopify_api_node";
    std::filesystem::create_directories(dir);
    for (const char* file : {"package.json", "package-lock.json", "run.js"}) {
        std::filesystem::copy_file(
            std::filesystem::path(STATION_SOURCE_DIR) / "tests/e2e/shopify_api_node" / file,
            dir / file, std::filesystem::copy_options::overwrite_existing);
    }
    SpawnOptions options;
    options.working_dir = dir;
    options.log_file = dir / "npm.log";
    auto npm =
        ChildProcess::spawn({"npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"}, options);
    auto status = npm.wait(300000);
    INFO(npm.log());
    REQUIRE(status == 0);
    return dir;
}

}  // namespace

TEST_CASE("shopify-api-node drives products, collections, customers, inventory and webhooks") {
    std::filesystem::path client = install_client();
    PlatformFixture f;
    Signup s = f.signup("node-client");
    WebhookReceiver receiver;
    SpawnOptions options;
    options.working_dir = client;
    options.log_file = client / "run.log";
    options.extra_env = {"STATION_PORT=" + std::to_string(f.port()), "STATION_STORE_HOST=" + s.host,
                         "STATION_TOKEN=" + s.admin_token, "RECEIVER_URL=" + receiver.url()};
    std::filesystem::remove(client / "run.log");
    // The platform runs on a ManualClock; let its time pass at ten times real speed while the
    // client works, so the call-limit bucket drains as it would for a real app.
    std::atomic<bool> running{true};
    std::thread ticker([&] {
        while (running) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            f.clock().advance(std::chrono::milliseconds(500));
        }
    });
    auto node = ChildProcess::spawn({"node", "run.js"}, options);
    auto status = node.wait(120000);
    running = false;
    ticker.join();
    INFO(node.log());
    REQUIRE(status == 0);
    CHECK(node.log().find("all checks passed") != std::string::npos);
    // The webhook the client subscribed arrives.
    auto got = receiver.wait_for(1);
    REQUIRE(got.size() == 1);
    CHECK(parse_object(std::string(got[0].at("body").as_string()))["title"] == "Hooked by node");
}
