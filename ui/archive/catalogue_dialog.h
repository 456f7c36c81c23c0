#pragma once
/// \file
/// What *File ▸ Index STAC Catalogue…* asks: the catalogue (a file or an http(s) address),
/// the asset of each item and the bands by name, each optional but the catalogue.

#include <QDialog>

class QLineEdit;
class QLabel;
class QPushButton;

namespace rscir::ui {

class CatalogueDialog : public QDialog {
    Q_OBJECT
public:
    explicit CatalogueDialog(QWidget* parent = nullptr);
    void setSource(const QString& source);
    QString source() const;
    QString asset() const;
    QString bands() const;
    /// Why the choice cannot be indexed, in the user's language ("" when it can).
    QString problem() const;

private:
    void check();
    QLineEdit* m_source;
    QLineEdit* m_asset;
    QLineEdit* m_bands;
    QLabel* m_problem;
    QPushButton* m_ok;
};

} // namespace rscir::ui
