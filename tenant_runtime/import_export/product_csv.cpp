#include "tenant_runtime/import_export/product_csv.hpp"

#include <map>
#include <unordered_map>

#include "base/money/currency.hpp"
#include "base/util/strings.hpp"
#include "tenant_runtime/catalog/handles.hpp"
#include "tenant_runtime/catalog/product_json.hpp"
#include "tenant_runtime/import_export/csv.hpp"

namespace station::tenant {
namespace {

const std::vector<std::string>& export_columns() {
    static const std::vector<std::string> columns = {
        "Handle",
        "Title",
        "Body (HTML)",
        "Vendor",
        "Type",
        "Tags",
        "Published",
        "Option1 Name",
        "Option1 Value",
        "Option2 Name",
        "Option2 Value",
        "Option3 Name",
        "Option3 Value",
        "Variant SKU",
        "Variant Grams",
        "Variant Inventory Tracker",
        "Variant Inventory Qty",
        "Variant Inventory Policy",
        "Variant Fulfillment Service",
        "Variant Price",
        "Variant Compare At Price",
        "Variant Requires Shipping",
        "Variant Taxable",
        "Variant Barcode",
        "Image Src",
        "Image Position",
        "Image Alt Text",
        "SEO Title",
        "SEO Description",
        "Variant Weight Unit",
        "Variant HS Code",
        "Variant Country of Origin",
        "Status",
    };
    return columns;
}

// One data row with named access to its cells.
class CsvRow {
public:
    CsvRow(const std::vector<std::string>& cells,
           const std::unordered_map<std::string, std::size_t>& index, std::size_t line)
        : cells_(cells), index_(index), line_(line) {}

