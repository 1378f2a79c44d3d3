#pragma once
// The shopper-facing pages of a store on its own domain.
//
// Threading: handle() is thread-safe.

#include "base/http/message.hpp"
#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::tenant {

class Storefront {
public:
    http::Response handle(StoreRuntime& runtime, const StoreContext& store,
                          const http::Request& request);
};

}  // namespace station::tenant
