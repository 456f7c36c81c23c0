#include "core/search/query_file.h"

#include "core/base/error.h"
#include "core/base/acquisition_time.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace rscir {

namespace {

constexpr std::size_t kMaxFileBytes = 1u << 20;
constexpr std::size_t kMaxTerms = 64;
constexpr std::size_t kMaxText = 4096;

using Json = nlohmann::json;

[[noreturn]] void bad(const std::string& where, const std::string& field, const std::string& what)
{
    throw Error(where + ": " + field + " " + what, "a saved query is the JSON that rscir writes; the README describes it");
}

std::string stringAt(const Json& object, const char* key, const std::string& where, const std::string& field,
                     std::size_t limit)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        bad(where, field, "must be a string");
    const auto& text = it->get_ref<const std::string&>();
    if (text.size() > limit)
        bad(where, field, "is longer than " + std::to_string(limit) + " bytes");
    return text;
}

std::optional<double> unitAt(const Json& object, const char* key, const std::string& where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number() || !(it->get<double>() >= 0.0 && it->get<double>() <= 1.0))
        bad(where, std::string("\"") + key + "\"", "must be a number between 0 and 1");
    return it->get<double>();
}

nlohmann::ordered_json filterToJson(const QueryFilter& f)
{
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    if (!f.from.empty())
        json["from"] = f.from;
    if (!f.to.empty())
        json["to"] = f.to;
    if (!f.platforms.empty())
        json["platform"] = f.platforms;
    if (f.maxCloud)
        json["max_cloud"] = *f.maxCloud;
    if (f.gsdMin || f.gsdMax) {
        json["gsd"] = nlohmann::ordered_json::array();
        json["gsd"].push_back(f.gsdMin ? nlohmann::ordered_json(*f.gsdMin) : nlohmann::ordered_json());
        json["gsd"].push_back(f.gsdMax ? nlohmann::ordered_json(*f.gsdMax) : nlohmann::ordered_json());
    }
    if (f.samePlace)
        json["same_place"] = *f.samePlace;
    if (f.relative != QueryFilter::Time::Any)
        json["time"] = f.relative == QueryFilter::Time::After ? "after" : "before";
    return json;
}

QueryFilter filterFromJson(const Json& json, const std::string& where)
{
    if (!json.is_object())
        bad(where, "\"filter\"", "must be an object");
    QueryFilter f;
    const auto given = [&](const char* key) { return json.contains(key) && !json.at(key).is_null(); };
    if (given("from"))
        f.from = stringAt(json, "from", where, "\"filter.from\"", 64);
    if (given("to"))
        f.to = stringAt(json, "to", where, "\"filter.to\"", 64);
    if (const auto platforms = json.find("platform"); platforms != json.end() && !platforms->is_null()) {
        if (!platforms->is_array() || platforms->size() > 64)
            bad(where, "\"filter.platform\"", "must be a list of at most 64 names");
        for (const Json& name : *platforms) {
            if (!name.is_string() || name.get_ref<const std::string&>().empty() ||
                name.get_ref<const std::string&>().size() > 256)
                bad(where, "\"filter.platform\"", "must hold names of 1 to 256 bytes");
            f.platforms.push_back(name.get<std::string>());
        }
    }
    const auto number = [&](const Json& value, const std::string& field) {
        if (!value.is_number() || !std::isfinite(value.get<double>()))
            bad(where, field, "must be a number");
        return value.get<double>();
    };
    if (const auto cloud = json.find("max_cloud"); cloud != json.end() && !cloud->is_null())
        f.maxCloud = number(*cloud, "\"filter.max_cloud\"");
    if (const auto gsd = json.find("gsd"); gsd != json.end() && !gsd->is_null()) {
        if (!gsd->is_array() || gsd->size() != 2)
            bad(where, "\"filter.gsd\"", "must be [MIN, MAX] in metres (null for an open end)");
        if (!(*gsd)[0].is_null())
            f.gsdMin = number((*gsd)[0], "\"filter.gsd\"");
        if (!(*gsd)[1].is_null())
            f.gsdMax = number((*gsd)[1], "\"filter.gsd\"");
    }
    if (const auto same = json.find("same_place"); same != json.end() && !same->is_null())
        f.samePlace = number(*same, "\"filter.same_place\"");
    if (given("time")) {
        const std::string time = stringAt(json, "time", where, "\"filter.time\"", 16);
        if (time == "after")
            f.relative = QueryFilter::Time::After;
        else if (time == "before")
            f.relative = QueryFilter::Time::Before;
        else if (time != "any")
            bad(where, "\"filter.time\"", "must be \"after\", \"before\" or \"any\"");
    }
    checkQueryFilter(f, where);
    return f;
}

} // namespace

