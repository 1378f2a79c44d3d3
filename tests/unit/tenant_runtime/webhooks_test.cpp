#include <catch2/catch.hpp>

#include "base/crypto/secrets.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/store/store_pool.hpp"
#include "tenant_runtime/webhooks/retry_schedule.hpp"
#include "tenant_runtime/webhooks/subscriptions.hpp"
#include "tenant_runtime/webhooks/webhook_message.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;

TEST_CASE("webhook signatures are base64 HMAC-SHA256 of the raw body with the store's secret") {
    // RFC 4231 test case 2, base64-encoded.
    CHECK(tenant::webhook_signature("Jefe", "what do ya want for nothing?") ==
          "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    tenant::StoreContext store;
    store.id = 7;
    store.webhook_secret = "s3cret";
    store.primary_domain = "shop.example.com";
    tenant::Subscription subscription;
    subscription.id = 3;
    subscription.api_version = "2024-10";
    tenant::EventRecord event{42, "products/update",         "product",
                              9,  R"({"id":9,"title":"T"})", 1'800'000'000};
    auto message = tenant::build_webhook_message(store, subscription, event);
    CHECK(message.body == event.payload);
    CHECK(message.headers.get("X-Shopify-Hmac-Sha256") ==
          crypto::base64_encode(crypto::hmac_sha256("s3cret", event.payload)));
    CHECK(message.headers.get("X-Shopify-Topic") == "products/update");
    CHECK(message.headers.get("X-Shopify-Shop-Domain") == "shop.example.com");
    CHECK(message.headers.get("X-Shopify-Event-Id") == "42");
    // Stable across retries, distinct per event and per subscription.
    CHECK(message.headers.get("X-Shopify-Webhook-Id") == tenant::webhook_id(7, 3, 42));
    CHECK(tenant::webhook_id(7, 3, 42) != tenant::webhook_id(7, 3, 43));
    CHECK(tenant::webhook_id(7, 3, 42) != tenant::webhook_id(7, 4, 42));
    subscription.fields = {"id"};
    CHECK(tenant::build_webhook_message(store, subscription, event).body == R"({"id":9})");
}

TEST_CASE("the retry schedule: default 19 tries over about two days, and a parsed one") {
    auto schedule = tenant::default_retry_schedule();
    CHECK(schedule.max_attempts() == 19);
    std::chrono::seconds total{0};
    for (auto d : schedule.delays)
        total += d;
    CHECK(total > std::chrono::hours(48));
    CHECK(total < std::chrono::hours(51));
    CHECK(schedule.delay_after(1) == std::chrono::seconds(15));
    CHECK_FALSE(schedule.delay_after(19));
    auto parsed = tenant::parse_retry_schedule("1, 2,4");
    REQUIRE(parsed);
    CHECK(parsed->delays.size() == 3);
    CHECK_FALSE(tenant::parse_retry_schedule(""));
    CHECK_FALSE(tenant::parse_retry_schedule("1,0"));
    CHECK_FALSE(tenant::parse_retry_schedule("1,x"));
}

TEST_CASE("a subscription reads from its creation on; failures move it to retry, then disable it") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir.path(), .max_open = 2});
    auto store = pool.acquire(1);
    store->with_db([&](sql::Database& db) {
        {
            sql::Transaction tx(db);
            tenant::append_event(db, "products/create", "product", 1, "{}", 10);
            tx.commit();
        }
        tenant::SubscriptionInput input;
        input.topic = "products/create";
        input.address = "https://hooks.example.com/a";
        auto s = tenant::create_subscription(db, store->directory(), input, 20).value();
        CHECK(s.cursor_seq == 1);
        CHECK(std::filesystem::exists(tenant::webhook_marker(store->directory())));
        CHECK_FALSE(tenant::create_subscription(db, store->directory(), input, 20).has_value());
        input.topic = "products/explode";
        CHECK(tenant::create_subscription(db, store->directory(), input, 20).error().field ==
              "topic");

        tenant::DeliveryAttempt attempt;
        attempt.subscription_id = s.id;
        attempt.event_seq = 2;
        attempt.webhook_id = "w";
        attempt.attempt = 1;
        attempt.outcome = "failed";
        CHECK(tenant::record_attempt(db, attempt, 100, 30));
        auto after = *tenant::find_subscription(db, s.id);
        CHECK(after.failed_attempts == 1);
        CHECK(after.next_attempt_at == 100);
        CHECK(after.cursor_seq == 1);
        attempt.attempt = 2;
        CHECK(tenant::record_attempt(db, attempt, std::nullopt, 110));
        after = *tenant::find_subscription(db, s.id);
        CHECK(after.status == "disabled");
        CHECK(after.disabled_at == 110);
        auto events =
            tenant::read_events(db, {.topic = std::string(tenant::kSubscriptionDisabledTopic)});
        CHECK(events.size() == 1);
        CHECK_FALSE(tenant::record_attempt(db, attempt, std::nullopt, 120));  // no longer active
        auto log = tenant::list_deliveries(db, s.id, 10, 0);
        REQUIRE(log.size() == 2);
        CHECK(log[0].outcome == "abandoned");
        CHECK(log[1].outcome == "failed");
        CHECK(tenant::delete_subscription(db, store->directory(), s.id));
        CHECK_FALSE(std::filesystem::exists(tenant::webhook_marker(store->directory())));
    });
}
