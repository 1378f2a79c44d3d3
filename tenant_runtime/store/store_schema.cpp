#include "tenant_runtime/store/store_schema.hpp"

namespace station::tenant {
namespace {

constexpr sql::Migration kMigrations[] = {
    {1, "catalog core and event log", R"sql(
CREATE TABLE shop_settings(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE products(
  id              INTEGER PRIMARY KEY,
  handle          TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  body_html       TEXT NOT NULL DEFAULT '',
  vendor          TEXT NOT NULL DEFAULT '',
  product_type    TEXT NOT NULL DEFAULT '',
  tags            TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'active' CHECK(status IN ('active','draft','archived')),
  seo_title       TEXT,
  seo_description TEXT,
  published_at    INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

CREATE TABLE product_variants(
  id                     INTEGER PRIMARY KEY,
  product_id             INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position               INTEGER NOT NULL DEFAULT 1,
  title                  TEXT NOT NULL DEFAULT 'Default Title',
  sku                    TEXT NOT NULL DEFAULT '',
  price_minor            INTEGER NOT NULL DEFAULT 0,
  compare_at_price_minor INTEGER,
  option1                TEXT,
  option2                TEXT,
  option3                TEXT,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
);
CREATE INDEX product_variants_product ON product_variants(product_id, position);

-- The transactional outbox: every change to store data appends here in the same transaction.
CREATE TABLE events(
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  topic        TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id   INTEGER,
  payload      TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
)sql"},
};

}  // namespace

std::span<const sql::Migration> store_migrations() {
    return kMigrations;
}

}  // namespace station::tenant
