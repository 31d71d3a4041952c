// Drives the real `skydda` binary: runs CLI commands and starts the server on a free
// loopback port against a temporary database.
#pragma once
#include <string>
#include <vector>

#include "http/http.hpp"
#include "support/temp_dir.hpp"

namespace skydda::e2e {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `skydda args...` with `input` on standard input.
CommandResult run_skydda(const std::vector<std::string>& args, const std::string& input = {});
std::string id_from_json(const std::string& json_line); // {"id": "..."} → ...
uint16_t free_port();

// Adds WHO@example.se with ROLE in ORG (password set) and creates an API token, through the CLI.
struct Account {
    std::string id, token;
};
Account add_account(const std::string& db_url, const std::string& org, const std::string& who, const std::string& role);

class ServerProcess {
public:
    ServerProcess(const std::string& db_url, uint16_t port);
    ~ServerProcess();
    int stop(); // SIGTERM and wait; returns the exit code
    void kill_now(); // SIGKILL and wait: a crash, with no chance to flush or clean up
    uint16_t port() const { return m_port; }

private:
    int m_pid = -1;
    uint16_t m_port;
};

} // namespace skydda::e2e
