#pragma once
// Internal: bump allocation for a compiled template's nodes. Objects placed here are never
// destroyed individually; only trivially destructible types (and immortal Values) may live here.

#include <cstring>
#include <memory_resource>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace station::liquid::detail {

class Arena {
public:
    Arena() : resource_(4096) {}
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    template <class T, class... Args>
    T* make(Args&&... args) {
        void* memory = resource_.allocate(sizeof(T), alignof(T));
        return new (memory) T{std::forward<Args>(args)...};
    }

    // Copies a contiguous container's elements.
    template <class Container, class T = typename Container::value_type>
    std::span<const T> copy(const Container& items) {
        if (items.empty()) return {};
        T* memory = static_cast<T*>(resource_.allocate(sizeof(T) * items.size(), alignof(T)));
        for (std::size_t i = 0; i < items.size(); ++i)
            new (memory + i) T(items[i]);
        return {memory, items.size()};
    }

    std::string_view copy_text(std::string_view text) {
        if (text.empty()) return {};
        char* memory = static_cast<char*>(resource_.allocate(text.size(), 1));
        std::memcpy(memory, text.data(), text.size());
        return {memory, text.size()};
    }

private:
    std::pmr::monotonic_buffer_resource resource_;
};

}  // namespace station::liquid::detail
