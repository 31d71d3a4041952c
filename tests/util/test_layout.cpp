// Issue 13: the layout's include rules, read from the sources (ARCHITECTURE.md, "Folders").
// The link lines keep a layer from calling up; these checks keep what the linker cannot see:
// the web layer never naming storage, a capability folder using no other capability of its
// layer except through the calls ARCHITECTURE.md allows, and "Internal to <folder>/" headers
// staying inside their folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Source {
    std::string path; // relative to src/, e.g. "web/cases/api.cpp"
    std::string text;
};

std::vector<Source> sources() {
    std::vector<Source> out;
    const fs::path root = fs::path(SKYDDA_SOURCE_DIR) / "src";
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        out.push_back({fs::relative(entry.path(), root).generic_string(), text.str()});
    }
    std::sort(out.begin(), out.end(), [](const Source& a, const Source& b) { return a.path < b.path; });
    return out;
}

std::vector<std::string> project_includes(const std::string& text) {
    static const std::regex k_include(R"re(#include "([a-z_]+/[^"]+)")re");
    std::vector<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), k_include), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
}

std::string layer_of(const std::string& path) { return path.substr(0, path.find('/')); }

// "app/cases/incidents.cpp" → "cases"; a file at the top of its layer → "".
std::string capability_of(const std::string& path) {
    auto first = path.find('/');
    auto second = path.find('/', first + 1);
    return second == std::string::npos ? "" : path.substr(first + 1, second - first - 1);
}

const std::vector<Source>& all() {
    static const auto files = sources();
    return files;
}

TEST(Layout, TheSourcesAreFound) {
    EXPECT_GT(all().size(), 200u);
}

// The layers and what each may include (ARCHITECTURE.md, "Layers"); the link lines in
// src/CMakeLists.txt say the same for calls.
TEST(Layout, EachLayerIncludesOnlyTheLayersBelowIt) {
    const std::map<std::string, std::set<std::string>> allowed{
        {"util", {"util"}},
        {"domain", {"util", "domain"}},
        {"storage", {"util", "domain", "storage"}},
        {"scan", {"util", "domain", "scan"}},
        {"doc", {"util", "doc"}},
        {"http", {"util", "http"}},
        {"mail", {"util", "mail"}},
        {"app", {"util", "domain", "storage", "doc", "scan", "app"}},
        {"web", {"util", "domain", "doc", "http", "scan", "app", "web"}},
    };
    for (const auto& file : all()) {
        auto rule = allowed.find(layer_of(file.path));
        if (rule == allowed.end()) continue; // cli wires everything; main.cpp calls cli
        for (const auto& include : project_includes(file.text))
            EXPECT_TRUE(rule->second.contains(layer_of(include))) << file.path << " includes " << include;
    }
}

// The web layer sees app, never storage: not by include and not by name (app hands out the
// rows it returns under its own names, domain holds the plain records and the facts' codec).
TEST(Layout, TheWebLayerNeverNamesStorage) {
    static const std::regex k_storage(R"(\bstorage::)");
    for (const auto& file : all()) {
        if (layer_of(file.path) != "web") continue;
        std::smatch found;
        EXPECT_FALSE(std::regex_search(file.text, found, k_storage)) << file.path << " names storage::";
    }
}

