#include "base/crypto/secrets.hpp"

#include <stdexcept>

#include <sodium.h>

namespace station::crypto {

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

std::string random_token(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    return base64url_encode(raw);
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return hex_encode({reinterpret_cast<const char*>(digest), sizeof digest});
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
    // crypto_auth_hmacsha256_init accepts keys of any length (hashing long ones), as RFC 2104 does.
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return {reinterpret_cast<const char*>(mac), sizeof mac};
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

std::string encode_base64(std::string_view data, int variant) {
    std::string out(sodium_base64_encoded_len(data.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                      data.size(), variant);
    out.resize(out.size() - 1);  // drop the terminating NUL
    return out;
}

}  // namespace

std::string base64_encode(std::string_view data) {
    return encode_base64(data, sodium_base64_VARIANT_ORIGINAL);
}

std::string base64url_encode(std::string_view data) {
    return encode_base64(data, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string hex_encode(std::string_view data) {
    std::string out(data.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                   data.size());
    out.pop_back();
    return out;
}

std::string hash_password(std::string_view password, PasswordCost cost) {
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), cost.ops,
                              cost.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("argon2id hashing ran out of memory");
    }
    return encoded;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
    std::string hash(encoded_hash);  // libsodium needs a NUL-terminated string
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace station::crypto
