#include "platform/stores/store_rules.hpp"

#include <catch2/catch.hpp>

#include "platform/accounts/credential_rules.hpp"

using namespace station;

TEST_CASE("store handles follow the DNS-label rules and avoid reserved names") {
    const std::string forty(40, 'x');
    for (std::string_view ok :
         {std::string_view("abc"), std::string_view("acme-outfitters"), std::string_view("a1b2"),
          std::string_view("shop-2024"), std::string_view(forty)}) {
        INFO(ok);
        CHECK_FALSE(stores::check_handle(ok));
    }
    for (const char* bad : {"ab", "Acme", "acme_co", "-acme", "acme-", "ac--me", "www", "admin",
                            "api", "platform", "acme.co", "café"}) {
        INFO(bad);
        CHECK(stores::check_handle(bad));
    }
    CHECK(stores::check_handle(std::string(41, 'x')));
}

TEST_CASE("currencies, locales and names are checked") {
    CHECK_FALSE(stores::check_currency("JPY"));
    CHECK(stores::check_currency("usd"));
    CHECK(stores::check_currency("ZZZ"));
    CHECK_FALSE(stores::check_locale("en"));
    CHECK_FALSE(stores::check_locale("pt-BR"));
    CHECK(stores::check_locale("EN"));
    CHECK(stores::check_locale("english"));
    CHECK(stores::check_store_name(""));
    CHECK(stores::check_store_name("bad\x01name"));
    CHECK_FALSE(stores::check_store_name("Acme & Co."));
}

TEST_CASE("emails and passwords are checked") {
    CHECK_FALSE(accounts::check_email("owner@shop.example"));
    for (const char* bad : {"", "plain", "@x.y", "a@b", "a@.b", "a b@c.d", "a@b.c.", "a@b@c.d"}) {
        INFO(bad);
        CHECK(accounts::check_email(bad));
    }
    CHECK(accounts::check_password("short"));
    CHECK_FALSE(accounts::check_password("long enough pass"));
    CHECK(accounts::check_password(std::string(2000, 'p')));
}
