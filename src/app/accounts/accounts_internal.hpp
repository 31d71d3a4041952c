// Internal to app/accounts/: what the accounts (accounts.cpp) and sign-in (sign_in.cpp) share.
#pragma once
#include <string>
#include <string_view>

#include "app/app.hpp"

namespace skydda::app::account_parts {

// The person `user_id` with their memberships; unauthenticated when there is no such person.
Result<Actor> read_actor(storage::Connection& db, std::string_view user_id);
// An e-mail address as stored and compared: trimmed, ASCII lower case.
std::string normalise_email(std::string_view email);

} // namespace skydda::app::account_parts
