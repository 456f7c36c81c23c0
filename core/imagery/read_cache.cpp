#include "core/imagery/read_cache.h"

#include "core/base/hash.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

namespace rscir {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "rscir read cache 1\n";
constexpr int kMaxSide = 8192; ///< no entry decodes to more than this (a damaged one is refused)

} // namespace

ReadCache::ReadCache(fs::path folder, std::uint64_t maxBytes) : m_folder(std::move(folder)), m_maxBytes(maxBytes) { }

fs::path ReadCache::entryOf(const std::string& key) const
{
    char name[40];
    std::snprintf(name, sizeof name, "%016llx%016llx.entry",
                  static_cast<unsigned long long>(fnv1a64(key)),
                  static_cast<unsigned long long>(fnv1a64(key, 0x9e3779b97f4a7c15ull)));
    return m_folder / name;
}

std::optional<ImageU8> ReadCache::find(const std::string& key) const
{
    const fs::path entry = entryOf(key);
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(entry, ec)) || !fs::is_regular_file(entry, ec))
        return std::nullopt;
    const auto size = fs::file_size(entry, ec);
    if (ec || size > (std::uint64_t(256) << 20))
        return std::nullopt;
    std::ifstream in(entry, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const std::string header = std::string(kMagic) + key + "\n";
    ImageU8 image;
    if (bytes.compare(0, header.size(), header) == 0) {
        // The PNG's size is read before it is decoded: a damaged entry allocates nothing large.
        const auto* png = reinterpret_cast<const std::uint8_t*>(bytes.data()) + header.size();
        const std::size_t length = bytes.size() - header.size();
        const auto be32 = [&](std::size_t at) {
            return (std::uint32_t(png[at]) << 24) | (std::uint32_t(png[at + 1]) << 16) | (std::uint32_t(png[at + 2]) << 8) |
                   std::uint32_t(png[at + 3]);
        };
        if (length > 24 && png[0] == 0x89 && png[1] == 'P' && be32(16) > 0 && be32(16) <= kMaxSide && be32(20) > 0 &&
            be32(20) <= kMaxSide) {
            cv::Mat decoded = cv::imdecode(cv::Mat(1, static_cast<int>(length), CV_8U, const_cast<std::uint8_t*>(png)),
                                           cv::IMREAD_UNCHANGED);
            if (!decoded.empty() && decoded.depth() == CV_8U && (decoded.channels() == 1 || decoded.channels() == 3)) {
                if (decoded.channels() == 3)
                    cv::cvtColor(decoded, decoded, cv::COLOR_BGR2RGB);
                image.width = decoded.cols;
                image.height = decoded.rows;
                image.channels = decoded.channels();
                image.pixels.assign(decoded.data, decoded.data + decoded.total() * decoded.elemSize());
            }
        }
    }
    if (image.empty()) {
        // Another key's (a collision) or damaged: a read replaces it.
        if (bytes.compare(0, kMagic.size(), kMagic) != 0 || bytes.compare(0, header.size(), header) == 0)
            fs::remove(entry, ec);
        return std::nullopt;
    }
    fs::last_write_time(entry, fs::file_time_type::clock::now(), ec); // recently used
    return image;
}

void ReadCache::store(const std::string& key, const ImageU8& image) const
{
    if (image.empty() || (image.channels != 1 && image.channels != 3))
        return;
    std::error_code ec;
    fs::create_directories(m_folder, ec);
    if (ec || fs::is_symlink(fs::symlink_status(m_folder, ec)))
        return; // never written through a link
    cv::Mat pixels(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
                   const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat bgr;
    if (image.channels == 3)
        cv::cvtColor(pixels, bgr, cv::COLOR_RGB2BGR);
    std::vector<std::uint8_t> png;
    if (!cv::imencode(".png", image.channels == 3 ? bgr : pixels, png))
        return;
    const fs::path entry = entryOf(key);
    static thread_local std::mt19937_64 random{std::random_device{}()};
    const fs::path temporary = m_folder / ("." + entry.filename().string() + "." + std::to_string(random()) + ".part");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << kMagic << key << "\n";
        out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
        if (!out)
            return (void)fs::remove(temporary, ec);
    }
    if (fs::is_symlink(fs::symlink_status(entry, ec)))
        fs::remove(entry, ec); // the link itself, never what it leads to
    fs::rename(temporary, entry, ec);
    if (ec)
        fs::remove(temporary, ec);
    trim(entry);
}

void ReadCache::trim(const fs::path& newest) const
{
    struct Entry {
        fs::path path;
        fs::file_time_type time;
        std::uint64_t size;
    };
    std::vector<Entry> entries;
    std::uint64_t total = 0;
    std::error_code ec;
    for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".entry" || !it->is_regular_file(ec) || it->is_symlink(ec))
            continue;
        Entry e{it->path(), it->last_write_time(ec), it->file_size(ec)};
        if (!ec) {
            total += e.size;
            entries.push_back(std::move(e));
        }
    }
    if (total <= m_maxBytes)
        return;
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.time < b.time; });
    for (const Entry& e : entries) {
        if (total <= m_maxBytes)
            break;
        // Times are as coarse as the kernel's clock tick: the entry just written stays.
        if (e.path != newest && fs::remove(e.path, ec))
            total -= e.size;
    }
}

ImageU8 readScaledCached(const std::string& path, Window window, int maxSide, const RasterOptions& options,
                         const std::string& version, const ReadCache* cache)
{
    std::string key;
    if (cache && isServerPath(path)) {
        key = path + "\n" + std::to_string(window.x) + "," + std::to_string(window.y) + "," +
              std::to_string(window.width) + "," + std::to_string(window.height) + "\n" + std::to_string(maxSide) +
              "\nbands";
        for (int b : options.bands)
            key += " " + std::to_string(b);
        key += "\nstretch " + std::to_string(static_cast<int>(options.stretch)) + " " +
               std::to_string(options.lowPercentile) + " " + std::to_string(options.highPercentile) + "\n" + version;
        if (auto kept = cache->find(key))
            return std::move(*kept);
    }
    const auto raster = Raster::open(path, options);
    if (window.width <= 0)
        window = Window{0, 0, raster->facts().width, raster->facts().height};
    ImageU8 image = raster->readScaled(window, maxSide);
    if (!key.empty())
        cache->store(key, image);
    return image;
}

} // namespace rscir
