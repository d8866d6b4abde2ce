// crypto::sigv4 against AWS's published vectors: the S3 documentation's presigned URL
// (sigv4-query-string-auth, GET /test.txt) and header-signed GET Object examples, and cases of
// the Signature Version 4 test suite (get-vanilla, get-vanilla-query-order-key-case,
// get-unreserved), step by step: canonical request, string to sign, signature.
#include "core/crypto/sigv4.hpp"

#include <gtest/gtest.h>

#include "core/crypto/random.hpp"
#include "core/time.hpp"

namespace ugoki::crypto::sigv4 {
namespace {

// The test suite's credentials, scope and time (signature-v4-test-suite).
constexpr const char* suite_secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* suite_date = "20150830T123600Z";
constexpr const char* suite_scope = "20150830/us-east-1/service/aws4_request";
constexpr const char* empty_sha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// The S3 documentation's example credentials (note "/bPx", where the suite has "+bPx").
constexpr const char* s3_key_id = "AKIAIOSFODNN7EXAMPLE";
constexpr const char* s3_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

std::string suite_signature(const std::string& creq) {
  return signature(signing_key(suite_secret, "20150830", "us-east-1", "service"),
                   string_to_sign(suite_date, suite_scope, creq));
}

const pairs suite_headers{{"Host", "example.amazonaws.com"}, {"X-Amz-Date", suite_date}};

TEST(sigv4, SuiteGetVanilla) {
  const std::string creq = canonical_request("GET", "/", "", suite_headers, empty_sha256);
  EXPECT_EQ(creq,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n" +
                std::string(empty_sha256));
  EXPECT_EQ(string_to_sign(suite_date, suite_scope, creq),
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(suite_signature(creq),
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(sigv4, SuiteGetVanillaQueryOrderKeyCase) {
  const std::string query = canonical_query({{"Param2", "value2"}, {"Param1", "value1"}});
  EXPECT_EQ(query, "Param1=value1&Param2=value2");
  const std::string creq = canonical_request("GET", "/", query, suite_headers, empty_sha256);
  EXPECT_EQ(sha256_hex(creq), "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
  EXPECT_EQ(suite_signature(creq),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(sigv4, SuiteGetUnreserved) {
  const std::string path = "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  EXPECT_EQ(uri_encode(path, true), path);
  const std::string creq =
      canonical_request("GET", uri_encode(path, true), "", suite_headers, empty_sha256);
  EXPECT_EQ(suite_signature(creq),
            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
}

TEST(sigv4, S3DocumentationGetObjectWithAuthorizationHeader) {
  const pairs headers{{"Host", "examplebucket.s3.amazonaws.com"},
                      {"Range", "bytes=0-9"},
                      {"x-amz-content-sha256", empty_sha256},
                      {"x-amz-date", "20130524T000000Z"}};
  EXPECT_EQ(signed_headers(headers), "host;range;x-amz-content-sha256;x-amz-date");
  const std::string creq = canonical_request("GET", "/test.txt", "", headers, empty_sha256);
  EXPECT_EQ(sha256_hex(creq), "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  const std::string sts =
      string_to_sign("20130524T000000Z", scope("20130524", "us-east-1", "s3"), creq);
  EXPECT_EQ(signature(signing_key(s3_secret, "20130524", "us-east-1", "s3"), sts),
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(sigv4, S3DocumentationPresignedUrl) {
  presign_request r;
  r.method = "GET";
  r.host = "examplebucket.s3.amazonaws.com";
  r.path = "/test.txt";
  r.region = "us-east-1";
  r.access_key_id = s3_key_id;
  r.secret_access_key = s3_secret;
  r.at = *time::parse_rfc3339("2013-05-24T00:00:00Z");
  r.expires = std::chrono::seconds(86400);
  EXPECT_EQ(presign_query(r),
            "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(sigv4, PresignedUploadsSignTheirContentHeaders) {
  presign_request r;
  r.host = "127.0.0.1:9000";
  r.path = "/media bucket/a b.png";
  r.region = "eu-west-1";
  r.access_key_id = "AK";
  r.secret_access_key = "SK";
  r.at = *time::parse_rfc3339("2026-01-31T07:00:00Z");
  r.headers = {{"Content-Type", "image/png"}, {"Content-Length", "68"}};
  const std::string q = presign_query(r);
  EXPECT_NE(q.find("X-Amz-Expires=900&"), std::string::npos) << q;
  EXPECT_NE(q.find("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost&"), std::string::npos)
      << q;
  EXPECT_NE(q.find("X-Amz-Credential=AK%2F20260131%2Feu-west-1%2Fs3%2Faws4_request"),
            std::string::npos);
  // The same request signed by hand, from the steps above.
  const pairs headers{
      {"content-length", "68"}, {"content-type", "image/png"}, {"host", "127.0.0.1:9000"}};
  const std::string query = q.substr(0, q.find("&X-Amz-Signature="));
  const std::string creq =
      canonical_request("PUT", "/media%20bucket/a%20b.png", query, headers, unsigned_payload);
  const std::string expected =
      signature(signing_key("SK", "20260131", "eu-west-1", "s3"),
                string_to_sign("20260131T070000Z", scope("20260131", "eu-west-1", "s3"), creq));
  EXPECT_EQ(q.substr(q.size() - 64), expected);
}

TEST(sigv4, HeaderValuesAreTrimmedAndRepeatsJoined) {
  EXPECT_EQ(canonical_headers({{"My-Header1", "  a   b   c  "}, {"my-header1", "d"}}),
            "my-header1:a b c,d\n");
  EXPECT_EQ(uri_encode("a/b c+~"), "a%2Fb%20c%2B~");
  EXPECT_EQ(uri_encode("\xc3\xa9"), "%C3%A9");
}

}  // namespace
}  // namespace ugoki::crypto::sigv4
