/*
 * station/plugin.h — the Station plugin ABI, version 1.
 *
 * A Station plugin is a shared library that exports ONE symbol, `station_plugin_entry`, and a
 * `plugin.json` manifest beside it. This header is the whole contract between a plugin and any
 * Station host, present or future. It is pure C99 with fixed-width types so that a plugin built
 * today keeps loading for years, whatever compiler or language built it.
 *
 * COMPATIBILITY RULES (binding on every future change to this file)
 *   - ABI major 1 never changes meaning. A change that would break a v1 plugin is a new major.
 *   - Every table (struct) starts with `struct_size` and only ever grows by APPENDING fields; each
 *     append bumps STATION_PLUGIN_ABI_MINOR. Readers check `struct_size` before touching a field,
 *     so an old plugin's smaller table, or an old host's smaller table, simply lacks the new
 *     fields (see STATION_HAS_FIELD).
 *   - Services are looked up by a versioned id ("station.kv/1"). A service whose meaning changes
 *     gets a new id ("station.kv/2"); the old id keeps working.
 *   - Sizes and offsets of every v1 struct are frozen by the static assertions at the end of this
 *     file (64-bit Linux, the only platform Station hosts run on).
 *
 * OWNERSHIP
 *   - Every argument is BORROWED for the duration of the call only. Copy what you keep.
 *   - Results come back through a `station_writer` supplied by the receiver; the producer calls it
 *     zero or more times (each call appends), always before the function returns. Nothing is ever
 *     allocated on one side of the boundary and freed on the other.
 *   - Tables returned by the host (`station_core`, service tables) live as long as the plugin is
 *     loaded. Tables returned by the plugin (`station_plugin`) must live until `shutdown` returns.
 *   - No C++ exception, longjmp or signal unwinding may cross the boundary in either direction.
 *     (The C++ layer, station/plugin.hpp, installs the barrier for you.)
 *
 * THREADING
 *   - `station_plugin_entry` is called once, before anything else, on the host's loading thread.
 *   - Callbacks (`on_event`, `on_hook`, …) MAY run concurrently on several host threads, for the
 *     same or different stores. Plugin state shared between calls must be synchronised — or, much
 *     better, kept in the key-value service, which also survives restarts.
 *   - A `station_context` is valid only during the callback that received it, and only on the
 *     thread that received it. Services may be called only with a live context; there is no way to
 *     call a service outside a callback (use the tasks service for background work).
 *   - `shutdown` is called once, after every callback has returned.
 *
 * STRINGS are `station_str` {ptr, len}: UTF-8 (KV values and HTTP bodies: any bytes), NOT
 * NUL-terminated, `ptr` may be NULL when `len` is 0.
 *
 * ISOLATION: the same plugin binary runs either inside the host process (first-party and
 * admin-approved plugins) or in a sandboxed worker process (the default for third-party plugins).
 * The ABI is identical; a plugin cannot tell, and must not depend on which it is.
 */
#ifndef STATION_PLUGIN_H
#define STATION_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STATION_PLUGIN_ABI_MAJOR 1
#define STATION_PLUGIN_ABI_MINOR 0

/* The one symbol a plugin exports (see station_plugin_entry_fn). */
#define STATION_PLUGIN_ENTRY_SYMBOL "station_plugin_entry"

#if defined(__GNUC__) || defined(__clang__)
#define STATION_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define STATION_PLUGIN_EXPORT
#endif

/* True when `table` (a pointer to any ABI struct) is large enough to hold `field`. */
#define STATION_HAS_FIELD(table, type, field) \
    ((table)->struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))

/* ---------------------------------------------------------------------------------------------
 * Status codes. Every fallible function returns one; STATION_OK is the only success. Hosts may
 * add codes in later minors: treat any unknown negative value as a failure.
 * ------------------------------------------------------------------------------------------- */
typedef int32_t station_status;

