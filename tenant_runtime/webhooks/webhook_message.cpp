#include "tenant_runtime/webhooks/webhook_message.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "base/crypto/secrets.hpp"
#include "base/util/clock.hpp"

namespace station::tenant {

std::string webhook_id(std::int64_t store_id, std::int64_t subscription_id,
                       std::int64_t event_seq) {
    std::string hex =
        crypto::sha256_hex("station-webhook:" + std::to_string(store_id) + ":" +
                           std::to_string(subscription_id) + ":" + std::to_string(event_seq));
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string webhook_signature(std::string_view secret, std::string_view body) {
    return crypto::base64_encode(crypto::hmac_sha256(secret, body));
}

WebhookMessage build_webhook_message(const StoreContext& store, const Subscription& subscription,
                                     const EventRecord& event) {
    WebhookMessage message;
    message.body = event.payload;
    if (!subscription.fields.empty()) {
        boost::system::error_code ec;
        auto value = boost::json::parse(event.payload, ec);
        if (!ec && value.is_object()) {
            boost::json::object selected;
            for (const auto& f : subscription.fields) {
                if (auto it = value.as_object().find(f); it != value.as_object().end()) {
                    selected[f] = it->value();
                }
            }
            message.body = boost::json::serialize(selected);
        }
    }
    message.headers.set("Content-Type", "application/json");
    message.headers.set("X-Shopify-Topic", event.topic);
    message.headers.set("X-Shopify-Hmac-Sha256",
                        webhook_signature(store.webhook_secret, message.body));
    message.headers.set("X-Shopify-Shop-Domain", store.primary_domain);
    message.headers.set("X-Shopify-API-Version", subscription.api_version);
    message.headers.set("X-Shopify-Webhook-Id", webhook_id(store.id, subscription.id, event.seq));
    message.headers.set("X-Shopify-Triggered-At", util::format_iso8601(event.created_at));
    message.headers.set("X-Shopify-Event-Id", std::to_string(event.seq));
    return message;
}

}  // namespace station::tenant
