#include "core/index/labels.h"

#include "core/base/error.h"
#include "core/index/index_store.h"
#include "core/index/result_export.h"
#include "core/index/sqlite.h"

#include <array>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>

namespace rscir {

namespace {

const char* kLabelsTable = R"sql(
CREATE TABLE IF NOT EXISTS labels(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    positive INTEGER NOT NULL,
    source_path TEXT NOT NULL,
    x INTEGER NOT NULL, y INTEGER NOT NULL, w INTEGER NOT NULL, h INTEGER NOT NULL,
    item_id INTEGER,
    footprint TEXT,
    model TEXT NOT NULL DEFAULT '',
    query TEXT NOT NULL DEFAULT '',
    score REAL,
    created TEXT NOT NULL,
    UNIQUE(source_path, x, y, w, h, name));
)sql";

// A side file names the index it belongs to.
const char* kSideFileMeta = "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);";

constexpr std::size_t kMaxNameBytes = 256; // 64 characters of up to four bytes
constexpr std::size_t kMaxTextBytes = 1 << 20; // a query or model text read back from a file

std::uint32_t applicationIdOf(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    unsigned char header[72] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    if (in.gcount() < 72 || std::memcmp(header, "SQLite format 3", 16) != 0)
        return 0;
    return (std::uint32_t(header[68]) << 24) | (std::uint32_t(header[69]) << 16) | (std::uint32_t(header[70]) << 8) |
           std::uint32_t(header[71]);
}

bool hasLabelsTable(sql::Database& db)
{
    auto s = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'labels'");
    return s.step() && s.integer(0) > 0;
}

std::string indexIdentity(const std::filesystem::path& index)
{
    std::error_code ec;
    const auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(index, ec), ec);
    return (ec ? index : absolute).string();
}

/// A label as read from a file anyone may have written: a row that does not make sense is
/// skipped, not trusted.
std::optional<Label> readLabel(const sql::Statement& s)
{
    Label l;
    l.id = s.integer(0);
    l.name = s.text(1);
    l.positive = s.integer(2) != 0;
    l.sourcePath = s.text(3);
    l.window = {static_cast<int>(s.integer(4)), static_cast<int>(s.integer(5)), static_cast<int>(s.integer(6)),
                static_cast<int>(s.integer(7))};
    l.itemId = s.isNull(8) ? 0 : s.integer(8);
    l.footprint = parseFootprintText(s.text(9));
    l.model = s.text(10);
    l.query = s.text(11);
    if (!s.isNull(12) && std::isfinite(s.real(12)))
        l.score = s.real(12);
    l.created = s.text(13);
    const auto wide = [](std::int64_t v) { return v < 0 || v > (1 << 30); };
    if (!labelNameProblem(l.name).empty() || l.sourcePath.empty() || !isValidUtf8(l.sourcePath) ||
        wide(s.integer(4)) || wide(s.integer(5)) || wide(s.integer(6)) || wide(s.integer(7)) ||
        l.window.width <= 0 || l.window.height <= 0 || l.model.size() > kMaxTextBytes ||
        l.query.size() > kMaxTextBytes || l.created.size() > 64)
        return std::nullopt;
    return l;
}

std::vector<Label> readLabels(sql::Database& db)
{
    std::vector<Label> out;
    if (!hasLabelsTable(db))
        return out;
    auto s = db.prepare("SELECT id, name, positive, source_path, x, y, w, h, item_id, footprint, model, query, score, "
                        "created FROM labels ORDER BY created, id");
    while (s.step() && out.size() < LabelStore::kMaxLabels)
        if (auto label = readLabel(s))
            out.push_back(std::move(*label));
    return out;
}

} // namespace

