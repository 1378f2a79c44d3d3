#pragma once
// A store write's transaction: joins the caller's open transaction (a product creation that also
// stocks its variants, a CSV import of thousands of products) or starts an immediate one of its
// own. Either way the change and its events commit together.

#include <optional>

#include "base/sqlite/database.hpp"

namespace station::tenant {

class WriteScope {
public:
    explicit WriteScope(sql::Database& db) {
        if (!db.in_transaction()) own_.emplace(db);
    }
    // Commits only a transaction this scope started; a joined one commits with its owner.
    void commit() {
        if (own_) own_->commit();
    }

private:
    std::optional<sql::Transaction> own_;
};

}  // namespace station::tenant
