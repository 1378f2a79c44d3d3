#include "platform/shared_state/redis_cache.hpp"

#include <stdexcept>

namespace station::redis {

std::optional<std::string> RedisCache::get(std::string_view key) {
    RedisReply reply = pool_.checked({"GET", prefix_ + std::string(key)});
    if (reply.view().is_nil()) return std::nullopt;
    return std::string(reply.view().text());
}

void RedisCache::set(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) {
    if (ttl.count() <= 0) throw std::invalid_argument("cache: ttl must be positive");
    pool_.checked({"SET", prefix_ + std::string(key), value, "PX", std::to_string(ttl.count())});
}

void RedisCache::erase(std::string_view key) {
    pool_.checked({"DEL", prefix_ + std::string(key)});
}

}  // namespace station::redis
