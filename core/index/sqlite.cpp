#include "core/index/sqlite.h"

#include "core/base/error.h"
#include "core/base/files.h"

#include <sys/statvfs.h>
#include <unistd.h>


namespace rscir::sql {

bool writableStorage(const std::filesystem::path& path)
{
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    return ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

ReadOnlyCause readOnlyCause(const std::filesystem::path& path)
{
    if (writableStorage(path))
        return ReadOnlyCause::None;
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    struct statvfs fs {};
    if (::statvfs(folder.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY))
        return ReadOnlyCause::Mount;
    return ::access(path.c_str(), W_OK) != 0 ? ReadOnlyCause::File : ReadOnlyCause::Folder;
}

std::string readOnlyText(ReadOnlyCause cause)
{
    switch (cause) {
    case ReadOnlyCause::None: break;
    case ReadOnlyCause::Mount: return "its file system is mounted read-only";
    case ReadOnlyCause::File: return "this account may not write the file";
    case ReadOnlyCause::Folder: return "this account may not write its folder, where SQLite keeps its log beside the index";
    }
    return {};
}

Access readingAccess(const std::filesystem::path& path)
{
    if (writableStorage(path))
        return Access::Write;
    std::error_code ec;
    return std::filesystem::exists(path.string() + "-wal", ec) && std::filesystem::exists(path.string() + "-shm", ec)
               ? Access::Read
               : Access::Frozen;
}

std::string fileUri(const std::filesystem::path& path, const std::string& query)
{
    const std::string uri = "file:" + percentEncoded(path.string());
    return query.empty() ? uri : uri + "?" + query;
}

Database::Database(const std::filesystem::path& path, Access access) : m_path(path)
{
    const bool create = access == Access::Create;
    const bool write = create || access == Access::Write;
    const int flags = (write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | (create ? SQLITE_OPEN_CREATE : 0) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    const std::string uri = fileUri(path, access == Access::Frozen ? "immutable=1" : "");
    if (sqlite3_open_v2(uri.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error("cannot open the index " + path.string() + ": " + message,
                    create ? "check that the folder exists and that you may write to it" : "check the path");
    }
    sqlite3_busy_timeout(m_db, 10000);
    sqlite3_extended_result_codes(m_db, 1);
}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

void Database::fail(const std::string& what) const
{
    const int code = sqlite3_extended_errcode(m_db);
    std::string hint;
    if ((code & 0xff) == SQLITE_FULL)
        hint = "the disk is full";
    else if ((code & 0xff) == SQLITE_READONLY)
        hint = "the index or its folder is read-only";
    else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
        hint = "the file is damaged or truncated, or not an rscir index; restore it from a copy, or index the "
               "archive into a new file";
    else if ((code & 0xff) == SQLITE_BUSY)
        hint = "another program is writing to the index";
    throw Error(m_path.string() + ": " + what + ": " + sqlite3_errmsg(m_db), hint);
}

void Database::exec(const std::string& sql)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        sqlite3_free(message);
        fail("cannot run '" + sql.substr(0, 60) + "'");
    }
}

Statement Database::prepare(const std::string& sql)
{
    return Statement(*this, sql);
}

std::int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

Statement::Statement(Database& db, const std::string& sql) : m_db(&db)
{
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK)
        db.fail("cannot prepare '" + sql.substr(0, 60) + "'");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt)
{
    other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    if (sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t bytes)
{
    if (sqlite3_bind_blob64(m_stmt, index, data, bytes, SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db->fail("query failed");
}

void Statement::run()
{
    while (step()) { }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}
double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}
bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const
{
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string();
}

std::span<const std::uint8_t> Statement::blob(int column) const
{
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

Transaction::Transaction(Database& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace rscir::sql
