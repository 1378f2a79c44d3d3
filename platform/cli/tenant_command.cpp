#include "platform/cli/tenant_command.hpp"

#include <iomanip>
#include <ostream>

#include "base/crypto/secrets.hpp"
#include "base/http/request_error.hpp"
#include "platform/accounts/accounts.hpp"
#include "platform/app/platform.hpp"
#include "platform/cli/command_options.hpp"
#include "platform/control_plane/merchant_repository.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/stores/store_operations.hpp"
#include "platform/stores/store_provisioning.hpp"

namespace station::cli {
namespace {

constexpr std::string_view kUsage = R"(usage:
  station tenant create --handle HANDLE --name NAME --email EMAIL [--password PASSWORD]
                        [--currency CODE] [--locale LOCALE] [settings]
  station tenant list [--status active|suspended|deleted] [--query TEXT] [settings]
  station tenant suspend HANDLE --reason TEXT [settings]
  station tenant resume HANDLE [--reason TEXT] [settings]
  station tenant delete HANDLE [settings]
  station tenant plan HANDLE --plan NAME [--products N] [--staff N] [--storage-bytes N]
                      [--requests-per-minute N] [settings]
settings: --data-dir DIR, --redis URL, … (see `station serve --help`)
)";

constexpr std::string_view kActor = "cli";

std::string required(CommandArgs& args, std::string_view name) {
    auto value = take_option(args, name);
    if (!value || value->empty()) {
        throw std::invalid_argument("--" + std::string(name) + " is required");
    }
    return *value;
}

int create(CommandArgs args, CommandIo& io) {
    std::string handle = required(args, "handle");
    std::string name = required(args, "name");
    std::string email = required(args, "email");
    auto password = take_option(args, "password");
    auto currency = take_option(args, "currency");
    auto locale = take_option(args, "locale");
    app::Platform platform(config::load_config(args, process_environment()), util::system_clock());

    stores::StoreRequest request{handle, name, currency, locale};
    auto merchant = platform.platform_db().with(
        [&](sql::Database& db) { return control::MerchantRepository(db).find_by_email(email); });
    stores::ProvisionedStore store;
    std::optional<std::string> new_password;
    if (merchant) {
        store = platform.provisioning().provision(merchant->id, request, kActor);
    } else {
        if (!password) new_password = crypto::random_token(12);
        accounts::SignupInput signup{email, password.value_or(new_password.value_or("")), "",
                                     request};
        store = platform.accounts().signup(signup, "cli").store;
    }
    io.out << "store:       " << store.store.handle << " (id " << store.store.id << ")\n"
           << "domain:      " << store.domain << "\n"
           << "owner:       " << email << "\n";
    if (new_password) io.out << "password:    " << *new_password << "   (shown once)\n";
    io.out << "admin token: " << store.admin_token << "   (shown once)\n"
           << "api secret:  " << store.webhook_secret << "   (shown once)\n";
    return kExitOk;
}

int list(CommandArgs args, CommandIo& io) {
    control::StoreSearch search;
    if (auto status = take_option(args, "status")) {
        search.status = control::parse_store_status(*status);
        if (!search.status) throw std::invalid_argument("--status: active, suspended or deleted");
    }
    search.text = take_option(args, "query").value_or("");
    search.limit = 1000;
    app::Platform platform(config::load_config(args, process_environment()), util::system_clock());
    io.out << std::left << std::setw(8) << "ID" << std::setw(42) << "HANDLE" << std::setw(11)
           << "STATUS" << std::setw(12) << "PLAN"
           << "NAME\n";
    while (true) {
        auto page = platform.operations().search(search);
        for (const auto& s : page) {
            io.out << std::setw(8) << s.id << std::setw(42) << s.handle << std::setw(11)
                   << control::to_string(s.status) << std::setw(12) << s.plan << s.name << "\n";
            search.after_id = s.id;
        }
        if (static_cast<int>(page.size()) < search.limit) break;
    }
    return kExitOk;
}

int change(std::string_view verb, CommandArgs args, CommandIo& io) {
    auto reason = take_option(args, "reason");
    std::vector<std::string> positional;
    app::Platform platform(config::load_config(args, process_environment(), &positional),
                           util::system_clock());
    if (positional.size() != 1) throw std::invalid_argument("expected exactly one store handle");
    auto& operations = platform.operations();
    std::int64_t id = operations.get_by_handle(positional[0]).id;
    control::StoreRecord store;
    if (verb == "suspend") {
        if (!reason) throw std::invalid_argument("--reason is required");
        store = operations.suspend(id, *reason, kActor);
    } else if (verb == "resume") {
        store = operations.resume(id, reason.value_or("resumed by operator"), kActor);
    } else {
        store = operations.soft_delete(id, kActor);
    }
    io.out << store.handle << ": " << control::to_string(store.status) << "\n";
    return kExitOk;
}

std::optional<std::int64_t> take_count(CommandArgs& args, std::string_view name) {
    auto text = take_option(args, name);
    if (!text) return std::nullopt;
    try {
        std::size_t used = 0;
        long long value = std::stoll(*text, &used);
        if (used != text->size() || value < 0) throw std::invalid_argument("");
        return value;
    } catch (const std::exception&) {
        throw std::invalid_argument("--" + std::string(name) + ": expected a non-negative integer");
    }
}

int plan(CommandArgs args, CommandIo& io) {
    std::string plan_name = required(args, "plan");
    control::QuotaOverrides overrides;
    overrides.max_products = take_count(args, "products");
    overrides.max_staff = take_count(args, "staff");
    overrides.max_storage_bytes = take_count(args, "storage-bytes");
    overrides.requests_per_minute = take_count(args, "requests-per-minute");
    std::vector<std::string> positional;
    app::Platform platform(config::load_config(args, process_environment(), &positional),
                           util::system_clock());
    if (positional.size() != 1) throw std::invalid_argument("expected exactly one store handle");
    auto& operations = platform.operations();
    control::StoreRecord store = operations.set_plan(operations.get_by_handle(positional[0]).id,
                                                     plan_name, overrides, kActor);
    io.out << store.handle << ": plan " << store.plan << ", products " << store.quotas.max_products
           << ", staff " << store.quotas.max_staff << ", storage bytes "
           << store.quotas.max_storage_bytes << ", requests/minute "
           << store.quotas.requests_per_minute << "\n";
    return kExitOk;
}

}  // namespace

