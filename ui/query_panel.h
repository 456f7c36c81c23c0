#pragma once
/// \file
/// The query panel: the query image well, the modification text (with history), the
/// lambda slider between "Image" and "Text", the method and the number of results.

#include "core/search/ranking.h"

#include <QFrame>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace rscir::ui {

/// Accepts a dropped file or archive item as the query image and shows it.
class ImageWell : public QFrame {
    Q_OBJECT
public:
    explicit ImageWell(QWidget* parent = nullptr);
    void setImage(const QPixmap& pixmap, const QString& label);
    void clear();

signals:
    void fileDropped(const QString& path);
    void itemDropped(std::int64_t itemId);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QLabel* m_image;
    QLabel* m_label;
};

class QueryPanel : public QWidget {
    Q_OBJECT
public:
    explicit QueryPanel(QWidget* parent = nullptr);
    ~QueryPanel() override;

    ImageWell* imageWell() const { return m_well; }
    QComboBox* textBox() const { return m_text; }
    QSlider* lambdaSlider() const { return m_slider; }
    QDoubleSpinBox* lambdaSpin() const { return m_spin; }
    QComboBox* methodBox() const { return m_method; }
    QSpinBox* resultCount() const { return m_count; }
    QComboBox* modelBox() const { return m_model; }

    double lambda() const;
    void setLambda(double lambda);
    Method method() const;
    void setBusy(bool busy);
    void addToHistory(const QString& text);
    /// The pause after the last keystroke before the text is encoded.
    void setTypingPause(int milliseconds) { m_typing.setInterval(milliseconds); }

signals:
    void textSettled(const QString& text); ///< after the typing pause, once per pause
    void lambdaChanged(double lambda);
    void methodChanged(rscir::Method method);
    void resultCountChanged(int count);
    /// The user picked another model: its folder or checkpoint, and its activation.
    void modelChosen(const QString& model, const QString& activation);
    void openImageRequested();
    void clearImageRequested();

private:
    ImageWell* m_well;
    QComboBox* m_text;
    QSlider* m_slider;
    QDoubleSpinBox* m_spin;
    QComboBox* m_method;
    QComboBox* m_model;
    QSpinBox* m_count;
    QProgressBar* m_busy;
    QTimer m_typing;
};

} // namespace rscir::ui
