// The ranking engine against its memory bounds:
//   rerank (WeiCom fusion + top-100) vs streaming the two cached score vectors once,
//   a composed query's rerank (2 images, 2 texts, 1 avoided; WeiCom and Slerp) vs the
//   single image + text rerank,
//   the similarity pass (both modalities, d = 768) vs reading the embedding matrix once,
//   and the reference's way (a full argsort of N scores) for comparison;
//   BASIC's rerank (Harris fusion of its two cached product vectors + top-100) beside WeiCom's.
// After the runs a summary prints the ratios the performance budget is stated in.

#include "core/search/ranking.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <string>

using namespace rscir;

namespace {

std::vector<float> randomScores(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    std::vector<float> v(n);
    for (auto& x : v)
        x = u(rng);
    return v;
}

const QuerySession& sessionOf(std::size_t n)
{
    static std::map<std::size_t, QuerySession> sessions;
    auto it = sessions.find(n);
    if (it == sessions.end())
        it = sessions.emplace(n, QuerySession(randomScores(n, 1), randomScores(n, 2))).first;
    return it->second;
}

/// Two wanted images, two wanted texts and one avoided text, over n items.
const QuerySession& composedOf(std::size_t n)
{
    static std::map<std::size_t, QuerySession> sessions;
    auto it = sessions.find(n);
    if (it == sessions.end()) {
        std::vector<ScoredTerm> terms;
        std::mt19937 rng(5);
        std::normal_distribution<float> normal;
        for (int t = 0; t < 5; ++t) {
            std::vector<float> embedding(16);
            double norm = 0;
            for (auto& v : embedding) {
                v = normal(rng);
                norm += double(v) * v;
            }
            for (auto& v : embedding)
                v = static_cast<float>(v / std::sqrt(norm));
            terms.push_back({t < 2, t == 4, std::move(embedding),
                             ModalityScores::fromSimilarities(randomScores(n, 10 + static_cast<unsigned>(t)))});
        }
        it = sessions.emplace(n, QuerySession(terms)).first;
    }
    return it->second;
}

void BM_RerankComposed(benchmark::State& state)
{
    const auto& session = composedOf(static_cast<std::size_t>(state.range(0)));
    const Method method = state.range(1) == 0 ? Method::WeiCom : Method::Slerp;
    double lambda = 0.0, nu = 0.5;
    std::size_t step = 0;
    for (auto _ : state) {
        auto hits = session.rerank(method, lambda, 100, nu);
        benchmark::DoNotOptimize(hits.data());
        // A slider drag: lambda, and every other step nu.
        lambda = lambda >= 0.99 ? 0.0 : lambda + 0.01;
        if (++step % 2 == 0)
            nu = nu >= 0.99 ? 0.0 : nu + 0.01;
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

const EmbeddingMatrix& matrixOf(std::size_t n)
{
    static std::map<std::size_t, EmbeddingMatrix> matrices;
    auto it = matrices.find(n);
    if (it == matrices.end()) {
        EmbeddingMatrix m(n, 768);
        std::mt19937 rng(3);
        std::normal_distribution<float> normal;
        for (std::size_t i = 0; i < n * 768; ++i)
            m.data()[i] = normal(rng);
        it = matrices.emplace(n, std::move(m)).first;
    }
    return it->second;
}

void BM_Rerank(benchmark::State& state)
{
    const auto& session = sessionOf(static_cast<std::size_t>(state.range(0)));
    double lambda = 0.0;
    for (auto _ : state) {
        auto hits = session.rerank(Method::WeiCom, lambda, 100);
        benchmark::DoNotOptimize(hits.data());
        lambda = lambda >= 0.99 ? 0.0 : lambda + 0.01; // a slider drag
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

/// BASIC's session over n rows: its two cached product vectors and the query's offsets.
const QuerySession& basicSessionOf(std::size_t n)
{
    static std::map<std::size_t, QuerySession> sessions;
    auto it = sessions.find(n);
    if (it == sessions.end()) {
        auto image = std::make_shared<ModalityScores>(), text = std::make_shared<ModalityScores>();
        image->raw = randomScores(n, 3);
        text->raw = randomScores(n, 4);
        BasicQuery query;
        query.imageOffset = 0.2;
        query.textOffset = 0.1;
        it = sessions.emplace(n, QuerySession(image, text, query, BasicNormalisation{-0.3, -0.2})).first;
    }
    return it->second;
}

/// A drag of the Harris weight: BASIC's fusion and top-100 from the cached vectors.
void BM_RerankBasic(benchmark::State& state)
{
    const auto& session = basicSessionOf(static_cast<std::size_t>(state.range(0)));
    double lambda = 0.0;
    for (auto _ : state) {
        auto hits = session.rerank(Method::Basic, lambda, 100);
        benchmark::DoNotOptimize(hits.data());
        lambda = lambda >= 0.24 ? 0.0 : lambda + 0.01; // Harris weights lie below 0.25
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_StreamTwoVectors(benchmark::State& state)
{
    const auto& session = sessionOf(static_cast<std::size_t>(state.range(0)));
    const float* a = session.image()->normalised.data();
    const float* b = session.text()->normalised.data();
    const std::size_t n = session.size();
    for (auto _ : state) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (std::size_t i = 0; i + 4 <= n; i += 4) {
            s0 += a[i] + b[i];
            s1 += a[i + 1] + b[i + 1];
            s2 += a[i + 2] + b[i + 2];
            s3 += a[i + 3] + b[i + 3];
        }
        benchmark::DoNotOptimize(s0 + s1 + s2 + s3);
    }
    state.SetBytesProcessed(state.iterations() * state.range(0) * 8);
}

void BM_FullArgsort(benchmark::State& state)
{
    const auto& session = sessionOf(static_cast<std::size_t>(state.range(0)));
    const auto scores = session.scores(Method::WeiCom, 0.5);
    std::vector<std::size_t> order(scores.size());
    for (auto _ : state) {
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return scores[x] > scores[y]; });
        benchmark::DoNotOptimize(order.data());
    }
}

void BM_SimilarityPass(benchmark::State& state)
{
    const auto& m = matrixOf(static_cast<std::size_t>(state.range(0)));
    std::vector<float> q1(768, 0.036f), q2(768, -0.036f), out1(m.rows()), out2(m.rows());
    for (auto _ : state) {
        computeSimilarities(m, q1.data(), q2.data(), out1, out2);
        benchmark::DoNotOptimize(out1.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(m.bytes()));
}

void BM_ReadMatrix(benchmark::State& state)
{
    const auto& m = matrixOf(static_cast<std::size_t>(state.range(0)));
    const float* p = m.data();
    const std::size_t n = m.rows() * m.dim();
    for (auto _ : state) {
        float s[8] = {};
        for (std::size_t i = 0; i + 8 <= n; i += 8)
            for (int j = 0; j < 8; ++j)
                s[j] += p[i + j];
        benchmark::DoNotOptimize(s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6] + s[7]);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(m.bytes()));
}

BENCHMARK(BM_Rerank)->RangeMultiplier(10)->Range(10000, 10000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RerankComposed)
    ->ArgsProduct({{100000, 1000000, 10000000}, {0, 1}})
    ->ArgNames({"", "slerp"})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RerankBasic)->RangeMultiplier(10)->Range(100000, 10000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_StreamTwoVectors)->RangeMultiplier(10)->Range(10000, 10000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FullArgsort)->RangeMultiplier(10)->Range(10000, 10000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SimilarityPass)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadMatrix)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

/// Keeps every run's time so that the ratios can be printed at the end.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    std::map<std::string, double> times; // name -> real time in the run's unit

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& run : runs)
            if (run.run_type == Run::RT_Iteration || run.aggregate_name == "median")
                times[run.run_name.str()] = run.GetAdjustedRealTime();
        ConsoleReporter::ReportRuns(runs);
    }
};

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nSummary (same binary, same machine):\n");
    for (const char* n : {"10000", "100000", "1000000", "10000000"}) {
        const auto rerank = reporter.times.find(std::string("BM_Rerank/") + n);
        const auto stream = reporter.times.find(std::string("BM_StreamTwoVectors/") + n);
        const auto sort = reporter.times.find(std::string("BM_FullArgsort/") + n);
        if (rerank == reporter.times.end() || stream == reporter.times.end())
            continue;
        std::printf("  rerank N=%-9s %10.1f us  = %.2fx streaming both vectors", n, rerank->second,
                    rerank->second / stream->second);
        if (sort != reporter.times.end())
            std::printf("; full argsort %.1fx slower", sort->second / rerank->second);
        std::printf("\n");
    }
    for (const char* n : {"100000", "1000000", "10000000"})
        for (const char* method : {"0", "1"}) {
            const auto rerank = reporter.times.find(std::string("BM_Rerank/") + n);
            const auto composed =
                reporter.times.find(std::string("BM_RerankComposed/") + n + "/slerp:" + method);
            if (rerank != reporter.times.end() && composed != reporter.times.end())
                std::printf("  5-term %s rerank N=%-9s %10.1f us = %.2fx the single-pair rerank\n",
                            method[0] == '0' ? "WeiCom" : "Slerp ", n, composed->second,
                            composed->second / rerank->second);
        }
    for (const char* n : {"100000", "1000000", "10000000"}) {
        const auto rerank = reporter.times.find(std::string("BM_Rerank/") + n);
        const auto basic = reporter.times.find(std::string("BM_RerankBasic/") + n);
        if (rerank != reporter.times.end() && basic != reporter.times.end())
            std::printf("  BASIC rerank N=%-9s %10.1f us = %.2fx WeiCom's rerank\n", n, basic->second,
                        basic->second / rerank->second);
    }
    for (const char* n : {"100000", "1000000"}) {
        const auto pass = reporter.times.find(std::string("BM_SimilarityPass/") + n);
        const auto read = reporter.times.find(std::string("BM_ReadMatrix/") + n);
        if (pass != reporter.times.end() && read != reporter.times.end())
            std::printf("  similarity pass N=%-8s d=768 %8.1f ms = %.2fx reading the matrix once\n", n, pass->second,
                        pass->second / read->second);
    }
    benchmark::Shutdown();
    return 0;
}
