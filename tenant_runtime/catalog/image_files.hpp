#pragma once
// Serves a store's product image files on its own domain: GET /files/products/<id>/<name>, and
// resized renditions with ?width=N (image_renditions.hpp).
// Only names the catalog itself generates are accepted (no path traversal: the path is rebuilt
// from a numeric id and a [a-z0-9.-] name), from the store's own directory.

#include "base/http/message.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::tenant {

inline constexpr std::string_view kFilesPrefix = "/files/";

// 404 for anything that is not an existing image file of the store.
http::Response serve_store_file(StoreRuntime& runtime, const http::Request& request);

}  // namespace station::tenant
