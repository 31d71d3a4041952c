// Documents through the real binary: `skydda export` and the API's document route, on the
// demo municipality's data; PDFs are checked by their extracted text.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "doc/pdf_text.hpp"
#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

// One demo database and server for the whole suite; the DPO of the first organisation asks.
class Documents : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test_support::TempDir();
        auto db = s_dir->db_url();
        auto demo = run_skydda({"demo", "--db", db});
        ASSERT_EQ(demo.exit_code, 0) << demo.err;
        auto orgs = json::parse(run_skydda({"org", "list", "--db", db}).out).as_object();
        auto org = std::string(orgs.at("items").as_array().at(0).at("id").as_string());
        s_token = new std::string(add_account(db, org, "doc_dpo", "dpo").token);
        s_server = new ServerProcess(db, free_port());
        auto list = call("/api/v1/incidents");
        ASSERT_EQ(list.status, 200) << list.body;
        auto listed = json::parse(list.body);
        const auto& items = listed.at("items").as_array();
        ASSERT_FALSE(items.empty());
        s_case_id = new std::string(items.at(0).at("id").as_string());
        s_case_number = new std::string(items.at(0).at("case_number").as_string());
    }
    void SetUp() override { ASSERT_NE(s_case_id, nullptr) << "the suite's set-up failed"; }
    static void TearDownTestSuite() {
        delete s_server;
        delete s_dir;
        delete s_token;
        delete s_case_id;
        delete s_case_number;
    }
    static http::ClientResponse call(const std::string& target, bool with_token = true) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (with_token) headers.emplace_back("Authorization", "Bearer " + *s_token);
        return http::request("127.0.0.1", s_server->port(), "GET", target, {}, headers);
    }
    static std::string document_path(const std::string& kind, const std::string& query) {
        return "/api/v1/incidents/" + *s_case_id + "/documents/" + kind + "?" + query;
    }
    static std::string error_field(const http::ClientResponse& response) {
        return std::string(json::parse(response.body).at("error").at("field").as_string());
    }

    static inline test_support::TempDir* s_dir = nullptr;
    static inline ServerProcess* s_server = nullptr;
    static inline std::string* s_token = nullptr;
    static inline std::string* s_case_id = nullptr;
    static inline std::string* s_case_number = nullptr;
};

} // namespace

TEST_F(Documents, ExportWritesTheInternalReportAsPdf) {
    auto out = s_dir->path() / "report.pdf";
    auto result = run_skydda({"export", "--db", s_dir->db_url(), "--case", *s_case_id, "--document", "internal-report",
                              "--format", "pdf", "--out", out.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::ifstream file(out, std::ios::binary);
    std::string pdf((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    auto text = test_support::pdf_text(pdf);
    EXPECT_NE(text.find("Ärendeakt: personuppgiftsincident"), std::string::npos) << text;
    EXPECT_NE(text.find(*s_case_number), std::string::npos);
    EXPECT_NE(text.find("Barn- och utbildningsnämnden, Exempelby kommun"), std::string::npos);
    EXPECT_NE(text.find("Tidslinje"), std::string::npos);
    EXPECT_NE(text.find("Händelselogg (sammanfattning)"), std::string::npos);
    EXPECT_NE(text.find("Sida 1 av "), std::string::npos);
}

TEST_F(Documents, ExportToStandardOutputInEnglish) {
    auto result = run_skydda({"export", "--db", s_dir->db_url(), "--case", *s_case_id, "--document", "internal-report",
                              "--format", "json", "--language", "en"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto document = json::parse(result.out).as_object();
    EXPECT_EQ(document.at("kind").as_string(), "internal-report");
    EXPECT_EQ(document.at("language").as_string(), "en");
    EXPECT_EQ(document.at("title").as_string(), "Case file: personal data breach");
    EXPECT_TRUE(document.at("missing").as_array().empty());
    auto html = run_skydda({"export", "--db", s_dir->db_url(), "--case", *s_case_id, "--document", "internal-report",
                            "--format", "html"});
    EXPECT_NE(html.out.find("<html lang=\"sv\">"), std::string::npos);
}

TEST_F(Documents, ExportNamesTheBadField) {
    auto db = s_dir->db_url();
    auto kind = run_skydda({"export", "--db", db, "--case", *s_case_id, "--document", "letter", "--format", "pdf"});
    EXPECT_EQ(kind.exit_code, 2);
    EXPECT_EQ(kind.err.rfind("document:", 0), 0u) << kind.err;
    auto format = run_skydda({"export", "--db", db, "--case", *s_case_id, "--document", "internal-report", "--format",
                              "docx"});
    EXPECT_EQ(format.exit_code, 2);
    EXPECT_EQ(format.err.rfind("format:", 0), 0u) << format.err;
    auto missing = run_skydda({"export", "--db", db, "--case", "no-such-case", "--document", "internal-report",
                               "--format", "pdf"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err.rfind("case:", 0), 0u) << missing.err;
    EXPECT_EQ(missing.out, "");
}

TEST_F(Documents, ApiGivesJsonWithMissing) {
    auto response = call(document_path("internal-report", "format=json&language=en"));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.headers["content-type"], "application/json");
    auto document = json::parse(response.body).as_object();
    EXPECT_TRUE(document.at("missing").is_array());
    EXPECT_EQ(document.at("reference").as_string(), *s_case_number);
}

TEST_F(Documents, ApiGivesPdfAsADownload) {
    auto response = call(document_path("internal-report", "format=pdf"));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.headers["content-type"], "application/pdf");
    EXPECT_EQ(response.headers["content-disposition"], "attachment; filename=\"PUI-2026-0001-internal-report.pdf\"");
    EXPECT_EQ(response.headers["cache-control"], "no-store");
    auto text = test_support::pdf_text(response.body);
    EXPECT_NE(text.find("Ärendeakt"), std::string::npos);
    auto html = call(document_path("internal-report", "format=html"));
    EXPECT_EQ(html.status, 200);
    EXPECT_EQ(html.headers["content-type"], "text/html; charset=utf-8");
}

TEST_F(Documents, ApiRefusesUnknownKindFormatLanguage) {
    auto kind = call(document_path("letter", "format=pdf"));
    EXPECT_EQ(kind.status, 400);
    EXPECT_EQ(error_field(kind), "kind");
    auto format = call(document_path("internal-report", "format=docx"));
    EXPECT_EQ(format.status, 400);
    EXPECT_EQ(error_field(format), "format");
    auto language = call(document_path("internal-report", "format=pdf&language=de"));
    EXPECT_EQ(language.status, 400);
    EXPECT_EQ(error_field(language), "language");
    auto phase = call(document_path("internal-report", "phase=-1"));
    EXPECT_EQ(phase.status, 400);
    EXPECT_EQ(error_field(phase), "phase");
    EXPECT_EQ(call(document_path("internal-report", "format=pdf"), false).status, 401);
    EXPECT_EQ(call("/api/v1/incidents/no-such-case/documents/internal-report").status, 404);
}

TEST_F(Documents, BrowserRouteNeedsSignInAndServesPdf) {
    auto path = "/cases/" + *s_case_id + "/documents/internal-report?format=pdf";
    auto anonymous = call(path, false);
    EXPECT_EQ(anonymous.status, 303);
    auto json_refused = call("/cases/" + *s_case_id + "/documents/internal-report?format=json");
    EXPECT_EQ(json_refused.status, 400);
    auto pdf = call(path);
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    EXPECT_NE(test_support::pdf_text(pdf.body).find(*s_case_number), std::string::npos);
}
