#include "domain/duties.hpp"

#include <algorithm>

namespace skydda::domain {
namespace {

using namespace std::chrono_literals;

CaseDuty make(Duty duty, Regime regime, std::optional<Instant> due, std::string basis) {
    CaseDuty d;
    d.duty = duty;
    d.regime = regime;
    d.due = due;
    d.basis = std::move(basis);
    return d;
}

void settle(CaseDuty& d, std::optional<Instant> done) {
    if (done) {
        d.state = DutyState::fulfilled;
        d.done_at = done;
    }
}

std::optional<Instant> people_informed_at(const DutyFacts& f) {
    if (f.recipients > 0 && f.recipients_informed >= f.recipients) return f.recipients_informed_at;
    return f.subjects_notified_at; // recorded as told by other means
}

std::optional<Instant> report(const std::vector<std::optional<Instant>>& reports, size_t phase) {
    return phase < reports.size() ? reports[phase] : std::nullopt;
}

} // namespace

std::string_view duty_state_name(DutyState state) {
    switch (state) {
    case DutyState::open: return "open";
    case DutyState::fulfilled: return "fulfilled";
    case DutyState::not_required: return "not_required";
    case DutyState::ended: return "ended";
    }
    return "open";
}

std::string_view urgency_name(Urgency urgency) {
    switch (urgency) {
    case Urgency::overdue: return "overdue";
    case Urgency::critical: return "critical";
    case Urgency::soon: return "soon";
    case Urgency::running: return "running";
    case Urgency::undue_delay: return "undue_delay";
    case Urgency::stopped: return "stopped";
    }
    return "stopped";
}

Urgency urgency_at(std::optional<Instant> due, Instant now) {
    if (!due) return Urgency::undue_delay;
    auto remaining = *due - now;
    if (remaining <= 0s) return Urgency::overdue;
    if (remaining < 12h) return Urgency::critical;
    if (remaining < 24h) return Urgency::soon;
    return Urgency::running;
}

bool decision_in_force(CaseStatus status) {
    return status == CaseStatus::decided || status == CaseStatus::notified || status == CaseStatus::closed;
}

const CaseDuty* CaseDuties::find(Duty duty) const {
    for (const auto& d : items)
        if (d.duty == duty) return &d;
    return nullptr;
}

CaseDuties case_duties(const DutyFacts& f, Instant now) {
    CaseDuties out;
    out.aware = f.aware;
    out.updated_at = f.updated_at;
    out.now = now;
    const auto aware = f.aware.at;
    const bool breach = f.status != CaseStatus::not_a_breach;
    const auto decision = decision_in_force(f.status) ? f.decision : std::nullopt;

    if (f.processor) {
        auto d = make(Duty::notify_controller, Regime::gdpr, processor_notice_due(aware, f.controller_notice_hours),
                      f.controller_notice_hours ? "GDPR art. 33(2); contract" : "GDPR art. 33(2); target 24 h");
        d.decided = decision.has_value();
        if (f.controller_notices > 0 && f.controller_notices_sent >= f.controller_notices)
            settle(d, f.controller_notified_at);
        else if (f.controller_notices == 0)
            settle(d, f.controller_recorded_at);
        out.items.push_back(std::move(d));
    } else {
        auto d = make(Duty::notify_authority, Regime::gdpr, aware + k_authority_period, "GDPR art. 33(1)");
        settle(d, f.authority_notified_at);
        if (d.state == DutyState::open && decision) {
            if (decision->notify_authority) d.decided = true;
            else d.state = DutyState::not_required;
        }
        out.items.push_back(std::move(d));
    }
    // Every promised supplement is owed to IMY until a later phase is recorded, also after the
    // case is closed.
    for (const auto& s : f.supplements) {
        auto d = make(Duty::supplement_authority, Regime::gdpr, s.due, "GDPR art. 33(4); IMY practice: 4 weeks");
        d.phase = s.phase;
        d.decided = true;
        if (s.later_phase_recorded) {
            d.state = DutyState::fulfilled;
            d.done_at = s.recorded_at;
        }
        out.items.push_back(std::move(d));
    }
    if (!f.processor && decision && decision->notify_subjects) {
        const bool public_needed = f.exemption_ground == "disproportionate_effort";
        auto d = make(Duty::notify_subjects, Regime::gdpr, std::nullopt, "GDPR art. 34(1): without undue delay");
        d.decided = true;
        if (f.exemption_at) { // art. 34(3): not required; under (c) a public communication instead
            d.state = DutyState::not_required;
            d.done_at = f.exemption_at;
        } else {
            settle(d, people_informed_at(f));
        }
        out.items.push_back(std::move(d));
        if (public_needed) {
            auto p = make(Duty::public_communication, Regime::gdpr, std::nullopt,
                          "GDPR art. 34(3)(c): without undue delay");
            p.decided = true;
            settle(p, f.public_communication_at ? f.public_communication_at : f.public_notified_at);
            out.items.push_back(std::move(p));
        }
    }
    if (f.nis2) {
        // The final report runs one month from the incident notification as sent.
        const auto n = nis2_deadlines(aware, report(f.nis2_reports, 1));
        const std::pair<Duty, Instant> steps[] = {{Duty::nis2_early_warning, n.early_warning},
                                                  {Duty::nis2_notification, n.notification},
                                                  {Duty::nis2_final_report, n.final_report}};
        const char* bases[] = {"NIS2 art. 23(4)(a); SFS 2025:1506", "NIS2 art. 23(4)(b); SFS 2025:1506",
                               "NIS2 art. 23(4)(d): one month after the notification"};
        for (size_t i = 0; i < 3; ++i) {
            auto d = make(steps[i].first, Regime::nis2, steps[i].second, bases[i]);
            d.phase = static_cast<int64_t>(i);
            d.decided = true; // the assessment's answers put the case under NIS2
            settle(d, report(f.nis2_reports, i));
            out.items.push_back(std::move(d));
        }
    }
    if (f.dora) {
        const auto r = dora_deadlines(aware, f.dora_classified_at);
        const std::pair<Duty, Instant> steps[] = {
            {Duty::dora_initial, r.initial}, {Duty::dora_intermediate, r.intermediate}, {Duty::dora_final, r.final_report}};
        const char* bases[] = {"Reg. (EU) 2025/301 art. 5(1)(a)",
                               "Reg. (EU) 2025/301 art. 5(1)(b), counted from the initial report's latest time",
                               "Reg. (EU) 2025/301 art. 5(1)(c)"};
        for (size_t i = 0; i < 3; ++i) {
            auto d = make(steps[i].first, Regime::dora, steps[i].second, bases[i]);
            d.phase = static_cast<int64_t>(i);
            d.decided = true;
            settle(d, report(f.dora_reports, i));
            out.items.push_back(std::move(d));
        }
    }
    for (auto& d : out.items) {
        if (d.state != DutyState::open) continue;
        if (!breach) {
            d.state = DutyState::not_required;
            continue;
        }
        // Closing ends what nothing requires any more; a duty the decision requires, or a
        // promised supplement, stays open after closing.
        if (f.status == CaseStatus::closed && !d.decided) {
            d.state = DutyState::ended;
            continue;
        }
        d.urgency = urgency_at(d.due, now);
        if (d.due) d.remaining = std::chrono::duration_cast<std::chrono::seconds>(*d.due - now);
    }
    for (size_t i = 0; i < out.items.size(); ++i) {
        const auto& d = out.items[i];
        if (d.state != DutyState::open) continue;
        if (!out.next) {
            out.next = i;
            continue;
        }
        const auto& best = out.items[*out.next];
        bool earlier = d.due && (!best.due || *d.due < *best.due || (*d.due == *best.due && d.decided && !best.decided));
        if (earlier) out.next = i;
    }
    return out;
}

bool more_urgent(const CaseDuties& a, const CaseDuties& b) {
    const auto* x = a.most_urgent();
    const auto* y = b.most_urgent();
    if (!x || !y) {
        if (x || y) return x != nullptr;
        return a.updated_at > b.updated_at;
    }
    if (x->due.has_value() != y->due.has_value()) return x->due.has_value();
    if (x->due && *x->due != *y->due) return *x->due < *y->due;
    if (x->decided != y->decided) return x->decided;
    return a.updated_at > b.updated_at;
}

} // namespace skydda::domain
