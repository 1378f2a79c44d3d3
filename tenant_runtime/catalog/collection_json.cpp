#include "tenant_runtime/catalog/collection_json.hpp"

#include <cstdio>

#include <boost/json/array.hpp>

#include "base/util/clock.hpp"
#include "tenant_runtime/domain/graphql_id.hpp"

namespace station::tenant {

boost::json::object collection_to_json(const Collection& c) {
    boost::json::object out{
        {"id", c.id},
        {"handle", c.handle},
        {"title", c.title},
        {"updated_at", util::format_iso8601(c.updated_at)},
        {"body_html", c.body_html},
        {"published_at", c.published_at ? boost::json::value(util::format_iso8601(*c.published_at))
                                        : boost::json::value(nullptr)},
        {"sort_order", c.sort_order},
        {"template_suffix", nullptr},
        {"published_scope", "web"},
        {"products_count", c.products_count},
        {"admin_graphql_api_id", graphql_id("Collection", c.id)},
    };
    if (c.kind == CollectionKind::Smart) {
        boost::json::array rules;
        for (const CollectionRule& r : c.rules) {
            rules.push_back(boost::json::object{
                {"column", r.column}, {"relation", r.relation}, {"condition", r.condition}});
        }
        out["rules"] = std::move(rules);
        out["disjunctive"] = c.disjunctive;
    }
    return out;
}

boost::json::object collect_to_json(const Collect& c) {
    char sort_value[24];
    std::snprintf(sort_value, sizeof sort_value, "%010lld", static_cast<long long>(c.position));
    return {{"id", c.id},
            {"collection_id", c.collection_id},
            {"product_id", c.product_id},
            {"created_at", util::format_iso8601(c.created_at)},
            {"updated_at", util::format_iso8601(c.updated_at)},
            {"position", c.position},
            {"sort_value", sort_value}};
}

}  // namespace station::tenant
