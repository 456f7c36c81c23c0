#pragma once

#include <QFrame>

class QLabel;

namespace rscir::ui {

/// A message shown above the workspace instead of a modal dialog: what happened and
/// what to do, closable, never blocking the window.
class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Level { Info, Warning, Error };
    explicit MessageBar(QWidget* parent = nullptr);
    void showMessage(const QString& text, Level level = Level::Error);
    QString text() const;
    /// Hides the bar if it still shows `text` (a message that is no longer true), and
    /// leaves any later message alone.
    void dismiss(const QString& text);
    Level level() const { return m_level; }

private:
    QLabel* m_text;
    Level m_level = Level::Info;
};

} // namespace rscir::ui
