#include <gtest/gtest.h>

#include <thread>

#include "scan/distinct.hpp"

using namespace skydda::scan;

TEST(PinBitmap, CountsEachNormalisedNumberOnceAndKeepsCoordinationNumbersApart) {
    PinBitmap pins;
    pins.insert(198112189876);
    pins.insert(198112189876);
    pins.insert(197010632391); // samordningsnummer: day 63
    pins.insert(197010032391); // the same digits as a personnummer day 03: another person
    pins.insert(185501011234);
    pins.insert(214912319999);
    EXPECT_EQ(pins.count(), 5u);
    pins.insert(180001011234); // outside 1850–2149: ignored
    EXPECT_EQ(pins.count(), 5u);
}

TEST(PinBitmap, ManyThreadsInsertingOverlappingNumbersCountExactly) {
    PinBitmap pins;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&pins, t] {
            for (uint64_t serial = 0; serial < 1000; ++serial)
                for (uint64_t day = 1; day <= 28; ++day)
                    pins.insert(((1990 + static_cast<uint64_t>(t % 2)) * 10000 + 500 + day) * 10000 + serial * 10);
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(pins.count(), 2u * 28 * 1000);
    EXPECT_LE(pins.memory_bytes(), 32u << 20);
}

TEST(KeySet, IsExactAcrossBatchesThreadsAndGrowth) {
    KeySet keys;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&keys] {
            std::vector<uint64_t> batch;
            for (uint64_t k = 0; k < 200000; ++k) {
                batch.push_back(k * 0x9E3779B97F4A7C15ULL);
                if (batch.size() == 4096) keys.insert(batch.data(), batch.size()), batch.clear();
            }
            keys.insert(batch.data(), batch.size());
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(keys.count(), 200000u); // key 0 included, every key inserted by all four threads
}

TEST(KeySet, BeyondItsLimitItEstimatesWithinAFewPercentInBoundedMemory) {
    KeySet keys;
    keys.set_limit(1000);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&keys, t] {
            std::vector<uint64_t> batch;
            for (uint64_t k = 0; k < 100000; ++k) {
                batch.push_back((k + static_cast<uint64_t>(t % 2) * 100000) * 0x9E3779B97F4A7C15ULL + 1);
                if (batch.size() == 4096) keys.insert(batch.data(), batch.size()), batch.clear();
            }
            keys.insert(batch.data(), batch.size());
        });
    for (auto& thread : threads) thread.join();
    EXPECT_FALSE(keys.exact());
    auto estimate = static_cast<double>(keys.count());
    EXPECT_NEAR(estimate, 200000.0, 200000.0 * 0.03);
    EXPECT_LE(keys.memory_bytes(), 16u << 10);
}

TEST(KeySet, StaysExactUpToItsLimit) {
    KeySet keys;
    keys.set_limit(5000);
    std::vector<uint64_t> batch;
    for (uint64_t k = 1; k <= 5000; ++k) batch.push_back(k);
    keys.insert(batch.data(), batch.size());
    EXPECT_TRUE(keys.exact());
    EXPECT_EQ(keys.count(), 5000u);
}
