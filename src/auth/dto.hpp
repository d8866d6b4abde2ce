// JSON <-> auth structs: request parsing with field validation, and response rendering.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/service.hpp"
#include "auth/types.hpp"
#include "core/error.hpp"

namespace ugoki::auth::dto {

// Each parser returns its value, or 400 VAL_001 naming every bad or unknown field at once.
// Parsers of a new password apply `policy` (the service's, service::password_rules()) to it,
// so its verdict is named with the other fields rather than after them (issue 10).

// {email, password, display_name?}; `password` must pass `policy`.
result<register_input> parse_register(std::string_view body, const crypto::password_policy& policy);
// {email, password}.
result<login_input> parse_login(std::string_view body);
// {refresh_token}; an empty body gives an empty token when `optional` (web clients send the
// token in a cookie instead).
result<std::string> parse_refresh(std::string_view body, bool optional);

struct password_change {
  std::string current_password;
  std::string new_password;
};
// {current_password, new_password}; `new_password` must pass `policy`.
result<password_change> parse_password_change(std::string_view body,
                                              const crypto::password_policy& policy);

// {email}: the account to send a reset link to (POST /auth/password-reset).
result<std::string> parse_reset_request(std::string_view body);

struct reset_confirmation {
  std::string token;
  std::string new_password;
};
// {token, new_password} (POST /auth/password-reset/confirm); `new_password` must pass `policy`.
result<reset_confirmation> parse_reset_confirmation(std::string_view body,
                                                    const crypto::password_policy& policy);

// True for a plausible address: 3-254 characters, one '@' with text on both sides, a dot in
// the domain, no spaces or control characters. Deliverability is the verification mail's job.
bool is_plausible_email(std::string_view email);

// {id, email, email_verified, role, created_at}.
std::string render_account(const account& a);
// {access_token, token_type: "Bearer", expires_in, refresh_token (unless omitted)}.
std::string render_tokens(const token_pair& t, bool include_refresh);
// {user, tokens, restored?}: `restored` is rendered only when `with_restored`.
std::string render_sign_in(const sign_in_result& r, bool include_refresh, bool with_restored);
// [{id, created_at, last_used_at, user_agent, current}] with RFC 3339 instants (seconds).
std::string render_sessions(const std::vector<session_info>& sessions);

}  // namespace ugoki::auth::dto
