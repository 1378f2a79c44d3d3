#include "tenant_runtime/liquid/loop_drops.hpp"

namespace station::liquid::detail {

Value ForloopDrop::get(std::string_view key, RenderContext&) {
    if (key == "index") return Value::integer(index_ + 1);
    if (key == "index0") return Value::integer(index_);
    if (key == "first") return Value::boolean(index_ == 0);
    if (key == "last") return Value::boolean(index_ == length_ - 1);
    if (key == "length") return Value::integer(length_);
    if (key == "rindex") return Value::integer(length_ - index_);
    if (key == "rindex0") return Value::integer(length_ - index_ - 1);
    if (key == "parentloop") return parentloop_;
    if (key == "name") return Value::string(name_);
    return Value();
}

Value TablerowloopDrop::get(std::string_view key, RenderContext&) {
    if (key == "col") return Value::integer(col_);
    if (key == "col0") return Value::integer(col_ - 1);
    if (key == "col_first") return Value::boolean(col_ == 1);
    if (key == "col_last") return Value::boolean(col_ == cols_);
    if (key == "index") return Value::integer(index_ + 1);
    if (key == "index0") return Value::integer(index_);
    if (key == "first") return Value::boolean(index_ == 0);
    if (key == "last") return Value::boolean(index_ == length_ - 1);
    if (key == "length") return Value::integer(length_);
    if (key == "rindex") return Value::integer(length_ - index_);
    if (key == "rindex0") return Value::integer(length_ - index_ - 1);
    if (key == "row") return Value::integer(row_);
    return Value();
}

void TablerowloopDrop::advance() noexcept {
    ++index_;
    if (col_ == cols_) {
        col_ = 1;
        ++row_;
    } else {
        ++col_;
    }
}

}  // namespace station::liquid::detail
