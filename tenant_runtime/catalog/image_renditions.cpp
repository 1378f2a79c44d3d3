#include "tenant_runtime/catalog/image_renditions.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <jpeglib.h>
#include <png.h>

namespace station::tenant {
namespace {

// Decoded pixels: `channels` bytes per pixel, rows top to bottom.
struct Pixels {
    int width = 0;
    int height = 0;
    int channels = 0;
    std::vector<unsigned char> data;
};

constexpr int kMaxPixels = 50'000'000;  // refuse decompression bombs

// Area-averaging downscale: every destination pixel is the mean of the source pixels it covers.
Pixels scale_down(const Pixels& in, int width) {
    Pixels out;
    out.width = width;
    out.height = std::max(
        1, static_cast<int>((static_cast<long long>(in.height) * width + in.width / 2) / in.width));
    out.channels = in.channels;
    out.data.resize(static_cast<std::size_t>(out.width) * out.height * out.channels);
    std::vector<unsigned long> sums(static_cast<std::size_t>(out.width) * out.channels);
    std::vector<unsigned long> counts(out.width);
    int source_row = 0;
    for (int y = 0; y < out.height; ++y) {
        int row_end = static_cast<int>((static_cast<long long>(y + 1) * in.height) / out.height);
        std::fill(sums.begin(), sums.end(), 0);
        std::fill(counts.begin(), counts.end(), 0);
        for (; source_row < std::max(row_end, source_row + 1) && source_row < in.height;
             ++source_row) {
            const unsigned char* row =
                in.data.data() + static_cast<std::size_t>(source_row) * in.width * in.channels;
            for (int x = 0; x < in.width; ++x) {
                int dx = static_cast<int>((static_cast<long long>(x) * out.width) / in.width);
                for (int c = 0; c < in.channels; ++c)
                    sums[static_cast<std::size_t>(dx) * in.channels + c] +=
                        row[x * in.channels + c];
                ++counts[dx];
            }
        }
        unsigned char* dest =
            out.data.data() + static_cast<std::size_t>(y) * out.width * out.channels;
        for (int x = 0; x < out.width; ++x) {
            unsigned long n = std::max(1UL, counts[x]);
            for (int c = 0; c < out.channels; ++c) {
                dest[x * out.channels + c] = static_cast<unsigned char>(
                    (sums[static_cast<std::size_t>(x) * out.channels + c] + n / 2) / n);
            }
        }
    }
    return out;
}

std::optional<Pixels> decode_png(std::string_view bytes) {
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) return std::nullopt;
    image.format = PNG_FORMAT_RGBA;
    if (static_cast<long long>(image.width) * image.height > kMaxPixels) {
        png_image_free(&image);
        return std::nullopt;
    }
    Pixels p;
    p.width = static_cast<int>(image.width);
    p.height = static_cast<int>(image.height);
    p.channels = 4;
    p.data.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, p.data.data(), 0, nullptr)) return std::nullopt;
    return p;
}

std::optional<std::string> encode_png(const Pixels& p) {
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(p.width);
    image.height = static_cast<png_uint_32>(p.height);
    image.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, nullptr, &size, 0, p.data.data(), 0, nullptr)) {
        return std::nullopt;
    }
    std::string out(size, '\0');
    if (!png_image_write_to_memory(&image, out.data(), &size, 0, p.data.data(), 0, nullptr)) {
        return std::nullopt;
    }
    out.resize(size);
    return out;
}

// libjpeg reports fatal errors through error_exit, which must not return: jump back to the
// function that called into the library (no C++ frames lie in between).
struct JpegError {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
};

[[noreturn]] void jpeg_fail(j_common_ptr info) {
    std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

std::optional<Pixels> decode_jpeg(std::string_view bytes) {
    Pixels p;
    jpeg_decompress_struct info;
    JpegError error;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_fail;
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        return std::nullopt;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
                 static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    info.out_color_space = JCS_RGB;
    if (static_cast<long long>(info.image_width) * info.image_height > kMaxPixels) {
        jpeg_destroy_decompress(&info);
        return std::nullopt;
    }
    jpeg_start_decompress(&info);
    p.width = static_cast<int>(info.output_width);
    p.height = static_cast<int>(info.output_height);
    p.channels = 3;
    p.data.resize(static_cast<std::size_t>(p.width) * p.height * 3);
    while (info.output_scanline < info.output_height) {
        unsigned char* row =
            p.data.data() + static_cast<std::size_t>(info.output_scanline) * p.width * 3;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return p;
}

std::optional<std::string> encode_jpeg(const Pixels& p) {
    jpeg_compress_struct info;
    JpegError error;
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_fail;
    if (setjmp(error.jump)) {
        jpeg_destroy_compress(&info);
        std::free(buffer);
        return std::nullopt;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(p.width);
    info.image_height = static_cast<JDIMENSION>(p.height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 85, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        const unsigned char* row =
            p.data.data() + static_cast<std::size_t>(info.next_scanline) * p.width * 3;
        JSAMPROW rows[1] = {const_cast<unsigned char*>(row)};
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    std::string out(reinterpret_cast<const char*>(buffer), size);
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return out;
}

}  // namespace

int rendition_width(int requested) {
    for (int w : kRenditionWidths) {
        if (w >= requested) return w;
    }
    return kRenditionWidths.back();
}

std::optional<std::string> resize_image(std::string_view bytes, std::string_view content_type,
                                        int width) {
    bool png = content_type == "image/png";
    if (!png && content_type != "image/jpeg") return std::nullopt;
    auto pixels = png ? decode_png(bytes) : decode_jpeg(bytes);
    if (!pixels || pixels->width <= width) return std::nullopt;
    Pixels scaled = scale_down(*pixels, width);
    return png ? encode_png(scaled) : encode_jpeg(scaled);
}

}  // namespace station::tenant