#define STATION_OK 0
#define STATION_ERR_INVALID (-1)     /* a malformed argument (bad key, bad JSON, bad URL) */
#define STATION_ERR_NOT_FOUND (-2)   /* no such key / record / service function */
#define STATION_ERR_CONFLICT (-3)    /* compare-and-swap: the version did not match */
#define STATION_ERR_QUOTA (-4)       /* a size, count or rate quota was reached */
#define STATION_ERR_DENIED (-5)      /* not allowed: scope, egress allow-list, suppression list */
#define STATION_ERR_UNAVAILABLE (-6) /* the host cannot do it now (not configured, shutting down) */
#define STATION_ERR_TIMEOUT (-7)     /* the call's deadline passed */
#define STATION_ERR_TOO_LARGE (-8)   /* a value, request or response is over its cap */
#define STATION_ERR_UNSUPPORTED (-9) /* the callback or hook is not implemented */
#define STATION_ERR_NO_MEMORY (-10)  /* allocation failed (the host restarts an isolated worker) */
#define STATION_ERR_INTERNAL (-11)   /* anything else: a bug on the reporting side */

/* ---------------------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------------------- */
typedef struct station_str {
    const char* ptr;
    uint64_t len;
} station_str;

/* A sink for bytes. `write` appends `chunk`; it returns STATION_OK, or an error (for example
 * STATION_ERR_TOO_LARGE) after which the producer should stop writing. Called only on the thread
 * of the call that received the writer, and only before that call returns. */
typedef struct station_writer {
    void* user;
    station_status (*write)(void* user, station_str chunk);
} station_writer;

/* Opaque: the host's handle on one callback invocation (which store, which plugin, deadline). */
typedef struct station_context station_context;

typedef struct station_http_header {
    station_str name;
    station_str value;
} station_http_header;

/* ---------------------------------------------------------------------------------------------
 * The host side of the handshake
 * ------------------------------------------------------------------------------------------- */

/* What a context is about. Filled by station_core.context_info. */
typedef struct station_context_info {
    uint32_t struct_size; /* set by the CALLER to sizeof(station_context_info) */
    uint32_t reserved;
    int64_t store_id;           /* the store this call is for; 0 for calls about no store */
    station_str plugin_id;      /* from the manifest; valid while the context is */
    station_str plugin_version; /* from the manifest; valid while the context is */
} station_context_info;

typedef struct station_core {
    uint32_t struct_size;
    uint32_t reserved;
    /* The table of service `service_id` (e.g. STATION_KV_SERVICE) for this context, or NULL when
     * the host does not provide it, the manifest did not declare it, or the store did not grant
     * the scope it needs. Any thread, during a callback. The table lives as long as the plugin. */
    const void* (*get_service)(const station_context* ctx, station_str service_id);
    /* Fills `out` (whose struct_size the caller set) for this context. */
    station_status (*context_info)(const station_context* ctx, station_context_info* out);
    /* Milliseconds left before this call's deadline (INT64_MAX when it has none). Past the
     * deadline an isolated worker is killed, so long work should check this and stop early. */
    int64_t (*remaining_ms)(const station_context* ctx);
} station_core;

typedef struct station_host_info {
    uint32_t struct_size;
    uint32_t abi_major; /* the host's STATION_PLUGIN_ABI_MAJOR */
    uint32_t abi_minor; /* the host's STATION_PLUGIN_ABI_MINOR */
    uint32_t reserved;
    station_str host_version; /* "station 0.1.0", for logs */
    const station_core* core;
} station_host_info;

/* ---------------------------------------------------------------------------------------------
 * The plugin side: callbacks. Any member may be NULL (the host then treats the callback as
 * STATION_ERR_UNSUPPORTED). Each callback may run on any host thread (see THREADING).
 * ------------------------------------------------------------------------------------------- */

/* One entry of the store's event log. Delivery is at-least-once: after a crash or a failed
 * attempt the same event (same `id`) comes again, so handlers must be idempotent — dedupe by `id`
 * (the KV service with STATION_KV_ABSENT is a convenient way). */
typedef struct station_event {
    uint32_t struct_size;
    uint32_t attempt;    /* 1 on the first delivery, 2 on the first retry, … */
    int64_t seq;         /* position in the store's log; strictly increasing per store */
    int64_t created_at;  /* unix seconds */
    int64_t subject_id;  /* the record the event is about, 0 when none */
    station_str id;      /* stable across retries: "<store_id>:<seq>" */
    station_str topic;   /* "products/create" */
    station_str subject_type; /* "product" */
    station_str payload; /* JSON: the record's Admin API shape (docs/plugins/reference.md) */
} station_event;

