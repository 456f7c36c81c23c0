#pragma once
// The tests' own, independent statement of WeiCom's normalisation, in double precision:
// Phi((s - mean) / std) with the unbiased standard deviation.

#include <cmath>
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

} // namespace rscir::test
