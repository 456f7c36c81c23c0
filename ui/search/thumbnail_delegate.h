#pragma once

#include <QStyledItemDelegate>

namespace rscir::ui {

/// Paints a thumbnail cell: the image fitted into a square, a caption under it, and a
/// placeholder while the thumbnail loads.
class ThumbnailDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ThumbnailDelegate(int thumbnailSize, QObject* parent = nullptr);
    void setThumbnailSize(int size) { m_size = size; }
    int thumbnailSize() const { return m_size; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    /// A label that fits `width`: a window of a raster keeps its offset ("…ene.tif @512,256"),
    /// which tells two windows apart; the file name is shortened in the middle.
    static QString shownLabel(const QFontMetrics& metrics, const QString& text, int width);
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    void paintLabels(QPainter* painter, const QStyleOptionViewItem& option, const QStringList& labels,
                     const QRect& imageRect) const;
    int m_size;
};

} // namespace rscir::ui
