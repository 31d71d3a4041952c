// Distinct counting with bounded memory, exact, shared by the scanning threads.
//
// Personal identity numbers are counted in a bitmap over every possible normalised number
// (birth date × birth number, personnummer and samordningsnummer), allocated in pages on first
// use: at most 31 MB however many people a leak holds, exact, and lock-free (atomic OR).
// Every other identifier is a 64-bit key (the value itself or a keyed SipHash of its
// normalised text) in a sharded open-addressing set: 8 bytes a key at load ≤ 0.5, exact up to
// the 64-bit hash (a collision among 50 million keys has a probability below 10⁻⁴). Past a
// limit of keys (64 million by default, about 1 GB) a set turns into a HyperLogLog sketch of
// 16 kB (standard error about 0.8 %) and says its count is an estimate: memory stays bounded
// however large the leak.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace skydda::scan {

class PinBitmap {
public:
    PinBitmap();
    ~PinBitmap();
    // `number` is the normalised 12-digit YYYYMMDDNNNC; numbers outside 1850–2149 are ignored (personnummer
    // date from 1947, so nobody alive then was born before the 1850s).
    void insert(uint64_t number);
    uint64_t count() const;
    size_t memory_bytes() const;

private:
    static constexpr size_t k_page_bits = 1u << 20;
    std::unique_ptr<std::atomic<std::atomic<uint64_t>*>[]> m_pages;
    size_t m_page_count;
};

class KeySet {
public:
    KeySet();
    ~KeySet();
    // Before the first insert: how many keys to count exactly before estimating.
    void set_limit(uint64_t max_exact_keys) { m_max_exact_keys = max_exact_keys; }
    void insert(const uint64_t* keys, size_t count); // a batch, for fewer lock round-trips
    uint64_t count() const;
    bool exact() const { return !m_estimating.load(); }
    size_t memory_bytes() const;

private:
    struct Shard {
        std::mutex mutex;
        std::vector<uint64_t> slots; // 0 marks an empty slot; key 0 is tracked apart
        size_t used = 0;
        bool has_zero = false;
    };
    static constexpr size_t k_shards = 64;
    static constexpr int k_sketch_bits = 14;
    void insert_into(Shard& shard, uint64_t key);
    void sketch(uint64_t key);
    void start_estimating();

    std::array<Shard, k_shards> m_shards;
    uint64_t m_max_exact_keys = uint64_t{64} << 20;
    std::atomic<uint64_t> m_used{0};
    std::atomic<bool> m_estimating{false};
    std::mutex m_switch;
    std::unique_ptr<std::atomic<uint8_t>[]> m_registers; // the HyperLogLog sketch, once estimating
};

} // namespace skydda::scan
