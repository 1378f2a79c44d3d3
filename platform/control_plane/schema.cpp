#include "platform/control_plane/schema.hpp"

namespace station::control {
namespace {

constexpr sql::Migration kMigrations[] = {
    {1, "merchants, stores, domains, sessions, tokens, admins, audit", R"sql(
CREATE TABLE merchants(
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);

CREATE TABLE plans(
  name                TEXT PRIMARY KEY,
  max_products        INTEGER NOT NULL,
  max_staff           INTEGER NOT NULL,
  max_storage_bytes   INTEGER NOT NULL,
  requests_per_minute INTEGER NOT NULL
);
INSERT INTO plans VALUES
  ('starter',    1000,     2,   1073741824,   1200),
  ('growth',     25000,    15,  10737418240,  6000),
  ('enterprise', 1000000,  200, 214748364800, 60000);

-- AUTOINCREMENT: a store id names its directory (tenants/<id>), so ids are never reused.
CREATE TABLE stores(
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  merchant_id         INTEGER NOT NULL REFERENCES merchants(id),
  handle              TEXT NOT NULL UNIQUE,
  name                TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'active'
                        CHECK(status IN ('active', 'suspended', 'deleted')),
  status_reason       TEXT,
  plan                TEXT NOT NULL REFERENCES plans(name),
  -- Per-store overrides of the plan's quotas; NULL means "as the plan says".
  max_products        INTEGER,
  max_staff           INTEGER,
  max_storage_bytes   INTEGER,
  requests_per_minute INTEGER,
  base_currency       TEXT NOT NULL,
  default_locale      TEXT NOT NULL,
  verification_token  TEXT NOT NULL,
  webhook_secret      TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  deleted_at          INTEGER
);
CREATE INDEX stores_merchant ON stores(merchant_id);

CREATE TABLE domains(
  id                  INTEGER PRIMARY KEY,
  store_id            INTEGER NOT NULL REFERENCES stores(id),
  hostname            TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK(kind IN ('platform', 'custom')),
  is_primary          INTEGER NOT NULL DEFAULT 0,
  verified_at         INTEGER,
  verification_method TEXT,
  last_check_at       INTEGER,
  last_check_detail   TEXT,
  created_at          INTEGER NOT NULL,
  UNIQUE(store_id, hostname)
);
-- Several stores may claim a hostname while unverified; only one may own it verified.
CREATE UNIQUE INDEX domains_verified_hostname ON domains(hostname) WHERE verified_at IS NOT NULL;

CREATE TABLE store_staff(
  id         INTEGER PRIMARY KEY,
  store_id   INTEGER NOT NULL REFERENCES stores(id),
  email      TEXT NOT NULL COLLATE NOCASE,
  created_at INTEGER NOT NULL,
  UNIQUE(store_id, email)
);

CREATE TABLE platform_admins(
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions(
  token_hash     TEXT PRIMARY KEY,
  principal_kind TEXT NOT NULL CHECK(principal_kind IN ('merchant', 'admin')),
  principal_id   INTEGER NOT NULL,
  csrf_token     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE api_tokens(
  id           INTEGER PRIMARY KEY,
  store_id     INTEGER NOT NULL REFERENCES stores(id),
  token_hash   TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL,
  scopes       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER
);
CREATE INDEX api_tokens_store ON api_tokens(store_id);

CREATE TABLE audit_log(
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  store_id INTEGER,
  detail   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_store ON audit_log(store_id, id);
)sql"},
};

}  // namespace

std::span<const sql::Migration> platform_migrations() {
    return kMigrations;
}

}  // namespace station::control
