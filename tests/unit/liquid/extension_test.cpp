// The extension API the storefront builds on: custom filters (with host data), custom simple,
// block and raw-block tags, and drops (lazy, iterable, comparable host objects).

#include <map>

#include <catch2/catch.hpp>

#include "liquid_test_support.hpp"
#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/render_context.hpp"

using namespace station::liquid;
using testing::json_data;

namespace {

// ---- Filters ----

struct Translations final : RenderHost {
    std::map<std::string, std::string, std::less<>> texts;
};

Value translate(RenderContext& context, const Value& input, const FilterArgs&) {
    const auto* host = context.host_as<Translations>();
    if (host == nullptr || !input.is_string()) return input;
    auto it = host->texts.find(input.as_string());
    return it == host->texts.end() ? input : Value::string(it->second);
}

void money_append(RenderContext&, const Value& input, const FilterArgs&, std::string& out) {
    std::int64_t cents = input.is_int() ? input.as_int() : 0;
    out += "$" + std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") +
           std::to_string(cents % 100);
}

Value money(RenderContext& context, const Value& input, const FilterArgs& args) {
    std::string out;
    money_append(context, input, args, out);
    return Value::string(out);
}

Value must_be_positive(RenderContext&, const Value& input, const FilterArgs&) {
    if (!input.is_int() || input.as_int() <= 0) throw RenderError("must be positive");
    return input;
}

// ---- Tags ----

// {% shout expression %}
class ShoutTag final : public CustomTag {
public:
    explicit ShoutTag(Expression value) : value_(value) {}
    void render(RenderContext& context, std::string& out) const override {
        std::string text;
        context.write_value(text, context.evaluate(value_));
        for (char& c : text)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out += text + "!";
    }

private:
    Expression value_;
};

// {% box title %}body{% else %}fallback{% endbox %}
class BoxTag final : public CustomTag {
public:
    BoxTag(Expression title, BlockBody body, BlockBody fallback)
        : title_(title), body_(body), fallback_(fallback) {}
    void render(RenderContext& context, std::string& out) const override {
        Value title = context.evaluate(title_);
        if (!title.truthy()) {
            context.render_block(fallback_, out);
            return;
        }
        out += "<div class=\"box\"><h2>";
        context.write_value(out, title);
        out += "</h2>";
        auto scope = context.push_scope();
        scope.set("box_title", title);
        context.render_block(body_, out);
        out += "</div>";
    }

private:
    Expression title_;
    BlockBody body_;
    BlockBody fallback_;
};

// {% schema %}raw JSON{% endschema %}: kept as text, prints nothing.
class SchemaTag final : public CustomTag {
public:
    explicit SchemaTag(std::string json) : json_(std::move(json)) {}
    void render(RenderContext& context, std::string&) const override {
        context.state("schema") = json_;
    }
    bool blank() const override { return true; }

private:
    std::string json_;
};

// {% visits %}: counts its own renders with per-render state.
class VisitsTag final : public CustomTag {
public:
    void render(RenderContext& context, std::string& out) const override {
        std::any& slot = context.state("visits");
        int visits = slot.has_value() ? std::any_cast<int>(slot) + 1 : 1;
        slot = visits;
        out += std::to_string(visits);
    }
};

std::shared_ptr<const Environment> extended_environment() {
    TagDefinition shout{"shout", TagKind::kSimple, {}, [](TagParser& parser) {
                            MarkupReader reader = parser.reader();
                            Expression value = reader.expression();
                            reader.expect_end();
                            return std::make_unique<ShoutTag>(value);
                        }};
    TagDefinition box{"box", TagKind::kBlock, {"else"}, [](TagParser& parser) {
                          MarkupReader reader = parser.reader();
                          Expression title = reader.expression();
                          reader.expect_end();
                          auto sections = parser.sections();
                          if (sections.size() > 2) parser.syntax_error("box takes one else");
                          return std::make_unique<BoxTag>(
                              title, sections[0].body,
                              sections.size() > 1 ? sections[1].body : BlockBody());
                      }};
    TagDefinition schema{"schema", TagKind::kRawBlock, {}, [](TagParser& parser) {
                             return std::make_unique<SchemaTag>(std::string(parser.raw_body()));
                         }};
    TagDefinition visits{
        "visits", TagKind::kSimple, {}, [](TagParser&) { return std::make_unique<VisitsTag>(); }};
    return Environment::Builder()
        .add_filter({"t", translate, 0, 0, nullptr})
        .add_filter({"money", money, 0, 0, money_append})
        .add_filter({"positive", must_be_positive, 0, 0, nullptr})
        .add_tag(std::move(shout))
        .add_tag(std::move(box))
        .add_tag(std::move(schema))
        .add_tag(std::move(visits))
        .build();
}

std::string run(std::string_view source, std::string_view data = "{}",
                const RenderOptions& options = {}, Mode mode = Mode::kLax) {
    auto tpl = testing::compile(source, mode, extended_environment());
    return render(*tpl, json_data(data), options).value();
}

// ---- Drops ----

class VariantsDrop;

// A product whose variants are "loaded" on first access.
class ProductDrop final : public Drop {
public:
    ProductDrop(int id, int* loads) : id_(id), loads_(loads) {}
    Value get(std::string_view key, RenderContext&) override {
        if (key == "title") return Value::string("Product " + std::to_string(id_));
        if (key == "variants") {
            if (variants_.is_nil()) {
                ++*loads_;
                variants_ = Value::array({Value::string("S"), Value::string("M")});
            }
            return variants_;
        }
        return Value();
    }
    std::string_view type_name() const override { return "ProductDrop"; }

private:
    int id_;
    int* loads_;
    Value variants_;
};

// A collection backed by a "database": slices are loaded page by page.
class CollectionDrop final : public Drop {
public:
    CollectionDrop(int count, std::vector<std::pair<std::int64_t, std::int64_t>>* slices,
                   int* loads)
        : count_(count), slices_(slices), loads_(loads) {}
    Value get(std::string_view key, RenderContext&) override {
        if (key == "size") return Value::integer(count_);
        return Value();
    }
    bool iterable() const override { return true; }
    Value items(RenderContext& context) override { return slice(context, 0, count_); }
    Value slice(RenderContext&, std::int64_t from, std::int64_t count) override {
        slices_->emplace_back(from, count);
        std::vector<Value> page;
        for (std::int64_t i = from; i < count_ && i - from < count; ++i) {
            page.push_back(make_drop<ProductDrop>(static_cast<int>(i + 1), loads_));
        }
        return Value::array(std::move(page));
    }

private:
    int count_;
    std::vector<std::pair<std::int64_t, std::int64_t>>* slices_;
    int* loads_;
};

class CollectionsDrop final : public Drop {
public:
    CollectionsDrop(std::vector<std::pair<std::int64_t, std::int64_t>>* slices, int* loads)
        : slices_(slices), loads_(loads) {}
    Value get(std::string_view key, RenderContext&) override {
        if (key == "shirts") return make_drop<CollectionDrop>(5, slices_, loads_);
        return Value();
    }

private:
    std::vector<std::pair<std::int64_t, std::int64_t>>* slices_;
    int* loads_;
};

// Money compares and does arithmetic as its amount in cents, and prints formatted.
class MoneyDrop final : public Drop {
public:
    explicit MoneyDrop(std::int64_t cents) : cents_(cents) {}
    Value get(std::string_view key, RenderContext&) override {
        return key == "cents" ? Value::integer(cents_) : Value();
    }
    std::optional<Value> liquid_value(RenderContext&) override { return Value::integer(cents_); }
    void write_to(std::string& out, RenderContext&) override {
        out += "$" + std::to_string(cents_ / 100) + "." + std::to_string(cents_ % 100);
    }

private:
    std::int64_t cents_;
};

}  // namespace

