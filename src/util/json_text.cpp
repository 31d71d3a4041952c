#include "util/json_text.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace skydda {
namespace {

void write(std::string& out, const boost::json::value& value) {
    switch (value.kind()) {
    case boost::json::kind::object: {
        out += '{';
        bool first = true;
        for (const auto& [key, item] : value.get_object()) {
            if (!first) out += ',';
            first = false;
            out += boost::json::serialize(boost::json::string(key));
            out += ':';
            write(out, item);
        }
        out += '}';
        break;
    }
    case boost::json::kind::array: {
        out += '[';
        bool first = true;
        for (const auto& item : value.get_array()) {
            if (!first) out += ',';
            first = false;
            write(out, item);
        }
        out += ']';
        break;
    }
    case boost::json::kind::double_: {
        // Shortest text that reads back to the same double, always with a decimal point.
        auto text = fmt::format("{}", value.get_double());
        if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
        out += text;
        break;
    }
    default: out += boost::json::serialize(value);
    }
}

} // namespace

std::string json_text(const boost::json::value& value) {
    std::string out;
    write(out, value);
    return out;
}

} // namespace skydda
