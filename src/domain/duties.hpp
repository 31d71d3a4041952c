// The duties of a case, computed in one place from what is true now: the current facts (above
// all kännedom), the latest decision and what has been recorded (notifications to IMY and their
// supplements, the people informed or an exemption, the notices to the controllers). Every
// page, the API, the lists, the reminders and the documents show these; a stored assessment
// keeps its own snapshot of deadlines for the history only.
//
// A duty runs until it is fulfilled (a notification recorded, the people informed, an
// exemption recorded) or the current decision says it does not apply. Deciding to notify does
// not stop a clock: "decided, not yet notified" is the most urgent state a case can be in.
// Hour periods are calendar hours on UTC instants, printed in Europe/Stockholm time. Pure: no
// clock reads.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/deadlines.hpp"
#include "domain/incident.hpp"

namespace skydda::domain {

inline constexpr std::chrono::hours k_authority_period{72};

// --- what has been recorded ------------------------------------------------------------------

struct PromisedSupplement {
    int64_t phase = 0;  // the notification phase that promised it (0: the first notification)
    Instant due{};
    bool later_phase_recorded = false;
    std::optional<Instant> recorded_at; // when the later phase was recorded
};

struct DecisionFacts {
    bool notify_authority = false;
    bool notify_subjects = false;
    Instant decided_at{};
    std::string risk; // "unlikely", "risk" or "high" (domain::assessment::risk_name)
};

struct DutyFacts {
    std::string incident_id;
    CaseStatus status = CaseStatus::reported;
    Awareness aware;
    Instant updated_at{};
    // From the latest assessment's input: the organisation acts as a processor in this case
    // (it tells the controllers instead of IMY), within the contract's hours when given.
    bool processor = false;
    std::optional<int> controller_notice_hours;
    bool nis2 = false;                       // an essential/important entity, significant incident
    bool dora = false;                       // a financial entity, major ICT incident
    std::optional<Instant> dora_classified_at;
    std::optional<DecisionFacts> decision;   // the latest decision
    std::optional<Instant> authority_notified_at; // the notification to IMY (phase 0) as submitted
    std::vector<PromisedSupplement> supplements;
    // The people: every imported recipient informed (at the last of them), or an exemption.
    int64_t recipients = 0, recipients_informed = 0;
    std::optional<Instant> recipients_informed_at;
    std::string exemption_ground;            // encrypted | mitigated | disproportionate_effort
    std::optional<Instant> exemption_at;
    std::optional<Instant> public_communication_at; // the art. 34(3)(c) communication published
    // Other recorded notifications (NotificationRecord by recipient): the people or the public
    // told by other means, the controller told outside the notices, and the NIS2 and DORA
    // reports by phase (0, 1, 2), each with its submission time.
    std::optional<Instant> subjects_notified_at, public_notified_at, controller_recorded_at;
    std::vector<std::optional<Instant>> nis2_reports, dora_reports;
    // The controllers (processor): notices chosen and how many of them sent.
    int64_t controller_notices = 0, controller_notices_sent = 0;
    std::optional<Instant> controller_notified_at; // the last notice sent
};

// --- the duties ------------------------------------------------------------------------------

enum class DutyState {
    open,         // still to do
    fulfilled,    // done: see done_at
    not_required, // the current decision (or "not a personal data breach") says it does not apply
    ended,        // the case was closed before it was done and nothing requires it
};
std::string_view duty_state_name(DutyState state);

enum class Urgency { overdue, critical, soon, running, undue_delay, stopped };
// overdue: past the deadline; critical: under 12 h left; soon: under 24 h; running: more;
// undue_delay: an open duty with no fixed instant ("without undue delay");
// stopped: no open duty drives the work.
std::string_view urgency_name(Urgency urgency);
Urgency urgency_at(std::optional<Instant> due, Instant now);

struct CaseDuty {
    Duty duty = Duty::notify_authority;
    Regime regime = Regime::gdpr;
    int64_t phase = 0;             // supplement_authority: the phase that promised it
    std::optional<Instant> due;    // nullopt: "without undue delay"
    std::string basis;             // "GDPR art. 33(1)"
    DutyState state = DutyState::open;
    std::optional<Instant> done_at;
    bool decided = false;          // the current decision requires it (open and decided: do it now)
    Urgency urgency = Urgency::stopped;
    std::chrono::seconds remaining{0}; // to `due`, negative when overdue; 0 without a due time
};

struct CaseDuties {
    Awareness aware;
    std::vector<CaseDuty> items;
    // The most urgent open duty (the earliest due time; a decided one first on a tie;
    // then those without a fixed time), or nullopt when none is open.
    std::optional<size_t> next;
    const CaseDuty* most_urgent() const { return next ? &items[*next] : nullptr; }
    const CaseDuty* find(Duty duty) const;
    Urgency urgency() const { return next ? items[*next].urgency : Urgency::stopped; }
    Instant updated_at{};
    Instant now{}; // the instant they were computed at
};

// A decision made before the case went back to assessment (reopened, or sent back from
// decided) no longer settles anything: the new facts need a new one.
bool decision_in_force(CaseStatus status);

CaseDuties case_duties(const DutyFacts& facts, Instant now);

// Sorting for lists: cases with an open duty by its due time (a decided one first on a tie),
// then open duties without a fixed time, then the rest by recency.
bool more_urgent(const CaseDuties& a, const CaseDuties& b);

} // namespace skydda::domain
