// Issue 11 part 6, "smaller holes", attacked through the real binary on loopback with raw
// sockets: large bodies without signing in, connection floods from one address, request
// smuggling through Transfer-Encoding, file modes of the database and its backups, control
// characters in free text and attachment names, and the scanner's '+' century.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <thread>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr std::string_view k_password = "correct horse battery";

// A blocking loopback connection with a receive timeout, so a broken server fails the test
// instead of hanging it.
class Raw {
public:
    explicit Raw(uint16_t port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        timeval timeout{.tv_sec = 5, .tv_usec = 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Raw() { ::close(m_fd); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;

    bool connected() const { return m_connected; }
    void send(std::string_view data) {
        while (!data.empty()) {
            ssize_t sent = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent <= 0) return;
            data.remove_prefix(static_cast<size_t>(sent));
        }
    }
    // One response framed by Content-Length; "" when the connection closed first.
    std::string read_response() {
        while (true) {
            size_t end = m_pending.find("\r\n\r\n");
            if (end != std::string::npos) {
                size_t length = 0;
                if (auto at = m_pending.find("Content-Length: "); at != std::string::npos && at < end)
                    length = std::stoul(m_pending.substr(at + 16));
                if (m_pending.size() >= end + 4 + length) {
                    std::string response = m_pending.substr(0, end + 4 + length);
                    m_pending.erase(0, end + 4 + length);
                    return response;
                }
            }
            char chunk[4096];
            ssize_t received = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (received <= 0) return {};
            m_pending.append(chunk, static_cast<size_t>(received));
        }
    }
    // True when the server closes the connection (EOF or reset) before the receive timeout.
    bool closed_by_peer() {
        char byte;
        ssize_t received = ::recv(m_fd, &byte, 1, 0);
        return received == 0 || (received < 0 && errno == ECONNRESET);
    }

private:
    int m_fd;
    bool m_connected = false;
    std::string m_pending;
};

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return 0;
    return info.st_mode & 07777;
}

std::string cookie_from(const http::ClientResponse& response, std::string_view name) {
    auto found = response.headers.find("set-cookie");
    if (found == response.headers.end()) return {};
    for (size_t at = 0; (at = found->second.find(std::string(name) + "=", at)) != std::string::npos; ++at) {
        if (at != 0 && found->second[at - 1] != '\n') continue;
        auto value = found->second.substr(at + name.size() + 1);
        return value.substr(0, value.find_first_of(";\n"));
    }
    return {};
}

std::string input_value(const std::string& html, std::string_view name) {
    auto marker = "name=\"" + std::string(name) + "\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

struct BrowserSession {
    std::string cookie; // "skydda_session=..."
    std::string csrf;
};

// One server on SQLite for the suite, a handler with an API token and a case reported through the API.
class AttackHttp : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<test_support::TempDir>();
        s_db = s_dir->db_url();
        auto org = run_skydda({"org", "add", "--db", s_db, "--name", "Nämnd A", "--orgnr", "212000-0001"});
        ASSERT_EQ(org.exit_code, 0) << org.err;
        s_org = id_from_json(org.out);
        s_token = add_account(s_db, s_org, "handler", "handler").token;
        // Four connections per address, so the flood test needs only five.
        ::setenv("SKYDDA_MAX_CONNECTIONS_PER_ADDRESS", "4", 1);
        s_server = std::make_unique<ServerProcess>(s_db, free_port());
        ::unsetenv("SKYDDA_MAX_CONNECTIONS_PER_ADDRESS");
        auto reported = call("POST", "/api/v1/incidents",
                             R"({"org":")" + s_org +
                                 R"(","title":"Mejl till fel mottagare","what_happened":"misdirected_communication","data":["name"],"subjects":{"count":1,"groups":["pupils"]}})");
        ASSERT_EQ(reported.status, 201) << reported.body;
        s_case = std::string(json::parse(reported.body).at("id").as_string());
    }
    static void TearDownTestSuite() {
        s_server.reset();
        s_dir.reset();
    }
    void SetUp() override {
        if (!s_server || s_case.empty()) GTEST_SKIP() << "the suite's server did not start";
        std::this_thread::sleep_for(100ms); // the previous test's connections are gone from the count
    }

    static uint16_t port() { return s_server->port(); }
    static http::ClientResponse call(const std::string& method, const std::string& target, const std::string& body = {}) {
        std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + s_token}};
        if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
        return http::request("127.0.0.1", s_server->port(), method, target, body, headers);
    }
    static std::string error_field(const http::ClientResponse& response) {
        auto field = json::parse(response.body).at("error").at("field");
        return field.is_null() ? "" : std::string(field.as_string());
    }

    // Signs in through the login form, as a browser does.
    static BrowserSession sign_in() {
        auto form = http::request("127.0.0.1", port(), "GET", "/login");
        auto login_csrf = cookie_from(form, "skydda_login_csrf");
        EXPECT_FALSE(login_csrf.empty());
        std::string body = "email=handler%40example.se&password=" + http::percent_encode(k_password) +
                           "&login_csrf=" + http::percent_encode(login_csrf) + "&next=%2F";
        auto signed_in = http::request("127.0.0.1", port(), "POST", "/login", body,
                                       {{"Content-Type", "application/x-www-form-urlencoded"},
                                        {"Cookie", "skydda_login_csrf=" + login_csrf}});
        EXPECT_EQ(signed_in.status, 303) << signed_in.body;
        BrowserSession session{"skydda_session=" + cookie_from(signed_in, "skydda_session"), {}};
        auto home = http::request("127.0.0.1", port(), "GET", "/", {}, {{"Cookie", session.cookie}});
        session.csrf = input_value(home.body, "csrf");
        EXPECT_FALSE(session.csrf.empty());
        return session;
    }

    static std::string multipart(std::string_view csrf, std::string_view filename, std::string_view content) {
        std::string body = "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + std::string(csrf) + "\r\n";
        body += "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + std::string(filename) +
                "\"\r\nContent-Type: text/plain\r\n\r\n" + std::string(content) + "\r\n--b0undary--\r\n";
        return body;
    }

    static inline std::unique_ptr<test_support::TempDir> s_dir;
    static inline std::unique_ptr<ServerProcess> s_server;
    static inline std::string s_db, s_org, s_token, s_case;
};

} // namespace

