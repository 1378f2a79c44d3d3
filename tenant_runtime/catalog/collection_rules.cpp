// Smart-collection rules: which (column, relation) pairs exist and how a product matches them.

#include <algorithm>
#include <array>

#include "base/money/currency.hpp"
#include "base/util/strings.hpp"
#include "tenant_runtime/catalog/collections.hpp"
#include "tenant_runtime/catalog/tags.hpp"

namespace station::tenant {
namespace {

enum class ColumnKind { Text, Tag, Number, Money, Flag };

struct ColumnSpec {
    std::string_view name;
    ColumnKind kind;
};

constexpr std::array<ColumnSpec, 10> kColumns = {{
    {"title", ColumnKind::Text},
    {"type", ColumnKind::Text},
    {"vendor", ColumnKind::Text},
    {"variant_title", ColumnKind::Text},
    {"tag", ColumnKind::Tag},
    {"variant_price", ColumnKind::Money},
    {"variant_compare_at_price", ColumnKind::Money},
    {"variant_weight", ColumnKind::Number},
    {"variant_inventory", ColumnKind::Number},
    {"is_price_reduced", ColumnKind::Flag},
}};

const ColumnSpec* find_column(std::string_view name) {
    for (const auto& c : kColumns) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

bool relation_allowed(ColumnKind kind, std::string_view r) {
    switch (kind) {
        case ColumnKind::Text:
            return r == "equals" || r == "not_equals" || r == "starts_with" || r == "ends_with" ||
                   r == "contains" || r == "not_contains";
        case ColumnKind::Tag:
            return r == "equals" || r == "not_equals";
        case ColumnKind::Number:
        case ColumnKind::Money:
            return r == "equals" || r == "not_equals" || r == "greater_than" || r == "less_than";
        case ColumnKind::Flag:
            return r == "is_set" || r == "is_not_set";
    }
    return false;
}

bool text_matches(std::string_view value, std::string_view relation, std::string_view condition) {
    std::string v = util::to_lower(value);
    std::string c = util::to_lower(condition);
    if (relation == "equals") return v == c;
    if (relation == "not_equals") return v != c;
    if (relation == "starts_with") return v.starts_with(c);
    if (relation == "ends_with") return v.ends_with(c);
    if (relation == "contains") return v.find(c) != std::string::npos;
    if (relation == "not_contains") return v.find(c) == std::string::npos;
    return false;
}

bool number_matches(std::int64_t value, std::string_view relation, std::int64_t condition) {
    if (relation == "equals") return value == condition;
    if (relation == "not_equals") return value != condition;
    if (relation == "greater_than") return value > condition;
    if (relation == "less_than") return value < condition;
    return false;
}

std::optional<std::int64_t> parse_condition(ColumnKind kind, std::string_view condition,
                                            int exponent) {
    if (kind == ColumnKind::Money) return money::parse_decimal(condition, exponent);
    if (kind == ColumnKind::Number) {
        // Weights compare in thousandths of their unit, inventory in units.
        return money::parse_decimal(condition, 0);
    }
    return 0;
}

bool rule_matches(const Product& p, const CollectionRule& rule, int exponent) {
    const ColumnSpec* spec = find_column(rule.column);
    if (!spec) return false;
    const std::string& r = rule.relation;
    switch (spec->kind) {
        case ColumnKind::Text: {
            if (rule.column == "variant_title") {
                return std::any_of(p.variants.begin(), p.variants.end(), [&](const Variant& v) {
                    return text_matches(v.title, r, rule.condition);
                });
            }
            const std::string& value = rule.column == "title"  ? p.title
                                       : rule.column == "type" ? p.product_type
                                                               : p.vendor;
            return text_matches(value, r, rule.condition);
        }
        case ColumnKind::Tag: {
            auto tags = split_tags(p.tags);
            bool has = std::any_of(tags.begin(), tags.end(), [&](const std::string& t) {
                return util::iequals(t, rule.condition);
            });
            return r == "equals" ? has : !has;
        }
        case ColumnKind::Money:
        case ColumnKind::Number: {
            auto condition = parse_condition(spec->kind, rule.condition, exponent);
            if (!condition) return false;
            return std::any_of(p.variants.begin(), p.variants.end(), [&](const Variant& v) {
                std::int64_t value = 0;
                if (rule.column == "variant_price") {
                    value = v.price_minor;
                } else if (rule.column == "variant_compare_at_price") {
                    if (!v.compare_at_price_minor) return false;
                    value = *v.compare_at_price_minor;
                } else if (rule.column == "variant_weight") {
                    return number_matches(v.weight_milli, r, *condition * 1000);
                } else {
                    value = v.inventory_quantity;
                }
                return number_matches(value, r, *condition);
            });
        }
        case ColumnKind::Flag: {
            bool reduced = std::any_of(p.variants.begin(), p.variants.end(), [](const Variant& v) {
                return v.compare_at_price_minor && *v.compare_at_price_minor > v.price_minor;
            });
            return r == "is_set" ? reduced : !reduced;
        }
    }
    return false;
}

}  // namespace

std::optional<FieldError> check_rule(const CollectionRule& rule, int currency_exponent) {
    const ColumnSpec* spec = find_column(rule.column);
    if (!spec) return FieldError{"rules", "column '" + rule.column + "' is not supported"};
    if (!relation_allowed(spec->kind, rule.relation)) {
        return FieldError{"rules",
                          "relation '" + rule.relation + "' does not apply to " + rule.column};
    }
    if (spec->kind != ColumnKind::Flag && rule.condition.empty()) {
        return FieldError{"rules", "condition can't be blank"};
    }
    if ((spec->kind == ColumnKind::Money || spec->kind == ColumnKind::Number) &&
        !parse_condition(spec->kind, rule.condition, currency_exponent)) {
        return FieldError{"rules", "condition '" + rule.condition + "' is not a number"};
    }
    return std::nullopt;
}

bool rules_match(const Product& product, const std::vector<CollectionRule>& rules, bool disjunctive,
                 int currency_exponent) {
    if (rules.empty()) return false;
    for (const CollectionRule& rule : rules) {
        bool matched = rule_matches(product, rule, currency_exponent);
        if (disjunctive && matched) return true;
        if (!disjunctive && !matched) return false;
    }
    return !disjunctive;
}

}  // namespace station::tenant
