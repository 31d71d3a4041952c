// Starts tests/support/smtp_sink.py on a loopback port for one test and reads what it
// received. The sink can refuse its first N messages with 451; stop() kills it (a relay that
// is down), and a new SmtpSink on the same folder and port brings it back.
#pragma once
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace skydda::test_support {

class SmtpSink {
public:
    explicit SmtpSink(std::filesystem::path dir, int fail_first = 0, int port = 0) : m_dir(std::move(dir)) {
        int pipe_fds[2];
        if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
        m_pid = fork();
        if (m_pid == 0) {
            dup2(pipe_fds[1], 1);
            close(pipe_fds[0]);
            std::string script = std::string(SKYDDA_SOURCE_DIR) + "/tests/support/smtp_sink.py";
            std::string fail = std::to_string(fail_first), port_text = std::to_string(port);
            execlp("python3", "python3", script.c_str(), "--dir", m_dir.c_str(), "--fail-first", fail.c_str(),
                   "--port", port_text.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(pipe_fds[1]);
        FILE* out = fdopen(pipe_fds[0], "r");
        if (!out || std::fscanf(out, "%d", &m_port) != 1) {
            if (out) std::fclose(out);
            stop();
            throw std::runtime_error("the SMTP sink did not start");
        }
        std::fclose(out);
    }
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return m_port; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
    void stop() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
        m_pid = -1;
    }

    // The messages received so far, in order.
    std::vector<std::string> messages() const {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(m_dir))
            if (entry.path().extension() == ".eml") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        std::vector<std::string> out;
        for (const auto& file : files) {
            std::ifstream in(file, std::ios::binary);
            std::stringstream buffer;
            buffer << in.rdbuf();
            out.push_back(buffer.str());
        }
        return out;
    }

    // Waits until at least `count` messages arrived (or the time is up); returns them.
    std::vector<std::string> wait_for(size_t count, std::chrono::seconds limit = std::chrono::seconds(20)) const {
        auto until = std::chrono::steady_clock::now() + limit;
        for (;;) {
            auto found = messages();
            if (found.size() >= count || std::chrono::steady_clock::now() > until) return found;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

private:
    std::filesystem::path m_dir;
    int m_pid = -1;
    int m_port = 0;
};

// The value of a header in a received message ("" when absent); unfolded.
inline std::string mail_header(const std::string& message, const std::string& name) {
    auto end = message.find("\r\n\r\n");
    std::string head = message.substr(0, end);
    std::string key = "\r\n" + name + ": ";
    auto at = ("\r\n" + head).find(key);
    if (at == std::string::npos) return {};
    auto start = at + key.size() - 2;
    std::string value;
    for (size_t i = start; i < head.size(); ++i) {
        if (head.compare(i, 2, "\r\n") == 0) {
            if (i + 2 < head.size() && (head[i + 2] == ' ' || head[i + 2] == '\t')) {
                i += 1;
                continue;
            }
            break;
        }
        value += head[i];
    }
    return value;
}

// The text of a single-part quoted-printable message, decoded (soft breaks removed, =XX bytes).
inline std::string mail_text(const std::string& message) {
    auto start = message.find("\r\n\r\n");
    std::string body = start == std::string::npos ? message : message.substr(start + 4), out;
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '=') {
            out += body[i];
        } else if (body.compare(i + 1, 2, "\r\n") == 0) {
            i += 2;
        } else if (i + 2 < body.size()) {
            out += static_cast<char>(std::stoi(body.substr(i + 1, 2), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

} // namespace skydda::test_support
