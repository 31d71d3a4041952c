// JSON form of a document: what the API returns and what is stored frozen when a document is
// sent, so that it can be rendered again later with exactly the same content.
#include <boost/json.hpp>

#include "doc/document.hpp"
#include "util/time.hpp"

namespace skydda::doc {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& item : items) out.emplace_back(item);
    return out;
}

struct BlockToJson {
    json::object operator()(const Field& f) const {
        return {{"type", "field"}, {"key", f.key},     {"number", f.number},
                {"label", f.label}, {"value", f.value}, {"missing", f.missing}};
    }
    json::object operator()(const Paragraph& p) const { return {{"type", "paragraph"}, {"text", p.text}}; }
    json::object operator()(const Table& t) const {
        json::array rows;
        for (const auto& row : t.rows) rows.emplace_back(strings(row));
        return {{"type", "table"}, {"headers", strings(t.headers)}, {"rows", std::move(rows)}};
    }
    json::object operator()(const List& l) const { return {{"type", "list"}, {"items", strings(l.items)}}; }
};

// Reading: every member is checked; a malformed document is refused naming the member.
Error bad(std::string_view member) { return Error::invalid(std::string(member), "missing or of the wrong type"); }

Result<std::string> get_string(const json::object& object, std::string_view member) {
    const auto* value = object.if_contains(member);
    if (!value || !value->is_string()) return fail(bad(member));
    return std::string(value->get_string());
}

Result<std::vector<std::string>> get_strings(const json::value* value, std::string_view member) {
    if (!value || !value->is_array()) return fail(bad(member));
    std::vector<std::string> out;
    for (const auto& item : value->get_array()) {
        if (!item.is_string()) return fail(bad(member));
        out.emplace_back(item.get_string());
    }
    return out;
}

Result<Block> parse_block(const json::value& value) {
    if (!value.is_object()) return fail(bad("blocks"));
    const auto& object = value.get_object();
    auto type = TRY(get_string(object, "type"));
    if (type == "field") {
        // Each TRY on its own line: GCC leaks the members already built when a statement
        // expression returns from inside a braced initializer (found by fuzz_document_json).
        Field field;
        field.key = TRY(get_string(object, "key"));
        field.number = TRY(get_string(object, "number"));
        field.label = TRY(get_string(object, "label"));
        field.value = TRY(get_string(object, "value"));
        const auto* missing = object.if_contains("missing");
        if (!missing || !missing->is_bool()) return fail(bad("missing"));
        field.missing = missing->get_bool();
        return field;
    }
    if (type == "paragraph") return Paragraph{TRY(get_string(object, "text"))};
    if (type == "list") return List{TRY(get_strings(object.if_contains("items"), "items"))};
    if (type == "table") {
        Table table{TRY(get_strings(object.if_contains("headers"), "headers")), {}};
        const auto* rows = object.if_contains("rows");
        if (!rows || !rows->is_array()) return fail(bad("rows"));
        for (const auto& row : rows->get_array()) table.rows.push_back(TRY(get_strings(&row, "rows")));
        return table;
    }
    return fail(Error::invalid("type", "unknown block type"));
}

Result<Section> parse_section(const json::value& value) {
    if (!value.is_object()) return fail(bad("sections"));
    const auto& object = value.get_object();
    Section section{TRY(get_string(object, "heading")), {}};
    const auto* blocks = object.if_contains("blocks");
    if (!blocks || !blocks->is_array()) return fail(bad("blocks"));
    for (const auto& block : blocks->get_array()) section.blocks.push_back(TRY(parse_block(block)));
    return section;
}

Result<Document> parse_document(const json::object& object) {
    Document document;
    document.kind = TRY(get_string(object, "kind"));
    document.language = TRY(get_string(object, "language"));
    document.title = TRY(get_string(object, "title"));
    document.organisation = TRY(get_string(object, "organisation"));
    document.reference = TRY(get_string(object, "reference"));
    document.generated_at = TRY(parse_rfc3339(TRY(get_string(object, "generated_at")), "generated_at"));
    document.addressee = TRY(get_strings(object.if_contains("addressee"), "addressee"));
    const auto* sections = object.if_contains("sections");
    if (!sections || !sections->is_array()) return fail(bad("sections"));
    for (const auto& section : sections->get_array()) document.sections.push_back(TRY(parse_section(section)));
    const auto* missing = object.if_contains("missing");
    if (!missing || !missing->is_array()) return fail(bad("missing"));
    for (const auto& item : missing->get_array()) {
        if (!item.is_object()) return fail(bad("missing"));
        auto key = TRY(get_string(item.get_object(), "key"));
        auto label = TRY(get_string(item.get_object(), "label"));
        document.missing.push_back({std::move(key), std::move(label)});
    }
    return document;
}

} // namespace

std::string render_json(const Document& document) {
    json::array sections;
    for (const auto& section : document.sections) {
        json::array blocks;
        for (const auto& block : section.blocks) blocks.emplace_back(std::visit(BlockToJson{}, block));
        sections.emplace_back(json::object{{"heading", section.heading}, {"blocks", std::move(blocks)}});
    }
    json::array missing;
    for (const auto& item : document.missing) missing.emplace_back(json::object{{"key", item.key}, {"label", item.label}});
    json::object out{{"kind", document.kind},
                     {"language", document.language},
                     {"title", document.title},
                     {"organisation", document.organisation},
                     {"reference", document.reference},
                     {"generated_at", format_utc(document.generated_at)},
                     {"addressee", strings(document.addressee)},
                     {"sections", std::move(sections)},
                     {"missing", std::move(missing)},
                     {"complete", document.complete()}};
    return json::serialize(out);
}

Result<Document> parse_json(std::string_view text) {
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return fail(Error::invalid("document", "not a JSON object"));
    return parse_document(value.get_object());
}

} // namespace skydda::doc
