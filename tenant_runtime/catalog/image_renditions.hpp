#pragma once
// Resized renditions of product images (`?width=` on an image URL). PNG and JPEG are decoded
// (libpng, libjpeg-turbo), scaled down with an area filter and re-encoded in their own format;
// GIF and WebP are served as uploaded. Requested widths snap up to a fixed ladder, so one image has
// at most kRenditionWidths.size() renditions on disk. Pure functions; thread-safe.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace station::tenant {

inline constexpr std::array<int, 10> kRenditionWidths = {100, 160, 240,  320,  480,
                                                         640, 800, 1024, 1600, 2048};

// The ladder width serving a request for `requested` pixels (the largest for anything above it).
int rendition_width(int requested);

// The image scaled to `width` pixels wide (height keeps the aspect ratio), in the same format.
// nullopt when the image is not wider than `width`, is not PNG or JPEG, or cannot be decoded.
std::optional<std::string> resize_image(std::string_view bytes, std::string_view content_type,
                                        int width);

}  // namespace station::tenant
