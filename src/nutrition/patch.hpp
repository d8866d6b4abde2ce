// Applying a PATCH's members: each present member (an engaged optional) replaces its field;
// absent ones leave it. Shared by the recipes' and the products' administration.
#pragma once

#include <optional>

namespace ugoki::nutrition {

// field = *member when the member is present. A member of optional<optional<T>> sets or
// clears an optional field.
template <class T, class U>
void take_present(T& field, const std::optional<U>& member) {
  if (member) {
    field = *member;
  }
}

}  // namespace ugoki::nutrition