TEST_CASE("custom filters get the render context and its host data") {
    Translations fr;
    fr.texts.emplace("greeting", "Bonjour");
    RenderOptions options;
    options.host = &fr;
    CHECK(run("{{ 'greeting' | t }} {{ 'other' | t }}", "{}", options) == "Bonjour other");
    CHECK(run("{{ 'greeting' | t }}") == "greeting");
}

TEST_CASE("a filter's append fast path prints what its value would") {
    CHECK(run("{{ 1999 | money }}|{% assign p = 1999 | money %}{{ p }}|{{ 5 | money | upcase }}") ==
          "$19.99|$19.99|$0.05");
}

TEST_CASE("a filter reports Liquid errors by throwing RenderError") {
    CHECK(run("{{ 0 | positive }}") == "Liquid error (line 1): must be positive");
    auto tpl = testing::compile("{{ 0 | positive }}", Mode::kStrict, extended_environment());
    RenderOptions strict;
    strict.mode = Mode::kStrict;
    auto out = render(*tpl, Value(), strict);
    REQUIRE_FALSE(out);
    CHECK(out.error().message == "must be positive");
}

TEST_CASE("custom simple tags parse their markup with Liquid's expression grammar") {
    CHECK(run("{% shout product.title %}", R"({"product":{"title":"tee"}})") == "TEE!");
    ParseOptions strict;
    strict.mode = Mode::kStrict;
    auto bad = Template::parse(extended_environment(), "{% shout a b %}", strict);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "Expected end_of_string but found id in \"a b\"");
}

