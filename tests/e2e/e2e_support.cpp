#include "e2e_support.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace skydda::e2e {

namespace {
std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}
} // namespace

CommandResult run_skydda(const std::vector<std::string>& args, const std::string& input) {
    test_support::TempDir scratch;
    auto in_path = scratch.path() / "in", out_path = scratch.path() / "out", err_path = scratch.path() / "err";
    std::ofstream(in_path, std::ios::binary) << input;
    pid_t pid = fork();
    if (pid == 0) {
        int in = open(in_path.c_str(), O_RDONLY);
        int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<char*> argv;
        std::string binary = SKYDDA_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copies(args);
        for (auto& arg : copies) argv.push_back(arg.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out_path), read_file(err_path)};
}

std::string id_from_json(const std::string& json_line) {
    auto value = boost::json::parse(json_line);
    return std::string(value.at("id").as_string());
}

Account add_account(const std::string& db_url, const std::string& org, const std::string& who, const std::string& role) {
    auto user = run_skydda({"user", "add", "--db", db_url, "--org", org, "--email", who + "@example.se", "--name", who,
                            "--role", role, "--password-stdin"},
                           "correct horse battery\n");
    if (user.exit_code != 0) throw std::runtime_error("user add failed: " + user.err);
    auto token = run_skydda({"token", "create", "--db", db_url, "--email", who + "@example.se"});
    if (token.exit_code != 0) throw std::runtime_error("token create failed: " + token.err);
    auto last = token.out.substr(token.out.rfind('\n', token.out.size() - 2) + 1);
    return {id_from_json(user.out), last.substr(0, last.size() - 1)};
}

uint16_t free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

ServerProcess::ServerProcess(const std::string& db_url, uint16_t port) : m_port(port) {
    m_pid = fork();
    if (m_pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        std::string listen = "127.0.0.1:" + std::to_string(port);
        execl(SKYDDA_BINARY, SKYDDA_BINARY, "serve", "--db", db_url.c_str(), "--listen", listen.c_str(), "--threads",
              "2", static_cast<char*>(nullptr));
        _exit(127);
    }
    for (int attempt = 0; attempt < 200; ++attempt) {
        try {
            if (http::request("127.0.0.1", port, "GET", "/healthz").status == 200) return;
        } catch (const std::exception&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("the server did not start");
}

int ServerProcess::stop() {
    if (m_pid <= 0) return -1;
    kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::kill_now() {
    if (m_pid <= 0) return;
    kill(m_pid, SIGKILL);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
}

ServerProcess::~ServerProcess() { stop(); }

} // namespace skydda::e2e