TEST_F(AttackHttp, LargeBodyWithoutSigningInIsRefusedBeforeItIsRead) {
    for (std::string credentials : {"", "Cookie: skydda_session=forged\r\n", "Authorization: Bearer sk_forged\r\n"}) {
        Raw raw(port());
        ASSERT_TRUE(raw.connected());
        // Only the header and a first slice of a 200 KB body: a server that waited for the rest
        // would answer nothing before the receive timeout.
        raw.send("POST /cases/" + s_case + "/attachments HTTP/1.1\r\nHost: x\r\n" + credentials +
                 "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: 204800\r\n\r\n" +
                 std::string(1000, 'x'));
        auto started = std::chrono::steady_clock::now();
        std::string response = raw.read_response();
        EXPECT_TRUE(response.starts_with("HTTP/1.1 413 ")) << credentials << response;
        EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
        EXPECT_TRUE(raw.closed_by_peer()) << credentials;
    }
}

TEST_F(AttackHttp, LargeUploadWithASessionIsAccepted) {
    auto session = sign_in();
    std::string content(200 * 1024, 'a');
    for (size_t i = 0; i < content.size(); i += 64) content[i] = '\n';
    auto uploaded = http::request("127.0.0.1", port(), "POST", "/cases/" + s_case + "/attachments",
                                  multipart(session.csrf, "logg.txt", content),
                                  {{"Cookie", session.cookie}, {"Content-Type", "multipart/form-data; boundary=b0undary"}});
    EXPECT_EQ(uploaded.status, 303) << uploaded.body.substr(0, 300);
    auto page = http::request("127.0.0.1", port(), "GET", "/cases/" + s_case, {}, {{"Cookie", session.cookie}});
    EXPECT_NE(page.body.find("logg.txt"), std::string::npos);
}

TEST_F(AttackHttp, OneAddressCannotHoldMoreThanItsShareOfConnections) {
    std::vector<std::unique_ptr<Raw>> open;
    for (int i = 0; i < 4; ++i) {
        open.push_back(std::make_unique<Raw>(port()));
        open.back()->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        ASSERT_TRUE(open.back()->read_response().starts_with("HTTP/1.1 200 ")) << "connection " << i;
    }
    Raw fifth(port());
    ASSERT_TRUE(fifth.connected()) << "the kernel accepts; the server answers";
    std::string refused = fifth.read_response();
    EXPECT_TRUE(refused.starts_with("HTTP/1.1 503 ")) << refused;
    EXPECT_TRUE(fifth.closed_by_peer());
    for (auto& connection : open) {
        connection->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_TRUE(connection->read_response().starts_with("HTTP/1.1 200 ")) << "the admitted ones keep working";
    }
}

TEST_F(AttackHttp, Http10WithChunkedIsRefusedAndClosed) {
    // A note a HTTP/1.1 server would take (201): HTTP/1.0 has no chunked framing to read it by.
    const std::string note = R"({"body":"chunked over HTTP/1.0"})";
    Raw raw(port());
    raw.send("POST /api/v1/incidents/" + s_case + "/notes HTTP/1.0\r\nAuthorization: Bearer " + s_token +
             "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
             fmt::format("{:x}\r\n{}\r\n0\r\n\r\n", note.size(), note));
    std::string response = raw.read_response();
    EXPECT_TRUE(response.starts_with("HTTP/1.1 400 ")) << response;
    EXPECT_TRUE(raw.closed_by_peer());
    EXPECT_EQ(call("GET", "/api/v1/incidents/" + s_case + "/notes").body.find("chunked over"), std::string::npos);
}

