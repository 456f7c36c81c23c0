#include "ui/common/raster_image.h"

#include <QStandardPaths>

#include <algorithm>

namespace rscir::ui {

QImage toQImage(const ImageU8& pixels)
{
    QImage image(pixels.width, pixels.height, pixels.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    for (int y = 0; y < pixels.height; ++y)
        std::copy_n(pixels.pixels.data() + static_cast<std::size_t>(y) * pixels.width * pixels.channels,
                    static_cast<std::size_t>(pixels.width) * pixels.channels, image.scanLine(y));
    return image;
}

QImage readRasterImage(const QString& file, Window window, int maxSide, const RasterOptions& options,
                       const QString& version)
{
    return toQImage(
        readScaledCached(file.toStdString(), window, maxSide, options, version.toStdString(), &remoteReadCache()));
}

const ReadCache& remoteReadCache()
{
    static const ReadCache cache(
        (QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/remote-reads")).toStdString(),
        std::uint64_t(512) << 20);
    return cache;
}

} // namespace rscir::ui
