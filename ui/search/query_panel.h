#pragma once
/// \file
/// The query panel: the query image well, the modification text (with history), the
/// lambda slider between "Image" and "Text", the method and the number of results.

#include "core/search/ranking.h"

#include <QFrame>
#include <QListWidget>
#include <QPixmap>
#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QFormLayout;
class QVBoxLayout;
class QLineEdit;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QCheckBox;

namespace rscir::ui {

/// Accepts a dropped file or archive item as the query image and shows it.
class ImageWell : public QFrame {
    Q_OBJECT
public:
    explicit ImageWell(QWidget* parent = nullptr);
    void setImage(const QPixmap& pixmap, const QString& label);
    /// The image cannot be shown (not a raster this machine reads): said, with its label.
    void setUnreadable(const QString& label);
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

/// The query's terms, one row each; accepts dropped files and archive items as more
/// wanted images.
class TermList : public QListWidget {
    Q_OBJECT
public:
    explicit TermList(QWidget* parent = nullptr);

signals:
    void fileDropped(const QString& path);
    void itemDropped(std::int64_t itemId);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
};

/// One term as the panel shows it.
struct TermRow {
    QString label; ///< the text in quotes, or the image's file name
    QPixmap icon; ///< the image's thumbnail; null for a text
    bool image = false;
    bool avoided = false;
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
    QPushButton* basicSettingsButton() const { return m_basicSettings; }
    QSpinBox* resultCount() const { return m_count; }
    /// Query images resampled to the archive's ground resolution (--match-gsd).
    QCheckBox* matchGsd() const { return m_matchGsd; }
    /// The query image whose ground resolution is shown: none (an item, or no query), one
    /// being read, or one read (its resolution, nullopt when it is not georeferenced).
    enum class QueryImage { None, Reading, Read };
    /// Shows both ground resolutions (nullopt: not georeferenced); the checkbox is enabled
    /// only for a georeferenced archive.
    void setResolutions(std::optional<double> archive, std::optional<double> query, QueryImage image = QueryImage::None);
    QComboBox* modelBox() const { return m_model; }
    TermList* termList() const { return m_terms; }
    QLineEdit* moreText() const { return m_moreText; }
    QComboBox* moreTextRole() const { return m_moreRole; }
    QSlider* avoidSlider() const { return m_avoidSlider; }

    /// Shows the query's terms; the weight of what to avoid is offered when one is avoided.
    void setTerms(const QList<TermRow>& rows);
    double avoid() const;
    void setAvoid(double nu);

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
    void termRemoveRequested(int index);
    void termRoleRequested(int index, bool avoided);
    void textTermRequested(const QString& text, bool avoided);
    void imageTermRequested(); ///< "Add Image...": the window asks for a file
    void avoidChanged(double nu);
    /// "BASIC Settings...": the window shows BASIC's settings.
    void basicSettingsRequested();

private:
    /// The slider's range and words for the method: lambda from image to text, or BASIC's Harris weight.
    void showLambdaOf(Method method);
    void addImageRow(QVBoxLayout* layout);
    void addTextRows(QFormLayout* form);
    void connectTermButtons(QPushButton* addText, QPushButton* addImage);
    void createAvoidRow();
    void addLambdaRow(QFormLayout* form);
    void addChoiceRows(QFormLayout* form);
    void addBusyBar(QVBoxLayout* layout);
    void connectControls();

    ImageWell* m_well;
    QComboBox* m_text;
    QSlider* m_slider;
    QDoubleSpinBox* m_spin;
    QLabel* m_lambdaLabel;
    QLabel* m_imageEnd;
    QLabel* m_textEnd;
    QComboBox* m_method;
    QPushButton* m_basicSettings;
    QComboBox* m_model;
    QSpinBox* m_count;
    QCheckBox* m_matchGsd;
    QLabel* m_resolutions;
    TermList* m_terms;
    QLineEdit* m_moreText;
    QComboBox* m_moreRole;
    QPushButton* m_remove;
    QPushButton* m_toggle;
    QWidget* m_avoidRow;
    QLabel* m_avoidLabel;
    QSlider* m_avoidSlider;
    QDoubleSpinBox* m_avoidSpin;
    QProgressBar* m_busy;
    QTimer m_typing;
};

} // namespace rscir::ui
