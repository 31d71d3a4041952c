#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "scan/extract.hpp"
#include "scan/extract_test_support.hpp"

using namespace skydda::scan;
using namespace skydda::scan::testing;

// The driver runs extract() on several inputs at once: no extractor may share mutable state
// (poppler's settings, iconv, libarchive handles). Every thread must see what one thread sees.
TEST(ExtractThreads, ConcurrentExtractionGivesTheSameTextAsSequential) {
    const std::vector<std::string> names = {"doc.pdf", "mail.eml", "book.xlsx", "doc.docx", "archive.tar.gz",
                                            "latin1.txt", "encrypted.pdf", "nested.zip"};
    std::vector<std::string> expected;
    for (const auto& name : names) expected.push_back(extract_fixture(name).all_text());
    std::vector<std::string> results(names.size() * 4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (size_t i = 0; i < names.size(); ++i) results[t * names.size() + i] = extract_fixture(names[i]).all_text();
        });
    for (auto& thread : threads) thread.join();
    for (size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i], expected[i % names.size()]) << names[i % names.size()];
}
