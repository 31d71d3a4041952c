// Document rendering speed (Google Benchmark): one letter to PDF, the print file of a letter to
// 300 people (300 pages in one PDF), and the same letter as HTML and JSON. bench/documents.sh
// runs it next to poppler's pdftotext reading the 300-page file back.
//   bench_documents --write FILE   writes the 300-page print file and exits (for the reference)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "doc/document.hpp"

namespace {

using namespace skydda;

// A one-page letter like the default template's: addressee, five sections of plain text.
doc::Document letter(int number) {
    doc::Document d;
    d.kind = "subject-letter";
    d.title = "Information om en personuppgiftsincident";
    d.organisation = "Barn- och utbildningsnämnden, Exempelby kommun";
    d.reference = "PUI 2026/0042";
    d.addressee = {"Person " + std::to_string(number), "Storgatan " + std::to_string(number % 90 + 1), "123 45 Exempelby"};
    const char* parts[][2] = {
        {"Vad som har hänt", "Den 23 oktober skickades ett e-brev med uppgifter om elevers hälsa till fel vårdnadshavare."},
        {"Vad det kan innebära för dig", "Någon utanför skolan kan ha läst att ditt barn har en diagnos."},
        {"Vad vi har gjort", "Vi har bett mottagaren radera brevet och fått svar att det är gjort."},
        {"Vad vi gör för att det inte ska hända igen", "Skolan skickar inte längre hälsouppgifter med e-post."},
        {"Vad du kan göra", "Du behöver inte göra något. Hör av dig om du har frågor. Du kan klaga hos IMY."},
        {"Kontakt", "Dora Dataskyddsombud, dataskyddsombud@exempelby.se, 0123-45 67 00"}};
    for (const auto& [heading, text] : parts) d.sections.push_back({heading, {doc::Paragraph{text}}});
    return d;
}

std::vector<doc::Document> letters(int count) {
    std::vector<doc::Document> out;
    for (int i = 0; i < count; ++i) out.push_back(letter(i));
    return out;
}

void one_letter_pdf(benchmark::State& state) {
    auto document = letter(1);
    for (auto _ : state) benchmark::DoNotOptimize(doc::render_pdf(document));
}
BENCHMARK(one_letter_pdf)->Unit(benchmark::kMillisecond);

void print_file_pdf(benchmark::State& state) {
    auto documents = letters(static_cast<int>(state.range(0)));
    size_t bytes = 0;
    for (auto _ : state) {
        auto pdf = doc::render_pdf(documents);
        bytes = pdf ? pdf->size() : 0;
        benchmark::DoNotOptimize(pdf);
    }
    state.counters["pages"] = static_cast<double>(state.range(0));
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(print_file_pdf)->Arg(300)->Unit(benchmark::kMillisecond);

void one_letter_html(benchmark::State& state) {
    auto document = letter(1);
    for (auto _ : state) benchmark::DoNotOptimize(doc::render_html(document));
}
BENCHMARK(one_letter_html)->Unit(benchmark::kMicrosecond);

void one_letter_json(benchmark::State& state) {
    auto document = letter(1);
    for (auto _ : state) benchmark::DoNotOptimize(doc::render_json(document));
}
BENCHMARK(one_letter_json)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--write") == 0) {
        auto pdf = doc::render_pdf(letters(300));
        if (!pdf) return 1;
        std::ofstream(argv[2], std::ios::binary) << *pdf;
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
