// A document with every kind of block, Swedish letters and characters HTML must escape.
#pragma once
#include "doc/document.hpp"
#include "util/time.hpp"

namespace skydda::test_support {

inline doc::Document sample_document() {
    doc::Document d;
    d.kind = "imy-notification";
    d.language = "sv";
    d.title = "Anmälan av personuppgiftsincident";
    d.organisation = "Östra Göinge kommun";
    d.reference = "SKY-2026-0042";
    d.generated_at = *parse_rfc3339("2026-10-23T07:00:00Z", "t");
    d.sections.push_back({"Personuppgiftsansvarig",
                          {doc::Field{"controller.name", "1", "Organisationens namn", "Östra Göinge kommun", false},
                           doc::Field{"controller.org_number", "2", "Organisationsnummer", "", true},
                           doc::Paragraph{"Éléonore på ängen åt ärtsoppa.\n\nAndra stycket <b>&\"'"}}});
    d.sections.push_back({"Kategorier",
                          {doc::Table{{"Kategori", "Antal", "Kommentar"},
                                      {{"Personnummer", "1 200", "Fanns i bilagan"}, {"Hälsa", "3", ""}}},
                           doc::List{{"Första punkten", "Andra punkten"}}}});
    doc::collect_missing(d);
    return d;
}

} // namespace skydda::test_support
