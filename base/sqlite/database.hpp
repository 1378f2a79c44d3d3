#pragma once
// A thin RAII layer over one SQLite connection.
//
// Threading: a Database is NOT thread-safe (it is opened with SQLITE_OPEN_NOMUTEX); its owner
// serializes access (StoreRuntime and ControlPlane hold a mutex around it). Statements are
// prepared once per distinct SQL text and cached for the life of the connection.
//
// Errors: every SQLite failure throws sql::Error (constraint violations throw the subclass
// sql::ConstraintError so callers can map them to 409/422).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

namespace station::sql {

class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const noexcept { return code_; }

private:
    int code_;
};

class ConstraintError : public Error {
public:
    using Error::Error;
};

enum class Synchronous { Off, Normal, Full };

struct OpenOptions {
    bool create = true;
    bool read_only = false;
    // How long a writer waits for another connection's write lock before failing with SQLITE_BUSY.
    std::chrono::milliseconds busy_timeout{5000};
    // NORMAL is durable against process crashes in WAL mode; FULL also against power loss.
    Synchronous synchronous = Synchronous::Full;
};

class Database;

// A cursor over one execution of a cached prepared statement. Move-only; resets and releases the
// statement back to its Database's cache when destroyed. Column indexes are 0-based.
class Row {
public:
    Row(Row&& other) noexcept;
    Row& operator=(Row&&) = delete;
    Row(const Row&) = delete;
    ~Row();

    // Advances to the next result row; false when the statement is done.
    bool next();

    std::int64_t int64(int column) const;
    double real(int column) const;
    // Borrowed until the next call to next() or the destruction of this Row.
    std::string_view text(int column) const;
    std::string string(int column) const { return std::string(text(column)); }
    bool is_null(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;
    std::optional<std::string> optional_string(int column) const;

private:
    friend class Database;
    // cache_slot is the cache entry's busy flag, or nullptr when the statement was prepared
    // outside the cache (its cached copy was in use by an enclosing cursor) and is owned here.
    Row(Database& db, sqlite3_stmt* stmt, bool* cache_slot);

    Database* db_;
    sqlite3_stmt* stmt_;
    bool* cache_slot_;
};

struct ExecResult {
    std::int64_t changes = 0;
    std::int64_t last_insert_rowid = 0;
};

// A value bound to a `?` parameter. std::nullopt and nullptr bind NULL.
class Param {
public:
    Param(std::nullptr_t) : kind_(Kind::Null) {}
    Param(std::nullopt_t) : kind_(Kind::Null) {}
    Param(bool v) : kind_(Kind::Int), int_(v ? 1 : 0) {}
    Param(int v) : kind_(Kind::Int), int_(v) {}
    Param(long v) : kind_(Kind::Int), int_(v) {}
    Param(long long v) : kind_(Kind::Int), int_(v) {}
    Param(unsigned v) : kind_(Kind::Int), int_(v) {}
    Param(unsigned long v) : kind_(Kind::Int), int_(static_cast<std::int64_t>(v)) {}
    Param(double v) : kind_(Kind::Real), real_(v) {}
    Param(std::string_view v) : kind_(Kind::Text), text_(v) {}
    Param(const std::string& v) : kind_(Kind::Text), text_(v) {}
    Param(const char* v) : kind_(Kind::Text), text_(v) {}
    template <typename T>
    Param(const std::optional<T>& v) : Param(v ? Param(*v) : Param(nullptr)) {}

    void bind(sqlite3_stmt* stmt, int index) const;

private:
    enum class Kind { Null, Int, Real, Text } kind_;
    std::int64_t int_ = 0;
    double real_ = 0;
    std::string_view text_;
};

class Database {
public:
    // Opens (and with options.create, creates) the file in WAL mode with foreign keys on.
    static Database open(const std::filesystem::path& path, const OpenOptions& options = {});

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Runs one or more statements without parameters (schema scripts, pragmas).
    void exec_script(std::string_view sql);

    // Runs a single statement to completion.
    ExecResult run(std::string_view sql, std::initializer_list<Param> params = {});

    // Starts a query; iterate with Row::next().
    Row query(std::string_view sql, std::initializer_list<Param> params = {});

    // Convenience: the first column of the first row, if any.
    std::optional<std::int64_t> query_int64(std::string_view sql,
                                            std::initializer_list<Param> params = {});
    std::optional<std::string> query_string(std::string_view sql,
                                            std::initializer_list<Param> params = {});

    bool in_transaction() const;
    // Changes whenever ANOTHER connection commits to this database file (PRAGMA data_version).
    std::int64_t data_version();
    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_; }

private:
    friend class Row;
    Database(sqlite3* db, std::filesystem::path path);
    Row prepare(std::string_view sql, std::initializer_list<Param> params);
    [[noreturn]] void fail(int code, std::string_view context) const;
    void close() noexcept;

    struct CachedStatement {
        sqlite3_stmt* stmt = nullptr;
        bool busy = false;
    };
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    std::unordered_map<std::string, CachedStatement> cache_;
};

enum class TransactionKind { Deferred, Immediate };

// Scoped transaction: rolls back unless commit() was called. Immediate transactions take the
// write lock up front so read-then-write sequences cannot deadlock on upgrade.
class Transaction {
public:
    explicit Transaction(Database& db, TransactionKind kind = TransactionKind::Immediate);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace station::sql
