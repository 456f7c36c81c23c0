#include "core/eval/report.h"
#include "core/eval/dataset_path.h"

#include "core/base/error.h"
#include "core/imagery/raster.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace rscir {

namespace {

std::string escape(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string base64(const std::vector<std::uint8_t>& bytes)
{
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t(bytes[i]) << 16) | (i + 1 < bytes.size() ? bytes[i + 1] << 8 : 0) |
                                (i + 2 < bytes.size() ? bytes[i + 2] : 0);
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? table[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? table[n & 63] : '=';
    }
    return out;
}

/// A thumbnail as an <img> with the picture inside the page, or the name when unreadable.
std::string thumbnail(const std::filesystem::path& file)
{
    const std::string label = file.filename().string();
    try {
        const auto raster = Raster::open(file, RasterOptions{});
        const auto& f = raster->facts();
        const ImageU8 image = raster->readScaled(Window{0, 0, f.width, f.height}, 128);
        return "<img alt=\"" + escape(label) + "\" title=\"" + escape(label) + "\" src=\"data:image/jpeg;base64," +
               base64(encodeJpeg(image, 80)) + "\">";
    } catch (const std::exception&) {
        return "<span class=missing>" + escape(label) + "</span>";
    }
}

/// "Colour", "Context", ..., "Average": an attribute as a reader names it.
std::string attributeTitle(const std::string& name)
{
    if (name == "color")
        return "Colour";
    if (name == "avg")
        return "Average";
    std::string title = name;
    if (!title.empty())
        title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    return title;
}

std::string number(double v, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

void chart(std::ostringstream& html, const BenchmarkReport& report)
{
    double top = 0;
    for (const auto& s : report.series)
        for (const auto& [l, v] : s.points)
            top = std::max(top, v);
    // Round ticks (1, 2 or 5 times a power of ten) up to just above the highest value.
    const double wanted = top > 0 ? top / 4.0 : 0.25;
    const double power = std::pow(10.0, std::floor(std::log10(wanted)));
    double step = power;
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= wanted) {
            step = m * power;
            break;
        }
    const int ticks = std::max(1, static_cast<int>(std::ceil(top / step - 1e-9)));
    top = step * ticks;
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    const double w = 640, h = 320, left = 50, bottom = 30, legendWidth = 170;
    const auto x = [&](double lambda) { return left + lambda * (w - left - legendWidth); };
    const auto y = [&](double value) { return h - bottom - value / top * (h - bottom - 10); };
    html << "<h2>" << escape(report.chartTitle) << "</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w
         << "\" height=\"" << h << "\" font-size=\"11\">\n<line x1=\"" << left << "\" y1=\"" << y(0) << "\" x2=\""
         << x(1) << "\" y2=\"" << y(0) << "\" stroke=\"#000\"/><line x1=\"" << left << "\" y1=\"" << y(0)
         << "\" x2=\"" << left << "\" y2=\"10\" stroke=\"#000\"/>\n";
    for (int i = 0; i <= 5; ++i) {
        const double l = i * 0.2;
        html << "<text x=\"" << x(l) - 8 << "\" y=\"" << h - 10 << "\">" << number(l, 1) << "</text>\n";
    }
    for (int i = 0; i <= ticks; ++i) {
        const double v = step * i;
        html << "<text x=\"4\" y=\"" << y(v) + 4 << "\">" << number(v, decimals) << "</text><line x1=\""
             << left - 4 << "\" x2=\"" << left << "\" y1=\"" << y(v) << "\" y2=\"" << y(v) << "\" stroke=\"#000\"/>";
    }
    html << "<text x=\"" << x(1) + 4 << "\" y=\"" << h - 10 << "\">λ</text>\n";
    static const char* colours[] = {"#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#37474f"};
    std::map<std::string, int> colourOf;
    int legend = 0;
    for (const auto& s : report.series) {
        // A reference takes the colour of the series it is named after ("color (paper)").
        const std::string base = s.name.substr(0, s.name.find(" ("));
        const auto [it, added] = colourOf.emplace(base, static_cast<int>(colourOf.size()));
        const char* colour = colours[it->second % 7];
        if (s.points.size() == 1 || (s.points.size() == 2 && s.points[0].second == s.points[1].second)) {
            const double v = s.points.front().second;
            html << "<line stroke-dasharray=\"2 3\" stroke=\"" << colour << "\" x1=\"" << left << "\" x2=\"" << x(1)
                 << "\" y1=\"" << y(v) << "\" y2=\"" << y(v) << "\"/>";
        } else {
            html << "<polyline fill=\"none\" stroke-width=\"" << (s.dashed ? 1 : 2) << "\""
                 << (s.dashed ? " stroke-dasharray=\"5 3\"" : "") << " stroke=\"" << colour << "\" points=\"";
            for (const auto& [l, v] : s.points)
                html << x(l) << "," << y(v) << " ";
            html << "\"/>";
        }
        html << "<text x=\"" << x(1) + 16 << "\" y=\"" << 20 + 14 * legend++ << "\" fill=\"" << colour << "\">"
             << escape(s.name) << "</text>\n";
    }
    html << "</svg>\n";
}

} // namespace

