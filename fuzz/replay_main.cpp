// SPDX-License-Identifier: MIT
// The CI half of the fuzzing (issue 12): a libFuzzer target's LLVMFuzzerTestOneInput, linked
// into the regular GCC build with this driver instead of libFuzzer. It runs every seed file,
// then mutates the seeds at random (bit flips, interesting bytes and integers, truncation,
// chunk deletion, duplication and insertion, splicing two seeds) for a bounded time, under the
// same limits as scripts/fuzz_one.sh: a per-input time limit and a cap on the process's peak
// RSS. There is no coverage guidance; that is scripts/fuzz.sh's clang build (opt-in, because
// it doubles CI). What this run catches in CI: crashes, hangs and memory blow-ups on inputs
// one or a few mutations away from valid files, and harnesses that stop compiling.
//
//   fuzz_replay_<target> SEEDDIR ARTIFACTDIR [SECONDS [RSS_MB [TIMEOUT_S [RNG_SEED]]]]
//
// A failing input is written to ARTIFACTDIR/crash-<n> (crash or sanitizer abort),
// timeout-<n> or oom-<n>, ready for `fuzz_<target> FILE` or `fuzz_replay_<target> FILE`
// (a single file argument replays just that file).
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

// The input being run, for the signal handlers (which may only use async-signal-safe calls).
const uint8_t *g_current = nullptr;
size_t g_currentSize = 0;
char g_artifactDir[4096] = {};
unsigned long g_iteration = 0;

void writeArtifact(const char *kind)
{
    char path[4200];
    // snprintf is not formally async-signal-safe, but glibc's does not allocate for %s/%lu.
    std::snprintf(path, sizeof path, "%s/%s-%lu", g_artifactDir, kind, g_iteration);
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        size_t done = 0;
        while (g_current && done < g_currentSize) {
            const ssize_t n = ::write(fd, g_current + done, g_currentSize - done);
            if (n <= 0)
                break;
            done += static_cast<size_t>(n);
        }
        ::close(fd);
    }
    const char *msg = "fuzz_replay: failing input written to ";
    (void)!::write(2, msg, std::strlen(msg));
    (void)!::write(2, path, std::strlen(path));
    (void)!::write(2, "\n", 1);
}

