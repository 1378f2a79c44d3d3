#include "tenant_runtime/catalog/product_json.hpp"

#include <boost/json/array.hpp>

#include "base/money/currency.hpp"
#include "base/util/clock.hpp"

namespace station::tenant {
namespace {

boost::json::value optional_text(const std::optional<std::string>& value) {
    if (!value) return nullptr;
    return boost::json::value(*value);
}

}  // namespace

boost::json::object variant_to_json(const Variant& v, int currency_exponent) {
    boost::json::object out;
    out["id"] = v.id;
    out["product_id"] = v.product_id;
    out["title"] = v.title;
    out["price"] = money::format_decimal(v.price_minor, currency_exponent);
    out["compare_at_price"] = v.compare_at_price_minor
                                  ? boost::json::value(money::format_decimal(
                                        *v.compare_at_price_minor, currency_exponent))
                                  : boost::json::value(nullptr);
    out["sku"] = v.sku;
    out["position"] = v.position;
    out["option1"] = optional_text(v.option1);
    out["option2"] = optional_text(v.option2);
    out["option3"] = optional_text(v.option3);
    out["created_at"] = util::format_iso8601(v.created_at);
    out["updated_at"] = util::format_iso8601(v.updated_at);
    return out;
}

boost::json::object product_to_json(const Product& p, int currency_exponent) {
    boost::json::object out;
    out["id"] = p.id;
    out["title"] = p.title;
    out["body_html"] = p.body_html;
    out["vendor"] = p.vendor;
    out["product_type"] = p.product_type;
    out["handle"] = p.handle;
    out["status"] = p.status;
    out["tags"] = p.tags;
    out["created_at"] = util::format_iso8601(p.created_at);
    out["updated_at"] = util::format_iso8601(p.updated_at);
    out["published_at"] = p.published_at ? boost::json::value(util::format_iso8601(*p.published_at))
                                         : boost::json::value(nullptr);
    boost::json::array variants;
    for (const Variant& v : p.variants)
        variants.push_back(variant_to_json(v, currency_exponent));
    out["variants"] = std::move(variants);
    return out;
}

}  // namespace station::tenant