void writeBenchmarkReport(const std::filesystem::path& path, const BenchmarkReport& report)
{
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>" << escape(report.title)
         << "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:75em}table{border-collapse:collapse}"
            "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}th{background:#eee}"
            "td.l{text-align:left}img{height:96px;margin:2px;vertical-align:middle}.missing{color:#b00}</style>"
            "</head><body>\n<h1>"
         << escape(report.title) << "</h1>\n<p>" << escape(report.summary) << "</p>\n<h2>Results</h2>\n<table><tr>";
    for (const auto& c : report.columns)
        html << "<th>" << escape(c) << "</th>";
    html << "</tr>\n";
    for (std::size_t r = 0; r < report.rows.size(); ++r) {
        const auto& row = report.rows[r];
        html << (static_cast<int>(r) == report.bestRow ? "<tr style=\"font-weight:bold\">" : "<tr>");
        for (std::size_t i = 0; i < row.size(); ++i)
            html << (i == 0 ? "<td class=l>" : "<td>") << escape(row[i]) << "</td>";
        html << "</tr>\n";
    }
    html << "</table>\n";
    if (!report.series.empty())
        chart(html, report);
    std::vector<const ReportQuery*> queries;
    for (const auto& q : report.queries)
        queries.push_back(&q);
    std::stable_sort(queries.begin(), queries.end(), [](const ReportQuery* a, const ReportQuery* b) {
        return a->averagePrecision < b->averagePrecision;
    });
    const auto section = [&](const std::string& heading, std::vector<const ReportQuery*> list) {
        html << "<h2>" << escape(heading) << " (" << escape(report.queriesCaption)
             << ")</h2>\n<table><tr><th>query</th><th>AP (%)</th><th>first positive</th><th>image</th><th>text</th>"
                "<th>positives</th></tr>\n";
        for (const auto* q : list) {
            html << "<tr><td class=l>" << escape(q->label) << "</td><td>" << number(q->averagePrecision, 2)
                 << "</td><td>" << (q->firstRank ? std::to_string(q->firstRank) : std::string("–")) << "</td><td>"
                 << thumbnail(q->image) << "</td><td class=l>" << escape(q->text) << "</td><td class=l>";
            for (std::size_t i = 0; i < q->positives.size() && i < 6; ++i)
                html << thumbnail(q->positives[i]);
            if (q->positives.size() > 6)
                html << " +" << q->positives.size() - 6;
            html << "</td></tr>\n";
        }
        html << "</table>\n";
    };
    if (!queries.empty()) {
        const std::size_t k = std::min<std::size_t>(10, queries.size());
        section("The ten worst queries", {queries.begin(), queries.begin() + static_cast<std::ptrdiff_t>(k)});
        section("The ten best queries", {queries.rbegin(), queries.rbegin() + static_cast<std::ptrdiff_t>(k)});
    }
    html << "</body></html>\n";
    const std::filesystem::path temporary = path.string() + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << html.str();
        if (!out.flush())
            throw Error("cannot write " + path.string());
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw Error("cannot write " + path.string() + ": " + ec.message());
    }
}

