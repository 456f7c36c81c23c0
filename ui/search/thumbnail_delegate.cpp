#include "ui/search/thumbnail_delegate.h"

#include "ui/search/item_models.h"

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

QString ThumbnailDelegate::shownLabel(const QFontMetrics& metrics, const QString& text, int width)
{
    const qsizetype at = text.lastIndexOf(QStringLiteral(" @"));
    if (at <= 0 || metrics.horizontalAdvance(text) <= width)
        return metrics.elidedText(text, Qt::ElideMiddle, width);
    const QString offset = text.mid(at);
    const int room = width - metrics.horizontalAdvance(offset);
    if (room < metrics.horizontalAdvance(QStringLiteral("WW\u2026")))
        return metrics.elidedText(offset.mid(1), Qt::ElideRight, width); // the offset alone
    return metrics.elidedText(text.left(at), Qt::ElideMiddle, room) + offset;
}

void ThumbnailDelegate::paintLabels(QPainter* painter, const QStyleOptionViewItem& option, const QStringList& labels,
                                    const QRect& imageRect) const
{
    // A tag per label along the image's bottom edge, green or (negative) red.
    if (labels.isEmpty())
        return;
    QFont font = option.font;
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
    painter->setFont(font);
    const QFontMetrics metrics(font);
    int x = imageRect.left() + 3;
    const int h = metrics.height() + 2;
    const int y = imageRect.bottom() - h - 2;
    for (const QString& signedLabel : labels) {
        const bool negative = signedLabel.startsWith(kNegativeLabel);
        const QString label = (negative ? QStringLiteral("\u2717 ") : QString()) + signedLabel.mid(1);
        const QString shown = metrics.elidedText(label, Qt::ElideRight, imageRect.right() - 3 - x - 8);
        if (shown.isEmpty() || x > imageRect.right() - 16)
            break;
        const QRect tag(x, y, metrics.horizontalAdvance(shown) + 8, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(negative ? QColor(175, 35, 35, 225) : QColor(30, 120, 55, 225));
        painter->drawRoundedRect(tag, 3, 3);
        painter->setPen(Qt::white);
        painter->drawText(tag, Qt::AlignCenter, shown);
        x = tag.right() + 3;
    }
    painter->setFont(option.font);
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
    // A benchmark query's positives: a green border and a tick, the others a red cross.
    if (const QVariant positive = index.data(PositiveRole); positive.isValid()) {
        const bool yes = positive.toBool();
        const QColor colour = yes ? QColor(30, 140, 60) : QColor(190, 35, 35);
        painter->setRenderHint(QPainter::Antialiasing);
        const int border = std::max(3, m_size / 40);
        painter->setPen(QPen(colour, border));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(imageRect.adjusted(border / 2, border / 2, -(border + 1) / 2, -(border + 1) / 2));
        const int d = std::max(18, m_size / 5);
        const QRect badge(imageRect.right() - d - 2, imageRect.top() + 3, d, d);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(colour);
        painter->drawEllipse(badge);
        painter->setPen(QPen(Qt::white, std::max(2, d / 7), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        const QPointF c = QRectF(badge).center();
        const double a = d / 4.0;
        if (yes) {
            painter->drawPolyline(QPolygonF{QPointF(c.x() - a, c.y()), QPointF(c.x() - a / 3, c.y() + a * 0.7),
                                            QPointF(c.x() + a, c.y() - a * 0.7)});
        } else {
            painter->drawLine(QPointF(c.x() - a * 0.8, c.y() - a * 0.8), QPointF(c.x() + a * 0.8, c.y() + a * 0.8));
            painter->drawLine(QPointF(c.x() - a * 0.8, c.y() + a * 0.8), QPointF(c.x() + a * 0.8, c.y() - a * 0.8));
        }
    }
    paintLabels(painter, option, index.data(LabelRole).toStringList(), imageRect);
    const QRect textRect(cell.left() + 2, imageRect.bottom() + 4, cell.width() - 4, option.fontMetrics.height());
    painter->setPen(selected ? palette.highlightedText().color() : palette.text().color());
    painter->drawText(textRect, Qt::AlignHCenter | Qt::AlignVCenter,
                      shownLabel(option.fontMetrics, index.data(Qt::DisplayRole).toString(), textRect.width()));
    if (option.state & QStyle::State_HasFocus) {
        // An outline only: a badge above may have left its fill as the brush.
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(palette.highlight(), 1, Qt::DotLine));
        painter->drawRect(cell.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

} // namespace rscir::ui
