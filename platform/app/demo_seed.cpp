#include "platform/app/demo_seed.hpp"

#include "base/money/currency.hpp"
#include "platform/accounts/accounts.hpp"
#include "platform/app/platform.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/store_repository.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/store/store_pool.hpp"

namespace station::app {
namespace {

struct SampleProduct {
    const char* title;
    const char* vendor;
    const char* type;
    const char* description;
    std::int64_t price_cents;
    std::optional<std::int64_t> compare_at_cents;
    std::vector<const char*> sizes;
};

const std::vector<SampleProduct>& samples() {
    static const std::vector<SampleProduct> products = {
        {"Organic Cotton Tee",
         "Acme Basics",
         "Shirts",
         "<p>Soft, breathable organic cotton with a relaxed fit.</p>",
         2900,
         3900,
         {"S", "M", "L", "XL"}},
        {"Merino Crew Sweater",
         "Acme Knitwear",
         "Sweaters",
         "<p>Fine merino wool that keeps warm without the bulk.</p>",
         8900,
         std::nullopt,
         {"S", "M", "L"}},
        {"Canvas Weekender Bag",
         "Harbor & Co",
         "Bags",
         "<p>Waxed canvas with leather handles; fits a three-day trip.</p>",
         12900,
         15900,
         {}},
        {"Ceramic Pour-Over Set",
         "Kiln Studio",
         "Kitchen",
         "<p>Hand-glazed dripper and carafe for two cups.</p>",
         5400,
         std::nullopt,
         {}},
        {"Linen Throw Blanket",
         "Acme Home",
         "Home",
         "<p>Stone-washed European linen, 130 × 170 cm.</p>",
         7800,
         std::nullopt,
         {}},
        {"Trail Running Socks (3 pack)",
         "Stride",
         "Accessories",
         "<p>Cushioned heel, seamless toe, merino blend.</p>",
         2400,
         std::nullopt,
         {"S", "M", "L"}},
        {"Beeswax Candle",
         "Hive & Wick",
         "Home",
         "<p>Pure beeswax, cotton wick, about 40 hours of burn time.</p>",
         1800,
         std::nullopt,
         {}},
        {"Leather Card Holder",
         "Harbor & Co",
         "Accessories",
         "<p>Vegetable-tanned leather, four card slots.</p>",
         3500,
         4500,
         {}},
    };
    return products;
}

}  // namespace

DemoAccounts seed_demo(Platform& platform) {
    DemoAccounts demo{"demo@station.test",
                      "station-demo-password",
                      "admin@station.test",
                      "station-admin-password",
                      "demo",
                      std::nullopt};
    platform.accounts().create_admin(demo.admin_email, demo.admin_password);

    bool exists = platform.platform_db().with([&](sql::Database& db) {
        return control::StoreRepository(db).handle_exists(demo.store_handle);
    });
    if (exists) return demo;

    accounts::SignupInput signup;
    signup.email = demo.merchant_email;
    signup.password = demo.merchant_password;
    signup.name = "Demo Merchant";
    signup.store = {demo.store_handle, "Demo Outfitters", "USD", "en"};
    accounts::SignupResult created = platform.accounts().signup(signup, "demo-seed");
    demo.admin_token = created.store.admin_token;

    tenant::CatalogFormat format{
        money::find_currency("USD")->exponent,
        "http://" + demo.store_handle + "." + platform.config().platform_domain + "/files/"};
    auto runtime = platform.store_pool().acquire(created.store.store.id);
    runtime->with_db([&](sql::Database& db) {
        for (const SampleProduct& sample : samples()) {
            tenant::ProductInput input;
            input.title = sample.title;
            input.vendor = sample.vendor;
            input.product_type = sample.type;
            input.body_html = sample.description;
            for (const char* size : sample.sizes) {
                tenant::VariantInput variant;
                variant.option1 = size;
                variant.price_minor = sample.price_cents;
                variant.compare_at_price_minor = sample.compare_at_cents;
                input.variants.push_back(variant);
            }
            if (!sample.sizes.empty()) input.option_names = {"Size"};
            if (input.variants.empty()) {
                tenant::VariantInput variant;
                variant.price_minor = sample.price_cents;
                variant.compare_at_price_minor = sample.compare_at_cents;
                input.variants.push_back(variant);
            }
            tenant::create_product(db, input, platform.clock().unix_seconds(), format).value();
        }
    });
    runtime->note_change();
    return demo;
}

}  // namespace station::app
