#pragma once
/// \file
/// A thin RAII layer over SQLite's C API for the index store: a connection, prepared
/// statements with typed binding, and transactions. Internal to core/index.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rscir::sql {

class Statement;

/// How a connection reaches its file.
enum class Access {
    Create, ///< read and write; the file is made when it is missing
    Write, ///< read and write an existing file
    Read, ///< read only, through the write-ahead log: a concurrent writer's commits are seen
    Frozen, ///< read only, the main file as it is: no log read, nothing made beside it (immutable)
};

/// Whether a database file and its folder may be written (its log and -shm go beside it).
bool writableStorage(const std::filesystem::path& path);
/// Why a database file cannot be written.
enum class ReadOnlyCause { None, Mount, File, Folder };
ReadOnlyCause readOnlyCause(const std::filesystem::path& path);
/// The cause in a sentence ("" for None).
std::string readOnlyText(ReadOnlyCause cause);
/// How a reader opens a database file: for writing (it never writes: query_only) where it
/// could write, so that the last connection folds the log back and leaves nothing behind; on
/// read-only storage through the log a writer of another account keeps beside it, or,
/// without one, the file as it is (Frozen), creating nothing.
Access readingAccess(const std::filesystem::path& path);

/// A `file:` URI naming `path`, with `query` (e.g. "immutable=1") after it.
std::string fileUri(const std::filesystem::path& path, const std::string& query);

class Database {
public:
    Database(const std::filesystem::path& path, Access access);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);
    std::int64_t lastInsertId() const;
    sqlite3* handle() const { return m_db; }
    const std::filesystem::path& path() const { return m_path; }
    [[noreturn]] void fail(const std::string& what) const;

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

class Statement {
public:
    Statement(Database& db, const std::string& sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, const void* data, std::size_t bytes);
    Statement& bindNull(int index);

    /// Steps once: true while a row is available.
    bool step();
    /// Steps to completion (for statements that return no rows) and resets.
    void run();
    void reset();

    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    bool isNull(int column) const;
    std::span<const std::uint8_t> blob(int column) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// BEGIN IMMEDIATE on construction, ROLLBACK unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

/// BEGIN (deferred) on construction, COMMIT on destruction: the reads in between come from
/// one snapshot of the database.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db) : m_db(db) { m_db.exec("BEGIN"); }
    ~ReadTransaction() { sqlite3_exec(m_db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    Database& m_db;
};

} // namespace rscir::sql