void checkQueryFilter(const QueryFilter& f, const std::string& where)
{
    const auto fail = [&](const std::string& what) {
        throw Error(where.empty() ? what : where + ": " + what);
    };
    if (!f.from.empty() && normaliseAcquisitionTime(f.from).empty())
        fail("the start time " + f.from + " is not an ISO 8601 date or time (2020-06-01, 2020-06-01T10:00:00Z)");
    if (!f.to.empty() && inclusiveUpperBound(f.to).empty())
        fail("the end time " + f.to + " is not an ISO 8601 date or time (2020-06-30, 2020-06-30T18:00:00Z)");
    if (!f.from.empty() && !f.to.empty() && normaliseAcquisitionTime(f.from) > inclusiveUpperBound(f.to))
        fail("the start time " + f.from + " is after the end time " + f.to);
    if (f.maxCloud && !(*f.maxCloud >= 0.0 && *f.maxCloud <= 100.0))
        fail("the largest cloud cover must be a percentage from 0 to 100");
    if ((f.gsdMin && !(*f.gsdMin >= 0.0)) || (f.gsdMax && !(*f.gsdMax > 0.0)))
        fail("a ground resolution must be a positive number of metres");
    if (f.gsdMin && f.gsdMax && *f.gsdMin > *f.gsdMax)
        fail("the finest ground resolution asked for is coarser than the coarsest");
    if (f.samePlace && !(*f.samePlace > 0.0 && *f.samePlace <= 1.0))
        fail("the overlap of the same place must be above 0 and at most 1");
    if (f.platforms.size() > 64)
        fail("a filter names at most 64 platforms");
    for (const std::string& name : f.platforms)
        if (name.empty() || name.size() > 256)
            fail("a platform's name has 1 to 256 bytes");
}

