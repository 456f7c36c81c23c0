#include "core/base/acquisition_time.h"

#include "core/base/error.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <regex>
#include <vector>

namespace rscir {

namespace {

/// Fields of a time, checked (a 31st of February is no date) and formatted in UTC after the
/// offset is taken off.
std::string formatTime(int year, int month, int day, int hour, int minute, int second, int offsetMinutes)
{
    if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 60)
        return {};
    std::tm t{};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day;
    t.tm_hour = hour;
    t.tm_min = minute;
    t.tm_sec = std::min(second, 59);
    const std::time_t when = timegm(&t);
    if (t.tm_mday != day || t.tm_mon != month - 1) // normalised away: no such day
        return {};
    const std::time_t utc = when - static_cast<std::time_t>(offsetMinutes) * 60;
    std::tm out{};
    gmtime_r(&utc, &out);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &out);
    return text;
}

int digits(std::string_view text, std::size_t at, std::size_t count)
{
    if (at + count > text.size())
        return -1;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

} // namespace

std::string normaliseAcquisitionTime(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (text.size() < 10 || text.size() > 40)
        return {};
    const char dateSeparator = text[4];
    if ((dateSeparator != '-' && dateSeparator != ':') || text[7] != dateSeparator)
        return {};
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0)
        return {};
    if (text.size() == 10)
        return formatTime(year, month, day, 0, 0, 0, 0);
    if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text.size() < 16 || text[13] != ':')
        return {};
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2);
    std::size_t at = 16;
    int second = 0;
    if (at < text.size() && text[at] == ':') {
        second = digits(text, at + 1, 2);
        at += 3;
        if (at < text.size() && (text[at] == '.' || text[at] == ','))
            for (++at; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]));)
                ++at;
    }
    if (hour < 0 || minute < 0 || second < 0)
        return {};
    int offset = 0;
    if (at < text.size()) {
        const std::string_view zone = text.substr(at);
        if (zone == "Z" || zone == "z") {
            offset = 0;
        } else if ((zone[0] == '+' || zone[0] == '-') && (zone.size() == 6 || zone.size() == 5 || zone.size() == 3)) {
            const int h = digits(zone, 1, 2);
            const int m = zone.size() == 3 ? 0 : digits(zone, zone.size() == 6 ? 4 : 3, 2);
            if (h < 0 || m < 0 || h > 14 || m > 59 || (zone.size() == 6 && zone[3] != ':'))
                return {};
            offset = (zone[0] == '-' ? -1 : 1) * (h * 60 + m);
        } else {
            return {};
        }
    }
    return formatTime(year, month, day, hour, minute, second, offset);
}

std::string datePatternProblem(const std::string& pattern)
{
    if (pattern.size() > 200)
        return "a date pattern is at most 200 characters";
    bool year = false, month = false, day = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%')
            continue;
        if (i + 1 >= pattern.size())
            return "a date pattern ends in a lone %";
        switch (pattern[++i]) {
        case 'Y': year = true; break;
        case 'm': month = true; break;
        case 'd': day = true; break;
        case 'H': case 'M': case 'S': case '%': break;
        default: return std::string("a date pattern knows %Y, %m, %d, %H, %M, %S and %%, not %") + pattern[i];
        }
    }
    if (!year || !month || !day)
        return "a date pattern needs %Y, %m and %d (e.g. %Y%m%d for S2A_20200612_...)";
    return {};
}

std::string acquisitionTimeFromName(const std::string& name, const std::string& pattern)
{
    if (const std::string problem = datePatternProblem(pattern); !problem.empty())
        throw Error(problem + ": \"" + pattern + "\"");
    // The pattern as a regular expression: each field a group of its digits, '*' any run,
    // everything else itself.
    std::string expression;
    std::vector<char> fields;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%') {
            const char f = pattern[++i];
            if (f == '%') {
                expression += "%";
                continue;
            }
            expression += f == 'Y' ? "(\\d{4})" : "(\\d{2})";
            fields.push_back(f);
        } else if (c == '*') {
            expression += ".*?";
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            expression += c;
        } else {
            expression += '\\';
            expression += c;
        }
    }
    std::smatch match;
    const std::regex re(expression);
    if (!std::regex_search(name, match, re))
        return {};
    int value[6] = {0, 0, 0, 0, 0, 0}; // Y m d H M S
    for (std::size_t k = 0; k < fields.size(); ++k) {
        const int v = std::stoi(match[static_cast<int>(k) + 1].str());
        const std::string order = "YmdHMS";
        value[order.find(fields[k])] = v;
    }
    return formatTime(value[0], value[1], value[2], value[3], value[4], value[5], 0);
}

std::string inclusiveUpperBound(std::string_view text)
{
    const std::string time = normaliseAcquisitionTime(text);
    if (time.empty())
        return {};
    std::string_view trimmed = text;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
        trimmed.remove_suffix(1);
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
        trimmed.remove_prefix(1);
    if (trimmed.size() == 10) // a whole day
        return time.substr(0, 11) + "23:59:59Z";
    if (trimmed.size() > 11) { // hours and minutes without seconds: the whole minute
        const std::string_view clock = trimmed.substr(11, trimmed.find_first_of("Zz+-", 11) == std::string_view::npos
                                                              ? std::string_view::npos
                                                              : trimmed.find_first_of("Zz+-", 11) - 11);
        if (std::count(clock.begin(), clock.end(), ':') == 1 && time.size() == 20)
            return time.substr(0, 17) + "59Z";
    }
    return time;
}

} // namespace rscir
