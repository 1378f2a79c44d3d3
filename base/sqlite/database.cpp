#include "base/sqlite/database.hpp"

#include <utility>

namespace station::sql {
namespace {

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view context) {
    std::string message(context);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    if ((code & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(code, message);
    throw Error(code, message);
}

const char* synchronous_pragma(Synchronous s) {
    switch (s) {
        case Synchronous::Off:
            return "PRAGMA synchronous=OFF";
        case Synchronous::Normal:
            return "PRAGMA synchronous=NORMAL";
        case Synchronous::Full:
            return "PRAGMA synchronous=FULL";
    }
    return "PRAGMA synchronous=FULL";
}

}  // namespace

void Param::bind(sqlite3_stmt* stmt, int index) const {
    int rc = SQLITE_OK;
    switch (kind_) {
        case Kind::Null:
            rc = sqlite3_bind_null(stmt, index);
            break;
        case Kind::Int:
            rc = sqlite3_bind_int64(stmt, index, int_);
            break;
        case Kind::Real:
            rc = sqlite3_bind_double(stmt, index, real_);
            break;
        case Kind::Text:
            rc = sqlite3_bind_text64(stmt, index, text_.data(), text_.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
            break;
    }
    if (rc != SQLITE_OK) throw_error(sqlite3_db_handle(stmt), rc, "bind");
}

Row::Row(Database& db, sqlite3_stmt* stmt, bool* cache_slot)
    : db_(&db), stmt_(stmt), cache_slot_(cache_slot) {}

Row::Row(Row&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), cache_slot_(other.cache_slot_) {}

Row::~Row() {
    if (!stmt_) return;
    if (!cache_slot_) {
        sqlite3_finalize(stmt_);
        return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *cache_slot_ = false;
}

bool Row::next() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_->fail(rc, "step");
}

std::int64_t Row::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}
double Row::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string_view Row::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    if (!data) return {};
    return {reinterpret_cast<const char*>(data),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

bool Row::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Row::optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}

std::optional<std::string> Row::optional_string(int column) const {
    if (is_null(column)) return std::nullopt;
    return string(column);
}

Database Database::open(const std::filesystem::path& path, const OpenOptions& options) {
    int flags = SQLITE_OPEN_NOMUTEX;
    if (options.read_only) {
        flags |= SQLITE_OPEN_READONLY;
    } else {
        flags |= SQLITE_OPEN_READWRITE;
        if (options.create) flags |= SQLITE_OPEN_CREATE;
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message =
            "open " + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
        sqlite3_close(raw);
        throw Error(rc, message);
    }
    Database db(raw, path);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, static_cast<int>(options.busy_timeout.count()));
    if (!options.read_only) db.exec_script("PRAGMA journal_mode=WAL");
    db.exec_script(synchronous_pragma(options.synchronous));
    db.exec_script("PRAGMA foreign_keys=ON");
    return db;
}

Database::Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

Database::~Database() {
    close();
}

void Database::close() noexcept {
    if (!db_) return;
    for (auto& [sql, cached] : cache_)
        sqlite3_finalize(cached.stmt);
    cache_.clear();
    sqlite3_close_v2(db_);
    db_ = nullptr;
}

void Database::fail(int code, std::string_view context) const {
    throw_error(db_, code, context);
}

void Database::exec_script(std::string_view sql) {
    std::string copy(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(rc, message);
        throw Error(rc, message);
    }
}

Row Database::prepare(std::string_view sql, std::initializer_list<Param> params) {
    auto [it, inserted] = cache_.try_emplace(std::string(sql));
    CachedStatement& cached = it->second;
    sqlite3_stmt* stmt = nullptr;
    bool* cache_slot = nullptr;
    if (!inserted && !cached.busy) {
        stmt = cached.stmt;
        cache_slot = &cached.busy;
    } else {
        int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            if (inserted) cache_.erase(it);
            fail(rc, "prepare");
        }
        if (inserted) {
            cached.stmt = stmt;
            cache_slot = &cached.busy;
        }
    }
    if (cache_slot) *cache_slot = true;
    Row row(*this, stmt, cache_slot);  // from here on, the Row releases the statement
    int index = 1;
    for (const Param& p : params)
        p.bind(stmt, index++);
    return row;
}

ExecResult Database::run(std::string_view sql, std::initializer_list<Param> params) {
    Row row = prepare(sql, params);
    while (row.next()) {
    }
    return {sqlite3_changes64(db_), sqlite3_last_insert_rowid(db_)};
}

Row Database::query(std::string_view sql, std::initializer_list<Param> params) {
    return prepare(sql, params);
}

std::optional<std::int64_t> Database::query_int64(std::string_view sql,
                                                  std::initializer_list<Param> params) {
    Row row = query(sql, params);
    if (!row.next() || row.is_null(0)) return std::nullopt;
    return row.int64(0);
}

std::optional<std::string> Database::query_string(std::string_view sql,
                                                  std::initializer_list<Param> params) {
    Row row = query(sql, params);
    if (!row.next() || row.is_null(0)) return std::nullopt;
    return row.string(0);
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

std::int64_t Database::data_version() {
    return query_int64("PRAGMA data_version").value_or(0);
}

Transaction::Transaction(Database& db, TransactionKind kind) : db_(db) {
    db_.exec_script(kind == TransactionKind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        db_.exec_script("ROLLBACK");
    } catch (...) {
        // The transaction may already have been rolled back by SQLite (e.g. SQLITE_FULL);
        // nothing more can be done from a destructor.
    }
}

void Transaction::commit() {
    db_.exec_script("COMMIT");
    done_ = true;
}

}  // namespace station::sql
