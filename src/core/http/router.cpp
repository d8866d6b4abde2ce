// Route table: exact-path hash lookup first, then the patterned routes in registration order.
#include "core/http/router.hpp"

#include <stdexcept>

namespace ugoki::http {

namespace {

std::vector<std::string> split_segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 1;  // skip the leading '/'
  while (pos <= path.size()) {
    auto next = path.find('/', pos);
    if (next == std::string_view::npos) {
      next = path.size();
    }
    out.emplace_back(path.substr(pos, next - pos));
    pos = next + 1;
  }
  return out;
}

// HEAD is answered by the GET route, with the body dropped by the server.
bool method_accepts(verb route_method, verb request_method) {
  return route_method == request_method ||
         (route_method == verb::get && request_method == verb::head);
}

void append_allow(std::string& allow, verb v) {
  auto name = to_string(v);
  if (allow.find(name) != std::string::npos) {
    return;
  }
  if (!allow.empty()) {
    allow += ", ";
  }
  allow += name;
  if (v == verb::get) {
    allow += ", HEAD";
  }
}

}  // namespace

void router::add(route r) {
  const std::string& p = r.pattern;
  if (p.empty() || p.front() != '/' || (p.size() > 1 && p.back() == '/') ||
      p.find("//") != std::string::npos) {
    throw std::invalid_argument("malformed route pattern: " + p);
  }
  compiled c{split_segments(p)};
  std::size_t param_count = 0;
  for (const auto& s : c.segments) {
    if (!s.empty() && s.front() == ':') {
      if (s.size() == 1) {
        throw std::invalid_argument("unnamed path parameter in: " + p);
      }
      ++param_count;
    }
  }
  if (param_count > request_context::max_path_params) {
    throw std::invalid_argument("too many path parameters in: " + p);
  }
  for (const auto& existing : routes_) {
    if (existing.method == r.method && existing.pattern == p) {
      throw std::invalid_argument("duplicate route: " + std::string(to_string(r.method)) + " " + p);
    }
  }
  std::size_t index = routes_.size();
  if (param_count == 0) {
    static_paths_[p].push_back(index);
  } else {
    dynamic_routes_.push_back(index);
  }
  max_body_limit_ = std::max(max_body_limit_, r.body_limit);
  routes_.push_back(std::move(r));
  compiled_.push_back(std::move(c));
}

bool router::matches(const compiled& c, std::string_view path, request_context* ctx) const {
  std::size_t pos = 1;
  std::size_t param_index = 0;
  for (std::size_t i = 0; i < c.segments.size(); ++i) {
    if (pos > path.size()) {
      return false;
    }
    auto next = path.find('/', pos);
    if (next == std::string_view::npos) {
      next = path.size();
    }
    std::string_view segment = path.substr(pos, next - pos);
    const std::string& want = c.segments[i];
    if (!want.empty() && want.front() == ':') {
      if (segment.empty()) {
        return false;
      }
      if (ctx != nullptr) {
        ctx->set_path_param(param_index++, std::string_view(want).substr(1), segment);
      }
    } else if (segment != want) {
      return false;
    }
    pos = next + 1;
  }
  // Every segment consumed and nothing left over.
  return pos == path.size() + 1;
}

std::size_t router::body_limit_for(verb method, std::string_view path) const {
  std::size_t limit = 0;
  auto consider = [&](std::size_t index) {
    if (method_accepts(routes_[index].method, method)) {
      limit = routes_[index].body_limit;
      return true;
    }
    // A spooled route's large limit must not let another verb's body into memory.
    if (routes_[index].spool_dir.empty()) {
      limit = std::max(limit, routes_[index].body_limit);
    }
    return false;
  };
  if (auto it = static_paths_.find(path); it != static_paths_.end()) {
    for (std::size_t index : it->second) {
      if (consider(index)) {
        return limit;
      }
    }
  }
  for (std::size_t index : dynamic_routes_) {
    if (matches(compiled_[index], path, nullptr) && consider(index)) {
      return limit;
    }
  }
  return limit == 0 ? route{}.body_limit : limit;
}

std::string_view router::spool_dir_for(verb method, std::string_view path) const {
  if (auto it = static_paths_.find(path); it != static_paths_.end()) {
    for (std::size_t index : it->second) {
      if (method_accepts(routes_[index].method, method)) {
        return routes_[index].spool_dir;
      }
    }
  }
  for (std::size_t index : dynamic_routes_) {
    if (method_accepts(routes_[index].method, method) && matches(compiled_[index], path, nullptr)) {
      return routes_[index].spool_dir;
    }
  }
  return {};
}

router::match router::find(verb method, std::string_view path, request_context& ctx) const {
  match m;
  if (path.empty() || path.front() != '/') {
    return m;
  }
  if (auto it = static_paths_.find(path); it != static_paths_.end()) {
    for (std::size_t index : it->second) {
      if (method_accepts(routes_[index].method, method)) {
        m.result = outcome::found;
        m.matched = &routes_[index];
        m.index = index;
        return m;
      }
      append_allow(m.allow, routes_[index].method);
    }
  }
  for (std::size_t index : dynamic_routes_) {
    if (!matches(compiled_[index], path, nullptr)) {
      continue;
    }
    if (method_accepts(routes_[index].method, method)) {
      matches(compiled_[index], path, &ctx);
      m.result = outcome::found;
      m.matched = &routes_[index];
      m.index = index;
      return m;
    }
    append_allow(m.allow, routes_[index].method);
  }
  if (!m.allow.empty()) {
    m.result = outcome::method_not_allowed;
  }
  return m;
}

}  // namespace ugoki::http