TEST_CASE("custom block tags render their sections and can scope variables") {
    std::string_view source =
        "{% box title %}[{{ box_title }}]{% else %}none{% endbox %}{{ box_title }}";
    CHECK(run(source, R"({"title":"Hi"})") == "<div class=\"box\"><h2>Hi</h2>[Hi]</div>");
    CHECK(run(source, "{}") == "none");
    CHECK(run("{% box t %}x") == "Liquid syntax error (line 1): 'box' tag was never closed");
}

TEST_CASE("raw block tags keep their body unparsed and blank tags print nothing") {
    CHECK(run("{% if true %}\n  {% schema %}{\"a\": {{ nope }} }{% endschema %}\n{% endif %}") ==
          "");
}

TEST_CASE("per-render state belongs to one render") {
    CHECK(run("{% visits %}{% visits %}{% visits %}") == "123");
    CHECK(run("{% visits %}") == "1");
}

TEST_CASE("drops compute properties on access and cache what they load") {
    int loads = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> slices;
    ObjectBuilder data;
    data.set("product", make_drop<ProductDrop>(7, &loads));
    data.set("collections", make_drop<CollectionsDrop>(&slices, &loads));
    Value root = std::move(data).build();
    auto out = [&](std::string_view source) {
        return render(*testing::compile(source), root).value();
    };
    CHECK(out("{{ product.title }}") == "Product 7");
    CHECK(loads == 0);
    CHECK(out("{{ product.variants | join: ',' }} {{ product.variants.size }}") == "S,M 2");
    CHECK(loads == 1);
    CHECK(out("{{ product }}") == "ProductDrop");
}

TEST_CASE("iterable drops load only the page a loop asks for") {
    int loads = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> slices;
    ObjectBuilder data;
    data.set("collections", make_drop<CollectionsDrop>(&slices, &loads));
    Value root = std::move(data).build();
    auto out = [&](std::string_view source) {
        return render(*testing::compile(source), root).value();
    };
    CHECK(
        out("{% for p in collections['shirts'] limit: 2 offset: 1 %}{{ p.title }};{% endfor %}") ==
        "Product 2;Product 3;");
    REQUIRE(slices.size() == 1);
    CHECK(slices[0] == std::pair<std::int64_t, std::int64_t>(1, 2));
    CHECK(out("{{ collections.shirts.size }} {{ collections.shirts | size }} "
              "{{ collections.shirts | map: 'title' | last }}") == "5 5 Product 5");
    CHECK(out("{% for p in collections.none %}x{% else %}empty{% endfor %}") == "empty");
}

TEST_CASE("drops can stand for a primitive in comparisons and filters") {
    ObjectBuilder data;
    data.set("price", make_drop<MoneyDrop>(150));
    Value root = std::move(data).build();
    auto out = [&](std::string_view source) {
        return render(*testing::compile(source), root).value();
    };
    CHECK(out("{{ price }}") == "$1.50");
    CHECK(out("{% if price > 100 %}more{% endif %}{% if price == 150 %} equal{% endif %}") ==
          "more equal");
    CHECK(out("{{ price.cents | plus: 1 }}") == "151");
}
