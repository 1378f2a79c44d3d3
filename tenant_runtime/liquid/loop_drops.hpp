#pragma once
// Internal: the `forloop` and `tablerowloop` objects. The engine advances them in place between
// iterations; templates only read them.

#include <cstdint>
#include <string_view>

#include "tenant_runtime/liquid/drop.hpp"

namespace station::liquid::detail {

class ForloopDrop final : public Drop {
public:
    ForloopDrop(std::string_view name, std::int64_t length, Value parentloop)
        : name_(name), length_(length), parentloop_(std::move(parentloop)) {}

    Value get(std::string_view key, RenderContext& context) override;
    std::string_view type_name() const override { return "Liquid::ForloopDrop"; }

    void advance() noexcept { ++index_; }

private:
    std::string_view name_;  // owned by the template
    std::int64_t length_;
    std::int64_t index_ = 0;
    Value parentloop_;
};

class TablerowloopDrop final : public Drop {
public:
    TablerowloopDrop(std::int64_t length, std::int64_t cols) : length_(length), cols_(cols) {}

    Value get(std::string_view key, RenderContext& context) override;
    std::string_view type_name() const override { return "Liquid::TablerowloopDrop"; }

    std::int64_t col() const noexcept { return col_; }
    std::int64_t row() const noexcept { return row_; }
    bool col_last() const noexcept { return col_ == cols_; }
    bool last() const noexcept { return index_ == length_ - 1; }
    void advance() noexcept;

private:
    std::int64_t length_;
    std::int64_t cols_;
    std::int64_t row_ = 1;
    std::int64_t col_ = 1;
    std::int64_t index_ = 0;
};

}  // namespace station::liquid::detail
