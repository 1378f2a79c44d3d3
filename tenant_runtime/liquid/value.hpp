#pragma once
// The Liquid value model: nil, booleans, integers, floats, strings, arrays, objects (ordered
// hashes), integer ranges and drops (lazy host objects).
//
// A Value is 16 bytes and cheap to copy: strings, arrays, objects, ranges and drops are immutable
// heap representations shared by reference counting (atomic, so one data tree may be rendered by
// many threads at once). Representations owned by a compiled template are "immortal": copying them
// touches no counter, which keeps concurrent renders of one template from contending on literals.
//
// Threading: a Value and everything reachable from it (except drops, see drop.hpp) is immutable
// and may be read from any number of threads.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace station::liquid {

class Drop;
class Value;

enum class ValueKind : std::uint8_t {
    kNil,
    kBool,
    kInt,
    kFloat,
    kString,
    kArray,
    kObject,
    kRange,
    kDrop,
};

// 64-bit hash used for names and object keys (stable within a process).
std::uint64_t hash_name(std::string_view text) noexcept;

namespace detail {

// Common header of every shared representation.
struct HeapHeader {
    static constexpr std::uint32_t kImmortal = 0xFFFF'FFFFu;
    mutable std::atomic<std::uint32_t> refs{1};

    void retain() const noexcept {
        if (refs.load(std::memory_order_relaxed) != kImmortal) {
            refs.fetch_add(1, std::memory_order_relaxed);
        }
    }
    // True when the caller dropped the last reference and must free the representation.
    bool release() const noexcept {
        if (refs.load(std::memory_order_relaxed) == kImmortal) return false;
        return refs.fetch_sub(1, std::memory_order_acq_rel) == 1;
    }
};

struct StringRep : HeapHeader {
    std::uint32_t size = 0;
    char* data() noexcept { return reinterpret_cast<char*>(this + 1); }
    const char* data() const noexcept { return reinterpret_cast<const char*>(this + 1); }
    std::string_view view() const noexcept { return {data(), size}; }
};

struct ArrayRep : HeapHeader {
    std::vector<Value> items;
};

struct ObjectEntry;
struct ObjectRep;
class LiteralPool;

struct RangeRep : HeapHeader {
    std::int64_t first = 0;
    std::int64_t last = 0;
};

}  // namespace detail

class Value {
public:
    Value() noexcept : kind_(ValueKind::kNil), int_(0) {}
    Value(const Value& other) noexcept : kind_(other.kind_), int_(other.int_) { retain(); }
    Value(Value&& other) noexcept : kind_(other.kind_), int_(other.int_) {
        other.kind_ = ValueKind::kNil;
        other.int_ = 0;
    }
    Value& operator=(const Value& other) noexcept {
        if (this != &other) {
            other.retain();
            release();
            kind_ = other.kind_;
            int_ = other.int_;
        }
        return *this;
    }
    Value& operator=(Value&& other) noexcept {
        if (this != &other) {
            release();
            kind_ = other.kind_;
            int_ = other.int_;
            other.kind_ = ValueKind::kNil;
            other.int_ = 0;
        }
        return *this;
    }
    ~Value() { release(); }

    static Value boolean(bool b) noexcept {
        Value v;
        v.kind_ = ValueKind::kBool;
        v.bool_ = b;
        return v;
    }
    static Value integer(std::int64_t i) noexcept {
        Value v;
        v.kind_ = ValueKind::kInt;
        v.int_ = i;
        return v;
    }
    static Value number(double d) noexcept {
        Value v;
        v.kind_ = ValueKind::kFloat;
        v.float_ = d;
        return v;
    }
    static Value string(std::string_view text);
    // An uninitialized string of `size` bytes, filled through `data`.
    static Value string_for_overwrite(std::size_t size, char*& data);
    static Value array(std::vector<Value> items);
    static Value range(std::int64_t first, std::int64_t last);
    // Takes one reference to `drop` (which starts with a count of one when newly created).
    static Value drop(Drop* drop) noexcept;

    ValueKind kind() const noexcept { return kind_; }
    bool is_nil() const noexcept { return kind_ == ValueKind::kNil; }
    bool is_bool() const noexcept { return kind_ == ValueKind::kBool; }
    bool is_int() const noexcept { return kind_ == ValueKind::kInt; }
    bool is_float() const noexcept { return kind_ == ValueKind::kFloat; }
    bool is_number() const noexcept { return is_int() || is_float(); }
    bool is_string() const noexcept { return kind_ == ValueKind::kString; }
    bool is_array() const noexcept { return kind_ == ValueKind::kArray; }
    bool is_object() const noexcept { return kind_ == ValueKind::kObject; }
    bool is_range() const noexcept { return kind_ == ValueKind::kRange; }
    bool is_drop() const noexcept { return kind_ == ValueKind::kDrop; }

