// The processor's customer register: the controllers it processes personal data for, with
// where a breach notice goes and how many hours the agreement gives. Changes need
// Action::manage_templates (dpo, admin); every change is audited in its own transaction.
#include <boost/json.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/processor/processor.hpp"
#include "scan/validators.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using storage::Connection;
using storage::CustomerRecord;
using storage::TxMode;

namespace {

Status require(const Actor& actor, std::string_view org_id, domain::Action action) {
    if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
    if (!actor.allows(org_id, action)) return fail(Error::denied());
    return {};
}

Status require_read(const Actor& actor, std::string_view org_id) {
    if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
    if (!actor.allows(org_id, domain::Action::manage_templates) && !actor.allows(org_id, domain::Action::read_all_cases))
        return fail(Error::denied());
    return {};
}

std::string customer_audit_json(const CustomerRecord& c) {
    boost::json::object out{{"name", c.name},
                            {"orgnr", c.orgnr},
                            {"emails", static_cast<int64_t>(c.emails.size())},
                            {"active", c.active}};
    if (c.notice_hours) out["notice_hours"] = *c.notice_hours;
    return boost::json::serialize(out);
}

CustomerInput normalised(CustomerInput input) {
    input.name = std::string(text::trim(input.name));
    input.orgnr = std::string(text::trim(input.orgnr));
    input.contact_name = std::string(text::trim(input.contact_name));
    input.agreement_reference = std::string(text::trim(input.agreement_reference));
    std::vector<std::string> emails;
    for (const auto& email : input.emails) {
        auto clean = text::lower_ascii(text::trim(email));
        if (!clean.empty() && std::find(emails.begin(), emails.end(), clean) == emails.end()) emails.push_back(clean);
    }
    input.emails = std::move(emails);
    return input;
}

Status check_short(std::string_view field, std::string_view value, size_t max) {
    if (value.find('\n') != std::string_view::npos)
        return fail(Error::invalid(std::string(field), fmt::format("must be one line of at most {} characters", max)));
    return text::check_free_text(field, value, max);
}

CustomerRecord record_from(const CustomerInput& input, CustomerRecord record) {
    record.name = input.name;
    record.orgnr = input.orgnr;
    record.emails = input.emails;
    record.contact_name = input.contact_name;
    record.notice_hours = input.notice_hours;
    record.agreement_reference = input.agreement_reference;
    record.language = input.language;
    return record;
}

Result<CustomerRecord> load_customer(Connection& db, std::string_view org_id, std::string_view customer_id) {
    auto customer = TRY(storage::find_customer(db, customer_id));
    if (!customer || customer->org_id != org_id) return fail(Error::not_found("no such customer"));
    return std::move(*customer);
}

Status check_orgnr_free(Connection& db, std::string_view org_id, std::string_view orgnr, std::string_view self_id) {
    auto existing = TRY(storage::find_customer_by_orgnr(db, org_id, orgnr));
    if (existing && existing->id != self_id)
        return fail(Error{ErrorCode::conflict, "a customer with that organisation number is registered", "orgnr"});
    return {};
}

} // namespace

Status check_customer(const CustomerInput& raw) {
    auto input = normalised(raw);
    if (input.name.empty()) return fail(Error::invalid("name", "is required"));
    TRY_STATUS(check_short("name", input.name, 200));
    // As people write it on forms (NNNNNN-NNNN), checked by the scanner's rule (third digit
    // at least 2, Luhn).
    if (input.orgnr.size() != 11 || input.orgnr[6] != '-' || !scan::parse_organisation_number(input.orgnr))
        return fail(Error::invalid("orgnr", "must be an organisation number NNNNNN-NNNN with a correct check digit"));
    if (input.emails.empty()) return fail(Error::invalid("emails", "at least one e-mail address is required"));
    if (input.emails.size() > k_customer_emails_max)
        return fail(Error::invalid("emails", fmt::format("at most {} addresses", k_customer_emails_max)));
    for (const auto& email : input.emails)
        if (!text::looks_like_email(email)) return fail(Error::invalid("emails", "must be e-mail addresses"));
    if (input.notice_hours && (*input.notice_hours < 1 || *input.notice_hours > k_notice_hours_max))
        return fail(Error::invalid("notice_hours", fmt::format("must be a whole number of hours, 1 to {}", k_notice_hours_max)));
    TRY_STATUS(check_short("contact_name", input.contact_name, 200));
    TRY_STATUS(check_short("agreement_reference", input.agreement_reference, 200));
    if (input.language != "sv" && input.language != "en") return fail(Error::invalid("language", "must be \"sv\" or \"en\""));
    return {};
}

Result<CustomerRecord> add_customer(App& app, const Actor& actor, std::string_view org_id, const CustomerInput& raw) {
    TRY_STATUS(require(actor, org_id, domain::Action::manage_templates));
    TRY_STATUS(check_customer(raw));
    auto input = normalised(raw);
    return storage::transact_value<CustomerRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<CustomerRecord> {
        TRY_STATUS(check_orgnr_free(db, org_id, input.orgnr, ""));
        CustomerRecord record;
        record.id = crypto::new_id();
        record.org_id = std::string(org_id);
        record.created_at = record.updated_at = app.clock().now();
        record = record_from(input, std::move(record));
        TRY_STATUS(storage::insert_customer(db, record));
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"customer.add", "processor_customer", record.id, record.org_id, "",
                                 customer_audit_json(record)}));
        return record;
    });
}

