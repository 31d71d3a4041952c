#include "scan/distinct.hpp"

#include <bit>
#include <cmath>

namespace skydda::scan {
namespace {

// YYYYMMDDNNNC → a dense index: year (1850–2149), month 0–12, day 0–31 with samordningsnummer
// (day + 60) as a second half, birth number 0–999. The check digit follows from the rest.
constexpr uint64_t k_first_year = 1850, k_years = 300, k_months = 13, k_days = 32, k_serials = 1000;
constexpr uint64_t k_index_count = k_years * k_months * k_days * 2 * k_serials;

bool pin_index(uint64_t number, uint64_t& index) {
    uint64_t serial = (number / 10) % 1000;
    uint64_t day = (number / 10'000) % 100;
    uint64_t month = (number / 1'000'000) % 100;
    uint64_t year = number / 100'000'000;
    uint64_t coordination = day >= 60 ? 1 : 0;
    if (coordination) day -= 60;
    if (year < k_first_year || year >= k_first_year + k_years || month >= k_months || day >= k_days) return false;
    index = ((((year - k_first_year) * k_months + month) * k_days + day) * 2 + coordination) * k_serials + serial;
    return true;
}

uint64_t mix(uint64_t key) { // keys from SipHash are uniform already; values are not
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return key;
}

// Linear probing in a power-of-two table; returns whether the key was new.
bool place(std::vector<uint64_t>& slots, uint64_t key) {
    size_t mask = slots.size() - 1;
    size_t at = (mix(key) >> 6) & mask; // the low bits chose the shard
    while (slots[at] && slots[at] != key) at = (at + 1) & mask;
    if (slots[at]) return false;
    slots[at] = key;
    return true;
}

} // namespace

PinBitmap::PinBitmap() : m_page_count((k_index_count + k_page_bits - 1) / k_page_bits) {
    m_pages = std::make_unique<std::atomic<std::atomic<uint64_t>*>[]>(m_page_count);
    for (size_t i = 0; i < m_page_count; ++i) m_pages[i].store(nullptr, std::memory_order_relaxed);
}

PinBitmap::~PinBitmap() {
    for (size_t i = 0; i < m_page_count; ++i) delete[] m_pages[i].load();
}

void PinBitmap::insert(uint64_t number) {
    uint64_t index = 0;
    if (!pin_index(number, index)) return;
    auto& slot = m_pages[index / k_page_bits];
    auto* page = slot.load(std::memory_order_acquire);
    if (!page) {
        auto* fresh = new std::atomic<uint64_t>[k_page_bits / 64]();
        if (slot.compare_exchange_strong(page, fresh, std::memory_order_acq_rel)) page = fresh;
        else delete[] fresh; // another thread won; `page` now holds its page
    }
    uint64_t bit = index % k_page_bits;
    page[bit / 64].fetch_or(uint64_t{1} << (bit % 64), std::memory_order_relaxed);
}

namespace {

// Without -mpopcnt, std::popcount is a library call per word; every x86-64 made since 2008
// has the instruction, so the page count is compiled for it and chosen at run time.
#if defined(__x86_64__)
__attribute__((target("popcnt"))) uint64_t count_page_popcnt(const std::atomic<uint64_t>* page, size_t words) {
    uint64_t total = 0;
    for (size_t w = 0; w < words; ++w) total += static_cast<uint64_t>(__builtin_popcountll(page[w].load()));
    return total;
}
#endif

uint64_t count_page(const std::atomic<uint64_t>* page, size_t words) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("popcnt")) return count_page_popcnt(page, words);
#endif
    uint64_t total = 0;
    for (size_t w = 0; w < words; ++w) total += static_cast<uint64_t>(std::popcount(page[w].load()));
    return total;
}

} // namespace

uint64_t PinBitmap::count() const {
    uint64_t total = 0;
    for (size_t i = 0; i < m_page_count; ++i)
        if (auto* page = m_pages[i].load()) total += count_page(page, k_page_bits / 64);
    return total;
}

