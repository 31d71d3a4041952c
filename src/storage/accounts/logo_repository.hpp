// The organisations' logos (table organisation_logos, one row per organisation that has one).
#pragma once
#include <optional>
#include <string>

#include "storage/database.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct LogoRecord {
    std::string org_id, org_name;
    std::string content_type; // "image/png" | "image/jpeg"
    std::string data;         // empty when read without the image (find_logo_info)
    int64_t width = 0, height = 0;
    std::string digest;       // BLAKE2b-256 of data, hex: the URL's version and the ETag
    Instant updated_at{};
};

Status put_logo(Connection& db, const LogoRecord& logo);
Result<bool> delete_logo(Connection& db, std::string_view org_id);
// With the image's bytes.
Result<std::optional<LogoRecord>> find_logo(Connection& db, std::string_view org_id);
// Everything but the bytes, with the organisation's name (for the page header's <img>).
Result<std::optional<LogoRecord>> find_logo_info(Connection& db, std::string_view org_id);

} // namespace skydda::storage