void onCrash(int sig)
{
    writeArtifact("crash");
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void onAlarm(int)
{
    writeArtifact("timeout");
    const char *msg = "fuzz_replay: one input ran past the per-input time limit\n";
    (void)!::write(2, msg, std::strlen(msg));
    std::_Exit(70);
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // kilobytes on Linux
}

Bytes readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class Mutator {
public:
    explicit Mutator(uint64_t seed) : m_rng(seed) {}

    Bytes mutate(const std::vector<Bytes> &seeds)
    {
        Bytes data = seeds[pick(seeds.size())];
        const int rounds = 1 + static_cast<int>(pick(4));
        for (int r = 0; r < rounds; ++r)
            mutateOnce(data, seeds);
        return data;
    }

private:
    size_t pick(size_t n)
    {
        return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(m_rng);
    }

    // Positions near the start are where the headers are: bias towards them half of the time.
    size_t position(size_t size)
    {
        if (size == 0)
            return 0;
        return pick(2) == 0 ? pick(std::min<size_t>(size, 64)) : pick(size);
    }

    void mutateOnce(Bytes &data, const std::vector<Bytes> &seeds)
    {
        static const uint32_t kInteresting[] = {
            0,      1,       0x7f,       0x80,        0xff,        0x100,   0x7fff, 0x8000,
            0xffff, 0x10000, 0x7fffffff, 0x80000000u, 0xffffffffu, 1000000, 2049,   2051};
        switch (pick(data.empty() ? 2 : 8)) {
        case 0: { // insert random bytes
            const size_t at = position(data.size() + 1);
            Bytes chunk(1 + pick(16));
            for (auto &b : chunk)
                b = static_cast<uint8_t>(pick(256));
            data.insert(data.begin() + static_cast<std::ptrdiff_t>(std::min(at, data.size())),
                        chunk.begin(), chunk.end());
            break;
        }
        case 1: { // splice: our head, another seed's tail
            const Bytes &other = seeds[pick(seeds.size())];
            const size_t cut = position(data.size() + 1);
            const size_t from = pick(other.size() + 1);
            data.resize(std::min(cut, data.size()));
            data.insert(data.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
            break;
        }
        case 2: // flip a bit
            data[position(data.size())] ^= static_cast<uint8_t>(1u << pick(8));
            break;
        case 3: // an interesting byte
            data[position(data.size())] = static_cast<uint8_t>(kInteresting[pick(16)]);
            break;
        case 4: { // an interesting 32-bit integer, either endianness
            if (data.size() < 4)
                break;
            const size_t at = position(data.size() - 3);
            const uint32_t v = kInteresting[pick(16)];
            for (int i = 0; i < 4; ++i)
                data[at + static_cast<size_t>(i)] =
                    static_cast<uint8_t>(pick(2) ? v >> (8 * (3 - i)) : v >> (8 * i));
            break;
        }
        case 5: // truncate
            data.resize(pick(data.size()));
            break;
        case 6: { // delete a chunk
            const size_t at = pick(data.size());
            const size_t n = std::min(data.size() - at, 1 + pick(64));
            data.erase(data.begin() + static_cast<std::ptrdiff_t>(at),
                       data.begin() + static_cast<std::ptrdiff_t>(at + n));
            break;
        }
        default: { // duplicate a chunk elsewhere
            const size_t at = pick(data.size());
            const size_t n = std::min(data.size() - at, 1 + pick(64));
            const Bytes chunk(data.begin() + static_cast<std::ptrdiff_t>(at),
                              data.begin() + static_cast<std::ptrdiff_t>(at + n));
            const size_t to = position(data.size() + 1);
            data.insert(data.begin() + static_cast<std::ptrdiff_t>(std::min(to, data.size())),
                        chunk.begin(), chunk.end());
            break;
        }
        }
    }

    std::mt19937_64 m_rng;
};

bool runOne(const Bytes &input, long rssLimitMb, unsigned timeoutSeconds)
{
    g_current = input.data();
    g_currentSize = input.size();
    alarm(timeoutSeconds);
    LLVMFuzzerTestOneInput(input.data(), input.size());
    alarm(0);
    if (peakRssMb() > rssLimitMb) {
        writeArtifact("oom");
        std::fprintf(stderr, "fuzz_replay: peak RSS %ld MB is over the %ld MB limit\n", peakRssMb(),
                     rssLimitMb);
        return false;
    }
    return true;
}

unsigned long parseNumber(const char *text, const char *what)
{
    char *end = nullptr;
    const unsigned long value = std::strtoul(text, &end, 10);
    if (!end || *end != '\0' || end == text) {
        std::fprintf(stderr, "fuzz_replay: %s must be a number, got '%s'\n", what, text);
        std::exit(2);
    }
    return value;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2 || argc > 7) {
        std::fprintf(stderr,
                     "usage: %s SEEDDIR ARTIFACTDIR [SECONDS [RSS_MB [TIMEOUT_S "
                     "[RNG_SEED]]]]\n       %s FILE\n",
                     argv[0], argv[0]);
        return 2;
    }
    std::signal(SIGALRM, onAlarm);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        std::signal(sig, onCrash);

    if (argc == 2 && fs::is_regular_file(argv[1])) { // replay one file
        std::snprintf(g_artifactDir, sizeof g_artifactDir, "%s", "/tmp");
        const Bytes input = readFile(argv[1]);
        return runOne(input, 1L << 40, 3600) ? 0 : 1;
    }
    const fs::path seedDir = argv[1];
    const fs::path artifacts = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
    const unsigned long seconds = argc > 3 ? parseNumber(argv[3], "SECONDS") : 10;
    const long rssLimitMb = argc > 4 ? static_cast<long>(parseNumber(argv[4], "RSS_MB")) : 2048;
    const unsigned timeout =
        argc > 5 ? static_cast<unsigned>(parseNumber(argv[5], "TIMEOUT_S")) : 10;
    const uint64_t rngSeed = argc > 6 ? parseNumber(argv[6], "RNG_SEED") : 20261127;

    std::error_code ec;
    fs::remove_all(artifacts, ec);
    fs::create_directories(artifacts);
    std::snprintf(g_artifactDir, sizeof g_artifactDir, "%s", artifacts.c_str());

    std::vector<Bytes> seeds;
    std::vector<fs::path> names;
    if (fs::is_directory(seedDir))
        for (const auto &entry : fs::directory_iterator(seedDir))
            if (entry.is_regular_file())
                names.push_back(entry.path());
    std::sort(names.begin(), names.end()); // a reproducible order for the seeded mutator
    for (const auto &name : names)
        seeds.push_back(readFile(name));
    if (seeds.empty()) {
        std::fprintf(stderr, "fuzz_replay: no seed files in %s\n", seedDir.c_str());
        return 2;
    }
    for (const Bytes &seed : seeds) {
        ++g_iteration;
        if (!runOne(seed, rssLimitMb, timeout))
            return 1;
    }
    Mutator mutator(rngSeed);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        ++g_iteration;
        const Bytes input = mutator.mutate(seeds);
        if (!runOne(input, rssLimitMb, timeout))
            return 1;
    }
    std::printf("fuzz_replay: %zu seeds and %lu mutated inputs in %lu s (rng seed %llu), "
                "peak RSS %ld MB: no findings\n",
                seeds.size(), g_iteration - seeds.size(), seconds,
                static_cast<unsigned long long>(rngSeed), peakRssMb());
    return 0;
}