    std::string get(const std::string& column) const {
        auto it = index_.find(column);
        if (it == index_.end() || it->second >= cells_.size()) return {};
        return std::string(util::trim(cells_[it->second]));
    }
    bool has(const std::string& column) const { return !get(column).empty(); }
    std::size_t line() const { return line_; }

private:
    const std::vector<std::string>& cells_;
    const std::unordered_map<std::string, std::size_t>& index_;
    std::size_t line_;
};

std::optional<bool> parse_bool(const std::string& text) {
    std::string t = util::to_lower(text);
    if (t == "true" || t == "yes" || t == "1") return true;
    if (t == "false" || t == "no" || t == "0") return false;
    return std::nullopt;
}

bool is_variant_row(const CsvRow& r) {
    for (const char* c : {"Option1 Value", "Option2 Value", "Option3 Value", "Variant SKU",
                          "Variant Price", "Variant Grams", "Variant Inventory Qty",
                          "Variant Barcode", "Variant Compare At Price"}) {
        if (r.has(c)) return true;
    }
    return false;
}

}  // namespace

ImportPlan plan_product_import(std::string_view text, int exponent) {
    ImportPlan plan;
    auto problem = [&](std::size_t row, std::string column, std::string message) {
        if (plan.problems.size() < kMaxImportProblems) {
            plan.problems.push_back({row, std::move(column), std::move(message)});
        }
    };
    CsvError error;
    auto table = parse_csv(text, &error);
    if (!table) {
        problem(error.line, "", error.message);
        return plan;
    }
    if (table->rows.empty()) {
        problem(1, "", "the file is empty");
        return plan;
    }
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < table->rows[0].size(); ++i)
        index.emplace(std::string(util::trim(table->rows[0][i])), i);
    if (!index.contains("Handle")) {
        problem(1, "Handle", "the header has no Handle column");
        return plan;
    }
    std::map<std::string, std::size_t> by_handle;  // handle → index in plan.products
    for (std::size_t i = 1; i < table->rows.size(); ++i) {
        CsvRow r(table->rows[i], index, i + 1);
        ++plan.rows;
        std::string raw_handle = r.get("Handle");
        if (raw_handle.empty()) {
            problem(r.line(), "Handle", "can't be blank");
            continue;
        }
        std::string handle = handleize(raw_handle);
        if (handle.empty()) {
            problem(r.line(), "Handle", "is not a valid handle");
            continue;
        }
        auto [it, first] = by_handle.emplace(handle, plan.products.size());
        if (first) {
            PlannedProduct p;
            p.first_row = r.line();
            p.handle = handle;
            p.input.handle = handle;
            p.input.title = r.get("Title");
            if (p.input.title.empty()) problem(r.line(), "Title", "can't be blank");
            p.input.body_html = r.get("Body (HTML)");
            p.input.vendor = r.get("Vendor");
            p.input.product_type = r.get("Type");
            p.input.tags = r.get("Tags");
            if (r.has("Published")) {
                auto published = parse_bool(r.get("Published"));
                if (!published) problem(r.line(), "Published", "must be TRUE or FALSE");
                p.input.published = published.value_or(true);
            }
            if (r.has("Status")) {
                std::string status = util::to_lower(r.get("Status"));
                if (status != "active" && status != "draft" && status != "archived") {
                    problem(r.line(), "Status", "must be active, draft or archived");
                }
                p.input.status = status;
            }
            if (r.has("SEO Title")) p.input.seo_title = r.get("SEO Title");
            if (r.has("SEO Description")) p.input.seo_description = r.get("SEO Description");
            for (int o = 1; o <= 3; ++o) {
                std::string name = r.get("Option" + std::to_string(o) + " Name");
                if (!name.empty()) p.input.option_names.push_back(name);
            }
            plan.products.push_back(std::move(p));
        }
        PlannedProduct& product = plan.products[it->second];
        if (r.has("Image Src")) ++plan.ignored_images;
        if (!first && !is_variant_row(r)) continue;
        VariantInput v;
        for (int o = 1; o <= 3; ++o) {
            std::string column = "Option" + std::to_string(o) + " Value";
            if (!r.has(column)) continue;
            if (static_cast<std::size_t>(o) >
                std::max<std::size_t>(1, product.input.option_names.size())) {
                problem(r.line(), column, "has no matching Option" + std::to_string(o) + " Name");
            }
            (o == 1 ? v.option1 : o == 2 ? v.option2 : v.option3) = r.get(column);
        }
        v.sku = r.get("Variant SKU");
        if (r.has("Variant Price")) {
            auto price = money::parse_decimal(r.get("Variant Price"), exponent);
            if (!price || *price < 0) problem(r.line(), "Variant Price", "is not a valid price");
            v.price_minor = price.value_or(0);
        }
        if (r.has("Variant Compare At Price")) {
            auto price = money::parse_decimal(r.get("Variant Compare At Price"), exponent);
            if (!price || *price < 0) {
                problem(r.line(), "Variant Compare At Price", "is not a valid price");
            }
            v.compare_at_price_minor = price;
        }
        if (r.has("Variant Grams")) {
            auto grams = money::parse_decimal(r.get("Variant Grams"), 0);
            if (!grams || *grams < 0) problem(r.line(), "Variant Grams", "must be a whole number");
            v.weight_milli = grams.value_or(0) * 1000;
            v.weight_unit = "g";
        }
        if (r.has("Variant Weight Unit") && !r.has("Variant Grams")) {
            v.weight_unit = r.get("Variant Weight Unit");
        }
        if (r.has("Variant Inventory Qty")) {
            std::string qty = r.get("Variant Inventory Qty");
            bool negative = qty.starts_with('-');
            std::string digits = negative ? qty.substr(1) : qty;
            if (digits.empty() || digits.size() > 12 ||
                digits.find_first_not_of("0123456789") != std::string::npos) {
                problem(r.line(), "Variant Inventory Qty", "must be a whole number");
            } else {
                v.inventory_quantity = (negative ? -1 : 1) * std::stoll(digits);
            }
        }
        if (r.has("Variant Inventory Policy")) {
            v.inventory_policy = util::to_lower(r.get("Variant Inventory Policy"));
            if (v.inventory_policy != "deny" && v.inventory_policy != "continue") {
                problem(r.line(), "Variant Inventory Policy", "must be deny or continue");
            }
        }
        if (r.has("Variant Inventory Tracker"))
            v.inventory_management = r.get("Variant Inventory Tracker");
        for (const auto& [column, target] :
             {std::pair<const char*, bool*>{"Variant Requires Shipping", &v.requires_shipping},
              {"Variant Taxable", &v.taxable}}) {
            if (!r.has(column)) continue;
            auto value = parse_bool(r.get(column));
            if (!value) problem(r.line(), column, "must be TRUE or FALSE");
            *target = value.value_or(true);
        }
        if (r.has("Variant Barcode")) v.barcode = r.get("Variant Barcode");
        if (r.has("Variant HS Code")) v.harmonized_system_code = r.get("Variant HS Code");
        if (r.has("Variant Country of Origin"))
            v.country_code_of_origin = r.get("Variant Country of Origin");
        product.input.variants.push_back(std::move(v));
        if (product.input.variants.size() > kMaxVariants) {
            problem(r.line(), "", "a product may have at most 100 variants");
        }
    }
    return plan;
}

