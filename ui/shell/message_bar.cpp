#include "ui/shell/message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace rscir::ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Message"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("\u00d7"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close"));
    close->setAccessibleName(tr("Close the message"));
    layout->addWidget(m_text, 1);
    layout->addWidget(close);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBar::dismiss(const QString& text)
{
    if (!text.isEmpty() && isVisible() && m_text->text() == text)
        hide();
}

void MessageBar::showMessage(const QString& text, Level level)
{
    m_level = level;
    const char* colour = level == Level::Error ? "#f8d7da" : level == Level::Warning ? "#fff3cd" : "#d1ecf1";
    const char* border = level == Level::Error ? "#d9534f" : level == Level::Warning ? "#e0a800" : "#17a2b8";
    setStyleSheet(QStringLiteral("rscir--ui--MessageBar { background: %1; border: 1px solid %2; border-radius: 3px; }"
                                 "QLabel { color: #202020; }")
                      .arg(QLatin1String(colour), QLatin1String(border)));
    m_text->setText(text);
    show();
}

QString MessageBar::text() const
{
    return m_text->text();
}

} // namespace rscir::ui
