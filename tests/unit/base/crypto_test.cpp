#include <catch2/catch.hpp>

#include "base/crypto/secrets.hpp"

using namespace station;

TEST_CASE("argon2id hashes verify only the right password") {
    std::string hash = crypto::hash_password("correct horse", crypto::kPasswordCostMinimum);
    CHECK(hash.starts_with("$argon2id$"));
    CHECK(crypto::verify_password(hash, "correct horse"));
    CHECK_FALSE(crypto::verify_password(hash, "wrong horse"));
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2") {
    std::string mac = crypto::hmac_sha256("Jefe", "what do ya want for nothing?");
    CHECK(crypto::hex_encode(mac) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(crypto::base64_encode(mac) == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

TEST_CASE("random tokens are URL-safe and distinct") {
    std::string a = crypto::random_token();
    std::string b = crypto::random_token();
    CHECK(a != b);
    CHECK(a.size() == 43);
    CHECK(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(crypto::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
