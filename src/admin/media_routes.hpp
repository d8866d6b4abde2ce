// Handlers of the media routes (POST /api/v1/admin/media, GET /media/:name); routes.cpp lists
// them in the route table.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/http/request_context.hpp"
#include "core/http/response.hpp"

namespace ugoki::admin {

class media_service;

namespace handlers {

using boost::asio::awaitable;
using http::request_context;
using http::response;

// Local storage: the body is the file (spooled), its Content-Type one of the four images.
awaitable<response> upload_media(request_context& ctx, media_service& media);
// S3: the body is {"content_type","size"}; the answer is a presigned PUT.
awaitable<response> presign_media(request_context& ctx, media_service& media);
// A stored file with its type, nosniff and a year's immutable caching.
awaitable<response> serve_media(request_context& ctx, media_service& media);

}  // namespace handlers

}  // namespace ugoki::admin
