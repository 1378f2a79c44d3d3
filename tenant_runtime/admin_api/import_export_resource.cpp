// products/imports.json (POST a product CSV), products/imports/{id}.json (poll the job),
// products/export.csv and customers/export.csv.

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/import_export/customer_csv.hpp"
#include "tenant_runtime/import_export/import_jobs.hpp"
#include "tenant_runtime/import_export/product_csv.hpp"
#include "tenant_runtime/store/quotas.hpp"

namespace station::tenant {
namespace {

ImportJobs& jobs_of(const AdminCall& call) {
    if (!call.services.imports) throw AdminError(503, "imports are not available on this node");
    return *call.services.imports;
}

std::string csv_of(const AdminCall& call) {
    if (call.request.body.size() > kMaxImportBytes) {
        throw AdminError(413, "the CSV may be at most 64 MiB");
    }
    if (call.request.header("Content-Type").starts_with("text/csv")) return call.request.body;
    boost::json::object root = body_root(call, "import");
    auto csv = root.find("csv");
    if (csv == root.end() || !csv->value().is_string()) {
        throw AdminError::invalid("csv", "can't be blank");
    }
    return std::string(csv->value().as_string());
}

http::Response create_import(AdminCall& call) {
    ImportJobs& jobs = jobs_of(call);
    std::string csv = csv_of(call);
    if (auto problem = storage_quota_problem(call.runtime, call.store)) {
        throw AdminError::invalid("base", *problem);
    }
    // The job keeps the store's runtime alive until it finishes.
    if (!call.services.runtime_of) throw AdminError(503, "imports are not available on this node");
    std::shared_ptr<StoreRuntime> runtime = call.services.runtime_of(call.runtime.store_id());
    boost::json::object job =
        jobs.submit(runtime, call.store, catalog_format(call), std::move(csv));
    return admin_json(202, "import", std::move(job));
}

http::Response get_import(AdminCall& call) {
    auto job = jobs_of(call).status(call.runtime, path_id(call, 2));
    if (!job) throw AdminError::not_found();
    return admin_json(200, "import", std::move(*job));
}

http::Response csv_response(std::string body, std::string_view filename) {
    http::Response response = http::Response::text(200, std::move(body), "text/csv; charset=utf-8");
    response.headers.set("Content-Disposition",
                         "attachment; filename=\"" + std::string(filename) + "\"");
    return response;
}

http::Response export_products(AdminCall& call) {
    CatalogFormat format = catalog_format(call);
    std::string csv =
        call.runtime.with_db([&](sql::Database& db) { return export_products_csv(db, format); });
    return csv_response(std::move(csv), "products_export.csv");
}

http::Response export_customers(AdminCall& call) {
    int exponent = currency_exponent(call.store);
    std::string csv =
        call.runtime.with_db([&](sql::Database& db) { return export_customers_csv(db, exponent); });
    return csv_response(std::move(csv), "customers_export.csv");
}

}  // namespace

std::vector<AdminRoute> import_export_routes() {
    return {
        {http::Method::Post, {"products", "imports"}, "write_products", create_import},
        {http::Method::Get, {"products", "imports", "*"}, "read_products", get_import},
        {http::Method::Get, {"products", "export"}, "read_products", export_products, ".csv"},
        {http::Method::Get, {"customers", "export"}, "read_customers", export_customers, ".csv"},
    };
}

}  // namespace station::tenant
