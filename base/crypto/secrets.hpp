#pragma once
// Random tokens, digests, MACs and password hashing (libsodium). All functions are thread-safe;
// init_crypto() must run once before any of them (the executable's main and test mains do it).

#include <cstdint>
#include <string>
#include <string_view>

namespace station::crypto {

// Initializes libsodium; throws std::runtime_error if the library cannot start.
void init_crypto();

// `bytes` random bytes as unpadded base64url (URL, cookie and header safe).
std::string random_token(std::size_t bytes = 32);
std::string sha256_hex(std::string_view data);
// Raw 32-byte HMAC-SHA256.
std::string hmac_sha256(std::string_view key, std::string_view message);
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

std::string base64_encode(std::string_view data);
std::string base64url_encode(std::string_view data);
std::string hex_encode(std::string_view data);

// argon2id cost. kInteractive is the production setting; kMinimum exists so test suites that create
// hundreds of accounts stay fast (it is still argon2id, only cheaper).
struct PasswordCost {
    std::uint64_t ops;
    std::size_t memory_bytes;
};
inline constexpr PasswordCost kPasswordCostInteractive{2, 19u << 20};
inline constexpr PasswordCost kPasswordCostMinimum{1, 8u << 10};

// The encoded argon2id string ($argon2id$v=19$m=…), salt included.
std::string hash_password(std::string_view password, PasswordCost cost);
bool verify_password(std::string_view encoded_hash, std::string_view password);

}  // namespace station::crypto