BenchmarkReport cirReport(const std::string& resultJson, const CirDataset& dataset,
                          const std::filesystem::path& imagesDir, const std::string& title)
{
    const auto json = nlohmann::json::parse(resultJson);
    const auto& results = json.at("results");
    BenchmarkReport report;
    report.title = title;
    report.summary = std::to_string(dataset.rows.size()) + " queries; texts from the column " + dataset.textColumn + ".";
    if (const auto missing = json.value("missing_targets", 0); missing > 0)
        report.summary += " " + std::to_string(missing) + (missing == 1 ? " target is" : " targets are") +
                          " not among the images: counted as never found.";
    report.columns = {"method", "λ", "mAP (%)", "R@1 (%)", "R@5 (%)", "R@10 (%)", "R@50 (%)"};
    std::map<std::string, BenchmarkReport::Series> lines;
    std::vector<BenchmarkReport::Series> flat;
    for (const auto& r : results) {
        const std::string method = r["method"].get<std::string>();
        std::vector<std::string> row{method, r["lambda"].is_null() ? std::string("–") : number(r["lambda"].get<double>(), 2),
                                     number(r["mAP"].get<double>(), 2)};
        for (const char* k : {"1", "5", "10", "50"})
            row.push_back(number(r["recall"][k].get<double>(), 2));
        report.rows.push_back(std::move(row));
        if (r["lambda"].is_null()) {
            flat.push_back({method + " (no λ)", {{0.0, r["mAP"].get<double>()}, {1.0, r["mAP"].get<double>()}}, true});
        } else {
            auto& line = lines[method];
            line.name = method;
            line.points.emplace_back(r["lambda"].get<double>(), r["mAP"].get<double>());
        }
    }
    report.chartTitle = "mAP (%) against λ";
    for (auto& [method, line] : lines)
        report.series.push_back(std::move(line));
    report.series.insert(report.series.end(), flat.begin(), flat.end());
    // The queries of the best WeiCom lambda, else of the first result.
    const nlohmann::json* chosen = &results.front();
    for (const auto& r : results)
        if (r["method"] == "weicom" &&
            (chosen->at("method") != "weicom" || r["mAP"].get<double>() > chosen->at("mAP").get<double>()))
            chosen = &r;
    report.queriesCaption = chosen->at("method").get<std::string>() +
                            (chosen->at("lambda").is_null() ? std::string() : ", λ " + number(chosen->at("lambda"), 2));
    for (std::size_t r = 0; r < results.size(); ++r)
        if (&results[r] == chosen)
            report.bestRow = static_cast<int>(r);
    std::map<std::size_t, const CirRow*> rowOf;
    for (const auto& row : dataset.rows)
        rowOf[row.line] = &row;
    for (const auto& q : chosen->at("queries")) {
        const CirRow* row = rowOf.at(q.at("row").get<std::size_t>());
        ReportQuery query;
        query.label = "row " + std::to_string(row->line);
        query.averagePrecision = q.at("ap").get<double>();
        query.firstRank = q.at("first_rank").is_null() ? 0 : q.at("first_rank").get<std::size_t>();
        query.image = datasetFile(imagesDir, row->image, "row " + std::to_string(row->line));
        query.text = row->text;
        for (const auto& t : row->targets)
            query.positives.push_back(datasetFile(imagesDir, t, "row " + std::to_string(row->line)));
        report.queries.push_back(std::move(query));
    }
    return report;
}

const std::vector<std::pair<std::string, std::vector<double>>>& paperRemoteClipSweep()
{
    static const std::vector<std::pair<std::string, std::vector<double>>> sweep{
        {"color", {14.5, 55.3, 53.0, 49.6, 46.4, 43.7, 41.0, 38.2, 35.0, 30.4, 10.8}},
        {"context", {6.6, 13.3, 20.2, 25.7, 29.5, 31.5, 31.6, 29.6, 24.8, 16.9, 8.9}},
        {"density", {15.1, 23.3, 29.5, 34.0, 37.4, 39.9, 41.6, 42.0, 40.7, 35.9, 22.2}},
        {"existence", {9.3, 10.3, 11.1, 12.3, 13.5, 14.3, 14.8, 15.0, 14.8, 14.0, 12.5}},
        {"quantity", {7.0, 17.6, 18.9, 19.7, 20.2, 20.5, 20.8, 20.9, 20.8, 20.1, 8.3}},
        {"shape", {15.2, 23.8, 24.7, 26.2, 28.0, 29.8, 31.2, 32.0, 32.0, 31.3, 24.1}},
        {"avg", {11.3, 23.9, 26.2, 27.9, 29.2, 29.9, 30.2, 29.6, 28.0, 24.8, 14.4}},
    };
    return sweep;
}

