#include "platform/shared_state/redis_scripts.hpp"

#include <vector>

#include "base/shared_state/shared_state.hpp"

namespace station::redis {

// Numbers are Lua doubles; every value stays an integer below 2^53 (see gcra.hpp), so the
// arithmetic is exact. Numbers are formatted with %.0f because Lua's own conversion rounds to 14
// significant digits.
const std::string_view kGcraScript = R"lua(
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
local level = math.max(tat, now) - now
local new_level = level + cost * interval
if new_level > capacity * interval then
  return {0, level}
end
if cost > 0 then
  redis.call('SET', KEYS[1], string.format('%.0f', now + new_level),
             'PX', string.format('%.0f', math.ceil(new_level / 1000)))
end
return {1, new_level}
)lua";

const std::string_view kExtendLockScript = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
)lua";

const std::string_view kReleaseLockScript = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
)lua";

RedisScript::RedisScript(RedisPool& pool, std::string_view source) : source_(source) {
    RedisReply reply = pool.checked({"SCRIPT", "LOAD", source_});
    sha1_ = std::string(reply.view().text());
}

RedisReply RedisScript::run(RedisPool& pool, std::span<const std::string_view> keys,
                            std::span<const std::string_view> args) const {
    const std::string key_count = std::to_string(keys.size());
    std::vector<std::string_view> command{"EVALSHA", sha1_, key_count};
    command.insert(command.end(), keys.begin(), keys.end());
    command.insert(command.end(), args.begin(), args.end());
    RedisReply reply = pool.command(command);
    if (reply.view().is_error() && reply.view().text().starts_with("NOSCRIPT")) {
        command[0] = "EVAL";
        command[1] = source_;
        reply = pool.command(command);
    }
    if (reply.view().is_error()) {
        throw shared::SharedStateError("redis " + pool.endpoint().describe() +
                                       ": script failed: " + std::string(reply.view().text()));
    }
    return reply;
}

}  // namespace station::redis
