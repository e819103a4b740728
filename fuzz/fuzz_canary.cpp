// SPDX-License-Identifier: MIT
// A target with planted defects, for replay_selftest.sh: proves that fuzz_replay finds an
// input a few mutations away from its seed and reports each kind of failure. The defect that
// is armed comes from QUANTLENS_CANARY (crash, timeout or oom); its trigger is a first byte
// the mutator can produce (0xff), which the seed does not have.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *mode = std::getenv("QUANTLENS_CANARY");
    if (!mode || size < 1 || data[0] != 0xff)
        return 0;
    if (std::strcmp(mode, "crash") == 0)
        __builtin_trap();
    if (std::strcmp(mode, "timeout") == 0)
        for (volatile uint64_t i = 0;; i = i + 1) {
        }
    if (std::strcmp(mode, "oom") == 0) {
        static std::vector<uint8_t> hog;
        hog.assign(size_t{256} << 20, 1); // 256 MiB, touched
    }
    return 0;
}