#define STATION_SURFACE_STOREFRONT 1 /* https://<store>/apps/<plugin-id>/…, public */
#define STATION_SURFACE_ADMIN 2      /* the merchant admin: an authenticated staff member */
#define STATION_SURFACE_WEBHOOK 3    /* https://<store>/webhooks/apps/<plugin-id>/…, public */

typedef struct station_http_request {
    uint32_t struct_size;
    uint32_t surface;  /* STATION_SURFACE_* */
    station_str method; /* "GET" */
    station_str path;   /* below the plugin's prefix, starting with '/': "/points" */
    station_str query;  /* raw, without '?' */
    const station_http_header* headers;
    uint64_t header_count;
    station_str body;
    station_str remote_address; /* the client's address */
    station_str staff;          /* STATION_SURFACE_ADMIN: the signed-in user's email; else empty */
} station_http_request;

/* Host-provided response builder; valid during on_http only. The status defaults to 200. Only
 * safe headers are accepted (Content-Type, Cache-Control, Location, ETag, Last-Modified,
 * Content-Language, Vary and X-…); others return STATION_ERR_DENIED. */
typedef struct station_http_response {
    uint32_t struct_size;
    uint32_t reserved;
    void* user;
    void (*set_status)(void* user, int32_t status);
    station_status (*add_header)(void* user, station_str name, station_str value);
    station_status (*write_body)(void* user, station_str chunk);
} station_http_response;

typedef struct station_plugin {
    uint32_t struct_size; /* sizeof(station_plugin) as the plugin was compiled */
    uint32_t reserved;
    /* An event of a topic the manifest subscribes to. STATION_OK acknowledges it; anything else
     * schedules a retry (with backoff; after the last retry the event goes to the dead-letter
     * list, visible to the merchant). */
    station_status (*on_event)(const station_context* ctx, const station_event* event);
    /* A synchronous hook the manifest declares ("checkout.validate", …). `input` is the hook's
     * JSON payload; the plugin writes its JSON result to `output`. Must finish within the
     * manifest's deadline_ms; a failure or overrun applies the declared failure policy. */
    station_status (*on_hook)(const station_context* ctx, station_str hook, station_str input,
                              const station_writer* output);
    /* An HTTP request to one of the plugin's surfaces. Returning an error sends a 502 page. */
    station_status (*on_http)(const station_context* ctx, const station_http_request* request,
                              const station_http_response* response);
    /* A scheduled task: a cron entry of the manifest (payload empty) or a task scheduled through
     * the tasks service. Errors are logged; cron entries run again at their next time. */
    station_status (*on_task)(const station_context* ctx, station_str name, station_str payload);
    /* The store's effective configuration changed (merchant or platform edit). */
    void (*on_config_changed)(const station_context* ctx);
    /* Called once before the library is unloaded; no context, no services. */
    void (*shutdown)(void);
} station_plugin;

/* Filled by the plugin in station_plugin_entry. The host sets `struct_size` to the size it
 * allocated; the plugin writes only fields that fit (STATION_HAS_FIELD). */
typedef struct station_plugin_info {
    uint32_t struct_size;
    uint32_t abi_major;      /* STATION_PLUGIN_ABI_MAJOR the plugin was built against */
    uint32_t min_host_minor; /* the oldest host minor providing everything the plugin uses */
    uint32_t reserved;
    const station_plugin* plugin;
    station_str error; /* on failure: why (static storage), shown to the platform admin */
} station_plugin_info;

/* The exported entry point. Returns STATION_OK and fills `out`, or an error with `out->error`
 * set. The host refuses the plugin when out->abi_major differs from its own, or when
 * out->min_host_minor exceeds its own minor; the refusal names both versions. Services cannot be
 * called here (there is no context); keep the entry cheap and free of side effects. */
typedef station_status (*station_plugin_entry_fn)(const station_host_info* host,
                                                  station_plugin_info* out);