    // Liquid truthiness: everything but nil and false.
    bool truthy() const noexcept {
        return !(kind_ == ValueKind::kNil || (kind_ == ValueKind::kBool && !bool_));
    }

    // Accessors; the precondition is the matching kind.
    bool as_bool() const noexcept { return bool_; }
    std::int64_t as_int() const noexcept { return int_; }
    double as_float() const noexcept { return float_; }
    std::string_view as_string() const noexcept { return string_->view(); }
    std::span<const Value> as_array() const noexcept;
    const detail::ObjectRep& as_object() const noexcept { return *object_; }
    std::int64_t range_first() const noexcept { return range_->first; }
    std::int64_t range_last() const noexcept { return range_->last; }
    Drop& as_drop() const noexcept { return *drop_; }

private:
    friend class ObjectBuilder;
    friend class detail::LiteralPool;
    void retain() const noexcept {
        if (kind_ >= ValueKind::kString) header()->retain();
    }
    void release() noexcept {
        if (kind_ >= ValueKind::kString && header()->release()) destroy();
    }
    const detail::HeapHeader* header() const noexcept;
    const detail::HeapHeader* drop_header() const noexcept;  // Drop's base is private
    void destroy() noexcept;

    ValueKind kind_;
    union {
        bool bool_;
        std::int64_t int_;
        double float_;
        detail::StringRep* string_;
        detail::ArrayRep* array_;
        detail::ObjectRep* object_;
        detail::RangeRep* range_;
        Drop* drop_;
    };
};

static_assert(sizeof(Value) == 16);

namespace detail {

// Equality of a key with text already known to have the same hash (keys are short, so this
// compares words inline rather than calling memcmp).
inline bool same_text(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    const char* x = a.data();
    const char* y = b.data();
    if (x == y) return true;
    std::size_t n = a.size();
    for (; n >= 8; n -= 8, x += 8, y += 8) {
        std::uint64_t u;
        std::uint64_t v;
        std::memcpy(&u, x, 8);
        std::memcpy(&v, y, 8);
        if (u != v) return false;
    }
    for (; n > 0; --n, ++x, ++y) {
        if (*x != *y) return false;
    }
    return true;
}

struct ObjectEntry {
    std::uint64_t hash;
    Value key;  // always a string
    Value value;
};

// An ordered hash (insertion order, like Ruby's Hash). Large objects carry an open-addressing
// index so lookups stay O(1).
struct ObjectRep : HeapHeader {
    std::vector<ObjectEntry> entries;
    std::vector<std::uint32_t> index;  // slot -> entry + 1, 0 = empty; empty when small

    static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    // The entry holding `key`, or kAbsent.
    std::size_t position(std::string_view key, std::uint64_t hash) const noexcept;
    const Value* find(std::string_view key, std::uint64_t hash) const noexcept {
        std::size_t at = position(key, hash);
        return at == kAbsent ? nullptr : &entries[at].value;
    }
    const Value* find(std::string_view key) const noexcept { return find(key, hash_name(key)); }
    std::size_t size() const noexcept { return entries.size(); }
};

}  // namespace detail

namespace detail {

// Owns the literals of a compiled template. Interned values are immortal: copies made while
// rendering never touch their reference counts, so concurrent renders do not contend on them.
class LiteralPool {
public:
    LiteralPool() = default;
    LiteralPool(const LiteralPool&) = delete;
    LiteralPool& operator=(const LiteralPool&) = delete;
    ~LiteralPool();

    Value intern(Value value);

private:
    std::vector<Value> values_;
};

}  // namespace detail

inline std::span<const Value> Value::as_array() const noexcept {
    return array_->items;
}

inline const detail::HeapHeader* Value::header() const noexcept {
    switch (kind_) {
        case ValueKind::kString:
            return string_;
        case ValueKind::kArray:
            return array_;
        case ValueKind::kObject:
            return object_;
        case ValueKind::kRange:
            return range_;
        case ValueKind::kDrop:
            return drop_header();
        default:
            return nullptr;
    }
}

// Builds an object; a later `set` of an existing key replaces its value in place.
class ObjectBuilder {
public:
    ObjectBuilder();
    ObjectBuilder(const ObjectBuilder&) = delete;
    ObjectBuilder& operator=(const ObjectBuilder&) = delete;
    ~ObjectBuilder();

    ObjectBuilder& set(std::string_view key, Value value);
    Value build() &&;

private:
    detail::ObjectRep* rep_;
};

// Ruby `==` between Liquid values (1 == 1.0, arrays and hashes compare by content).
bool values_equal(const Value& a, const Value& b);

}  // namespace station::liquid
