#include "tenant_runtime/admin_api/product_input.hpp"

#include "base/money/currency.hpp"
#include "tenant_runtime/admin_api/admin_error.hpp"
#include "tenant_runtime/admin_api/request_params.hpp"

namespace station::tenant {
namespace {

constexpr std::size_t kShortText = 255;

std::optional<std::string> nullable_text(const boost::json::value& v, std::string_view field,
                                         std::size_t max) {
    if (v.is_null()) return std::nullopt;
    return json_text(v, field, max);
}

std::string tags_text(const boost::json::value& v) {
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v.as_array()) {
            if (!item.is_string()) throw AdminError::invalid("tags", "must be strings");
            out += (out.empty() ? "" : ", ") + std::string(item.as_string());
        }
        return out;
    }
    if (v.is_null()) return "";
    return json_text(v, "tags", 64 * 1024);
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == '\n' || c == '\r') continue;
        int v = value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

void read_variant_json(const boost::json::object& j, VariantInput& v, int exponent,
                       std::string_view) {
    for (const auto& [key, value] : j) {
        if (key == "title" && !value.is_null()) {
            v.title = json_text(value, "title", kShortText);
        } else if (key == "sku") {
            v.sku = value.is_null() ? "" : json_text(value, "sku", kShortText);
        } else if (key == "barcode") {
            v.barcode = nullable_text(value, "barcode", kShortText);
        } else if (key == "price") {
            v.price_minor = json_money(value, "price", exponent);
        } else if (key == "compare_at_price") {
            if (value.is_null() || (value.is_string() && value.as_string().empty())) {
                v.compare_at_price_minor.reset();
            } else {
                v.compare_at_price_minor = json_money(value, "compare_at_price", exponent);
            }
        } else if (key == "option1") {
            v.option1 = nullable_text(value, "option1", kShortText);
        } else if (key == "option2") {
            v.option2 = nullable_text(value, "option2", kShortText);
        } else if (key == "option3") {
            v.option3 = nullable_text(value, "option3", kShortText);
        } else if (key == "weight" && !value.is_null()) {
            v.weight_milli = json_money(value, "weight", 3);
        } else if (key == "grams" && !value.is_null() && !j.contains("weight")) {
            v.weight_milli = json_integer(value, "grams") * 1000;
            v.weight_unit = "g";
        } else if (key == "weight_unit" && !value.is_null()) {
            v.weight_unit = json_text(value, "weight_unit", 8);
        } else if (key == "requires_shipping") {
            v.requires_shipping = json_bool(value, "requires_shipping");
        } else if (key == "taxable") {
            v.taxable = json_bool(value, "taxable");
        } else if (key == "inventory_policy" && !value.is_null()) {
            v.inventory_policy = json_text(value, "inventory_policy", 16);
        } else if (key == "inventory_management") {
            v.inventory_management = nullable_text(value, "inventory_management", 64);
        } else if (key == "image_id") {
            v.image_id = value.is_null()
                             ? std::nullopt
                             : std::optional<std::int64_t>(json_integer(value, "image_id"));
        } else if (key == "inventory_quantity" && !value.is_null()) {
            v.inventory_quantity = json_integer(value, "inventory_quantity");
        } else if (key == "harmonized_system_code") {
            v.harmonized_system_code = nullable_text(value, "harmonized_system_code", 16);
        } else if (key == "country_code_of_origin") {
            v.country_code_of_origin = nullable_text(value, "country_code_of_origin", 2);
        }
    }
}

void read_product_json(const boost::json::object& j, ProductInput& p,
                       const std::vector<VariantInput>& existing, int exponent) {
    for (const auto& [key, value] : j) {
        if (key == "title") {
            p.title = value.is_null() ? "" : json_text(value, "title", kShortText);
        } else if (key == "handle") {
            p.handle = nullable_text(value, "handle", kShortText);
        } else if (key == "body_html") {
            p.body_html = value.is_null() ? "" : json_text(value, "body_html", 512 * 1024);
        } else if (key == "vendor") {
            p.vendor = value.is_null() ? "" : json_text(value, "vendor", kShortText);
        } else if (key == "product_type") {
            p.product_type = value.is_null() ? "" : json_text(value, "product_type", kShortText);
        } else if (key == "tags") {
            p.tags = tags_text(value);
        } else if (key == "status" && !value.is_null()) {
            p.status = json_text(value, "status", 16);
        } else if (key == "published") {
            p.published = json_bool(value, "published");
        } else if (key == "published_at") {
            p.published = !value.is_null();
        } else if (key == "metafields_global_title_tag") {
            p.seo_title = nullable_text(value, "metafields_global_title_tag", 255);
        } else if (key == "metafields_global_description_tag") {
            p.seo_description = nullable_text(value, "metafields_global_description_tag", 320);
        } else if (key == "options" && value.is_array()) {
            p.option_names.clear();
            for (const auto& option : value.as_array()) {
                if (option.is_string()) {
                    p.option_names.push_back(json_text(option, "options", kShortText));
                } else if (option.is_object() && option.as_object().contains("name")) {
                    p.option_names.push_back(
                        json_text(option.as_object().at("name"), "options", kShortText));
                } else {
                    throw AdminError::invalid("options", "must be names or {\"name\": …}");
                }
            }
        }
    }
    if (auto it = j.find("variants"); it != j.end() && !it->value().is_null()) {
        if (!it->value().is_array()) throw AdminError::invalid("variants", "must be an array");
        std::vector<VariantInput> variants;
        for (const auto& item : it->value().as_array()) {
            if (!item.is_object()) throw AdminError::invalid("variants", "must be objects");
            const auto& vj = item.as_object();
            VariantInput v;
            if (auto id = vj.find("id"); id != vj.end() && !id->value().is_null()) {
                std::int64_t wanted = json_integer(id->value(), "variants.id");
                bool found = false;
                for (const auto& e : existing) {
                    if (e.id == wanted) {
                        v = e;
                        found = true;
                    }
                }
                if (!found) {
                    throw AdminError::invalid("variants", "variant " + std::to_string(wanted) +
                                                              " does not belong to the product");
                }
            }
            read_variant_json(vj, v, exponent);
            variants.push_back(std::move(v));
        }
        p.variants = std::move(variants);
    }
}

}  // namespace station::tenant
