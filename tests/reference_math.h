#pragma once
// The tests' own, independent statement of WeiCom's normalisation, in double precision:
// Phi((s - mean) / std) with the unbiased standard deviation; and random unit vectors.

#include <cmath>
#include <random>
#include <vector>

namespace rscir::test {

inline std::vector<double> referenceNormalised(const std::vector<double>& s)
{
    double mean = 0;
    for (double x : s)
        mean += x;
    mean /= double(s.size());
    double var = 0;
    for (double x : s)
        var += (x - mean) * (x - mean);
    const double sd = std::sqrt(var / double(s.size() - 1));
    std::vector<double> out;
    for (double x : s)
        out.push_back(0.5 * std::erfc(-(x - mean) / sd / std::sqrt(2.0)));
    return out;
}

/// A random unit vector of `d` values (normally distributed, then normalised).
inline std::vector<float> randomUnitVector(std::mt19937& rng, std::size_t d)
{
    std::normal_distribution<float> normal;
    std::vector<float> v(d);
    double norm = 0;
    for (auto& x : v) {
        x = normal(rng);
        norm += double(x) * x;
    }
    for (auto& x : v)
        x = static_cast<float>(x / std::sqrt(norm));
    return v;
}

} // namespace rscir::test
