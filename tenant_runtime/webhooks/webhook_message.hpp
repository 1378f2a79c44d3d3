#pragma once
// What one webhook delivery sends, exactly as Shopify does: the event's JSON as the raw body and
// the X-Shopify-* headers, the HMAC computed over those very bytes with the store's webhook
// secret. Pure functions.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/http/message.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/webhooks/subscriptions.hpp"

namespace station::tenant {

struct WebhookMessage {
    http::Headers headers;
    std::string body;
};

// Stable for (store, subscription, event): every retry of a delivery carries the same id, so
// receivers can de-duplicate. UUID-shaped.
std::string webhook_id(std::int64_t store_id, std::int64_t subscription_id, std::int64_t event_seq);

// base64(HMAC-SHA256(secret, body)): the X-Shopify-Hmac-Sha256 value.
std::string webhook_signature(std::string_view secret, std::string_view body);

WebhookMessage build_webhook_message(const StoreContext& store, const Subscription& subscription,
                                     const EventRecord& event);

}  // namespace station::tenant
