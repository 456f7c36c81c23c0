#pragma once
/// \file
/// Preferences, stored with QSettings: device, threads, batch size, thumbnail size,
/// the default lambda per model family, and the language.

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace rscir::ui {

struct AppSettings {
    QString device = QStringLiteral("auto"); ///< auto, cpu, cuda
    int threads = 0;
    int batchSize = 32;
    int thumbnailSize = 128;
    QString language; ///< empty: the system's
    bool fastIndexing = false; ///< index in bf16 where the processor computes it natively
    QString storage = QStringLiteral("fp16"); ///< how a new index keeps embeddings: fp16 or fp32

    static AppSettings load();
    void save() const;
};

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);
    AppSettings settings() const;

private:
    QComboBox* m_device;
    QSpinBox* m_threads;
    QSpinBox* m_batch;
    QSpinBox* m_thumbnail;
    QComboBox* m_language;
    QComboBox* m_precision;
    QComboBox* m_storage;
};

} // namespace rscir::ui
