#include "tenant_runtime/metafields/metafield_json.hpp"

#include "base/util/clock.hpp"
#include "tenant_runtime/domain/graphql_id.hpp"

namespace station::tenant {

boost::json::object metafield_to_json(const Metafield& m) {
    // Shopify names owners in CamelCase-free REST style: "product", "variant", "shop".
    return {{"id", m.id},
            {"namespace", m.namespace_},
            {"key", m.key},
            {"value", m.value},
            {"description",
             m.description ? boost::json::value(*m.description) : boost::json::value(nullptr)},
            {"owner_id", m.owner.id},
            {"created_at", util::format_iso8601(m.created_at)},
            {"updated_at", util::format_iso8601(m.updated_at)},
            {"owner_resource", m.owner.resource},
            {"type", m.type},
            {"admin_graphql_api_id", graphql_id("Metafield", m.id)}};
}

}  // namespace station::tenant
