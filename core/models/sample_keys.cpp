// SPDX-License-Identifier: MIT
#include "core/models/sample_keys.h"

#include <utility>

namespace ql::core {

namespace {
thread_local const SampleKeys *t_current = nullptr;
}

SampleKeyScope::SampleKeyScope(SampleKeys keys) : m_keys(std::move(keys)), m_previous(t_current)
{
    t_current = &m_keys;
}

SampleKeyScope::~SampleKeyScope()
{
    t_current = m_previous;
}

const SampleKeys *currentSampleKeys(int64_t rows)
{
    if (!t_current || rows <= 0 || int64_t(t_current->keys.size()) != rows)
        return nullptr;
    return t_current;
}

} // namespace ql::core
