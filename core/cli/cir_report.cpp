#include "core/cli/cir_report.h"

#include "core/base/error.h"
#include "core/imagery/raster.h"

#include <nlohmann/json.hpp>

#include <algorithm>
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
std::string thumbnail(const std::filesystem::path& file, const std::string& label)
{
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

std::string number(double v, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

} // namespace

void writeCirReport(const std::filesystem::path& path, const std::string& resultJson, const CirDataset& dataset,
                    const std::filesystem::path& imagesDir, const std::string& title)
{
    const auto json = nlohmann::json::parse(resultJson);
    const auto& results = json.at("results");
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>" << escape(title)
         << "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
            "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}th{background:#eee}"
            "td.l{text-align:left}img{height:96px;margin:2px;vertical-align:middle}.missing{color:#b00}</style>"
            "</head><body>\n<h1>"
         << escape(title) << "</h1>\n<p>" << dataset.rows.size() << " queries; texts from <code>"
         << escape(dataset.textColumn) << "</code>.</p>\n";
    // The table.
    html << "<h2>Results</h2>\n<table><tr><th>method</th><th>λ</th><th>mAP</th><th>R@1</th><th>R@5</th>"
            "<th>R@10</th><th>R@50</th></tr>\n";
    for (const auto& r : results) {
        html << "<tr><td class=l>" << escape(r["method"].get<std::string>()) << "</td><td>"
             << (r["lambda"].is_null() ? std::string("–") : number(r["lambda"].get<double>(), 2)) << "</td><td>"
             << number(r["mAP"].get<double>(), 4) << "</td>";
        for (const char* k : {"1", "5", "10", "50"})
            html << "<td>" << number(r["recall"][k].get<double>(), 4) << "</td>";
        html << "</tr>\n";
    }
    html << "</table>\n";
    // mAP against lambda: one polyline per method that has lambdas, a dashed line per baseline.
    double top = 0;
    for (const auto& r : results)
        top = std::max(top, r["mAP"].get<double>());
    top = top > 0 ? top * 1.1 : 1.0;
    const double w = 560, h = 300, left = 50, bottom = 30;
    const auto x = [&](double lambda) { return left + lambda * (w - left - 10); };
    const auto y = [&](double map) { return h - bottom - map / top * (h - bottom - 10); };
    html << "<h2>mAP against λ</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\""
         << h << "\" font-size=\"11\">\n<line x1=\"" << left << "\" y1=\"" << y(0) << "\" x2=\"" << x(1) << "\" y2=\""
         << y(0) << "\" stroke=\"#000\"/><line x1=\"" << left << "\" y1=\"" << y(0) << "\" x2=\"" << left
         << "\" y2=\"10\" stroke=\"#000\"/>\n";
    for (double l = 0; l <= 1.0001; l += 0.2)
        html << "<text x=\"" << x(l) - 8 << "\" y=\"" << h - 10 << "\">" << number(l, 1) << "</text>\n";
    html << "<text x=\"4\" y=\"14\">" << number(top, 3) << "</text>\n";
    const char* colours[] = {"#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00"};
    std::map<std::string, std::vector<std::pair<double, double>>> lines;
    std::vector<std::pair<std::string, double>> flat;
    for (const auto& r : results) {
        if (r["lambda"].is_null())
            flat.emplace_back(r["method"].get<std::string>(), r["mAP"].get<double>());
        else
            lines[r["method"].get<std::string>()].emplace_back(r["lambda"].get<double>(), r["mAP"].get<double>());
    }
    int colour = 0, legend = 0;
    for (const auto& [method, points] : lines) {
        html << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << colours[colour % 5] << "\" points=\"";
        for (const auto& [l, m] : points)
            html << x(l) << "," << y(m) << " ";
        html << "\"/><text x=\"" << w - 150 << "\" y=\"" << 20 + 14 * legend++ << "\" fill=\"" << colours[colour % 5]
             << "\">" << escape(method) << "</text>\n";
        ++colour;
    }
    for (const auto& [method, m] : flat) {
        html << "<line stroke-dasharray=\"4 3\" stroke=\"" << colours[colour % 5] << "\" x1=\"" << left << "\" x2=\""
             << x(1) << "\" y1=\"" << y(m) << "\" y2=\"" << y(m) << "\"/><text x=\"" << w - 150 << "\" y=\""
             << 20 + 14 * legend++ << "\" fill=\"" << colours[colour % 5] << "\">" << escape(method)
             << " (no λ)</text>\n";
        ++colour;
    }
    html << "</svg>\n";
    // The worst and best queries of the best WeiCom lambda (else the first result).
    const nlohmann::json* chosen = &results.front();
    for (const auto& r : results)
        if (r["method"] == "weicom" && (chosen->at("method") != "weicom" || r["mAP"].get<double>() > chosen->at("mAP").get<double>()))
            chosen = &r;
    std::vector<const nlohmann::json*> queries;
    for (const auto& q : chosen->at("queries"))
        queries.push_back(&q);
    std::stable_sort(queries.begin(), queries.end(),
                     [](const nlohmann::json* a, const nlohmann::json* b) { return a->at("ap") < b->at("ap"); });
    std::map<std::size_t, const CirRow*> rowOf;
    for (const auto& row : dataset.rows)
        rowOf[row.line] = &row;
    const auto section = [&](const std::string& heading, std::vector<const nlohmann::json*> list) {
        html << "<h2>" << heading << " (" << escape(chosen->at("method").get<std::string>())
             << (chosen->at("lambda").is_null() ? std::string() : ", λ " + number(chosen->at("lambda"), 2))
             << ")</h2>\n<table><tr><th>row</th><th>AP</th><th>first rank</th><th>query</th><th>text</th>"
                "<th>targets</th></tr>\n";
        for (const auto* q : list) {
            const CirRow* row = rowOf.at(q->at("row").get<std::size_t>());
            html << "<tr><td>" << row->line << "</td><td>" << number(q->at("ap").get<double>(), 4) << "</td><td>"
                 << (q->at("first_rank").is_null() ? std::string("–") : std::to_string(q->at("first_rank").get<std::size_t>()))
                 << "</td><td>" << thumbnail(imagesDir / row->image, row->image) << "</td><td class=l>"
                 << escape(row->text) << "</td><td class=l>";
            for (const auto& t : row->targets)
                html << thumbnail(imagesDir / t, t);
            html << "</td></tr>\n";
        }
        html << "</table>\n";
    };
    const std::size_t k = std::min<std::size_t>(10, queries.size());
    section("The ten worst queries", {queries.begin(), queries.begin() + static_cast<std::ptrdiff_t>(k)});
    section("The ten best queries", {queries.rbegin(), queries.rbegin() + static_cast<std::ptrdiff_t>(k)});
    html << "</body></html>\n";
    const std::filesystem::path temporary = path.string() + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << html.str();
        if (!out.flush())
            throw Error("cannot write " + path.string());
    }
    std::filesystem::rename(temporary, path);
}

} // namespace rscir