// Inside app/, web/ and storage/ a capability folder uses its layer's shared parts (the files
// at the top of the layer) and no other capability, except the calls listed here, which
// ARCHITECTURE.md names. The top of a layer may use a capability only where listed, too.
TEST(Layout, ACapabilityUsesAnotherOfItsLayerOnlyWhereArchitectureSaysSo) {
    struct Allowed {
        std::string layer, from, include;
    };
    const std::vector<Allowed> allowed{
        // app: the documents (the document model's builders and labels) are every outgoing
        // capability's; a report's alert e-mail is queued through mail's support.
        {"app", "cases", "app/mail/mail_support.hpp"},
        {"app", "letters", "app/documents/documents.hpp"},
        {"app", "notify", "app/documents/documents.hpp"},
        {"app", "notify", "app/documents/doc_labels.hpp"},
        {"app", "processor", "app/documents/documents.hpp"},
        {"app", "processor", "app/documents/doc_labels.hpp"},
        {"app", "register", "app/documents/doc_labels.hpp"},
        // app.hpp, the layer's facade, names the capabilities its App type holds.
        {"app", "", "app/accounts/accounts.hpp"},
        {"app", "", "app/cases/cases.hpp"},
        {"app", "", "app/documents/documents.hpp"},
        {"app", "", "app/scans/scans.hpp"},
        {"app", "", "app/mail/mail.hpp"},
        {"app", "", "app/notify/notifications.hpp"},
        // storage: the migrations fill the duties' order column once (migration 14).
        {"storage", "", "storage/cases/duty_repository.hpp"},
        // Backups leave the case register's search index out (migrate rebuilds it).
        {"storage", "", "storage/cases/case_search.hpp"},
        // web: the site (site.cpp) registers every capability's routes from its main header.
        {"web", "", "web/accounts/accounts.hpp"},
        {"web", "", "web/assessment/assessment.hpp"},
        {"web", "", "web/cases/cases.hpp"},
        {"web", "", "web/documents/documents.hpp"},
        {"web", "", "web/home/home.hpp"},
        {"web", "", "web/letters/letters.hpp"},
        {"web", "", "web/mail/mail.hpp"},
        {"web", "", "web/notify/notify.hpp"},
        {"web", "", "web/processor/processor.hpp"},
        {"web", "", "web/register/register.hpp"},
        {"web", "", "web/report/report.hpp"},
        // Every web capability may use a case through web/cases/cases.hpp (its URL's
        // confirmation, the duties' clocks, the case page re-rendered with a form's errors).
        {"web", "*", "web/cases/cases.hpp"},
        // The case page shows each capability's section, declared in its main header, and its
        // edit page is the report form.
        {"web", "cases", "web/letters/letters.hpp"},
        {"web", "cases", "web/mail/mail.hpp"},
        {"web", "cases", "web/notify/notify.hpp"},
        {"web", "cases", "web/processor/processor.hpp"},
        {"web", "cases", "web/report/report.hpp"},
        {"web", "cases", "web/scans/scans.hpp"},
        // The start page links to the customer registers the person manages.
        {"web", "home", "web/processor/processor.hpp"},
    };
    for (const auto& file : all()) {
        const auto layer = layer_of(file.path);
        if (layer != "app" && layer != "web" && layer != "storage") continue;
        const auto from = capability_of(file.path);
        for (const auto& include : project_includes(file.text)) {
            if (layer_of(include) != layer) continue;
            const auto to = capability_of(include);
            if (to.empty() || to == from) continue;
            bool listed = std::any_of(allowed.begin(), allowed.end(), [&](const Allowed& rule) {
                return rule.layer == layer && (rule.from == from || (rule.from == "*" && !from.empty())) &&
                       rule.include == include;
            });
            EXPECT_TRUE(listed) << file.path << " (capability '" << from << "') includes " << include
                                << ", another capability's part; use its layer's shared parts or list the call in "
                                   "ARCHITECTURE.md and here";
        }
    }
}

// A header that opens "// Internal to <folder>/:" is included only by files in that folder.
TEST(Layout, InternalHeadersStayInTheirFolder) {
    static const std::regex k_internal(R"(^// Internal to ([a-z_/]+/):)");
    std::map<std::string, std::string> internal; // header → folder
    for (const auto& file : all()) {
        std::smatch found;
        if (std::regex_search(file.text, found, k_internal)) internal[file.path] = found[1];
    }
    EXPECT_GE(internal.size(), 5u);
    for (const auto& file : all())
        for (const auto& include : project_includes(file.text)) {
            auto header = internal.find(include);
            if (header == internal.end()) continue;
            EXPECT_TRUE(file.path.starts_with(header->second))
                << file.path << " includes " << include << ", which is internal to " << header->second;
        }
}

