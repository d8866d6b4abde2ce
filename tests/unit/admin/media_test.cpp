// admin::media: the stored types and their magic numbers (no SVG), the names a lookup accepts
// (nothing that could leave the directory), S3 endpoint hosts, and the S3 request parser.
#include "admin/media_files.hpp"

#include <gtest/gtest.h>

#include "admin/media_dto.hpp"
#include "admin/media_service.hpp"

namespace ugoki::admin {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view media_png_head("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);

TEST(admin_media, StoresOnlyFourImageTypes) {
  EXPECT_EQ(media::extension_for("image/png"), "png");
  EXPECT_EQ(media::extension_for("IMAGE/JPEG; charset=binary"), "jpg");
  EXPECT_EQ(media::extension_for("image/webp"), "webp");
  EXPECT_EQ(media::extension_for("image/gif"), "gif");
  for (const char* t : {"image/svg+xml", "text/html", "image/png2", "image", "", "image/bmp"}) {
    EXPECT_FALSE(media::extension_for(t)) << t;
  }
}

TEST(admin_media, MagicNumbersMustMatchTheDeclaredType) {
  EXPECT_TRUE(media::magic_matches("image/png", media_png_head));
  EXPECT_FALSE(media::magic_matches("image/jpeg", media_png_head));
  EXPECT_TRUE(media::magic_matches("image/jpeg", "\xFF\xD8\xFF\xE0\0\x10JFIF"sv));
  EXPECT_TRUE(media::magic_matches("image/gif", "GIF89a\x01\0"sv));
  EXPECT_TRUE(media::magic_matches("image/gif", "GIF87a"));
  EXPECT_FALSE(media::magic_matches("image/gif", "GIF90a"));
  EXPECT_TRUE(media::magic_matches("image/webp", "RIFF\x24\0\0\0WEBPVP8 "sv));
  EXPECT_FALSE(media::magic_matches("image/webp", "RIFF\x24\0\0\0WAVEfmt "sv));
  EXPECT_FALSE(media::magic_matches("image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\">"));
  EXPECT_FALSE(media::magic_matches("image/svg+xml", "<svg"));
  EXPECT_FALSE(media::magic_matches("image/png", ""));
}

TEST(admin_media, OnlyHashNamesAreLookedUp) {
  const std::string hash(64, 'a');
  EXPECT_TRUE(media::is_media_name(hash + ".png"));
  EXPECT_TRUE(media::is_media_name(hash + ".webp"));
  EXPECT_EQ(media::content_type_of(hash + ".jpg"), "image/jpeg");
  for (const std::string& bad :
       {hash + ".svg", hash + ".PNG", std::string(64, 'A') + ".png", hash.substr(1) + ".png",
        hash + "a.png", "../" + hash.substr(3) + ".png", hash + ".png/..", hash + ".png.png",
        std::string(".png"), std::string("..")}) {
    EXPECT_FALSE(media::is_media_name(bad)) << bad;
  }
}

TEST(admin_media, EndpointHostsDropDefaultPorts) {
  EXPECT_EQ(endpoint_host("https://s3.eu-west-1.amazonaws.com"), "s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(endpoint_host("https://s3.example.com:443/"), "s3.example.com");
  EXPECT_EQ(endpoint_host("http://127.0.0.1:9000"), "127.0.0.1:9000");
  EXPECT_EQ(endpoint_host("http://minio:80"), "minio");
  for (const char* bad : {"s3.example.com", "ftp://x", "https://", "https://x/bucket",
                          "https://user@x", "https://x?a=b"}) {
    EXPECT_FALSE(endpoint_host(bad)) << bad;
  }
}

TEST(admin_media, UploadRequestsNameEveryBadMember) {
  auto ok = media_dto::parse_upload_request(R"({"content_type":"image/webp","size":1024})", 2048);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->content_type, "image/webp");
  EXPECT_EQ(ok->size, 1024);
  auto bad = media_dto::parse_upload_request(
      R"({"content_type":"image/svg+xml","size":4096,"key":"../x"})", 2048);
  ASSERT_FALSE(bad);
  const api_error e = bad.error();
  EXPECT_EQ(e.code, "VAL_001");
  ASSERT_EQ(e.details.size(), 3u);
  EXPECT_FALSE(media_dto::parse_upload_request("{}", 2048));
  EXPECT_FALSE(media_dto::parse_upload_request(R"({"content_type":"image/png","size":0})", 2048));
  EXPECT_FALSE(media_dto::parse_upload_request("not json", 2048));
}

}  // namespace
}  // namespace ugoki::admin
