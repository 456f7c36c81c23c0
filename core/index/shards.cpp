#include "core/index/shards.h"

#include "core/base/error.h"
#include "core/base/hash.h"
#include "core/base/threads.h"
#include "core/base/progress.h"
#include "core/imagery/raster.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <numeric>
#include <queue>
#include <tuple>

namespace rscir {

namespace fs = std::filesystem;

std::vector<std::string> listArchive(const fs::path& root, const fs::path& exclude)
{
    std::vector<std::string> files;
    std::error_code ec;
    const fs::path excluded = exclude.empty() ? fs::path() : fs::absolute(exclude).lexically_normal();
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (!name.empty() && name[0] == '.') {
            std::error_code dirError;
            if (it->is_directory(dirError))
                it.disable_recursion_pending();
            continue;
        }
        if (!looksLikeImage(p) || (!excluded.empty() && p == excluded))
            continue;
        std::error_code dirError;
        if (it->is_directory(dirError))
            continue;
        files.push_back(p.lexically_relative(root).generic_string());
    }
    if (ec)
        throw Error("cannot scan " + root.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

std::string ShardSpec::text() const
{
    return std::to_string(index) + "/" + std::to_string(count);
}

ShardSpec parseShard(const std::string& text)
{
    const auto slash = text.find('/');
    ShardSpec spec;
    const auto number = [&](std::string_view part, int& out) {
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), out);
        return error == std::errc() && end == part.data() + part.size() && !part.empty();
    };
    if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), spec.index) ||
        !number(std::string_view(text).substr(slash + 1), spec.count))
        throw Error("'" + text + "' is not a shard", "write I/N with 1 <= I <= N, e.g. 2/3 for the second of three");
    if (spec.count < 1 || spec.count > 100000 || spec.index < 1 || spec.index > spec.count)
        throw Error("shard '" + text + "' does not exist",
                    "write I/N with 1 <= I <= N <= 100000: 1/3, 2/3 and 3/3");
    return spec;
}

double ShardPlan::imbalance() const
{
    if (parts.empty() || pixels == 0)
        return 1.0;
    std::int64_t largest = 0;
    for (const auto& part : parts)
        largest = std::max(largest, part.pixels);
    return static_cast<double>(largest) * static_cast<double>(parts.size()) / static_cast<double>(pixels);
}

ShardPlan planShards(const fs::path& root, const std::vector<std::string>& files, const ArchiveSettings& settings,
                     int count, int jobs, Progress* progress)
{
    if (count < 1)
        throw Error("a split needs at least one shard");
    struct Sized {
        std::int64_t pixels = 0, tiles = 1;
        bool readable = false;
    };
    std::vector<Sized> sizes(files.size());
    parallelFor(
        files.size(), static_cast<unsigned>(std::max(1, jobs)),
        [&](std::size_t i) {
            if (const auto header = rasterHeaderOf(root / files[i])) {
                sizes[i].readable = true;
                sizes[i].pixels = std::int64_t(header->width) * header->height;
                sizes[i].tiles = std::max<std::int64_t>(
                    1, tileCount(header->width, header->height, settings.tileFor(*header), settings.overlapFor(*header)));
            }
        },
        [&] { return progress && progress->isCancelled(); });
    if (progress && progress->isCancelled())
        throw Cancelled{};

    ShardPlan plan;
    plan.parts.resize(static_cast<std::size_t>(count));
    std::vector<std::size_t> order(files.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sizes[a].pixels > sizes[b].pixels; });
    // Each file to the part with the fewest pixels, then the fewest files (so that files
    // without pixels spread too), then the lowest number: a heap of the parts by that order.
    using Load = std::tuple<std::int64_t, std::size_t, std::size_t>; // pixels, files, part
    std::priority_queue<Load, std::vector<Load>, std::greater<Load>> lightest;
    for (std::size_t p = 0; p < plan.parts.size(); ++p)
        lightest.emplace(0, 0, p);
    for (const std::size_t i : order) {
        const auto [pixels, count, best] = lightest.top();
        lightest.pop();
        auto& part = plan.parts[best];
        part.files.push_back(files[i]);
        part.pixels += sizes[i].pixels;
        part.tiles += sizes[i].tiles;
        lightest.emplace(part.pixels, part.files.size(), best);
    }
    // FNV-1a over what the split depends on: paths, sizes, the count and the tiling.
    std::uint64_t hash = kFnv1aOffset;
    const auto mix = [&](std::string_view text) { hash = fnv1a64(text, hash); };
    mix(std::to_string(count) + ";" + settings.describe() + "\n");
    for (std::size_t i = 0; i < files.size(); ++i) {
        mix(files[i]);
        mix("\t" + std::to_string(sizes[i].pixels) + "\n");
        plan.pixels += sizes[i].pixels;
        plan.tiles += sizes[i].tiles;
        plan.unreadable += sizes[i].readable ? 0 : 1;
    }
    for (auto& part : plan.parts)
        std::sort(part.files.begin(), part.files.end());
    plan.files = static_cast<std::int64_t>(files.size());
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    plan.fingerprint = text;
    return plan;
}

} // namespace rscir