int run_tenant_command(const CommandArgs& args, CommandIo& io) {
    if (args.empty() || args[0] == "--help" || args[0] == "help") {
        (args.empty() ? io.err : io.out) << kUsage;
        return args.empty() ? kExitUsage : kExitOk;
    }
    std::string verb = args[0];
    CommandArgs rest(args.begin() + 1, args.end());
    try {
        if (verb == "create") return create(rest, io);
        if (verb == "list") return list(rest, io);
        if (verb == "plan") return plan(rest, io);
        if (verb == "suspend" || verb == "resume" || verb == "delete")
            return change(verb, rest, io);
    } catch (const http::RequestError& e) {
        io.err << "station tenant " << verb << ": " << (e.field().empty() ? "" : e.field() + ": ")
               << e.what() << "\n";
        return kExitFailure;
    } catch (const std::invalid_argument& e) {
        io.err << "station tenant " << verb << ": " << e.what() << "\n" << kUsage;
        return kExitUsage;
    } catch (const config::ConfigError& e) {
        io.err << "station tenant " << verb << ": " << e.what() << "\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        io.err << "station tenant " << verb << ": " << e.what() << "\n";
        return kExitFailure;
    }
    io.err << "station tenant: unknown subcommand '" << verb << "'\n" << kUsage;
    return kExitUsage;
}

}  // namespace station::cli
