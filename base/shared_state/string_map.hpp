#pragma once
// Hash maps keyed by std::string that are looked up with std::string_view without allocating,
// and the shard choice used by the sharded in-process maps.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace station::shared {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// The shard of `key` among `shard_count`. (The shard's own map reduces the same hash modulo a
// prime bucket count, so keys sharing a shard still spread over its buckets.)
inline std::size_t shard_index(std::string_view key, std::size_t shard_count) noexcept {
    return StringHash{}(key) % shard_count;
}

}  // namespace station::shared
