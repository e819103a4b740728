// SPDX-License-Identifier: MIT
// core/runtime: thread configuration, device parsing and the heap tuning of configureAllocator.
#include "core/runtime.h"

#include <ATen/Parallel.h>
#include <QTest>

#include <cstdlib>
#include <stdexcept>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace ql::core;

class TestRuntime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // First: configureThreads (below) applies the heap settings, once per process.
    void allocatorKeepsLargeBuffersOnTheHeap();
    void threads();
    void devices();
};

void TestRuntime::threads()
{
    QVERIFY(defaultThreadCount() >= 1);
    QCOMPARE(configureThreads(1), 1);
    QCOMPARE(at::get_num_threads(), 1);
    QCOMPARE(configureThreads(0), defaultThreadCount());
    QCOMPARE(at::get_num_threads(), defaultThreadCount());
}

void TestRuntime::devices()
{
    QVERIFY(parseDevice("cpu").is_cpu());
    QVERIFY(parseDevice("auto").is_cpu() || parseDevice("auto").is_cuda());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseDevice("gpu0"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseDevice("cuda:99"));
}

void TestRuntime::allocatorKeepsLargeBuffersOnTheHeap()
{
#if !defined(__GLIBC__)
    QSKIP("glibc only");
#else
    if (std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_") ||
        std::getenv("QUANTLENS_SYSTEM_MALLOC"))
        QSKIP("the environment overrides the heap settings");
    // Before: glibc serves a 16 MiB block with mmap (its default threshold is 128 KiB, and
    // adapts up to the size of freed mmapped blocks only).
    const size_t size = size_t{16} << 20;
    void *before = std::malloc(size);
    static_cast<volatile char *>(before)[size - 1] = 1; // used: the compiler keeps the malloc
    const size_t mappedBefore = mallinfo2().hblkhd;
    std::free(before);
    if (mappedBefore < size) // glibc raised its threshold already (after freeing a big block)
        QSKIP("precondition not met: glibc did not mmap a 16 MiB block in this process");

    QVERIFY(configureAllocator());
    QVERIFY(configureAllocator()); // idempotent

    // After: the block comes from the heap, and freeing it keeps the memory in the process.
    const size_t mappedIdle = mallinfo2().hblkhd;
    void *after = std::malloc(size);
    static_cast<volatile char *>(after)[size - 1] = 1;
    const size_t mappedAfter = mallinfo2().hblkhd;
    std::free(after);
    QCOMPARE(mappedAfter, mappedIdle);
    const size_t heapKept = mallinfo2().arena;
    QVERIFY2(heapKept >= size, "the freed block was trimmed back to the kernel");
#endif
}

QTEST_APPLESS_MAIN(TestRuntime)
#include "tst_runtime.moc"
