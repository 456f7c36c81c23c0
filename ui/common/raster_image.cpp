#include "ui/common/raster_image.h"

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

QImage readRasterImage(const QString& file, Window window, int maxSide, const RasterOptions& options)
{
    const auto raster = Raster::open(file.toStdString(), options);
    if (window.width <= 0)
        window = Window{0, 0, raster->facts().width, raster->facts().height};
    return toQImage(raster->readScaled(window, maxSide));
}

} // namespace rscir::ui
