#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "base/crypto/secrets.hpp"

int main(int argc, char* argv[]) {
    station::crypto::init_crypto();
    return Catch::Session().run(argc, argv);
}
