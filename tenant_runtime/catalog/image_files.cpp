#include "tenant_runtime/catalog/image_files.hpp"

#include <fstream>
#include <sstream>

#include "base/util/strings.hpp"
#include "tenant_runtime/catalog/image_renditions.hpp"
#include "tenant_runtime/catalog/images.hpp"

namespace station::tenant {
namespace {

bool is_safe_name(std::string_view name) {
    if (name.empty() || name.size() > 200 || name.front() == '.') return false;
    return name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") ==
               std::string_view::npos &&
           name.find("..") == std::string_view::npos;
}

std::string_view content_type_of(std::string_view name) {
    if (name.ends_with(".png")) return "image/png";
    if (name.ends_with(".jpg")) return "image/jpeg";
    if (name.ends_with(".gif")) return "image/gif";
    if (name.ends_with(".webp")) return "image/webp";
    return "";
}

http::Response not_found() {
    return http::Response::text(404, "not found\n");
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// The rendition of `file` at a ladder width, made on first request and kept beside the original
// (in w<width>/, removed with the product's files).
std::optional<std::string> rendition(const std::filesystem::path& file,
                                     std::string_view content_type, int width,
                                     const std::string& original) {
    std::filesystem::path cached =
        file.parent_path() / ("w" + std::to_string(width)) / file.filename();
    if (auto bytes = read_file(cached)) return bytes;
    auto resized = resize_image(original, content_type, width);
    if (!resized) return std::nullopt;
    std::error_code ec;
    std::filesystem::create_directories(cached.parent_path(), ec);
    std::filesystem::path temp = cached;
    temp += ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(resized->data(), static_cast<std::streamsize>(resized->size()));
    }
    std::filesystem::rename(temp, cached, ec);
    return resized;
}

}  // namespace

http::Response serve_store_file(StoreRuntime& runtime, const http::Request& request) {
    std::string_view path = request.path;
    if (!path.starts_with(kFilesPrefix)) return not_found();
    path.remove_prefix(kFilesPrefix.size());
    auto parts = util::split(path, '/');
    if (parts.size() != 3 || parts[0] != "products" || parts[1].empty() || parts[1].size() > 18 ||
        parts[1].find_first_not_of("0123456789") != std::string_view::npos ||
        !is_safe_name(parts[2])) {
        return not_found();
    }
    std::string_view content_type = content_type_of(parts[2]);
    if (content_type.empty()) return not_found();
    std::filesystem::path file =
        product_files_dir(runtime.directory() / "files", std::stoll(std::string(parts[1]))) /
        std::string(parts[2]);
    auto bytes = read_file(file);
    if (!bytes) return not_found();
    if (auto width = request.query_param("width")) {
        if (width->empty() || width->size() > 5 ||
            width->find_first_not_of("0123456789") != std::string::npos || *width == "0") {
            return http::Response::text(400, "width must be a positive integer\n");
        }
        if (auto resized =
                rendition(file, content_type, rendition_width(std::stoi(*width)), *bytes)) {
            bytes = std::move(resized);
        }
    }
    http::Response response = http::Response::text(200, std::move(*bytes), content_type);
    // Image files never change under one name (a new upload gets a new id).
    response.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    return response;
}

}  // namespace station::tenant
