#include "core/search/query.h"

#include <algorithm>

namespace rscir {

QueryTerm QueryTerm::ofItem(std::string index, std::int64_t item, std::string path)
{
    QueryTerm term;
    term.kind = Kind::Item;
    term.index = std::move(index);
    term.item = item;
    term.path = std::move(path);
    return term;
}

QueryTerm QueryTerm::ofFile(std::string path)
{
    QueryTerm term;
    term.kind = Kind::File;
    term.path = std::move(path);
    return term;
}

QueryTerm QueryTerm::ofText(std::string text)
{
    QueryTerm term;
    term.kind = Kind::Text;
    term.text = std::move(text);
    return term;
}

std::string QueryTerm::key() const
{
    switch (kind) {
    case Kind::Item:
        return "item:" + index + "#" + std::to_string(item);
    case Kind::File:
        return "file:" + path;
    case Kind::Text:
        break;
    }
    return "text:" + text;
}

const QueryTerm* Query::image() const
{
    const auto it = std::find_if(terms.begin(), terms.end(), [](const QueryTerm& t) { return t.isImage() && !t.avoided; });
    return it == terms.end() ? nullptr : &*it;
}

const QueryTerm* Query::text() const
{
    const auto it = std::find_if(terms.begin(), terms.end(), [](const QueryTerm& t) { return !t.isImage() && !t.avoided; });
    return it == terms.end() ? nullptr : &*it;
}

void Query::setImage(std::optional<QueryTerm> term)
{
    const auto it = std::find_if(terms.begin(), terms.end(), [](const QueryTerm& t) { return t.isImage() && !t.avoided; });
    if (it != terms.end()) {
        if (term)
            *it = std::move(*term);
        else
            terms.erase(it);
    } else if (term) {
        terms.insert(terms.begin(), std::move(*term));
    }
}

void Query::setText(const std::string& text)
{
    const auto it = std::find_if(terms.begin(), terms.end(), [](const QueryTerm& t) { return !t.isImage() && !t.avoided; });
    if (text.empty()) {
        if (it != terms.end())
            terms.erase(it);
        return;
    }
    if (it != terms.end())
        it->text = text;
    else
        terms.push_back(QueryTerm::ofText(text));
}

} // namespace rscir