Result<CustomerRecord> update_customer(App& app, const Actor& actor, std::string_view org_id,
                                       std::string_view customer_id, const CustomerInput& raw) {
    TRY_STATUS(require(actor, org_id, domain::Action::manage_templates));
    TRY_STATUS(check_customer(raw));
    auto input = normalised(raw);
    return storage::transact_value<CustomerRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<CustomerRecord> {
        auto before = TRY(load_customer(db, org_id, customer_id));
        TRY_STATUS(check_orgnr_free(db, org_id, input.orgnr, before.id));
        auto after = record_from(input, before);
        after.updated_at = app.clock().now();
        TRY_STATUS(storage::update_customer(db, after));
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"customer.update", "processor_customer", after.id, after.org_id,
                                 customer_audit_json(before), customer_audit_json(after)}));
        return after;
    });
}

Result<CustomerRecord> set_customer_active(App& app, const Actor& actor, std::string_view org_id,
                                           std::string_view customer_id, bool active) {
    TRY_STATUS(require(actor, org_id, domain::Action::manage_templates));
    return storage::transact_value<CustomerRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<CustomerRecord> {
        auto before = TRY(load_customer(db, org_id, customer_id));
        if (before.active == active) return before;
        auto after = before;
        after.active = active;
        after.updated_at = app.clock().now();
        TRY_STATUS(storage::update_customer(db, after));
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {active ? "customer.activate" : "customer.deactivate", "processor_customer", after.id,
                                 after.org_id, customer_audit_json(before), customer_audit_json(after)}));
        return after;
    });
}

Result<std::vector<CustomerRecord>> list_customers(App& app, const Actor& actor, std::string_view org_id,
                                                   bool include_inactive) {
    TRY_STATUS(require_read(actor, org_id));
    auto customers = TRY(storage::transact_value<std::vector<CustomerRecord>>(app.database(), TxMode::read, [&](Connection& db) {
        return storage::list_customers(db, org_id, include_inactive);
    }));
    // The register names the customers' contact people and their addresses.
    app.record_read(&actor, {std::string(org_id), "customers.read", "organisation", std::string(org_id),
                             read_count("customers", customers.size())});
    return customers;
}

Result<bool> is_processor(App& app, const Actor& actor, std::string_view org_id) {
    TRY_STATUS(require_read(actor, org_id));
    auto customers = TRY(storage::transact_value<std::vector<CustomerRecord>>(app.database(), TxMode::read, [&](Connection& db) {
        return storage::list_customers(db, org_id, false);
    }));
    return !customers.empty();
}

Result<CustomerRecord> get_customer(App& app, const Actor& actor, std::string_view org_id, std::string_view customer_id) {
    TRY_STATUS(require_read(actor, org_id));
    auto customer = TRY(storage::transact_value<CustomerRecord>(app.database(), TxMode::read,
                                                   [&](Connection& db) { return load_customer(db, org_id, customer_id); }));
    app.record_read(&actor, {std::string(org_id), "customer.read", "organisation", std::string(org_id),
                             read_ids("customers", {customer.id})});
    return customer;
}

Result<ImportResult> import_customers(App& app, const Actor& actor, std::string_view org_id, std::string_view csv) {
    TRY_STATUS(require(actor, org_id, domain::Action::manage_templates));
    auto parsed = parse_customer_csv(csv);
    ImportResult result;
    if (parsed.errors.empty() && parsed.rows.empty())
        parsed.errors.push_back({0, "csv", "the file has no customers"});
    if (!parsed.errors.empty()) {
        result.errors = std::move(parsed.errors);
        return result;
    }
    auto now = app.clock().now();
    TRY_STATUS(app.database().transact(TxMode::write, [&](Connection& db) -> Status {
        result = {};
        for (const auto& [line, raw] : parsed.rows) {
            auto input = normalised(raw);
            auto existing = TRY(storage::find_customer_by_orgnr(db, org_id, input.orgnr));
            if (existing) {
                // The file speaks for name, addresses and hours; contact and agreement stay.
                auto after = *existing;
                after.name = input.name;
                after.emails = input.emails;
                after.notice_hours = input.notice_hours;
                after.active = true;
                after.updated_at = now;
                TRY_STATUS(storage::update_customer(db, after));
                ++result.updated;
                continue;
            }
            CustomerRecord record;
            record.id = crypto::new_id();
            record.org_id = std::string(org_id);
            record.created_at = record.updated_at = now;
            TRY_STATUS(storage::insert_customer(db, record_from(input, std::move(record))));
            ++result.added;
        }
        boost::json::object after{{"added", result.added}, {"updated", result.updated}};
        return audit_change(db, app.clock(), &actor,
                            {"customer.import", "organisation", std::string(org_id), std::string(org_id), "",
                             boost::json::serialize(after)});
    }));
    return result;
}

} // namespace skydda::app
