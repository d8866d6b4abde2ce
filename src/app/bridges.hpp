// Adapters through which one module asks another, built only by the composition root: the
// analytics dashboard reads the fasting module's timer and streaks without depending on it.
#pragma once

#include "analytics/service.hpp"

namespace ugoki::fasting {
class service;
class plan_service;
}  // namespace ugoki::fasting

namespace ugoki::app {

// The dashboard's fasting parts as analytics' structs: the running fast with its stage
// (fasting::service::current) and the streak (fasting::plan_service::streaks). Both services
// must outlive the returned providers. The workout part stays absent until that module exists.
analytics::dashboard_sources dashboard_sources_of(fasting::service& sessions,
                                                  fasting::plan_service& plans);

}  // namespace ugoki::app
