// A notice after it is given: marked as sent another way, acknowledged by the customer, the
// figures it reported, and the customer's questions and their answers. Each change needs
// Action::notify and is one transaction with its audit entry. The selection and sending are in
// processor_notices.cpp.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/outgoing_check.hpp"
#include "app/processor/processor.hpp"
#include "storage/cases/duty_repository.hpp"
#include "storage/assessment/assessment_repository.hpp"
#include "storage/notify/notification_repository.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

#include "app/processor/processor_internal.hpp"

namespace skydda::app {
using storage::Connection;
using storage::CustomerRecord;
using storage::NoticeRecord;
using storage::TxMode;

using namespace notice_parts;
namespace json = boost::json;

Result<NoticeRecord> mark_notice_sent(App& app, const Actor& actor, std::string_view incident_id,
                                      std::string_view notice_id, std::string_view via, Instant at) {
    if (via != "phone" && via != "portal" && via != "other")
        return fail(Error::invalid("via", "must be phone, portal or other"));
    TRY_STATUS(check_past("sent_at", at, app.clock().now()));
    return storage::transact_value<NoticeRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<NoticeRecord> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        auto notice = TRY(notice_of_case(db, incident, notice_id));
        if (notice.sent_at) return fail(Error::conflict("the notice is already recorded as sent"));
        auto organisation = TRY(organisation_of(db, incident.org_id));
        auto customer = TRY(storage::find_customer(db, notice.customer_id));
        if (!customer) return fail(Error::internal("the notice's customer is missing"));
        auto now = app.clock().now();
        auto document = TRY(notice_document(db, incident, organisation, *customer, now));
        notice.status = "sent";
        notice.sent_at = at;
        notice.sent_by = actor.user_id;
        notice.sent_via = std::string(via);
        TRY_STATUS(storage::update_notice(db, notice));
        TRY_STATUS(record_notification(db, incident, notice, actor, doc::render_json(document), now));
        TRY_STATUS(audit(db, app, actor, incident, "processor_notice.mark_sent", notice.id,
                         {{"via", notice.sent_via}, {"sent_at", format_utc(at)}, {"customer_id", notice.customer_id}}));
        return notice;
    });
}

Result<NoticeRecord> acknowledge_notice(App& app, const Actor& actor, std::string_view incident_id,
                                        std::string_view notice_id, Instant at, std::string_view by_name) {
    auto name = std::string(text::trim(by_name));
    TRY_STATUS(check_text_field("acknowledged_by", name, 200, true));
    TRY_STATUS(check_past("acknowledged_at", at, app.clock().now()));
    return storage::transact_value<NoticeRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<NoticeRecord> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        auto notice = TRY(notice_of_case(db, incident, notice_id));
        if (!notice.sent_at) return fail(Error::conflict("record that the notice was sent before its acknowledgement"));
        if (at < *notice.sent_at) return fail(Error::invalid("acknowledged_at", "cannot be before the notice was sent"));
        notice.status = "acknowledged";
        notice.acknowledged_at = at;
        notice.acknowledged_by_name = name;
        notice.acknowledged_recorded_by = actor.user_id;
        TRY_STATUS(storage::update_notice(db, notice));
        TRY_STATUS(audit(db, app, actor, incident, "processor_notice.acknowledge", notice.id,
                         {{"acknowledged_at", format_utc(at)}, {"customer_id", notice.customer_id}}));
        return notice;
    });
}

Result<NoticeRecord> set_notice_figures(App& app, const Actor& actor, std::string_view incident_id,
                                        std::string_view notice_id, std::optional<int64_t> subjects_count,
                                        std::optional<int64_t> records) {
    for (auto [field, value] : {std::pair{"subjects_count", subjects_count}, {"records", records}})
        if (value && (*value < 0 || *value > domain::k_count_max))
            return fail(Error::invalid(field, "must be a whole number >= 0, or unknown"));
    return storage::transact_value<NoticeRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<NoticeRecord> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        auto notice = TRY(notice_of_case(db, incident, notice_id));
        if (notice.sent_at) return fail(Error::conflict("the notice is sent; its figures are as sent"));
        notice.subjects_count = subjects_count;
        notice.records = records;
        TRY_STATUS(storage::update_notice(db, notice));
        json::object after{{"subjects_count", subjects_count ? json::value(*subjects_count) : json::value(nullptr)},
                           {"records", records ? json::value(*records) : json::value(nullptr)}};
        TRY_STATUS(audit(db, app, actor, incident, "processor_notice.figures", notice.id, std::move(after)));
        return notice;
    });
}

Result<storage::NoticeQuestionRecord> add_notice_question(App& app, const Actor& actor, std::string_view incident_id,
                                                          std::string_view notice_id, const NoticeQuestionInput& input) {
    TRY_STATUS(check_text_field("question", input.question, k_question_max, true));
    TRY_STATUS(check_text_field("answer", input.answer, k_question_max, false));
    TRY_STATUS(check_past("asked_at", input.asked_at, app.clock().now()));
    return storage::transact_value<storage::NoticeQuestionRecord>(
        app.database(), TxMode::write, [&](Connection& db) -> Result<storage::NoticeQuestionRecord> {
            auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
            auto notice = TRY(notice_of_case(db, incident, notice_id));
            auto now = app.clock().now();
            storage::NoticeQuestionRecord question{crypto::new_id(), notice.id, input.asked_at,
                                                   std::string(text::trim(input.question)),
                                                   std::string(text::trim(input.answer)), std::nullopt, actor.user_id, now};
            if (!question.answer.empty()) question.answered_at = now;
            TRY_STATUS(storage::insert_notice_question(db, question));
            TRY_STATUS(audit(db, app, actor, incident, "processor_notice.question", notice.id,
                             {{"question_id", question.id}, {"answered", !question.answer.empty()}}));
            return question;
        });
}

Result<storage::NoticeQuestionRecord> answer_notice_question(App& app, const Actor& actor, std::string_view incident_id,
                                                             std::string_view question_id, std::string_view answer) {
    auto text_answer = std::string(text::trim(answer));
    TRY_STATUS(check_text_field("answer", text_answer, k_question_max, true));
    return storage::transact_value<storage::NoticeQuestionRecord>(
        app.database(), TxMode::write, [&](Connection& db) -> Result<storage::NoticeQuestionRecord> {
            auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
            auto question = TRY(storage::find_notice_question(db, question_id));
            if (!question) return fail(not_in_case());
            TRY(notice_of_case(db, incident, question->notice_id));
            if (!question->answer.empty()) return fail(Error::conflict("the question is already answered"));
            auto now = app.clock().now();
            TRY_STATUS(storage::answer_notice_question(db, question->id, text_answer, now));
            question->answer = text_answer;
            question->answered_at = now;
            TRY_STATUS(audit(db, app, actor, incident, "processor_notice.answer", question->notice_id,
                             {{"question_id", question->id}}));
            return std::move(*question);
        });
}

} // namespace skydda::app