std::string labelNameProblem(const std::string& name)
{
    if (name.empty())
        return "a label needs a name";
    if (name.size() > kMaxNameBytes || !isValidUtf8(name))
        return "a label's name is at most 64 characters of UTF-8";
    std::size_t characters = 0;
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f)
            return "a label's name has no control characters (tabs, line breaks)";
        if ((c & 0xc0) != 0x80)
            ++characters;
    }
    if (characters > 64)
        return "a label's name is at most 64 characters of UTF-8";
    if (name.front() == ' ' || name.back() == ' ')
        return "a label's name does not start or end with a space";
    // Nor C1 controls, nor the marks that turn the direction of text (a name that shows
    // itself as another).
    for (const char* hidden : {"\u0080", "\u0085", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                               "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"})
        if (name.find(hidden) != std::string::npos)
            return "a label's name has no control characters or marks that turn the direction of text";
    for (std::size_t i = 0; i + 1 < name.size(); ++i)
        if (static_cast<unsigned char>(name[i]) == 0xc2 && static_cast<unsigned char>(name[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(name[i + 1]) <= 0x9f)
            return "a label's name has no control characters or marks that turn the direction of text";
    return {};
}

std::string labelTimeNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

LabelStore::LabelStore(std::unique_ptr<sql::Database> db, std::filesystem::path file, bool sideFile)
    : m_db(std::move(db)), m_file(std::move(file)), m_sideFile(sideFile)
{
}

LabelStore::~LabelStore() = default;

bool LabelStore::indexTakesLabels(const std::filesystem::path& index)
{
    return sql::writableStorage(index);
}

std::unique_ptr<LabelStore> LabelStore::inIndex(const std::filesystem::path& index)
try {
    // Opening it as an index first checks that it is one (and leaves another program's file
    // as it is); labels are then written beside the index's readers, never by its writer.
    const auto store = IndexStore::open(index, false, true);
    if (store->onReadOnlyStorage() || !indexTakesLabels(index))
        throw Error(ErrorCode::LabelsReadOnly, {index.string()},
                    "labels cannot be stored in " + index.string() + ": it is on storage this account may not write",
                    "keep them in a side file (rscir label --labels FILE, or the Labels panel's side file)");
    auto db = std::make_unique<sql::Database>(index, sql::Access::Write);
    db->exec("PRAGMA synchronous = FULL");
    if (!hasLabelsTable(*db)) {
        sql::Transaction t(*db);
        db->exec(kLabelsTable);
        t.commit();
    }
    return std::unique_ptr<LabelStore>(new LabelStore(std::move(db), index, false));
} catch (...) {
    rethrowAsError(index.string());
}

std::unique_ptr<LabelStore> LabelStore::inSideFile(const std::filesystem::path& file,
                                                   const std::filesystem::path& index)
try {
    std::error_code ec;
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(file, ec)))
        throw Error(file.string() + " is a symbolic link; labels are not written through one",
                    "choose the file itself");
    const bool exists = std::filesystem::exists(file, ec);
    if (exists && std::filesystem::file_size(file, ec) > 0 && applicationIdOf(file) != kSideFileApplicationId)
        throw Error(file.string() + " is not a labels file of rscir", "rscir leaves it as it is; choose another name");
    auto db = std::make_unique<sql::Database>(file, sql::Access::Create);
    db->exec("PRAGMA application_id = " + std::to_string(kSideFileApplicationId));
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = FULL");
    {
        sql::Transaction t(*db);
        db->exec(kSideFileMeta);
        db->exec(kLabelsTable);
        auto q = db->prepare("SELECT value FROM meta WHERE key = 'index'");
        const std::string own = indexIdentity(index);
        if (q.step()) {
            const std::string recorded = q.text(0);
            if (recorded != own)
                throw Error(file.string() + " keeps the labels of another index (" + recorded + ")",
                            "choose another file for the labels of " + own);
        } else {
            db->prepare("INSERT INTO meta(key, value) VALUES('index', ?)").bind(1, own).run();
        }
        t.commit();
    }
    return std::unique_ptr<LabelStore>(new LabelStore(std::move(db), file, true));
} catch (...) {
    rethrowAsError(file.string());
}

