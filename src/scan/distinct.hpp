// Distinct counting with bounded memory, exact, shared by the scanning threads.
//
// Personal identity numbers are counted in a bitmap over every possible normalised number
// (birth date × birth number, personnummer and samordningsnummer), allocated in pages on first
// use: at most 31 MB however many people a leak holds, exact, and lock-free (atomic OR).
// Every other identifier is a 64-bit key (the value itself or a keyed SipHash of its
// normalised text) in a sharded open-addressing set: 8 bytes a key at load ≤ 0.5, exact up to
// the 64-bit hash (a collision among 50 million keys has a probability below 10⁻⁴).
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
    void insert(const uint64_t* keys, size_t count); // a batch, for fewer lock round-trips
    uint64_t count() const;
    size_t memory_bytes() const;

private:
    struct Shard {
        std::mutex mutex;
        std::vector<uint64_t> slots; // 0 marks an empty slot; key 0 is tracked apart
        size_t used = 0;
        bool has_zero = false;
    };
    static constexpr size_t k_shards = 64;
    std::array<Shard, k_shards> m_shards;
};

} // namespace skydda::scan
