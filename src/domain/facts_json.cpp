#include "domain/facts_json.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace skydda::domain {
namespace json = boost::json;

namespace {

void put_text(json::object& out, std::string_view key, const std::string& value) {
    if (value.empty()) out[key] = nullptr;
    else out[key] = value;
}
void put_time(json::object& out, std::string_view key, const std::optional<Instant>& value) {
    if (value) out[key] = format_stockholm(*value);
    else out[key] = nullptr;
}
void put_count(json::object& out, std::string_view key, const std::optional<int64_t>& value) {
    if (value) out[key] = *value;
    else out[key] = nullptr;
}
void put_bool(json::object& out, std::string_view key, const std::optional<bool>& value) {
    if (value) out[key] = *value;
    else out[key] = nullptr;
}
json::array to_array(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values) out.emplace_back(v);
    return out;
}

// Reads one object level, refusing keys nobody asked for.
class Reader {
public:
    Reader(const json::object& object, std::string prefix) : m_object(object), m_prefix(std::move(prefix)) {}

    std::string path(std::string_view key) const { return m_prefix + std::string(key); }

    Result<std::string> text(std::string_view key) {
        const json::value* value = take(key);
        if (!value || value->is_null()) return std::string();
        if (!value->is_string()) return fail(Error::invalid(path(key), "must be a string"));
        return std::string(value->get_string());
    }
    // A timestamp with its offset, or a date alone ("2026-12-01": its time of day unknown,
    // read as 00:00 Europe/Stockholm and said so in `date_only`).
    Result<std::optional<Instant>> time(std::string_view key, bool& date_only) {
        auto raw = TRY(text(key));
        date_only = false;
        if (raw.empty()) return std::optional<Instant>();
        if (raw.size() <= 10 && raw.find('T') == std::string::npos && raw.find('t') == std::string::npos) {
            auto day = parse_stockholm_date(raw, path(key));
            if (!day) return fail(Error::invalid(path(key), "must be an RFC 3339 timestamp such as "
                                                            "2026-10-23T09:00:00+02:00, or a date alone such as 2026-10-23"));
            date_only = true;
            return std::optional<Instant>(*day);
        }
        return std::optional<Instant>(TRY(parse_rfc3339(raw, path(key))));
    }
    Result<std::optional<int64_t>> count(std::string_view key) {
        const json::value* value = take(key);
        if (!value || value->is_null()) return std::optional<int64_t>();
        if (value->is_int64() && value->get_int64() >= 0) return std::optional<int64_t>(value->get_int64());
        if (value->is_uint64() && value->get_uint64() <= static_cast<uint64_t>(domain::k_count_max))
            return std::optional<int64_t>(static_cast<int64_t>(value->get_uint64()));
        return fail(Error::invalid(path(key), "must be a whole number >= 0"));
    }
    Result<std::optional<bool>> boolean(std::string_view key) {
        const json::value* value = take(key);
        if (!value || value->is_null()) return std::optional<bool>();
        if (!value->is_bool()) return fail(Error::invalid(path(key), "must be true, false or null"));
        return std::optional<bool>(value->get_bool());
    }
    Result<std::vector<std::string>> list(std::string_view key) {
        const json::value* value = take(key);
        std::vector<std::string> out;
        if (!value || value->is_null()) return out;
        if (!value->is_array()) return fail(Error::invalid(path(key), "must be an array of codes"));
        for (const auto& item : value->get_array()) {
            if (!item.is_string()) return fail(Error::invalid(path(key), "must be an array of codes"));
            out.emplace_back(item.get_string());
        }
        return out;
    }
    Result<std::optional<Reader>> object(std::string_view key) {
        const json::value* value = take(key);
        if (!value || value->is_null()) return std::optional<Reader>();
        if (!value->is_object()) return fail(Error::invalid(path(key), "must be an object"));
        return std::optional<Reader>(Reader(value->get_object(), path(key) + "."));
    }
    // Call last: any key not read is unknown.
    Status finish(std::initializer_list<std::string_view> ignore) const {
        for (const auto& [key, value] : m_object) {
            bool known = std::find(m_seen.begin(), m_seen.end(), std::string_view(key)) != m_seen.end() ||
                         std::find(ignore.begin(), ignore.end(), std::string_view(key)) != ignore.end();
            // A member named "" still gets a name the error can point at.
            if (!known)
                return fail(Error::invalid(path(key.empty() ? std::string_view("\"\"") : std::string_view(key)),
                                           "is not a known field"));
        }
        return {};
    }

private:
    const json::value* take(std::string_view key) {
        m_seen.emplace_back(key);
        return m_object.if_contains(key);
    }

    const json::object& m_object;
    std::string m_prefix;
    std::vector<std::string> m_seen;
};

} // namespace

