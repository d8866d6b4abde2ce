// JSON <-> auth structs. The only auth file that includes Boost.JSON.
#include "auth/dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>

#include "core/crypto/password.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace ugoki::auth::dto {

namespace {

namespace bj = boost::json;

// Generous for login (old passwords predate today's policy) but bounded, so nobody makes the
// server hash megabytes; the policy's own 128 code-point maximum applies to new passwords.
constexpr std::size_t max_password_chars = 1024;

// A new password: present, bounded, and passing `policy` (one error per broken rule).
std::string read_new_password(json::field_reader& r, std::string_view field,
                              const crypto::password_policy& policy) {
  auto password = r.string(field, 1, max_password_chars, true);
  if (password) {
    for (auto& problem : policy.check(*password)) {
      r.add_error(std::string(field), std::move(problem));
    }
  }
  return password.value_or("");
}

std::string read_email(json::field_reader& r) {
  auto email = r.string("email", 3, 254, true);
  if (email && !is_plausible_email(*email)) {
    r.add_error("email", "must be an email address");
  }
  return email.value_or("");
}

bj::object tokens_object(const token_pair& t, bool include_refresh) {
  bj::object o;
  o["access_token"] = t.access_token;
  o["token_type"] = "Bearer";
  o["expires_in"] = t.expires_in;
  if (include_refresh) {
    o["refresh_token"] = t.refresh_token;
  }
  return o;
}

bj::object account_object(const account& a) {
  bj::object o;
  o["id"] = a.id;
  o["email"] = a.email;
  o["email_verified"] = a.email_verified;
  o["role"] = a.role;
  o["created_at"] = a.created_at;
  return o;
}

std::string rfc3339(std::int64_t unix_millis) {
  return time::format_rfc3339(
      std::chrono::system_clock::time_point(std::chrono::milliseconds(unix_millis)));
}

}  // namespace

bool is_plausible_email(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) {
    return false;
  }
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7F) {
      return false;
    }
  }
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string_view::npos && dot != 0 && domain.back() != '.';
}

result<register_input> parse_register(std::string_view body,
                                      const crypto::password_policy& policy) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"email", "password", "display_name"});
  register_input in;
  in.email = read_email(r);
  in.password = read_new_password(r, "password", policy);
  in.display_name = r.string("display_name", 1, 100);
  return r.finish(std::move(in));
}

result<login_input> parse_login(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"email", "password"});
  login_input in;
  in.email = read_email(r);
  in.password = r.string("password", 1, max_password_chars, true).value_or("");
  return r.finish(std::move(in));
}

result<std::string> parse_refresh(std::string_view body, bool optional) {
  if (optional && body.empty()) {
    return std::string();
  }
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"refresh_token"});
  auto token = r.string("refresh_token", 1, 256, !optional);
  return r.finish(std::string(token.value_or("")));
}

result<password_change> parse_password_change(std::string_view body,
                                              const crypto::password_policy& policy) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"current_password", "new_password"});
  password_change out;
  out.current_password = r.string("current_password", 1, max_password_chars, true).value_or("");
  out.new_password = read_new_password(r, "new_password", policy);
  return r.finish(std::move(out));
}

result<std::string> parse_reset_request(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"email"});
  std::string email = read_email(r);
  return r.finish(std::move(email));
}

result<reset_confirmation> parse_reset_confirmation(std::string_view body,
                                                    const crypto::password_policy& policy) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"token", "new_password"});
  reset_confirmation out;
  // A real token is 43 characters; any other string (a link mangled by a mail client) is the
  // service's 400 AUTH_006, not a validation error, so the app shows "ask for a new link".
  out.token = r.string("token", 1, 16 * 1024, true).value_or("");
  out.new_password = read_new_password(r, "new_password", policy);
  return r.finish(std::move(out));
}

std::string render_account(const account& a) {
  return json::serialize(account_object(a));
}

std::string render_tokens(const token_pair& t, bool include_refresh) {
  return json::serialize(tokens_object(t, include_refresh));
}

std::string render_sign_in(const sign_in_result& r, bool include_refresh, bool with_restored) {
  bj::object o;
  o["user"] = account_object(r.user);
  o["tokens"] = tokens_object(r.tokens, include_refresh);
  if (with_restored) {
    o["restored"] = r.restored;
  }
  return json::serialize(o);
}

std::string render_sessions(const std::vector<session_info>& sessions) {
  bj::array a;
  for (const auto& s : sessions) {
    bj::object o;
    o["id"] = s.id;
    o["created_at"] = rfc3339(s.created_at);
    o["last_used_at"] = rfc3339(s.last_used_at);
    o["user_agent"] = s.user_agent;
    o["current"] = s.current;
    a.push_back(std::move(o));
  }
  return json::serialize(a);
}

}  // namespace ugoki::auth::dto