STATION_PLUGIN_EXPORT station_status station_plugin_entry(const station_host_info* host,
                                                          station_plugin_info* out);

/* ---------------------------------------------------------------------------------------------
 * Services v1. Look each up with station_core.get_service(ctx, {id, strlen(id)}). Unless stated
 * otherwise a service needs no scope, only its id in the manifest's "services" list.
 * ------------------------------------------------------------------------------------------- */

/* station.log/1 — structured log lines, tagged with store and plugin. Never fails. */
#define STATION_LOG_SERVICE "station.log/1"
#define STATION_LOG_DEBUG 0
#define STATION_LOG_INFO 1
#define STATION_LOG_WARN 2
#define STATION_LOG_ERROR 3
typedef struct station_log_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    void (*write)(const station_context* ctx, int32_t level, station_str message);
} station_log_v1;

/* station.config/1 — the plugin's settings for this store: defaults from the manifest, then the
 * platform's values, then the store admin's (each layer overrides the one before). on_config_changed
 * announces changes. Values are JSON. */
#define STATION_CONFIG_SERVICE "station.config/1"
typedef struct station_config_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    /* The JSON value of `key`; STATION_ERR_NOT_FOUND for a key the manifest does not declare. */
    station_status (*get)(const station_context* ctx, station_str key, const station_writer* value);
    /* Every key as one JSON object. */
    station_status (*get_all)(const station_context* ctx, const station_writer* object);
} station_config_v1;

/* station.kv/1 — key-value storage private to (store, plugin); purged on uninstall.
 * Keys: 1..256 bytes of UTF-8 without control characters. Values: any bytes up to the host's
 * value cap (64 KiB by default). Every write returns the key's new version (> 0); versions enable
 * compare-and-swap. Quotas (keys, bytes) return STATION_ERR_QUOTA. */
#define STATION_KV_SERVICE "station.kv/1"
#define STATION_KV_ANY_VERSION (-1) /* expected_version: write unconditionally */
#define STATION_KV_ABSENT 0         /* expected_version: only if the key does not exist */
#define STATION_KV_NO_TTL 0
typedef struct station_kv_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    /* STATION_ERR_NOT_FOUND when absent or expired. `version` may be NULL. */
    station_status (*get)(const station_context* ctx, station_str key, const station_writer* value,
                          int64_t* version);
    /* Writes when `expected_version` matches (STATION_KV_ANY_VERSION, STATION_KV_ABSENT, or the
     * current version), else STATION_ERR_CONFLICT. `ttl_seconds` > 0 expires the key. */
    station_status (*put)(const station_context* ctx, station_str key, station_str value,
                          int64_t expected_version, int64_t ttl_seconds, int64_t* new_version);
    /* STATION_ERR_NOT_FOUND when absent; STATION_ERR_CONFLICT on a version mismatch. */
    station_status (*remove)(const station_context* ctx, station_str key, int64_t expected_version);
    /* Keys starting with `prefix`, in byte order, after `start_after` (empty: from the first),
     * at most `limit` (1..1000), as a JSON array of strings. */
    station_status (*list)(const station_context* ctx, station_str prefix, station_str start_after,
                           uint32_t limit, const station_writer* keys_json);
} station_kv_v1;

/* station.http/1 — outbound HTTP(S), only to hosts on the manifest's "egress" allow-list, never
 * to private or loopback addresses (except on a dev platform), with a deadline (the smaller of
 * `timeout_ms`, the host's cap and the call's remaining time) and response size cap. Plugins have
 * no other network access. */
#define STATION_HTTP_SERVICE "station.http/1"
typedef struct station_fetch_request {
    uint32_t struct_size;
    uint32_t timeout_ms; /* 0: the host default */
    station_str method;  /* GET, HEAD, POST, PUT, PATCH, DELETE */
    station_str url;     /* absolute http(s) URL */
    const station_http_header* headers;
    uint64_t header_count;
    station_str body;
} station_fetch_request;
typedef struct station_http_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    /* STATION_OK for any HTTP status (in `status`); errors for policy and transport failures:
     * DENIED (not allowed), TIMEOUT, TOO_LARGE, UNAVAILABLE (DNS, connect, TLS). Response headers
     * arrive as "name: value\r\n" lines. Either writer may be NULL. */
    station_status (*fetch)(const station_context* ctx, const station_fetch_request* request,
                            int32_t* status, const station_writer* headers,
                            const station_writer* body);
} station_http_v1;

