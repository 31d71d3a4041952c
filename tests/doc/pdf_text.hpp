// Runs poppler's pdftotext / pdffonts on a PDF held in memory (the tests check real text).
#pragma once
#include <cstdio>
#include <fstream>
#include <string>

#include "support/temp_dir.hpp"

namespace skydda::test_support {

inline std::string run_command(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
        pclose(pipe);
    }
    return out;
}

// `tool` is "pdftotext" or "pdffonts"; `arguments` come before the file name.
inline std::string pdf_tool(const std::string& pdf, const std::string& tool, const std::string& arguments = "") {
    TempDir dir;
    auto file = dir.path() / "document.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    if (tool == "pdftotext") return run_command("pdftotext -enc UTF-8 " + arguments + " '" + file.string() + "' -");
    return run_command(tool + " " + arguments + " '" + file.string() + "'");
}

inline std::string pdf_text(const std::string& pdf) { return pdf_tool(pdf, "pdftotext"); }
inline std::string pdf_page_text(const std::string& pdf, int page) {
    auto n = std::to_string(page);
    return pdf_tool(pdf, "pdftotext", "-f " + n + " -l " + n);
}
inline int pdf_pages(const std::string& pdf) {
    auto info = pdf_tool(pdf, "pdfinfo");
    auto at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

} // namespace skydda::test_support
