#include "platform/cli/serve_command.hpp"

#include <ostream>

#include <spdlog/spdlog.h>

#include "base/log/logging.hpp"
#include "platform/app/demo_seed.hpp"
#include "platform/app/platform.hpp"
#include "platform/cli/command_options.hpp"
#include "platform/http/http_server.hpp"

namespace station::cli {
namespace {

server::HttpServerOptions server_options(const config::StationConfig& config) {
    server::HttpServerOptions options;
    std::size_t colon = config.listen.rfind(':');
    if (colon == std::string::npos) {
        throw config::ConfigError("--listen: expected ADDR:PORT, got '" + config.listen + "'");
    }
    options.address = config.listen.substr(0, colon);
    if (options.address.size() > 2 && options.address.front() == '[') {
        options.address = options.address.substr(1, options.address.size() - 2);
    }
    try {
        int port = std::stoi(config.listen.substr(colon + 1));
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        options.port = static_cast<std::uint16_t>(port);
    } catch (const std::exception&) {
        throw config::ConfigError("--listen: bad port in '" + config.listen + "'");
    }
    options.threads = config.threads;
    options.max_connections = config.max_connections;
    options.max_header_bytes = config.max_header_bytes;
    options.max_body_bytes = config.max_body_bytes;
    options.header_timeout = std::chrono::milliseconds(config.header_timeout_ms);
    options.idle_timeout = std::chrono::milliseconds(config.idle_timeout_ms);
    options.trust_forwarded_headers = config.trust_forwarded_headers;
    options.access_log = config.access_log;
    return options;
}

void print_demo(std::ostream& out, const app::DemoAccounts& demo, const std::string& domain,
                std::uint16_t port) {
    std::string suffix = port == 80 ? "" : ":" + std::to_string(port);
    out << "\nStation demo platform is running.\n"
        << "  Demo store:      http://" << demo.store_handle << "." << domain << suffix << "/\n"
        << "  Platform:        http://" << domain << suffix << "/\n"
        << "  Merchant login:  " << demo.merchant_email << " / " << demo.merchant_password
        << "   (POST /api/login)\n"
        << "  Platform admin:  " << demo.admin_email << " / " << demo.admin_password
        << "   (POST /platform/api/login)\n";
    if (demo.admin_token) {
        out << "  Admin API token: " << *demo.admin_token
            << "   (shown once; X-Shopify-Access-Token)\n";
    }
    out << "Press Ctrl-C to stop.\n" << std::flush;
}

}  // namespace

int run_serve_command(const CommandArgs& args, CommandIo& io) {
    config::StationConfig config;
    server::HttpServerOptions options;
    try {
        config = config::load_config(args, process_environment());
        options = server_options(config);
        log::init_logging({config.log_level});
    } catch (const std::exception& e) {
        io.err << "station serve: " << e.what() << "\n";
        return kExitUsage;
    }
    try {
        app::Platform platform(config, util::system_clock());
        std::optional<app::DemoAccounts> demo;
        if (config.demo) demo = app::seed_demo(platform);
        platform.start_background();
        server::HttpServer server(options, platform.request_handler(), platform.metrics());
        std::uint16_t port = server.start();
        spdlog::info("listening on {}:{} (platform domain {}, data dir {}, shared state {})",
                     options.address, port, config.platform_domain, config.data_dir.string(),
                     platform.shared_state().backend_name());
        if (demo) print_demo(io.out, *demo, config.platform_domain, port);
        server.wait_for_shutdown_signal();
        spdlog::info("shutting down: draining connections");
        server.stop();
        platform.shutdown();
        spdlog::info("stopped cleanly");
        return kExitOk;
    } catch (const std::exception& e) {
        io.err << "station serve: " << e.what() << "\n";
        return kExitFailure;
    }
}

}  // namespace station::cli
