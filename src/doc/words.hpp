// The few words the renderers print themselves, in the document's language (sv or en).
#pragma once
#include <string_view>

namespace skydda::doc {

struct Words {
    std::string_view missing;        // in place of a missing field's value
    std::string_view missing_title;  // heading of the notice listing missing items
    std::string_view missing_intro;
    std::string_view page_of;        // fmt pattern: page number, page count
    std::string_view reference;      // label before the case number
    std::string_view generated;      // label before the generation time
};

const Words& words_for(std::string_view language);

} // namespace skydda::doc