TEST_F(AttackHttp, ChunkedThenIdentityCannotSmuggleASecondRequest) {
    Raw raw(port());
    // A front end that honours "chunked" sees one request; one that ignores a list not ending
    // in chunked would read the GET hidden in the body as a second request.
    raw.send("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n"
             "0\r\n\r\nGET /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s_token + "\r\n\r\n");
    EXPECT_TRUE(raw.read_response().starts_with("HTTP/1.1 400 "));
    EXPECT_TRUE(raw.closed_by_peer()) << "and nothing is answered for the smuggled request";
}

TEST_F(AttackHttp, DatabaseWalAndBackupsAreOwnerOnly) {
    auto db_file = s_dir->path() / "test.db";
    EXPECT_EQ(mode_of(db_file), 0600u);
    EXPECT_EQ(mode_of(db_file.string() + "-wal"), 0600u) << "the server holds it open";
    EXPECT_EQ(mode_of(db_file.string() + "-shm"), 0600u);
    for (std::string format : {"sqlite", "portable"}) {
        auto to = s_dir->path() / ("backup-" + format);
        auto backup = run_skydda({"backup", "--db", s_db, "--to", to.string(), "--format", format, "--unencrypted"});
        ASSERT_EQ(backup.exit_code, 0) << backup.err;
        EXPECT_EQ(mode_of(to), 0600u) << format;
    }
    auto encrypted = s_dir->path() / "backup-encrypted";
    auto key_file = s_dir->path() / "backup.key";
    auto backup = run_skydda({"backup", "--db", s_db, "--to", encrypted.string(), "--key-file", key_file.string()});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    EXPECT_EQ(mode_of(encrypted), 0600u);
    EXPECT_EQ(mode_of(key_file), 0600u);
    // A database left readable by others (an older version, a careless copy) is narrowed on open.
    test_support::TempDir other;
    auto old_file = other.path() / "old.db";
    ASSERT_EQ(run_skydda({"migrate", "--db", "sqlite:" + old_file.string()}).exit_code, 0);
    ::chmod(old_file.c_str(), 0644);
    auto migrated = run_skydda({"migrate", "--db", "sqlite:" + old_file.string()});
    EXPECT_EQ(migrated.exit_code, 0) << migrated.err;
    EXPECT_EQ(mode_of(old_file), 0600u);
    EXPECT_NE(migrated.err.find(R"("event":"file_mode_narrowed")"), std::string::npos) << migrated.err;
    EXPECT_NE(migrated.err.find(R"("was":"0644")"), std::string::npos) << migrated.err;
}

TEST_F(AttackHttp, ANoteWithAControlCharacterIsRefusedNamingTheField) {
    const std::string notes = "/api/v1/incidents/" + s_case + "/notes";
    for (std::string body : {R"({"body":"Ringde\u0000dolt"})", R"({"body":"Ringde\u0085skolan"})"}) {
        auto refused = call("POST", notes, body);
        EXPECT_EQ(refused.status, 400) << body;
        EXPECT_EQ(error_field(refused), "body") << body;
        EXPECT_NE(refused.body.find("control characters"), std::string::npos) << refused.body;
    }
    auto listed = call("GET", notes);
    EXPECT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find("Ringde"), std::string::npos) << "nothing half-written: " << listed.body;
}

TEST_F(AttackHttp, AnAttachmentNamedDotDotOrWithABidiOverrideIsRefusedNamingTheField) {
    for (std::string name : {"..", "faktura\xE2\x80\xAEtxt.exe"}) {
        auto refused = http::request("127.0.0.1", port(), "POST", "/cases/" + s_case + "/attachments",
                                     multipart("", name, "innehåll"),
                                     {{"Authorization", "Bearer " + s_token},
                                      {"Content-Type", "multipart/form-data; boundary=b0undary"}});
        EXPECT_EQ(refused.status, 400) << name;
        EXPECT_NE(refused.body.find(R"(href="#field-file")"), std::string::npos) << name;
    }
}

TEST_F(AttackHttp, ScanCountsAPersonInTheYearTheyTurnHundred) {
    test_support::TempDir data;
    std::ofstream(data.path() / "lista.txt") << "Hedvig Ek, personnummer 261204+9029, fyller 100 på fredag.\n";
    auto scanned = run_skydda({"scan", "--json", "--today", "2026-12-02", data.path().string()});
    ASSERT_EQ(scanned.exit_code, 0) << scanned.err;
    auto out = json::parse(scanned.out);
    const auto& pins = out.at("findings").at("personal_identity_number");
    EXPECT_EQ(pins.at("matches").to_number<int>(), 1);
    EXPECT_EQ(pins.at("distinct").to_number<int>(), 1) << "1926-12-04 is a person; 1826 was dropped";
    EXPECT_EQ(out.at("subjects_estimate").at("value").to_number<int>(), 1);
    auto bad = run_skydda({"scan", "--json", "--today", "2026-02-30", data.path().string()});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("today"), std::string::npos) << bad.err;
}
