// SPDX-License-Identifier: MIT
#pragma once

// A minimal check harness for the core tests that must also run where there is no Qt: a
// core-only build against another LibTorch (a CUDA machine). Each TEST_CASE is a function; a
// failed CHECK records file, line and message and the case goes on; an exception fails the case.
// main() runs every case (or those whose names contain argv[1]) and returns 1 if any failed.

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <execinfo.h>
#include <unistd.h>

namespace ql::devtest {

struct Case {
    const char *name;
    std::function<void()> body;
};

inline std::vector<Case> &cases()
{
    static std::vector<Case> all;
    return all;
}

inline int &failures()
{
    static int count = 0;
    return count;
}

struct Register {
    Register(const char *name, std::function<void()> body)
    {
        cases().push_back({name, std::move(body)});
    }
};

inline void fail(const char *file, int line, const std::string &what)
{
    ++failures();
    std::fprintf(stderr, "    FAIL %s:%d: %s\n", file, line, what.c_str());
}

inline const char *&currentCase()
{
    static const char *name = "(none)";
    return name;
}

/// A crash (on a remote GPU machine, often without a debugger) names its case and prints the
/// native stack before the default action ends the process.
inline void onFatalSignal(int sig)
{
    const char *head = "\nCRASH: signal ";
    (void)!::write(2, head, std::strlen(head));
    char digits[8];
    const int n = std::snprintf(digits, sizeof digits, "%d", sig);
    (void)!::write(2, digits, n > 0 ? static_cast<size_t>(n) : 0);
    (void)!::write(2, " in case ", 9);
    (void)!::write(2, currentCase(), std::strlen(currentCase()));
    (void)!::write(2, "\n", 1);
    void *frames[64];
    backtrace_symbols_fd(frames, backtrace(frames, 64), 2);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

inline int runAll(int argc, char **argv)
{
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        std::signal(sig, onFatalSignal);
    const std::string filter = argc > 1 ? argv[1] : "";
    int failedCases = 0, ran = 0;
    for (const Case &c : cases()) {
        if (!filter.empty() && std::string(c.name).find(filter) == std::string::npos)
            continue;
        ++ran;
        const int before = failures();
        std::fprintf(stderr, "RUN  %s\n", c.name);
        currentCase() = c.name;
        try {
            c.body();
        } catch (const std::exception &e) {
            fail(c.name, 0, std::string("exception: ") + e.what());
        }
        const bool ok = failures() == before;
        failedCases += ok ? 0 : 1;
        std::fprintf(stderr, "%s %s\n", ok ? "PASS" : "FAIL", c.name);
    }
    std::fprintf(stderr, "%d of %d cases passed\n", ran - failedCases, ran);
    if (ran == 0) {
        std::fprintf(stderr, "no case matches '%s'\n", filter.c_str());
        return 1;
    }
    return failedCases == 0 ? 0 : 1;
}

} // namespace ql::devtest

#define QL_CAT2(a, b) a##b
#define QL_CAT(a, b) QL_CAT2(a, b)
#define TEST_CASE(name)                                                                            \
    static void QL_CAT(test_, name)();                                                             \
    static const ql::devtest::Register QL_CAT(reg_, name)(#name, QL_CAT(test_, name));             \
    static void QL_CAT(test_, name)()

#define QL_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ql::devtest::fail(__FILE__, __LINE__, "QL_CHECK(" #cond ")");                          \
    } while (0)

/// |a - b| <= tol, with both values printed on failure.
#define QL_CHECK_NEAR(a, b, tol)                                                                   \
    do {                                                                                           \
        const double qlA = static_cast<double>(a), qlB = static_cast<double>(b);                   \
        if (!(std::fabs(qlA - qlB) <= static_cast<double>(tol))) {                                 \
            std::ostringstream qlOut;                                                              \
            qlOut << #a " = " << qlA << ", " #b " = " << qlB << ", tolerance " << (tol);           \
            ql::devtest::fail(__FILE__, __LINE__, qlOut.str());                                    \
        }                                                                                          \
    } while (0)

/// a <= b, with both values printed on failure.
#define QL_CHECK_LE(a, b)                                                                          \
    do {                                                                                           \
        const double qlA = static_cast<double>(a), qlB = static_cast<double>(b);                   \
        if (!(qlA <= qlB)) {                                                                       \
            std::ostringstream qlOut;                                                              \
            qlOut << #a " = " << qlA << " > " #b " = " << qlB;                                     \
            ql::devtest::fail(__FILE__, __LINE__, qlOut.str());                                    \
        }                                                                                          \
    } while (0)