ImportOutcome apply_product_import(sql::Database& db, const ImportPlan& plan, std::int64_t now,
                                   const CatalogFormat& format,
                                   const std::function<void(std::size_t)>& progress) {
    ImportOutcome outcome;
    sql::Transaction tx(db);
    std::size_t done = 0;
    for (const PlannedProduct& p : plan.products) {
        auto existing = db.query_int64("SELECT id FROM products WHERE handle = ?", {p.handle});
        FieldError failure;
        bool failed = false;
        if (existing) {
            auto updated = update_product(db, *existing, p.input, now, format);
            if (!updated) {
                failure = updated.error();
                failed = true;
            }
            ++outcome.updated;
        } else {
            auto created = create_product(db, p.input, now, format);
            if (!created) {
                failure = created.error();
                failed = true;
            }
            ++outcome.created;
        }
        if (failed) {
            outcome.problems.push_back({p.first_row, failure.field, failure.message});
            if (outcome.problems.size() >= kMaxImportProblems) break;
        }
        if (progress) progress(++done);
    }
    if (!outcome.problems.empty()) {
        outcome.created = 0;
        outcome.updated = 0;
        return outcome;  // the transaction rolls back: nothing was written
    }
    tx.commit();
    return outcome;
}

std::string export_products_csv(sql::Database& db, const CatalogFormat& format) {
    std::string out;
    append_csv_row(out, export_columns());
    std::int64_t after = 0;
    for (;;) {
        auto products = list_products(db, {}, IdPage{.after_id = after, .limit = 250});
        if (products.empty()) break;
        for (const Product& p : products) {
            after = p.id;
            std::size_t rows = std::max(p.variants.size(), p.images.size());
            for (std::size_t i = 0; i < rows; ++i) {
                std::vector<std::string> cells(export_columns().size());
                cells[0] = p.handle;
                if (i == 0) {
                    cells[1] = p.title;
                    cells[2] = p.body_html;
                    cells[3] = p.vendor;
                    cells[4] = p.product_type;
                    cells[5] = p.tags;
                    cells[6] = p.published_at ? "TRUE" : "FALSE";
                    for (std::size_t o = 0; o < p.options.size(); ++o)
                        cells[7 + 2 * o] = p.options[o].name;
                    cells[27] = p.seo_title.value_or("");
                    cells[28] = p.seo_description.value_or("");
                    cells[32] = p.status;
                }
                if (i < p.variants.size()) {
                    const Variant& v = p.variants[i];
                    cells[8] = v.option1.value_or("");
                    cells[10] = v.option2.value_or("");
                    cells[12] = v.option3.value_or("");
                    cells[13] = v.sku;
                    cells[14] = std::to_string(v.grams());
                    cells[15] = v.inventory_management.value_or("");
                    cells[16] = std::to_string(v.inventory_quantity);
                    cells[17] = v.inventory_policy;
                    cells[18] = "manual";
                    cells[19] = money::format_decimal(v.price_minor, format.currency_exponent);
                    cells[20] = v.compare_at_price_minor
                                    ? money::format_decimal(*v.compare_at_price_minor,
                                                            format.currency_exponent)
                                    : "";
                    cells[21] = v.requires_shipping ? "TRUE" : "FALSE";
                    cells[22] = v.taxable ? "TRUE" : "FALSE";
                    cells[23] = v.barcode.value_or("");
                    cells[29] = v.weight_unit;
                    cells[30] = v.harmonized_system_code.value_or("");
                    cells[31] = v.country_code_of_origin.value_or("");
                }
                if (i < p.images.size()) {
                    cells[24] = image_url(p.images[i], format);
                    cells[25] = std::to_string(p.images[i].position);
                    cells[26] = p.images[i].alt.value_or("");
                }
                append_csv_row(out, cells);
            }
        }
    }
    return out;
}

}  // namespace station::tenant
