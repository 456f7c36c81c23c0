#include "ui/thumbnail_delegate.h"

#include "ui/item_models.h"

#include <algorithm>

#include <QApplication>
#include <QPainter>
#include <QPixmap>

namespace rscir::ui {

ThumbnailDelegate::ThumbnailDelegate(int thumbnailSize, QObject* parent)
    : QStyledItemDelegate(parent), m_size(thumbnailSize)
{
}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    return {m_size + 8, m_size + option.fontMetrics.height() + 12};
}

void ThumbnailDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    const QRect cell = option.rect.adjusted(2, 2, -2, -2);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& palette = option.palette;
    if (selected)
        painter->fillRect(cell, palette.highlight());
    else if (option.state & QStyle::State_MouseOver)
        painter->fillRect(cell, palette.alternateBase());

    const QRect imageRect(cell.left() + (cell.width() - m_size) / 2, cell.top() + 2, m_size, m_size);
    const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
    if (pixmap.isNull()) {
        painter->fillRect(imageRect, palette.mid());
    } else {
        const QSize fitted = pixmap.size().scaled(imageRect.size(), Qt::KeepAspectRatio);
        const QRect target(imageRect.left() + (imageRect.width() - fitted.width()) / 2,
                           imageRect.top() + (imageRect.height() - fitted.height()) / 2, fitted.width(),
                           fitted.height());
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(target, pixmap);
    }
    // A result that is a term of the query carries its role: + wanted, - avoided.
    if (const int mark = index.data(MarkRole).toInt(); mark != 0) {
        const int d = std::max(16, m_size / 6);
        const QRect badge(imageRect.left() + 3, imageRect.top() + 3, d, d);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(mark > 0 ? QColor(30, 130, 60) : QColor(180, 30, 30));
        painter->drawEllipse(badge);
        painter->setPen(QPen(Qt::white, std::max(2, d / 8)));
        const QPoint c = badge.center();
        const int arm = d / 4;
        painter->drawLine(c.x() - arm, c.y(), c.x() + arm, c.y());
        if (mark > 0)
            painter->drawLine(c.x(), c.y() - arm, c.x(), c.y() + arm);
    }
    const QRect textRect(cell.left() + 2, imageRect.bottom() + 4, cell.width() - 4, option.fontMetrics.height());
    painter->setPen(selected ? palette.highlightedText().color() : palette.text().color());
    painter->drawText(
        textRect, Qt::AlignHCenter | Qt::AlignVCenter,
        option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle, textRect.width()));
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.highlight(), 1, Qt::DotLine));
        painter->drawRect(cell.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

} // namespace rscir::ui