/* station.email/1 — email through the platform's mailer, from the store's address. Scope
 * "send_email". Recipients on the store's suppression list are refused (STATION_ERR_DENIED);
 * every message carries an unsubscribe link and List-Unsubscribe headers. Daily quota per store
 * and plugin (STATION_ERR_QUOTA). */
#define STATION_EMAIL_SERVICE "station.email/1"
typedef struct station_email {
    uint32_t struct_size;
    uint32_t reserved;
    station_str to;      /* one address */
    station_str subject; /* UTF-8, one line */
    station_str text;    /* plain-text body (required) */
    station_str html;    /* optional HTML alternative */
} station_email;
typedef struct station_email_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    /* Writes the Message-ID to `message_id` (may be NULL). */
    station_status (*send)(const station_context* ctx, const station_email* email,
                           const station_writer* message_id);
} station_email_v1;

/* station.tasks/1 — one-off background work for this store: `on_task(name, payload)` runs at
 * least `delay_seconds` later (at-least-once; survives restarts). Recurring work is declared as
 * cron "schedules" in the manifest. */
#define STATION_TASKS_SERVICE "station.tasks/1"
typedef struct station_tasks_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    station_status (*schedule)(const station_context* ctx, station_str name, station_str payload,
                               int64_t delay_seconds, int64_t* task_id);
    /* STATION_ERR_NOT_FOUND when the task already ran or does not exist. */
    station_status (*cancel)(const station_context* ctx, int64_t task_id);
} station_tasks_v1;

/* station.metrics/1 — numbers on the platform's /metrics, named
 * station_plugin_<plugin>__<name>{store="<id>"} ('-' in the plugin id becomes '_'). Names:
 * [a-z][a-z0-9_]{0,62} without "__". A per-plugin cap on
 * distinct names returns STATION_ERR_QUOTA. */
#define STATION_METRICS_SERVICE "station.metrics/1"
typedef struct station_metrics_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    station_status (*counter_add)(const station_context* ctx, station_str name, int64_t delta);
    station_status (*gauge_set)(const station_context* ctx, station_str name, int64_t value);
} station_metrics_v1;

/* station.products/1 — the store's catalog, read only. Scope "read_products". JSON in the Admin
 * REST product shape. */
#define STATION_PRODUCTS_SERVICE "station.products/1"
typedef struct station_products_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    station_status (*get)(const station_context* ctx, int64_t product_id,
                          const station_writer* product_json);
    /* Products with id > after_id in id order, at most `limit` (1..250), as a JSON array. */
    station_status (*list)(const station_context* ctx, int64_t after_id, uint32_t limit,
                           const station_writer* products_json);
} station_products_v1;

/* station.customers/1 — the store's customers, read only. Scope "read_customers". */
#define STATION_CUSTOMERS_SERVICE "station.customers/1"
typedef struct station_customers_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    station_status (*get)(const station_context* ctx, int64_t customer_id,
                          const station_writer* customer_json);
    station_status (*find_by_email)(const station_context* ctx, station_str email,
                                    const station_writer* customer_json);
    station_status (*list)(const station_context* ctx, int64_t after_id, uint32_t limit,
                           const station_writer* customers_json);
} station_customers_v1;

/* station.inventory/1 — stock levels. Scope "read_inventory"; `adjust` needs "write_inventory"
 * (else STATION_ERR_DENIED). */
#define STATION_INVENTORY_SERVICE "station.inventory/1"
typedef struct station_inventory_v1 {
    uint32_t struct_size;
    uint32_t reserved;
    /* The item's levels at every location, as a JSON array. */
    station_status (*levels)(const station_context* ctx, int64_t inventory_item_id,
                             const station_writer* levels_json);
    /* Adds `delta` to `available` at a location; writes the new level as JSON. `reason` is one of
     * the Admin API's adjustment reasons ("correction", "received", …). */
    station_status (*adjust)(const station_context* ctx, int64_t inventory_item_id,
                             int64_t location_id, int64_t delta, station_str reason,
                             const station_writer* level_json);
} station_inventory_v1;

