#include "platform/shared_state/redis_locks.hpp"

#include <array>
#include <stdexcept>

#include "base/crypto/secrets.hpp"

namespace station::redis {
namespace {

constexpr std::size_t kTokenBytes = 18;

void require_positive(std::chrono::milliseconds ttl) {
    if (ttl.count() <= 0) throw std::invalid_argument("locks: ttl must be positive");
}

}  // namespace

std::optional<std::string> RedisLocks::try_acquire(std::string_view name,
                                                   std::chrono::milliseconds ttl) {
    require_positive(ttl);
    std::string token = crypto::random_token(kTokenBytes);
    RedisReply reply = pool_.checked(
        {"SET", prefix_ + std::string(name), token, "NX", "PX", std::to_string(ttl.count())});
    if (reply.view().is_nil()) return std::nullopt;
    return token;
}

bool RedisLocks::extend(std::string_view name, std::string_view token,
                        std::chrono::milliseconds ttl) {
    require_positive(ttl);
    const std::string key = prefix_ + std::string(name);
    const std::string ttl_ms = std::to_string(ttl.count());
    const std::array<std::string_view, 1> keys{key};
    const std::array<std::string_view, 2> args{token, ttl_ms};
    return extend_.run(pool_, keys, args).view().integer() == 1;
}

bool RedisLocks::release(std::string_view name, std::string_view token) {
    const std::string key = prefix_ + std::string(name);
    const std::array<std::string_view, 1> keys{key};
    const std::array<std::string_view, 1> args{token};
    return release_.run(pool_, keys, args).view().integer() == 1;
}

}  // namespace station::redis
