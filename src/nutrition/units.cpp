// Scaling, normalisation and aggregation of ingredient quantities (units.hpp).
#include "nutrition/units.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace ugoki::nutrition::units {

namespace {

bool is_quarter_unit(const std::optional<std::string>& unit) {
  return !unit || (*unit != "g" && *unit != "ml" && *unit != "kg" && *unit != "l");
}

std::string trimmed_lower(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  std::string out = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::size_t aisle_rank(const std::string& aisle) {
  const auto& all = aisles();
  auto it = std::find(all.begin(), all.end(), aisle);
  return static_cast<std::size_t>(it - all.begin());
}

// Rounds up to `step`, absorbing float noise (2.0000000001 stays 2).
double round_up_to(double v, double step) {
  return std::ceil(v / step - 1e-9) * step;
}

}  // namespace

const std::vector<std::string>& aisles() {
  static const std::vector<std::string> v{
      "produce", "meat_fish",   "dairy_eggs", "bakery", "grains_pasta", "tins_jars", "baking",
      "spices",  "oils_sauces", "nuts_seeds", "frozen", "drinks",       "other"};
  return v;
}

double round_to(double v, double step) {
  return std::round(v / step) * step;
}

std::optional<double> scale(std::optional<double> quantity, const std::optional<std::string>& unit,
                            double factor) {
  if (!quantity) {
    return std::nullopt;
  }
  double v = *quantity * factor;
  if (is_quarter_unit(unit)) {
    return std::max(0.25, round_to(v, 0.25));
  }
  if (*unit == "kg" || *unit == "l") {
    return std::max(0.01, round_to(v, 0.01));
  }
  return v >= 10 ? round_to(v, 1) : std::max(0.1, round_to(v, 0.1));
}

base_quantity normalise(std::optional<double> quantity, const std::optional<std::string>& unit) {
  static const std::map<std::string, std::pair<std::string, double>> factors{
      {"g", {"g", 1}},    {"kg", {"g", 1000}},  {"ml", {"ml", 1}},   {"l", {"ml", 1000}},
      {"tsp", {"ml", 5}}, {"tbsp", {"ml", 15}}, {"cup", {"ml", 240}}};
  base_quantity b;
  if (unit) {
    auto it = factors.find(*unit);
    if (it != factors.end()) {
      b.family = it->second.first;
      if (quantity) {
        b.amount = *quantity * it->second.second;
      }
      return b;
    }
    b.family = *unit;
  } else {
    b.family = "piece";
  }
  b.amount = quantity;
  return b;
}

std::vector<line> aggregate(const std::vector<use>& uses) {
  std::map<std::string, line> by_key;
  for (const auto& u : uses) {
    auto b = normalise(u.quantity, u.unit);
    std::string name = trimmed_lower(u.name);
    std::string key = name + "|" + b.family;
    auto [it, fresh] = by_key.try_emplace(key);
    line& l = it->second;
    if (fresh) {
      l.key = key;
      l.name = name;
      l.aisle = u.aisle;
      l.unit = b.family;
    }
    if (b.amount) {
      l.quantity = l.quantity.value_or(0) + *b.amount;
    }
  }
  std::vector<line> out;
  out.reserve(by_key.size());
  for (auto& [key, l] : by_key) {
    if (!l.quantity) {
      l.unit.reset();
    } else if (*l.unit == "g" || *l.unit == "ml") {
      if (*l.quantity >= 1000) {
        l.quantity = round_up_to(*l.quantity / 1000, 0.01);
        l.unit = *l.unit == "g" ? "kg" : "l";
      } else {
        l.quantity = round_up_to(*l.quantity, 1);
      }
    } else {
      l.quantity = round_up_to(*l.quantity, 0.25);
    }
    out.push_back(std::move(l));
  }
  std::stable_sort(out.begin(), out.end(), [](const line& a, const line& b) {
    return std::make_pair(aisle_rank(a.aisle), a.name) <
           std::make_pair(aisle_rank(b.aisle), b.name);
  });
  return out;
}

}  // namespace ugoki::nutrition::units
