#pragma once
/// \file
/// Scaled reads of files on servers, kept on disk: the viewer shows an item of a remote
/// archive again without reading its file again. Each entry names its whole key (file,
/// window, size, bands, stretch, the source's version), so a changed file or another
/// choice is a miss; the folder is bounded, the least recently used entries go first.

#include "core/imagery/raster.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace rscir {

class ReadCache {
public:
    /// Entries in `folder` (made when first written), at most `maxBytes` together.
    ReadCache(std::filesystem::path folder, std::uint64_t maxBytes);
    /// The image kept for `key`, or nullopt (none, another key's, or damaged: then removed).
    std::optional<ImageU8> find(const std::string& key) const;
    /// Keeps `image` for `key`: written whole then renamed (a reader never sees half of it),
    /// never through a link; then the oldest entries go until the folder fits. A folder that
    /// cannot be written is no error (the read is only not kept).
    void store(const std::string& key, const ImageU8& image) const;
    const std::filesystem::path& folder() const { return m_folder; }

private:
    std::filesystem::path entryOf(const std::string& key) const;
    void trim(const std::filesystem::path& newest) const;
    std::filesystem::path m_folder;
    std::uint64_t m_maxBytes;
};

/// `window` of `path` (the whole raster when its width is 0) scaled to fit `maxSide`, as
/// Raster::readScaled gives it; from `cache` when the file is on a server and the cache
/// holds it for this `version` (what says the file changed: its size and time, or its
/// catalogue's version), else read and kept there. A local file is always read.
ImageU8 readScaledCached(const std::string& path, Window window, int maxSide, const RasterOptions& options,
                         const std::string& version, const ReadCache* cache);

} // namespace rscir
