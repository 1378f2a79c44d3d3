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
    {2, "catalog: options, variant details, tags, images, collections, metafields", R"sql(
ALTER TABLE product_variants ADD COLUMN barcode TEXT;
-- weight in thousandths of weight_unit (g, kg, lb, oz), so no floating point is stored
ALTER TABLE product_variants ADD COLUMN weight_milli INTEGER NOT NULL DEFAULT 0;
ALTER TABLE product_variants ADD COLUMN weight_unit TEXT NOT NULL DEFAULT 'kg';
ALTER TABLE product_variants ADD COLUMN requires_shipping INTEGER NOT NULL DEFAULT 1;
ALTER TABLE product_variants ADD COLUMN taxable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE product_variants ADD COLUMN inventory_policy TEXT NOT NULL DEFAULT 'deny';
ALTER TABLE product_variants ADD COLUMN inventory_management TEXT;
ALTER TABLE product_variants ADD COLUMN image_id INTEGER;
CREATE INDEX product_variants_sku ON product_variants(sku) WHERE sku <> '';
CREATE INDEX products_updated ON products(updated_at);

CREATE TABLE product_options(
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  UNIQUE(product_id, position)
);

CREATE TABLE product_tags(
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  tag        TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY(product_id, tag)
) WITHOUT ROWID;
CREATE INDEX product_tags_tag ON product_tags(tag);

CREATE TABLE product_images(
  id           INTEGER PRIMARY KEY,
  product_id   INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  alt          TEXT,
  file_name    TEXT NOT NULL,
  content_type TEXT NOT NULL,
  width        INTEGER NOT NULL,
  height       INTEGER NOT NULL,
  byte_size    INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX product_images_product ON product_images(product_id, position);

CREATE TABLE collections(
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK(kind IN ('custom','smart')),
  handle       TEXT NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  body_html    TEXT NOT NULL DEFAULT '',
  sort_order   TEXT NOT NULL,
  disjunctive  INTEGER NOT NULL DEFAULT 0,
  published_at INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE TABLE collection_rules(
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  column_name   TEXT NOT NULL,
  relation      TEXT NOT NULL,
  condition     TEXT NOT NULL,
  PRIMARY KEY(collection_id, position)
) WITHOUT ROWID;

CREATE TABLE collects(
  id            INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  product_id    INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE(collection_id, product_id)
);
CREATE INDEX collects_product ON collects(product_id);

CREATE TABLE metafields(
  id             INTEGER PRIMARY KEY,
  owner_resource TEXT NOT NULL,
  owner_id       INTEGER NOT NULL,
  namespace      TEXT NOT NULL,
  key            TEXT NOT NULL,
  type           TEXT NOT NULL,
  value          TEXT NOT NULL,
  description    TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE(owner_resource, owner_id, namespace, key)
);
)sql"},
    {3, "customers and addresses", R"sql(
CREATE TABLE customers(
  id                                 INTEGER PRIMARY KEY,
  email                              TEXT COLLATE NOCASE UNIQUE,
  first_name                         TEXT NOT NULL DEFAULT '',
  last_name                          TEXT NOT NULL DEFAULT '',
  phone                              TEXT UNIQUE,
  tags                               TEXT NOT NULL DEFAULT '',
  note                               TEXT,
  state                              TEXT NOT NULL DEFAULT 'disabled',
  verified_email                     INTEGER NOT NULL DEFAULT 1,
  tax_exempt                         INTEGER NOT NULL DEFAULT 0,
  locale                             TEXT,
  currency                           TEXT,
  email_marketing_state              TEXT NOT NULL DEFAULT 'not_subscribed',
  email_marketing_opt_in_level       TEXT,
  email_marketing_consent_updated_at INTEGER,
  email_marketing_source             TEXT,
  sms_marketing_state                TEXT NOT NULL DEFAULT 'not_subscribed',
  sms_marketing_consent_updated_at   INTEGER,
  sms_marketing_source               TEXT,
  orders_count                       INTEGER NOT NULL DEFAULT 0,
  total_spent_minor                  INTEGER NOT NULL DEFAULT 0,
  last_order_id                      INTEGER,
  created_at                         INTEGER NOT NULL,
  updated_at                         INTEGER NOT NULL
);
CREATE INDEX customers_updated ON customers(updated_at);

CREATE TABLE customer_addresses(
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  first_name    TEXT NOT NULL DEFAULT '',
  last_name     TEXT NOT NULL DEFAULT '',
  company       TEXT,
  address1      TEXT NOT NULL DEFAULT '',
  address2      TEXT,
  city          TEXT NOT NULL DEFAULT '',
  province      TEXT,
  province_code TEXT,
  country       TEXT,
  country_code  TEXT,
  zip           TEXT,
  phone         TEXT,
  is_default    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_addresses_customer ON customer_addresses(customer_id, id);

CREATE VIRTUAL TABLE customer_search USING fts5(
  email, name, phone, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
)sql"},
    {4, "locations, inventory items, levels and the adjustment ledger", R"sql(
CREATE TABLE locations(
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  address1     TEXT NOT NULL DEFAULT '',
  address2     TEXT,
  city         TEXT NOT NULL DEFAULT '',
  province     TEXT,
  country_code TEXT,
  zip          TEXT,
  phone        TEXT,
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
INSERT INTO locations(name, created_at, updated_at) VALUES ('Default location', unixepoch(), unixepoch());

CREATE TABLE inventory_items(
  id                      INTEGER PRIMARY KEY,
  variant_id              INTEGER NOT NULL UNIQUE REFERENCES product_variants(id) ON DELETE CASCADE,
  tracked                 INTEGER NOT NULL DEFAULT 1,
  cost_minor              INTEGER,
  harmonized_system_code  TEXT,
  country_code_of_origin  TEXT,
  province_code_of_origin TEXT,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL
);
INSERT INTO inventory_items(variant_id, created_at, updated_at)
  SELECT id, created_at, updated_at FROM product_variants;

CREATE TABLE inventory_levels(
  inventory_item_id INTEGER NOT NULL REFERENCES inventory_items(id) ON DELETE CASCADE,
  location_id       INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  available         INTEGER NOT NULL DEFAULT 0,
  committed         INTEGER NOT NULL DEFAULT 0,
  incoming          INTEGER NOT NULL DEFAULT 0,
  updated_at        INTEGER NOT NULL,
  PRIMARY KEY(inventory_item_id, location_id)
) WITHOUT ROWID;
CREATE INDEX inventory_levels_location ON inventory_levels(location_id, inventory_item_id);

-- The stock ledger: one row per change of a quantity, kept after items are deleted (audit).
CREATE TABLE inventory_adjustments(
  id                INTEGER PRIMARY KEY,
  inventory_item_id INTEGER NOT NULL,
  location_id       INTEGER NOT NULL,
  quantity_name     TEXT NOT NULL,
  delta             INTEGER NOT NULL,
  quantity_after    INTEGER NOT NULL,
  reason            TEXT NOT NULL,
  reference         TEXT,
  created_at        INTEGER NOT NULL
);
CREATE INDEX inventory_adjustments_item ON inventory_adjustments(inventory_item_id, id);
)sql"},
    {5, "product full-text search", R"sql(
CREATE VIRTUAL TABLE product_search USING fts5(
  title, tags, sku, vendor, product_type,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO product_search(rowid, title, tags, sku, vendor, product_type)
  SELECT p.id, p.title, p.tags,
         coalesce((SELECT group_concat(v.sku, ' ') FROM product_variants v
                   WHERE v.product_id = p.id), ''),
         p.vendor, p.product_type
  FROM products p;
)sql"},
    {6, "event consumers read the log by cursor", R"sql(
CREATE INDEX events_topic ON events(topic, seq);
CREATE TABLE event_consumers(
  name       TEXT PRIMARY KEY,
  cursor_seq INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
)sql"},
    {7, "webhook subscriptions and their delivery log", R"sql(
CREATE TABLE webhook_subscriptions(
  id              INTEGER PRIMARY KEY,
  topic           TEXT NOT NULL,
  address         TEXT NOT NULL,
  format          TEXT NOT NULL DEFAULT 'json',
  api_version     TEXT NOT NULL,
  fields          TEXT,
  status          TEXT NOT NULL DEFAULT 'active' CHECK(status IN ('active','disabled')),
  disabled_reason TEXT,
  disabled_at     INTEGER,
  cursor_seq      INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE(topic, address)
);

CREATE TABLE webhook_deliveries(
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  event_seq       INTEGER NOT NULL,
  webhook_id      TEXT NOT NULL,
  attempt         INTEGER NOT NULL,
  attempted_at    INTEGER NOT NULL,
  response_status INTEGER,
  error           TEXT,
  duration_ms     INTEGER NOT NULL,
  outcome         TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries(subscription_id, id);
)sql"},
    {8, "import jobs", R"sql(
CREATE TABLE import_jobs(
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL,
  status         TEXT NOT NULL,
  total_rows     INTEGER NOT NULL DEFAULT 0,
  processed_rows INTEGER NOT NULL DEFAULT 0,
  errors         TEXT NOT NULL DEFAULT '[]',
  summary        TEXT,
  created_at     INTEGER NOT NULL,
  finished_at    INTEGER
);
)sql"},
};

}  // namespace

std::span<const sql::Migration> store_migrations() {
    return kMigrations;
}

}  // namespace station::tenant
