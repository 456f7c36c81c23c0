#pragma once
/// \file
/// The options of an indexing run, as the command line has them: display bands (presets:
/// automatic, natural colour, false colour NIR-R-G, or a custom list), tile size, overlap
/// and stretch. They are remembered per archive folder. An index that exists keeps the
/// options it was made with: they are shown, not changeable.

#include "core/index/index_store.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QDoubleSpinBox;

namespace rscir::ui {

class IndexOptionsDialog : public QDialog {
    Q_OBJECT
public:
    /// `existing`: the settings of the index when it exists (then they are fixed).
    IndexOptionsDialog(const QString& folder, const std::optional<ArchiveSettings>& existing, QWidget* parent = nullptr);
    /// The chosen settings; nullopt while the custom band list is not valid.
    std::optional<ArchiveSettings> settings() const;
    /// Remembers the settings for this folder (called when the run starts).
    void remember() const;
    /// The settings last used for `folder`, or the defaults.
    static ArchiveSettings remembered(const QString& folder);

    QComboBox* bandsBox() const { return m_bands; }
    QLineEdit* customBands() const { return m_custom; }
    QSpinBox* tileBox() const { return m_tile; }
    QSpinBox* overlapBox() const { return m_overlap; }
    QComboBox* stretchBox() const { return m_stretch; }

private:
    void update();

    QString m_folder;
    QComboBox* m_bands;
    QLineEdit* m_custom;
    QSpinBox* m_tile;
    QSpinBox* m_overlap;
    QDoubleSpinBox* m_gsd;
    QComboBox* m_stretch;
    QLabel* m_note;
};

} // namespace rscir::ui
