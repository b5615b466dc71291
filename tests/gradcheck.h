#pragma once
// A reusable finite-difference gradient checker for the engine's tests.
//
// The loss is L = sum(R .* f(theta)) for a fixed random R, so dL/df = R is what each
// backward receives. For a few random entries of theta we compare the analytic dL/dtheta
// with the central difference (L(theta + e) - L(theta - e)) / 2e. Float forward passes
// limit the precision; entries near a kink (ReLU at 0, max-pool ties) are skipped by
// the caller's `skip` predicate or by a second-difference test.

#include "nn/tensor.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

namespace inklens::test {

struct GradCheckResult
{
    int checked = 0;
    int skipped = 0;
    double maxAbsDiff = 0;
    double maxRelDiff = 0;
    int failures = 0;
};

// value: pointer to the parameter entries; analytic: their gradients (same size);
// loss(): recomputes L with the current values. Checks `samples` random entries.
inline GradCheckResult gradCheck(float* value, const float* analytic, long size,
                                 const std::function<double()>& loss, int samples,
                                 std::uint64_t seed, double eps = 1e-2, double tol = 1e-2)
{
    GradCheckResult r;
    std::mt19937_64 gen(seed);
    const double l0 = loss();
    for (int s = 0; s < samples && size > 0; ++s) {
        const long idx = long(gen() % std::uint64_t(size));
        const float keep = value[idx];
        value[idx] = float(keep + eps);
        const double lp = loss();
        value[idx] = float(keep - eps);
        const double lm = loss();
        value[idx] = keep;
        const double numeric = (lp - lm) / (2 * eps);
        // A kink inside [x-eps, x+eps] shows up as a large second difference: skip it.
        const double curvature = std::abs(lp - 2 * l0 + lm) / (eps * eps);
        const double a = analytic[idx];
        const double diff = std::abs(a - numeric);
        const double scale = std::max({0.1, std::abs(a), std::abs(numeric)});
        if (curvature * eps > 10 * tol * scale && diff > tol * scale) {
            ++r.skipped;
            continue;
        }
        ++r.checked;
        r.maxAbsDiff = std::max(r.maxAbsDiff, diff);
        r.maxRelDiff = std::max(r.maxRelDiff, diff / scale);
        if (diff > tol * scale) {
            ++r.failures;
            qWarning("gradcheck: entry %ld analytic %.6g numeric %.6g", idx, a, numeric);
        }
    }
    return r;
}

inline void reportGradCheck(const char* what, const GradCheckResult& r)
{
    qInfo("%-28s checked %3d skipped %2d  max |diff| %.3g  max rel %.3g", what, r.checked,
          r.skipped, r.maxAbsDiff, r.maxRelDiff);
    QVERIFY2(r.failures == 0, what);
    QVERIFY2(r.checked >= r.skipped, what);  // kinks must stay the exception
}

inline void fillUniform(float* p, long n, std::uint64_t seed, float lo = -1.f, float hi = 1.f)
{
    std::mt19937_64 gen(seed);
    for (long i = 0; i < n; ++i)
        p[i] = lo + (hi - lo) * float(gen() >> 40) / 16777216.f;
}

}  // namespace inklens::test
