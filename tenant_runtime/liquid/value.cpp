#include "tenant_runtime/liquid/value.hpp"

#include <cstring>
#include <new>

#include "tenant_runtime/liquid/drop.hpp"

namespace station::liquid {
namespace {

using detail::ArrayRep;
using detail::HeapHeader;
using detail::ObjectEntry;
using detail::ObjectRep;
using detail::RangeRep;
using detail::StringRep;

// Objects up to this size are searched linearly: comparing cached hashes beats probing.
constexpr std::size_t kLinearObjectMax = 8;

StringRep* allocate_string(std::size_t size) {
    void* memory = ::operator new(sizeof(StringRep) + size);
    auto* rep = new (memory) StringRep();
    rep->size = static_cast<std::uint32_t>(size);
    return rep;
}

StringRep& empty_string_rep() {
    static StringRep* rep = [] {
        StringRep* r = allocate_string(0);
        r->refs.store(HeapHeader::kImmortal, std::memory_order_relaxed);
        return r;
    }();
    return *rep;
}

void build_index(ObjectRep& rep) {
    std::size_t capacity = 16;
    while (capacity < rep.entries.size() * 2)
        capacity *= 2;
    rep.index.assign(capacity, 0);
    const std::size_t mask = capacity - 1;
    for (std::size_t i = 0; i < rep.entries.size(); ++i) {
        std::size_t slot = rep.entries[i].hash & mask;
        while (rep.index[slot] != 0)
            slot = (slot + 1) & mask;
        rep.index[slot] = static_cast<std::uint32_t>(i + 1);
    }
}

}  // namespace

std::uint64_t hash_name(std::string_view text) noexcept {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

Value Value::string(std::string_view text) {
    Value v;
    v.kind_ = ValueKind::kString;
    if (text.empty()) {
        v.string_ = &empty_string_rep();
        return v;
    }
    v.string_ = allocate_string(text.size());
    std::memcpy(v.string_->data(), text.data(), text.size());
    return v;
}

Value Value::string_for_overwrite(std::size_t size, char*& data) {
    Value v;
    v.kind_ = ValueKind::kString;
    v.string_ = size == 0 ? &empty_string_rep() : allocate_string(size);
    data = v.string_->data();
    return v;
}

Value Value::array(std::vector<Value> items) {
    Value v;
    v.kind_ = ValueKind::kArray;
    v.array_ = new ArrayRep();
    v.array_->items = std::move(items);
    return v;
}

Value Value::range(std::int64_t first, std::int64_t last) {
    Value v;
    v.kind_ = ValueKind::kRange;
    v.range_ = new RangeRep();
    v.range_->first = first;
    v.range_->last = last;
    return v;
}

Value Value::drop(Drop* drop) noexcept {
    Value v;
    v.kind_ = ValueKind::kDrop;
    v.drop_ = drop;
    return v;
}

const HeapHeader* Value::drop_header() const noexcept {
    return static_cast<const HeapHeader*>(drop_);
}

void Value::destroy() noexcept {
    switch (kind_) {
        case ValueKind::kString:
            string_->~StringRep();
            ::operator delete(string_);
            break;
        case ValueKind::kArray:
            delete array_;
            break;
        case ValueKind::kObject:
            delete object_;
            break;
        case ValueKind::kRange:
            delete range_;
            break;
        case ValueKind::kDrop:
            delete drop_;
            break;
        default:
            break;
    }
    kind_ = ValueKind::kNil;
    int_ = 0;
}

namespace detail {

LiteralPool::~LiteralPool() {
    for (Value& value : values_) {
        const HeapHeader* header = value.header();
        if (header != nullptr && header != &empty_string_rep()) {
            header->refs.store(1, std::memory_order_relaxed);
        }
    }
}

Value LiteralPool::intern(Value value) {
    const HeapHeader* header = value.header();
    if (header == nullptr ||
        header->refs.load(std::memory_order_relaxed) == HeapHeader::kImmortal) {
        return value;
    }
    header->refs.store(HeapHeader::kImmortal, std::memory_order_relaxed);
    values_.push_back(value);
    return value;
}

std::size_t ObjectRep::position(std::string_view key, std::uint64_t hash) const noexcept {
    if (index.empty()) {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (entries[i].hash == hash && same_text(entries[i].key.as_string(), key)) return i;
        }
        return kAbsent;
    }
    const std::size_t mask = index.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        std::uint32_t at = index[slot];
        if (at == 0) return kAbsent;
        const ObjectEntry& entry = entries[at - 1];
        if (entry.hash == hash && same_text(entry.key.as_string(), key)) return at - 1;
    }
}

}  // namespace detail

ObjectBuilder::ObjectBuilder() : rep_(new ObjectRep()) {}

ObjectBuilder::~ObjectBuilder() {
    delete rep_;
}

ObjectBuilder& ObjectBuilder::set(std::string_view key, Value value) {
    std::uint64_t hash = hash_name(key);
    // Replace an existing key in place; large objects keep their index up to date as they grow.
    std::size_t existing = rep_->position(key, hash);
    if (existing != ObjectRep::kAbsent) {
        rep_->entries[existing].value = std::move(value);
        return *this;
    }
    rep_->entries.push_back(ObjectEntry{hash, Value::string(key), std::move(value)});
    if (rep_->entries.size() > kLinearObjectMax &&
        (rep_->index.empty() || rep_->entries.size() * 2 > rep_->index.size())) {
        build_index(*rep_);
    } else if (!rep_->index.empty()) {
        const std::size_t mask = rep_->index.size() - 1;
        std::size_t slot = hash & mask;
        while (rep_->index[slot] != 0)
            slot = (slot + 1) & mask;
        rep_->index[slot] = static_cast<std::uint32_t>(rep_->entries.size());
    }
    return *this;
}

Value ObjectBuilder::build() && {
    Value v;
    v.kind_ = ValueKind::kObject;
    v.object_ = rep_;
    rep_ = new ObjectRep();
    return v;
}

bool values_equal(const Value& a, const Value& b) {
    switch (a.kind()) {
        case ValueKind::kNil:
            return b.is_nil();
        case ValueKind::kBool:
            return b.is_bool() && a.as_bool() == b.as_bool();
        case ValueKind::kInt:
            if (b.is_int()) return a.as_int() == b.as_int();
            return b.is_float() && static_cast<double>(a.as_int()) == b.as_float();
        case ValueKind::kFloat:
            if (b.is_float()) return a.as_float() == b.as_float();
            return b.is_int() && a.as_float() == static_cast<double>(b.as_int());
        case ValueKind::kString:
            return b.is_string() && a.as_string() == b.as_string();
        case ValueKind::kArray: {
            if (!b.is_array()) return false;
            auto x = a.as_array();
            auto y = b.as_array();
            if (x.size() != y.size()) return false;
            for (std::size_t i = 0; i < x.size(); ++i) {
                if (!values_equal(x[i], y[i])) return false;
            }
            return true;
        }
        case ValueKind::kObject: {
            if (!b.is_object()) return false;
            const auto& x = a.as_object();
            const auto& y = b.as_object();
            if (x.size() != y.size()) return false;
            for (const ObjectEntry& entry : x.entries) {
                const Value* other = y.find(entry.key.as_string(), entry.hash);
                if (other == nullptr || !values_equal(entry.value, *other)) return false;
            }
            return true;
        }
        case ValueKind::kRange:
            return b.is_range() && a.range_first() == b.range_first() &&
                   a.range_last() == b.range_last();
        case ValueKind::kDrop:
            return b.is_drop() && &a.as_drop() == &b.as_drop();
    }
    return false;
}

}  // namespace station::liquid
