#include "tenant_runtime/catalog/product_json.hpp"

#include <boost/json/parse.hpp>

#include "base/money/currency.hpp"
#include "base/util/clock.hpp"
#include "tenant_runtime/domain/graphql_id.hpp"

namespace station::tenant {
namespace {

// A product's timestamps are mostly equal (created = updated, variants made together), so the
// last formatted one is remembered: strftime shows in profiles of the product endpoints.
class Times {
public:
    const std::string& text(std::int64_t unix_seconds) {
        if (unix_seconds != last_) {
            last_ = unix_seconds;
            text_ = util::format_iso8601(unix_seconds);
        }
        return text_;
    }

private:
    std::int64_t last_ = -1;
    std::string text_;
};

thread_local Times times;

void time_value(JsonWriter& out, std::int64_t unix_seconds) {
    out.string(times.text(unix_seconds));
}

void optional_time(JsonWriter& out, const std::optional<std::int64_t>& value) {
    value ? time_value(out, *value) : out.null();
}

void write_variant(JsonWriter& out, const Variant& v, const CatalogFormat& format) {
    out.begin_object();
    out.key("id").integer(v.id);
    out.key("product_id").integer(v.product_id);
    out.key("title").string(v.title);
    out.key("price").string(money::format_decimal(v.price_minor, format.currency_exponent));
    out.key("position").integer(v.position);
    out.key("inventory_policy").string(v.inventory_policy);
    out.key("compare_at_price");
    v.compare_at_price_minor
        ? out.string(money::format_decimal(*v.compare_at_price_minor, format.currency_exponent))
        : out.null();
    out.key("option1").optional_string(v.option1);
    out.key("option2").optional_string(v.option2);
    out.key("option3").optional_string(v.option3);
    out.key("created_at");
    time_value(out, v.created_at);
    out.key("updated_at");
    time_value(out, v.updated_at);
    out.key("taxable").boolean(v.taxable);
    out.key("barcode").optional_string(v.barcode);
    out.key("fulfillment_service").string("manual");
    out.key("grams").integer(v.grams());
    out.key("image_id").optional_integer(v.image_id);
    out.key("inventory_management").optional_string(v.inventory_management);
    out.key("requires_shipping").boolean(v.requires_shipping);
    out.key("sku").string(v.sku);
    // Shopify renders weight as a JSON number; it is stored exactly as thousandths.
    out.key("weight").decimal(v.weight_milli, 3);
    out.key("weight_unit").string(v.weight_unit);
    out.key("inventory_item_id").integer(v.inventory_item_id);
    out.key("inventory_quantity").integer(v.inventory_quantity);
    out.key("old_inventory_quantity").integer(v.inventory_quantity);
    out.key("harmonized_system_code").optional_string(v.harmonized_system_code);
    out.key("country_code_of_origin").optional_string(v.country_code_of_origin);
    out.key("admin_graphql_api_id").string(graphql_id("ProductVariant", v.id));
    out.end_object();
}

void write_option(JsonWriter& out, const ProductOption& o) {
    out.begin_object();
    out.key("id").integer(o.id);
    out.key("product_id").integer(o.product_id);
    out.key("name").string(o.name);
    out.key("position").integer(o.position);
    out.key("values").begin_array();
    for (const auto& value : o.values)
        out.string(value);
    out.end_array();
    out.end_object();
}

void write_image(JsonWriter& out, const ProductImage& i, const CatalogFormat& format) {
    out.begin_object();
    out.key("id").integer(i.id);
    out.key("alt").optional_string(i.alt);
    out.key("position").integer(i.position);
    out.key("product_id").integer(i.product_id);
    out.key("created_at");
    time_value(out, i.created_at);
    out.key("updated_at");
    time_value(out, i.updated_at);
    out.key("admin_graphql_api_id").string(graphql_id("ProductImage", i.id));
    out.key("width").integer(i.width);
    out.key("height").integer(i.height);
    out.key("src").string(image_url(i, format));
    out.key("variant_ids").begin_array();
    for (auto id : i.variant_ids)
        out.integer(id);
    out.end_array();
    out.end_object();
}

template <class Write>
boost::json::object parsed(Write write) {
    JsonWriter out;
    write(out);
    return boost::json::parse(out.take()).as_object();
}

}  // namespace

std::string image_url(const ProductImage& image, const CatalogFormat& format) {
    return format.files_url + "products/" + std::to_string(image.product_id) + "/" +
           image.file_name;
}

void write_product_json(JsonWriter& out, const Product& p, const CatalogFormat& format) {
    out.begin_object();
    out.key("id").integer(p.id);
    out.key("title").string(p.title);
    out.key("body_html").string(p.body_html);
    out.key("vendor").string(p.vendor);
    out.key("product_type").string(p.product_type);
    out.key("created_at");
    time_value(out, p.created_at);
    out.key("handle").string(p.handle);
    out.key("updated_at");
    time_value(out, p.updated_at);
    out.key("published_at");
    optional_time(out, p.published_at);
    out.key("template_suffix").null();
    out.key("published_scope").string("web");
    out.key("tags").string(p.tags);
    out.key("status").string(p.status);
    out.key("metafields_global_title_tag").optional_string(p.seo_title);
    out.key("metafields_global_description_tag").optional_string(p.seo_description);
    out.key("admin_graphql_api_id").string(graphql_id("Product", p.id));
    out.key("variants").begin_array();
    for (const Variant& v : p.variants)
        write_variant(out, v, format);
    out.end_array();
    out.key("options").begin_array();
    for (const ProductOption& o : p.options)
        write_option(out, o);
    out.end_array();
    out.key("images").begin_array();
    for (const ProductImage& i : p.images)
        write_image(out, i, format);
    out.end_array();
    out.key("image");
    p.images.empty() ? out.null() : write_image(out, p.images.front(), format);
    out.end_object();
}

std::string product_json(const Product& product, const CatalogFormat& format) {
    JsonWriter out;
    out.reserve(1024 + 900 * product.variants.size());
    write_product_json(out, product, format);
    return out.take();
}

boost::json::object product_to_json(const Product& product, const CatalogFormat& format) {
    return boost::json::parse(product_json(product, format)).as_object();
}

boost::json::object variant_to_json(const Variant& variant, const CatalogFormat& format) {
    return parsed([&](JsonWriter& out) { write_variant(out, variant, format); });
}

boost::json::object option_to_json(const ProductOption& option) {
    return parsed([&](JsonWriter& out) { write_option(out, option); });
}

boost::json::object image_to_json(const ProductImage& image, const CatalogFormat& format) {
    return parsed([&](JsonWriter& out) { write_image(out, image, format); });
}

}  // namespace station::tenant
