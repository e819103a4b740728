// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace ql::core {

/// Per-sample random streams for data-parallel training. While a SampleKeyScope is alive on a
/// thread, row i of a batch of keys.size() rows is sample keys[i] of a global batch of
/// globalSize samples, and the random draws that depend on the sample (dropout masks, the
/// uniform fill of saliency-guided masking) are taken as if the whole global batch were
/// processed in one piece: a rank that holds rows {0, 3, 5} of a global batch of 8 draws
/// exactly what one process with all 8 rows draws for those rows. Without a scope (one
/// process) nothing changes. The default generator advances the same on every rank.
struct SampleKeys {
    std::vector<int64_t> keys; ///< increasing positions in the global batch
    int64_t globalSize = 0;
};

class SampleKeyScope {
public:
    explicit SampleKeyScope(SampleKeys keys);
    ~SampleKeyScope();
    SampleKeyScope(const SampleKeyScope &) = delete;
    SampleKeyScope &operator=(const SampleKeyScope &) = delete;

private:
    SampleKeys m_keys;
    const SampleKeys *m_previous;
};

/// The keys of the current thread's scope when they describe a batch of `rows` rows; else null.
const SampleKeys *currentSampleKeys(int64_t rows);

} // namespace ql::core