json::object facts_to_json(const IncidentFacts& facts) {
    json::object out;
    out["title"] = facts.title;
    put_text(out, "description", facts.description);
    put_text(out, "what_happened", facts.what_happened);
    put_text(out, "cause", facts.cause);
    put_text(out, "cause_other", facts.cause_other);
    put_text(out, "discovered_by", facts.discovered_by);
    put_time(out, "occurred_at", facts.occurred_at);
    put_time(out, "discovered_at", facts.discovered_at);
    put_time(out, "aware_at", facts.aware_at);
    put_time(out, "ended_at", facts.ended_at);
    out["data"] = to_array(facts.data);
    json::object subjects;
    put_count(subjects, "count", facts.subjects_count);
    subjects["groups"] = to_array(facts.subject_groups);
    out["subjects"] = std::move(subjects);
    put_count(out, "records", facts.records);
    json::object effects;
    put_text(effects, "confidentiality", facts.effects.confidentiality);
    put_text(effects, "integrity", facts.effects.integrity);
    put_text(effects, "availability", facts.effects.availability);
    out["effects"] = std::move(effects);
    put_count(out, "recipients", facts.recipients);
    put_bool(out, "recipient_trusted", facts.recipient_trusted);
    put_text(out, "consequences", facts.consequences);
    put_text(out, "measures", facts.measures);
    put_bool(out, "processor_involved", facts.processor_involved);
    put_text(out, "processor_name", facts.processor_name);
    put_text(out, "unit", facts.unit_id);
    // Only when linked to the register, so the facts of every other case read as before.
    if (!facts.processing_activities.empty()) out["processing_activities"] = to_array(facts.processing_activities);
    // Only when some time is a date alone, so the facts of every other case read as before.
    if (!facts.time_unknown.empty()) out["time_unknown"] = to_array(facts.time_unknown);
    return out;
}

Result<IncidentFacts> facts_from_json(const json::object& object, std::initializer_list<std::string_view> ignore) {
    Reader reader(object, "");
    IncidentFacts facts;
    facts.title = TRY(reader.text("title"));
    facts.description = TRY(reader.text("description"));
    facts.what_happened = TRY(reader.text("what_happened"));
    facts.cause = TRY(reader.text("cause"));
    facts.cause_other = TRY(reader.text("cause_other"));
    facts.discovered_by = TRY(reader.text("discovered_by"));
    std::optional<Instant>* times[] = {&facts.occurred_at, &facts.discovered_at, &facts.aware_at, &facts.ended_at};
    std::vector<std::string_view> dates_alone;
    for (size_t i = 0; i < std::size(domain::k_fact_times); ++i) {
        bool date_only = false;
        auto value = TRY(reader.time(domain::k_fact_times[i], date_only));
        *times[i] = value;
        if (date_only) dates_alone.push_back(domain::k_fact_times[i]);
    }
    facts.time_unknown = TRY(reader.list("time_unknown"));
    for (auto field : dates_alone)
        if (!domain::time_unknown(facts, field)) facts.time_unknown.emplace_back(field);
    std::sort(facts.time_unknown.begin(), facts.time_unknown.end());
    facts.data = TRY(reader.list("data"));
    if (auto subjects = TRY(reader.object("subjects"))) {
        facts.subjects_count = TRY(subjects->count("count"));
        facts.subject_groups = TRY(subjects->list("groups"));
        TRY_STATUS(subjects->finish({}));
    }
    facts.records = TRY(reader.count("records"));
    if (auto effects = TRY(reader.object("effects"))) {
        facts.effects.confidentiality = TRY(effects->text("confidentiality"));
        facts.effects.integrity = TRY(effects->text("integrity"));
        facts.effects.availability = TRY(effects->text("availability"));
        TRY_STATUS(effects->finish({}));
    }
    facts.recipients = TRY(reader.count("recipients"));
    facts.recipient_trusted = TRY(reader.boolean("recipient_trusted"));
    facts.consequences = TRY(reader.text("consequences"));
    facts.measures = TRY(reader.text("measures"));
    facts.processor_involved = TRY(reader.boolean("processor_involved"));
    facts.processor_name = TRY(reader.text("processor_name"));
    facts.unit_id = TRY(reader.text("unit"));
    facts.processing_activities = TRY(reader.list("processing_activities"));
    TRY_STATUS(reader.finish(ignore));
    return facts;
}

json::object merge_patch(json::object base, const json::object& patch) {
    // A time the patch sets is no longer "time unknown" unless the patch says so: the new value
    // (a timestamp or a date alone) speaks for itself.
    if (!patch.contains("time_unknown")) {
        if (auto* listed = base.if_contains("time_unknown"); listed && listed->is_array()) {
            json::array kept;
            for (const auto& field : listed->get_array())
                if (!field.is_string() || !patch.contains(field.get_string())) kept.push_back(field);
            if (kept.empty()) base.erase("time_unknown");
            else *listed = std::move(kept);
        }
    }
    for (const auto& [key, value] : patch) {
        bool nested = (key == "subjects" || key == "effects") && value.is_object();
        if (nested && base.contains(key) && base.at(key).is_object()) {
            auto& target = base.at(key).get_object();
            for (const auto& [inner_key, inner_value] : value.get_object()) target[inner_key] = inner_value;
        } else {
            base[key] = value;
        }
    }
    return base;
}

} // namespace skydda::domain