std::vector<Label> LabelStore::read(const std::filesystem::path& file, const std::filesystem::path& index)
try {
    const std::uint32_t id = applicationIdOf(file);
    if (id == static_cast<std::uint32_t>(IndexStore::kApplicationId) || id == 0) {
        // An index (of format 1 too: it has no application id) is checked as one.
        const auto store = IndexStore::open(file, false, true);
    } else if (id != kSideFileApplicationId) {
        throw Error(file.string() + " is neither an rscir index nor a labels file");
    }
    sql::Database db(file, sql::readingAccess(file));
    db.exec("PRAGMA query_only = ON");
    if (id == kSideFileApplicationId && !index.empty()) {
        auto q = db.prepare("SELECT value FROM meta WHERE key = 'index'");
        const std::string recorded = q.step() ? q.text(0) : std::string();
        if (recorded != indexIdentity(index))
            throw Error(file.string() + " keeps the labels of another index (" + recorded.substr(0, 1024) + ")",
                        "give the labels file of " + indexIdentity(index));
    }
    return readLabels(db);
} catch (...) {
    rethrowAsError(file.string());
}

std::filesystem::path LabelStore::sideFileFor(const std::filesystem::path& index, const std::filesystem::path& folder)
{
    const std::string identity = indexIdentity(index);
    const std::size_t hash = std::hash<std::string>{}(identity);
    char hex[20];
    std::snprintf(hex, sizeof hex, "%016zx", hash);
    return folder / (index.stem().string() + "-" + hex + ".rscir-labels");
}

std::int64_t LabelStore::set(const Label& label)
{
    if (const auto problem = labelNameProblem(label.name); !problem.empty())
        throw Error(problem + ": \"" + label.name + "\"");
    if (label.sourcePath.empty() || label.window.width <= 0 || label.window.height <= 0 || label.window.x < 0 ||
        label.window.y < 0)
        throw Error("a label needs the place it is given to (a source and a window)");
    sql::Transaction t(*m_db);
    auto s = m_db->prepare(
        "INSERT INTO labels(name, positive, source_path, x, y, w, h, item_id, footprint, model, query, score, created) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(source_path, x, y, w, h, name) DO UPDATE SET positive = excluded.positive, "
        "item_id = excluded.item_id, footprint = excluded.footprint, model = excluded.model, "
        "query = excluded.query, score = excluded.score, created = excluded.created");
    s.bind(1, label.name).bind(2, label.positive ? 1 : 0).bind(3, label.sourcePath);
    s.bind(4, label.window.x).bind(5, label.window.y).bind(6, label.window.width).bind(7, label.window.height);
    if (label.itemId)
        s.bind(8, label.itemId);
    else
        s.bindNull(8);
    s.bind(9, footprintText(label.footprint)).bind(10, label.model).bind(11, label.query);
    if (label.score && std::isfinite(*label.score))
        s.bind(12, *label.score);
    else
        s.bindNull(12);
    s.bind(13, label.created.empty() ? labelTimeNow() : label.created);
    s.run();
    auto id = m_db->prepare("SELECT id FROM labels WHERE source_path = ? AND x = ? AND y = ? AND w = ? AND h = ? "
                            "AND name = ?");
    id.bind(1, label.sourcePath).bind(2, label.window.x).bind(3, label.window.y).bind(4, label.window.width);
    id.bind(5, label.window.height).bind(6, label.name);
    const std::int64_t labelId = id.step() ? id.integer(0) : 0;
    t.commit();
    return labelId;
}

bool LabelStore::remove(std::int64_t id)
{
    sql::Transaction t(*m_db);
    auto s = m_db->prepare("DELETE FROM labels WHERE id = ?");
    s.bind(1, id);
    s.run();
    const bool removed = sqlite3_changes(m_db->handle()) > 0;
    t.commit();
    return removed;
}

std::vector<Label> LabelStore::labels() const
{
    return readLabels(*m_db);
}

} // namespace rscir
