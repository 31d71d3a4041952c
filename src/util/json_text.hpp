// JSON text for people as well as programs: like boost::json::serialize, except that numbers
// with a fraction are written as decimals ("1.0", "3.75") instead of Boost's "1E0", "3.75E0".
#pragma once
#include <boost/json/value.hpp>
#include <string>

namespace skydda {

std::string json_text(const boost::json::value& value);

} // namespace skydda
