// Handlers of the /api/v1/fasting/sessions routes; routes.cpp lists them in the route table.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/http/request_context.hpp"
#include "core/http/response.hpp"

namespace ugoki {
class cursor_codec;
}

namespace ugoki::fasting {

class service;

namespace handlers {

using boost::asio::awaitable;
using http::request_context;
using http::response;

awaitable<response> start_session(request_context& ctx, service& svc);
awaitable<response> current_session(request_context& ctx, service& svc);
awaitable<response> session_history(request_context& ctx, service& svc,
                                    const cursor_codec& cursors);
awaitable<response> get_session(request_context& ctx, service& svc);
awaitable<response> patch_session(request_context& ctx, service& svc);
awaitable<response> end_session(request_context& ctx, service& svc);
awaitable<response> cancel_session(request_context& ctx, service& svc);
awaitable<response> add_log(request_context& ctx, service& svc);
awaitable<response> list_logs(request_context& ctx, service& svc);
awaitable<response> delete_log(request_context& ctx, service& svc);

}  // namespace handlers

}  // namespace ugoki::fasting