/* ---------------------------------------------------------------------------------------------
 * Frozen layout of ABI 1.0 (LP64). C99 has no _Static_assert: a negative array size fails.
 * ------------------------------------------------------------------------------------------- */
#if !defined(__LP64__) && !defined(_LP64)
#error "Station plugins are built for 64-bit (LP64) platforms only"
#endif
#define STATION_ABI_ASSERT(name, condition) typedef char station_abi_assert_##name[(condition) ? 1 : -1]

STATION_ABI_ASSERT(str_size, sizeof(station_str) == 16);
STATION_ABI_ASSERT(writer_size, sizeof(station_writer) == 16);
STATION_ABI_ASSERT(header_size, sizeof(station_http_header) == 32);
STATION_ABI_ASSERT(context_info_size, sizeof(station_context_info) == 48);
STATION_ABI_ASSERT(context_info_plugin_id, offsetof(station_context_info, plugin_id) == 16);
STATION_ABI_ASSERT(core_size, sizeof(station_core) == 32);
STATION_ABI_ASSERT(core_get_service, offsetof(station_core, get_service) == 8);
STATION_ABI_ASSERT(core_remaining_ms, offsetof(station_core, remaining_ms) == 24);
STATION_ABI_ASSERT(host_info_size, sizeof(station_host_info) == 40);
STATION_ABI_ASSERT(host_info_core, offsetof(station_host_info, core) == 32);
STATION_ABI_ASSERT(event_size, sizeof(station_event) == 96);
STATION_ABI_ASSERT(event_id, offsetof(station_event, id) == 32);
STATION_ABI_ASSERT(event_payload, offsetof(station_event, payload) == 80);
STATION_ABI_ASSERT(http_request_size, sizeof(station_http_request) == 120);
STATION_ABI_ASSERT(http_request_headers, offsetof(station_http_request, headers) == 56);
STATION_ABI_ASSERT(http_request_staff, offsetof(station_http_request, staff) == 104);
STATION_ABI_ASSERT(http_response_size, sizeof(station_http_response) == 40);
STATION_ABI_ASSERT(plugin_size, sizeof(station_plugin) == 56);
STATION_ABI_ASSERT(plugin_on_event, offsetof(station_plugin, on_event) == 8);
STATION_ABI_ASSERT(plugin_shutdown, offsetof(station_plugin, shutdown) == 48);
STATION_ABI_ASSERT(plugin_info_size, sizeof(station_plugin_info) == 40);
STATION_ABI_ASSERT(plugin_info_plugin, offsetof(station_plugin_info, plugin) == 16);
STATION_ABI_ASSERT(plugin_info_error, offsetof(station_plugin_info, error) == 24);
STATION_ABI_ASSERT(log_size, sizeof(station_log_v1) == 16);
STATION_ABI_ASSERT(config_size, sizeof(station_config_v1) == 24);
STATION_ABI_ASSERT(kv_size, sizeof(station_kv_v1) == 40);
STATION_ABI_ASSERT(kv_list, offsetof(station_kv_v1, list) == 32);
STATION_ABI_ASSERT(fetch_request_size, sizeof(station_fetch_request) == 72);
STATION_ABI_ASSERT(fetch_request_body, offsetof(station_fetch_request, body) == 56);
STATION_ABI_ASSERT(http_service_size, sizeof(station_http_v1) == 16);
STATION_ABI_ASSERT(email_size, sizeof(station_email) == 72);
STATION_ABI_ASSERT(email_service_size, sizeof(station_email_v1) == 16);
STATION_ABI_ASSERT(tasks_size, sizeof(station_tasks_v1) == 24);
STATION_ABI_ASSERT(metrics_size, sizeof(station_metrics_v1) == 24);
STATION_ABI_ASSERT(products_size, sizeof(station_products_v1) == 24);
STATION_ABI_ASSERT(customers_size, sizeof(station_customers_v1) == 32);
STATION_ABI_ASSERT(inventory_size, sizeof(station_inventory_v1) == 24);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* STATION_PLUGIN_H */