BenchmarkReport patternComReport(const PatternComResult& result, const PatternComDataset& dataset,
                                 const std::string& title, bool paperSweep)
{
    BenchmarkReport report;
    report.title = title;
    std::size_t queries = 0;
    for (const auto& a : dataset.attributes)
        queries += a.queries.size();
    report.summary = std::to_string(queries) + " queries over " + std::to_string(dataset.paths.size()) +
                     " images; mAP in percent.";
    report.columns = {"mAP (%)"};
    std::vector<std::string> attributes;
    for (const auto& a : dataset.attributes)
        attributes.push_back(a.name);
    attributes.push_back("avg");
    for (const auto& a : attributes)
        report.columns.push_back(attributeTitle(a));
    const auto addRow = [&](const std::string& name, const AttributeScores& scores) {
        std::vector<std::string> row{name};
        for (const auto& a : attributes) {
            const auto it = scores.meanAP.find(a);
            row.push_back(it == scores.meanAP.end() ? std::string("–") : number(it->second, 2));
        }
        report.rows.push_back(std::move(row));
    };
    // The baselines in the paper's order, then WeiCom (and Slerp) by lambda.
    for (const char* method : {"image", "text", "average"})
        if (const auto it = result.baselines.find(method); it != result.baselines.end())
            addRow(std::string(method) == "image"  ? "Image only"
                   : std::string(method) == "text" ? "Text only"
                                                   : "Average of similarities",
                   it->second);
    const auto byLambda = [](const std::map<std::string, AttributeScores>& runs) {
        std::vector<std::pair<double, const AttributeScores*>> out;
        for (const auto& [lambda, scores] : runs)
            out.emplace_back(lambdaOfKey(lambda), &scores);
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        return out;
    };
    for (const auto& [lambda, scores] : byLambda(result.weicom))
        addRow("WeiCom, λ " + formatLambda(lambda), *scores);
    for (const auto& [lambda, scores] : byLambda(result.slerp))
        addRow("Slerp, λ " + formatLambda(lambda), *scores);
    for (const auto& [lambda, scores] : byLambda(result.basic))
        addRow("BASIC, Harris λ " + formatLambda(lambda), *scores);
    report.chartTitle = "WeiCom mAP (%) against λ";
    for (const auto& a : attributes) {
        BenchmarkReport::Series s{attributeTitle(a), {}, false};
        for (const auto& [lambda, scores] : byLambda(result.weicom))
            if (const auto it = scores->meanAP.find(a); it != scores->meanAP.end())
                s.points.emplace_back(lambda, it->second);
        if (!s.points.empty())
            report.series.push_back(std::move(s));
    }
    if (paperSweep)
        for (const auto& [a, values] : paperRemoteClipSweep()) {
            BenchmarkReport::Series s{attributeTitle(a) + " (paper, RemoteCLIP)", {}, true};
            for (std::size_t i = 0; i < values.size(); ++i)
                s.points.emplace_back(i / 10.0, values[i]);
            report.series.push_back(std::move(s));
        }
    // The queries of the best WeiCom lambda (by the average), else of the first run.
    std::string run;
    double best = -1;
    for (const auto& [lambda, scores] : result.weicom)
        if (const auto it = scores.meanAP.find("avg"); it != scores.meanAP.end() && it->second > best) {
            best = it->second;
            run = "weicom " + lambda;
        }
    if (run.empty() && !result.queries.empty())
        run = result.queries.begin()->first;
    report.queriesCaption = run;
    if (run.rfind("weicom ", 0) == 0)
        for (std::size_t r = 0; r < report.rows.size(); ++r)
            if (report.rows[r][0] == "WeiCom, λ " + run.substr(7))
                report.bestRow = static_cast<int>(r);
    if (const auto found = result.queries.find(run); found != result.queries.end())
        for (std::size_t a = 0; a < dataset.attributes.size() && a < found->second.size(); ++a)
            for (std::size_t q = 0; q < dataset.attributes[a].queries.size() && q < found->second[a].size(); ++q) {
                const auto& query = dataset.attributes[a].queries[q];
                ReportQuery r;
                r.label = attributeTitle(dataset.attributes[a].name) + ": " + dataset.fileNames[query.item] + ", " +
                          query.value;
                r.averagePrecision = 100.0 * found->second[a][q].averagePrecision; // percent, as the table
                r.firstRank = found->second[a][q].firstRelevantRank;
                r.image = datasetFile(dataset.root, dataset.paths[query.item], "patternnet.csv");
                r.text = query.prompt;
                for (const auto item : query.relevant)
                    r.positives.push_back(datasetFile(dataset.root, dataset.paths[item], "patternnet.csv"));
                report.queries.push_back(std::move(r));
            }
    return report;
}

} // namespace rscir