// HTML safe by construction (web/markup.hpp): the pages build markup as html::Html only. No
// page escapes by hand (esc, tx, html::escape) or builds markup with fmt::format (the one
// exception is the page shell in web/html.cpp, whose every argument is escaped or Html), and
// Html::trusted appears only where markup.hpp's comment says.
TEST(Layout, TheWebLayerBuildsMarkupOnlyAsHtml) {
    static const std::regex k_hand_escape(R"((^|[^a-z_:])(esc|tx|unconverted)\(|html::escape\()");
    static const std::regex k_markup_format(R"re(fmt::format\(\s*R?"\(?<)re");
    static const std::regex k_trusted(R"(Html::trusted\()");
    const std::set<std::string> trusted_allowed{"web/markup.hpp", "web/html_shell.cpp"};
    size_t pages = 0;
    for (const auto& file : all()) {
        if (layer_of(file.path) != "web") continue;
        pages += fs::path(file.path).filename().string().starts_with("pages_");
        std::smatch found;
        if (file.path != "web/html.cpp" && file.path != "web/markup.hpp")
            EXPECT_FALSE(std::regex_search(file.text, found, k_hand_escape)) << file.path << " escapes by hand: " << found.str();
        if (file.path != "web/html.cpp")
            EXPECT_FALSE(std::regex_search(file.text, found, k_markup_format)) << file.path << " builds markup with fmt::format";
        if (!trusted_allowed.contains(file.path))
            EXPECT_FALSE(std::regex_search(file.text, found, k_trusted)) << file.path << " uses Html::trusted";
    }
    EXPECT_GE(pages, 20u) << "the web layer's page files were not found";
}

// Each capability folder of app/, storage/ and web/ has a main header: one that is not
// "Internal to" its folder and says in its opening comment what the folder holds. What the
// folder offers the rest of its layer and the layers above is declared there.
TEST(Layout, EveryCapabilityFolderHasAMainHeader) {
    static const std::regex k_internal(R"(^// Internal to )");
    std::map<std::string, std::vector<std::string>> main_headers; // "web/cases" → headers
    std::set<std::string> folders;
    for (const auto& file : all()) {
        const auto layer = layer_of(file.path);
        if (layer != "app" && layer != "web" && layer != "storage") continue;
        const auto capability = capability_of(file.path);
        if (capability.empty()) continue;
        folders.insert(layer + "/" + capability);
        if (file.path.ends_with(".hpp") && !std::regex_search(file.text, k_internal))
            main_headers[layer + "/" + capability].push_back(file.path);
    }
    EXPECT_GE(folders.size(), 25u);
    for (const auto& folder : folders)
        EXPECT_FALSE(main_headers[folder].empty()) << folder << "/ has no main header (only internal ones, or none)";
    // The web capabilities name theirs after the folder: web/<capability>/<capability>.hpp.
    for (const auto& folder : folders) {
        if (!folder.starts_with("web/")) continue;
        auto name = folder.substr(4);
        auto expected = folder + "/" + name + ".hpp";
        EXPECT_TRUE(std::any_of(main_headers[folder].begin(), main_headers[folder].end(),
                                [&](const std::string& header) { return header == expected; }))
            << folder << "/ has no " << expected;
    }
}

// Every header in a capability folder, and every layer's shared header, opens with a comment
// that says what it is for; a file over 400 lines is split where a reader looks for its parts
// (storage/migration_list.cpp is the migrations in order and stays whole only if under).
TEST(Layout, HeadersOpenWithAPurposeAndNoSourceFileIsOver400Lines) {
    for (const auto& file : all()) {
        if (file.path.ends_with(".hpp"))
            EXPECT_TRUE(file.text.starts_with("//")) << file.path << " does not open with a comment";
        auto lines = std::count(file.text.begin(), file.text.end(), '\n');
        EXPECT_LE(lines, 400) << file.path << " has " << lines << " lines";
    }
}

} // namespace
