// Stripe event parsing with Boost.JSON: only the members billing uses, every one type-checked.
#include "billing/stripe_dto.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cctype>
#include <cstdint>

#include "billing/entitlement.hpp"
#include "core/json.hpp"

namespace ugoki::billing::stripe {

namespace {

namespace bj = boost::json;

std::optional<bj::value> parse(std::string_view body) {
  boost::system::error_code ec;
  bj::value v = bj::parse(body, ec);
  if (ec || !v.is_object()) {
    return std::nullopt;
  }
  return v;
}

const bj::object* object_at(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->get_object() : nullptr;
}

std::optional<std::string> text(const bj::object& o, std::string_view key,
                                std::size_t max_len = 255) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string() || v->get_string().empty() ||
      v->get_string().size() > max_len) {
    return std::nullopt;
  }
  return std::string(v->get_string());
}

// Stripe expands some references into objects ({"id": "cus_..."}) when asked: accept both.
std::optional<std::string> reference(const bj::object& o, std::string_view key) {
  if (auto s = text(o, key)) {
    return s;
  }
  if (const bj::object* inner = object_at(o, key)) {
    return text(*inner, "id");
  }
  return std::nullopt;
}

std::optional<std::int64_t> integer(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->get_int64();
  }
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  return std::nullopt;
}

bool flag(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->get_bool();
}

// The first element of o[key].data, an object, or nullptr (Stripe lists: {"data": [...]}).
const bj::object* first_of_list(const bj::object& o, std::string_view key) {
  const bj::object* list = object_at(o, key);
  if (list == nullptr) {
    return nullptr;
  }
  const bj::value* data = list->if_contains("data");
  if (data == nullptr || !data->is_array() || data->get_array().empty() ||
      !data->get_array().front().is_object()) {
    return nullptr;
  }
  return &data->get_array().front().get_object();
}

// data.object of an event body.
std::optional<std::pair<bj::value, const bj::object*>> data_object(std::string_view body) {
  auto v = parse(body);
  if (!v) {
    return std::nullopt;
  }
  const bj::object* data = object_at(v->get_object(), "data");
  if (data == nullptr || object_at(*data, "object") == nullptr) {
    return std::nullopt;
  }
  // The pointer stays valid: the value is moved into the pair, its storage does not move.
  std::pair<bj::value, const bj::object*> out{std::move(*v), nullptr};
  out.second = object_at(*object_at(out.first.get_object(), "data"), "object");
  return out;
}

}  // namespace

std::optional<event_head> parse_event_head(std::string_view body) {
  auto v = parse(body);
  if (!v) {
    return std::nullopt;
  }
  const bj::object& o = v->get_object();
  auto object = text(o, "object");
  auto id = text(o, "id");
  auto type = text(o, "type");
  auto created = integer(o, "created");
  if (!object || *object != "event" || !id || !type || !created || *created < 0) {
    return std::nullopt;
  }
  return event_head{std::move(*id), std::move(*type), *created};
}

std::optional<subscription_state> parse_subscription_event(std::string_view body) {
  auto d = data_object(body);
  if (!d) {
    return std::nullopt;
  }
  const bj::object& s = *d->second;
  auto id = text(s, "id");
  auto raw_status = text(s, "status");
  auto status = raw_status ? from_stripe_status(*raw_status) : std::nullopt;
  if (!id || !status) {
    return std::nullopt;
  }
  subscription_state out;
  out.provider = "stripe";
  out.provider_subscription_id = std::move(*id);
  out.customer_id = reference(s, "customer");
  out.status = std::move(*status);
  out.period_start = integer(s, "current_period_start");
  out.period_end = integer(s, "current_period_end");
  if (const bj::object* item = first_of_list(s, "items")) {
    if (const bj::object* price = object_at(*item, "price")) {
      out.product = text(*price, "id");
    }
    if (!out.period_end) {
      out.period_start = integer(*item, "current_period_start");
      out.period_end = integer(*item, "current_period_end");
    }
  }
  out.trial_end = integer(s, "trial_end");
  out.cancel_at_period_end = flag(s, "cancel_at_period_end");
  out.cancelled_at = integer(s, "canceled_at");
  out.ended_at = integer(s, "ended_at");
  if (const bj::object* metadata = object_at(s, "metadata")) {
    out.user_hint = text(*metadata, "user_id", 36);
    if (out.user_hint && !json::is_uuid(*out.user_hint)) {
      out.user_hint.reset();  // not one of ours: never cast into SQL
    }
  }
  return out;
}

std::optional<checkout_completed> parse_checkout_event(std::string_view body) {
  auto d = data_object(body);
  if (!d) {
    return std::nullopt;
  }
  const bj::object& c = *d->second;
  checkout_completed out;
  out.customer_id = reference(c, "customer");
  out.subscription_id = reference(c, "subscription");
  out.user_id = text(c, "client_reference_id", 36);
  if (out.user_id && !json::is_uuid(*out.user_id)) {
    out.user_id.reset();
  }
  auto payment = text(c, "payment_status");
  out.paid = payment && (*payment == "paid" || *payment == "no_payment_required");
  return out;
}

std::optional<invoice_event> parse_invoice_event(std::string_view body) {
  auto d = data_object(body);
  if (!d) {
    return std::nullopt;
  }
  const bj::object& i = *d->second;
  auto id = text(i, "id");
  auto currency = text(i, "currency", 3);
  if (!id || !currency) {
    return std::nullopt;
  }
  invoice_event out;
  out.invoice_id = std::move(*id);
  out.currency = std::move(*currency);
  for (char& c : out.currency) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  out.customer_id = reference(i, "customer");
  out.subscription_id = reference(i, "subscription");
  if (!out.subscription_id) {
    if (const bj::object* parent = object_at(i, "parent")) {
      if (const bj::object* details = object_at(*parent, "subscription_details")) {
        out.subscription_id = reference(*details, "subscription");
      }
    }
  }
  out.amount_paid = integer(i, "amount_paid").value_or(0);
  out.tax = integer(i, "tax");
  if (const bj::object* transitions = object_at(i, "status_transitions")) {
    out.paid_at = integer(*transitions, "paid_at");
  }
  if (const bj::object* line = first_of_list(i, "lines")) {
    if (const bj::object* period = object_at(*line, "period")) {
      out.period_start = integer(*period, "start");
      out.period_end = integer(*period, "end");
    }
  }
  return out;
}

api_answer parse_api_object(int status, std::string_view body) {
  api_answer out;
  auto v = parse(body);
  if (!v) {
    out.error_type = "not_json";
    return out;
  }
  const bj::object& o = v->get_object();
  if (status < 200 || status > 299) {
    if (const bj::object* e = object_at(o, "error")) {
      out.error_type = text(*e, "type").value_or("");
      out.error_code = text(*e, "code").value_or("");
    }
    if (out.error_type.empty()) {
      out.error_type = "http_" + std::to_string(status);
    }
    return out;
  }
  auto id = text(o, "id");
  if (!id) {
    out.error_type = "no_id";
    return out;
  }
  out.ok = true;
  out.id = std::move(*id);
  out.url = text(o, "url", 4096).value_or("");
  return out;
}

}  // namespace ugoki::billing::stripe
