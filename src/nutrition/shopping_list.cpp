// The shopping list's pure rules (shopping_list.hpp).
#include "nutrition/shopping_list.hpp"

#include <algorithm>
#include <tuple>

namespace ugoki::nutrition::shopping {

namespace {

std::size_t shopping_aisle_rank(const std::string& aisle) {
  const auto& all = units::aisles();
  return static_cast<std::size_t>(std::find(all.begin(), all.end(), aisle) - all.begin());
}

}  // namespace

std::string cut_chars(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A byte that is not a continuation byte (10xxxxxx) starts a character.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) {
        return text.substr(0, i);
      }
      ++chars;
    }
  }
  return text;
}

std::vector<units::line> lines_of(const std::vector<planned>& items, const recipe_book& book) {
  std::vector<units::use> uses;
  for (const auto& item : items) {
    if (item.product_name) {
      uses.push_back({cut_chars(*item.product_name, max_name_chars), item.servings,
                      std::string(product_unit), "other"});
      continue;
    }
    if (!item.recipe_id) {
      continue;  // free text
    }
    const recipe* r = book.find(*item.recipe_id);
    if (r == nullptr || r->servings <= 0) {
      continue;
    }
    double factor = item.servings / r->servings;
    for (const auto& ing : r->ingredients) {
      std::optional<double> q;
      if (ing.quantity) {
        q = *ing.quantity * factor;
      }
      uses.push_back({cut_chars(ing.name, max_name_chars), q, ing.unit, ing.aisle});
    }
  }
  return units::aggregate(uses);
}

void order(std::vector<shopping_item>& items) {
  std::sort(items.begin(), items.end(), [](const shopping_item& a, const shopping_item& b) {
    return std::forward_as_tuple(shopping_aisle_rank(a.aisle), a.checked, a.name, a.id) <
           std::forward_as_tuple(shopping_aisle_rank(b.aisle), b.checked, b.name, b.id);
  });
}

}  // namespace ugoki::nutrition::shopping