size_t PinBitmap::memory_bytes() const {
    size_t bytes = m_page_count * sizeof(void*);
    for (size_t i = 0; i < m_page_count; ++i)
        if (m_pages[i].load()) bytes += k_page_bits / 8;
    return bytes;
}

KeySet::KeySet() = default;
KeySet::~KeySet() = default;

void KeySet::insert(const uint64_t* keys, size_t count) {
    // Group by shard so each shard's lock is taken once per batch.
    std::array<std::vector<uint64_t>, k_shards> grouped;
    for (size_t i = 0; i < count; ++i) grouped[mix(keys[i]) & (k_shards - 1)].push_back(keys[i]);
    for (size_t s = 0; s < k_shards; ++s) {
        if (grouped[s].empty()) continue;
        {
            std::lock_guard lock(m_shards[s].mutex);
            for (uint64_t key : grouped[s]) insert_into(m_shards[s], key);
        }
        if (!m_estimating.load() && m_used.load() > m_max_exact_keys) start_estimating();
    }
}

// Called with the shard's lock held.
void KeySet::insert_into(Shard& shard, uint64_t key) {
    if (m_estimating.load(std::memory_order_relaxed)) return sketch(key);
    if (key == 0) {
        shard.has_zero = true;
        return;
    }
    if ((shard.used + 1) * 2 > shard.slots.size()) {
        std::vector<uint64_t> old = std::move(shard.slots);
        shard.slots.assign(old.empty() ? 1024 : old.size() * 2, 0);
        for (uint64_t moved : old)
            if (moved) place(shard.slots, moved);
    }
    if (place(shard.slots, key)) {
        ++shard.used;
        ++m_used;
    }
}

// HyperLogLog: the first k_sketch_bits of the mixed key choose a register, which keeps the
// largest position of the first set bit among the rest.
void KeySet::sketch(uint64_t key) {
    uint64_t hash = mix(key ^ 0x9E3779B97F4A7C15ULL);
    auto index = static_cast<size_t>(hash >> (64 - k_sketch_bits));
    uint64_t rest = (hash << k_sketch_bits) | (uint64_t{1} << (k_sketch_bits - 1));
    auto rank = static_cast<uint8_t>(std::countl_zero(rest) + 1);
    auto& reg = m_registers[index];
    for (uint8_t seen = reg.load(); seen < rank && !reg.compare_exchange_weak(seen, rank);) {
    }
}

// Takes every shard's lock (in order, while holding none), moves the exact keys into the
// sketch and frees the tables.
void KeySet::start_estimating() {
    std::lock_guard switching(m_switch);
    if (m_estimating.load()) return;
    std::array<std::unique_lock<std::mutex>, k_shards> locks;
    for (size_t s = 0; s < k_shards; ++s) locks[s] = std::unique_lock(m_shards[s].mutex);
    m_registers = std::make_unique<std::atomic<uint8_t>[]>(size_t{1} << k_sketch_bits);
    for (auto& shard : m_shards) {
        for (uint64_t key : shard.slots)
            if (key) sketch(key);
        if (shard.has_zero) sketch(0);
        std::vector<uint64_t>().swap(shard.slots);
    }
    m_estimating = true;
}

uint64_t KeySet::count() const {
    if (!m_estimating.load()) {
        uint64_t total = 0;
        for (const auto& shard : m_shards) total += shard.used + (shard.has_zero ? 1 : 0);
        return total;
    }
    constexpr double m = double(size_t{1} << k_sketch_bits);
    double sum = 0;
    size_t zeros = 0;
    for (size_t i = 0; i < (size_t{1} << k_sketch_bits); ++i) {
        uint8_t reg = m_registers[i].load();
        sum += std::ldexp(1.0, -reg);
        zeros += reg == 0;
    }
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros) estimate = m * std::log(m / static_cast<double>(zeros));
    return static_cast<uint64_t>(std::llround(estimate));
}

size_t KeySet::memory_bytes() const {
    if (m_estimating.load()) return size_t{1} << k_sketch_bits;
    size_t bytes = 0;
    for (const auto& shard : m_shards) bytes += shard.slots.size() * sizeof(uint64_t);
    return bytes;
}

} // namespace skydda::scan
