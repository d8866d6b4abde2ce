// The audit log's reader; the rules live in the parser (bounds) and the SQL (filters).
#include "admin/service.hpp"

#include "admin/store.hpp"

namespace ugoki::admin {

boost::asio::awaitable<audit_page> service::audit(audit_query q) {
  co_return co_await store::list_audit(db_, std::move(q));
}

}  // namespace ugoki::admin