std::string queryToJson(const SavedQuery& q)
{
    nlohmann::ordered_json json;
    // Version 2 only where a filter needs it: an older rscir refuses it rather than rank
    // the archive unfiltered; every other query stays version 1, readable by any.
    json["rscir_query"] = q.filter.empty() ? 1 : SavedQuery::kVersion;
    if (!q.modelName.empty() || !q.modelFingerprint.empty())
        json["model"] = {{"name", q.modelName}, {"fingerprint", q.modelFingerprint}};
    json["terms"] = nlohmann::ordered_json::array();
    for (const QueryTerm& t : q.query.terms) {
        nlohmann::ordered_json term;
        term["role"] = t.avoided ? "avoid" : "want";
        switch (t.kind) {
        case QueryTerm::Kind::Item: {
            nlohmann::ordered_json item;
            item["index"] = t.index;
            item["id"] = t.item;
            item["source"] = t.source;
            item["window"] = t.window;
            term["item"] = item;
            break;
        }
        case QueryTerm::Kind::File: term["image"] = t.path; break;
        case QueryTerm::Kind::Text: term["text"] = t.text; break;
        }
        json["terms"].push_back(term);
    }
    if (q.method)
        json["method"] = std::string(methodName(*q.method));
    if (q.lambda)
        json["lambda"] = *q.lambda;
    if (q.avoid)
        json["avoid"] = *q.avoid;
    if (q.results)
        json["results"] = *q.results;
    if (q.distinct)
        json["distinct"] = *q.distinct;
    if (q.matchGsd)
        json["match_gsd"] = true;
    if (q.basic)
        json["basic"] = {{"corpora", q.basic->corpora},         {"mean", q.basic->mean},
                         {"aa", q.basic->aa},                   {"components", q.basic->components},
                         {"expansion", q.basic->expansion},     {"contextualize", q.basic->contextualize},
                         {"norm", q.basic->norm}};
    if (q.area) {
        nlohmann::ordered_json area;
        if (q.area->bbox)
            area["bbox"] = *q.area->bbox;
        else
            area["wkt"] = q.area->wkt;
        if (!q.area->label.empty())
            area["label"] = q.area->label;
        json["area"] = area;
    }
    if (!q.filter.empty())
        json["filter"] = filterToJson(q.filter);
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

SavedQuery queryFromJson(std::string_view text, const std::string& where)
{
    if (text.size() > kMaxFileBytes)
        bad(where, "the query", "is larger than 1 MiB");
    Json json;
    try {
        json = Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {
        // nlohmann's message says where ("at line 1, column 7") after its own prefix.
        std::string message = e.what();
        if (const auto at = message.find("] "); at != std::string::npos)
            message = message.substr(at + 2);
        throw Error(where + " is not valid JSON: " + message, "a saved query is the JSON that rscir writes");
    }
    if (!json.is_object())
        bad(where, "the query", "must be a JSON object");
    const auto version = json.find("rscir_query");
    if (version == json.end() || !version->is_number_integer())
        bad(where, "\"rscir_query\"", "(the format version) is missing: this is not a saved rscir query");
    if (version->get<std::int64_t>() < 1 || version->get<std::int64_t>() > SavedQuery::kVersion)
        bad(where, "\"rscir_query\"",
            "is version " + version->dump() + "; this rscir reads versions 1 to " + std::to_string(SavedQuery::kVersion));
    SavedQuery q;
    if (const auto model = json.find("model"); model != json.end() && !model->is_null()) {
        if (!model->is_object())
            bad(where, "\"model\"", "must be an object");
        if (model->contains("name"))
            q.modelName = stringAt(*model, "name", where, "\"model.name\"", 1024);
        if (model->contains("fingerprint"))
            q.modelFingerprint = stringAt(*model, "fingerprint", where, "\"model.fingerprint\"", 1024);
    }
    const auto terms = json.find("terms");
    if (terms == json.end() || !terms->is_array())
        bad(where, "\"terms\"", "must be a list");
    if (terms->size() > kMaxTerms)
        bad(where, "\"terms\"", "has " + std::to_string(terms->size()) + " entries; at most " +
                                    std::to_string(kMaxTerms) + " are allowed");
    for (std::size_t i = 0; i < terms->size(); ++i) {
        const Json& t = (*terms)[i];
        const std::string field = "\"terms[" + std::to_string(i) + "]\"";
        if (!t.is_object())
            bad(where, field, "must be an object");
        QueryTerm term;
        const std::string role = t.contains("role") ? stringAt(t, "role", where, field + ".role", 16) : "want";
        if (role != "want" && role != "avoid")
            bad(where, field + ".role", "must be \"want\" or \"avoid\"");
        const int kinds = int(t.contains("text")) + int(t.contains("image")) + int(t.contains("item"));
        if (kinds != 1)
            bad(where, field, "must have exactly one of \"text\", \"image\" and \"item\"");
        if (t.contains("text")) {
            std::string value = stringAt(t, "text", where, field + ".text", kMaxText);
            const auto first = value.find_first_not_of(" \t\r\n");
            if (first == std::string::npos)
                bad(where, field + ".text", "is empty");
            value = value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
            term = QueryTerm::ofText(std::move(value));
        } else if (t.contains("image")) {
            const std::string path = stringAt(t, "image", where, field + ".image", 4096);
            if (path.empty())
                bad(where, field + ".image", "is empty");
            term = QueryTerm::ofFile(path);
        } else {
            const Json& item = t["item"];
            if (!item.is_object())
                bad(where, field + ".item", "must be an object");
            term.kind = QueryTerm::Kind::Item;
            term.index = item.contains("index") ? stringAt(item, "index", where, field + ".item.index", 4096) : "";
            term.source = stringAt(item, "source", where, field + ".item.source", 4096);
            if (item.contains("id")) {
                if (!item["id"].is_number_integer() || item["id"].get<std::int64_t>() < 1)
                    bad(where, field + ".item.id", "must be a positive integer");
                term.item = item["id"].get<std::int64_t>();
            }
            const auto window = item.find("window");
            if (window == item.end() || !window->is_array() || window->size() != 4)
                bad(where, field + ".item.window", "must be four integers (x, y, width, height)");
            for (std::size_t k = 0; k < 4; ++k) {
                const Json& v = (*window)[k];
                if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 2000000000 ||
                    (k >= 2 && v.get<std::int64_t>() == 0))
                    bad(where, field + ".item.window", "must be four integers (x, y, width, height)");
                term.window[k] = static_cast<int>(v.get<std::int64_t>());
            }
        }
        term.avoided = role == "avoid";
        q.query.terms.push_back(std::move(term));
    }
    if (const auto method = json.find("method"); method != json.end() && !method->is_null()) {
        if (!method->is_string())
            bad(where, "\"method\"", "must be a string");
        try {
            q.method = parseMethod(method->get<std::string>());
        } catch (const Error&) {
            bad(where, "\"method\"", "must be weicom, image, text, average, slerp or basic");
        }
    }
    q.lambda = unitAt(json, "lambda", where);
    if (q.method == Method::Basic && q.lambda && *q.lambda >= kBasicHarrisLimit)
        bad(where, "\"lambda\"", "is BASIC's Harris weight and must lie below 0.25 (at 0.25 and above no item scores "
                                  "above 0)");
    q.avoid = unitAt(json, "avoid", where);
    if (const auto basic = json.find("basic"); basic != json.end() && !basic->is_null()) {
        if (!basic->is_object())
            bad(where, "\"basic\"", "must be an object");
        BasicOptions b;
        const auto integer = [&](const char* key, int low, int high) {
            const auto it = basic->find(key);
            if (it == basic->end() || !it->is_number_integer() || it->get<std::int64_t>() < low ||
                it->get<std::int64_t>() > high)
                bad(where, std::string("\"basic.") + key + "\"",
                    "must be an integer from " + std::to_string(low) + " to " + std::to_string(high));
            return static_cast<int>(it->get<std::int64_t>());
        };
        b.corpora = stringAt(*basic, "corpora", where, "\"basic.corpora\"", 4096);
        b.mean = stringAt(*basic, "mean", where, "\"basic.mean\"", 4096);
        b.norm = stringAt(*basic, "norm", where, "\"basic.norm\"", 4096);
        const auto aa = basic->find("aa");
        if (aa == basic->end() || !aa->is_number() || !(aa->get<double>() >= 0.0 && aa->get<double>() <= 1.0))
            bad(where, "\"basic.aa\"", "must be a number between 0 and 1");
        b.aa = aa->get<double>();
        b.components = integer("components", 1, 100000);
        b.expansion = integer("expansion", 0, 1000);
        b.contextualize = integer("contextualize", 0, 10000);
        q.basic = b;
    }
    if (const auto results = json.find("results"); results != json.end() && !results->is_null()) {
        if (!results->is_number_integer() || results->get<std::int64_t>() < 1 ||
            results->get<std::int64_t>() > 100000)
            bad(where, "\"results\"", "must be an integer from 1 to 100000");
        q.results = static_cast<int>(results->get<std::int64_t>());
    }
    if (const auto distinct = json.find("distinct"); distinct != json.end() && !distinct->is_null()) {
        if (!distinct->is_number() || !(distinct->get<double>() > 0.0 && distinct->get<double>() <= 1.0))
            bad(where, "\"distinct\"", "must be an overlap above 0 and at most 1");
        q.distinct = distinct->get<double>();
    }
    if (const auto match = json.find("match_gsd"); match != json.end() && !match->is_null()) {
        if (!match->is_boolean())
            bad(where, "\"match_gsd\"", "must be true or false");
        q.matchGsd = match->get<bool>();
    }
    if (const auto area = json.find("area"); area != json.end() && !area->is_null()) {
        if (!area->is_object())
            bad(where, "\"area\"", "must be an object with \"bbox\" or \"wkt\"");
        QueryArea a;
        if (area->contains("label"))
            a.label = stringAt(*area, "label", where, "\"area.label\"", 1024);
        if (const auto box = area->find("bbox"); box != area->end()) {
            if (!box->is_array() || box->size() != 4 ||
                !std::all_of(box->begin(), box->end(), [](const Json& v) { return v.is_number(); }))
                bad(where, "\"area.bbox\"", "must be four numbers: west, south, east, north");
            a.bbox = std::array<double, 4>{(*box)[0].get<double>(), (*box)[1].get<double>(), (*box)[2].get<double>(),
                                           (*box)[3].get<double>()};
        } else if (area->contains("wkt")) {
            a.wkt = stringAt(*area, "wkt", where, "\"area.wkt\"", kMaxFileBytes);
        } else {
            bad(where, "\"area\"", "must have \"bbox\" or \"wkt\"");
        }
        q.area = std::move(a);
    }
    if (const auto filter = json.find("filter"); filter != json.end() && !filter->is_null())
        q.filter = filterFromJson(*filter, where);
    return q;
}

SavedQuery readQueryFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error(path.string() + " is not a file");
    if (std::filesystem::file_size(path, ec) > kMaxFileBytes)
        throw Error(path.string() + " is larger than 1 MiB; a saved query is a few hundred bytes");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof())
        throw Error("cannot read " + path.string());
    return queryFromJson(text.str(), path.string());
}

void writeQueryFile(const std::filesystem::path& path, const SavedQuery& query)
{
    const std::filesystem::path temporary = path.string() + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error("cannot write " + path.string(), "check that the folder exists and that you may write to it");
        out << queryToJson(query) << "\n";
        if (!out.flush()) {
            out.close();
            std::error_code ec;
            std::filesystem::remove(temporary, ec);
            throw Error("writing " + path.string() + " failed (is the disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw Error("cannot write " + path.string() + ": " + ec.message());
    }
}

} // namespace rscir
