#pragma once
/// \file
/// BASIC's settings in the window, as `rscir search --basic-...` takes them: the corpora
/// folder, the image mean, the contrastive PCA (aa, components), the expansion, the
/// contextualised texts and the normalisation. Files are checked before the dialog
/// accepts; what they hold is checked when the space is prepared.

#include "core/search/basic.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace rscir::ui {

class BasicSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit BasicSettingsDialog(const BasicOptions& options, QWidget* parent = nullptr);
    BasicOptions options() const;
    void setOptions(const BasicOptions& options);

    void accept() override;

private:
    /// Why the settings cannot be used (a file that is not there), or empty.
    QString problem() const;

    QLineEdit* m_corpora;
    QLineEdit* m_mean;
    QDoubleSpinBox* m_aa;
    QSpinBox* m_components;
    QSpinBox* m_expansion;
    QSpinBox* m_contextualize;
    QLineEdit* m_norm;
    QLabel* m_problem;
};

} // namespace rscir::ui
