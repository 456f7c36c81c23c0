#include "ui/models/models_dialog.h"

#include "ui/common/errors.h"
#include "ui/jobs/jobs.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/models/catalogue.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rscir::ui {

namespace {

enum Columns { NameColumn, TitleColumn, FamilyColumn, SizeColumn, ActivationColumn, StateColumn };

/// "Family: SigLIP<br>Towers: ...<br>Tokenizer: SentencePiece" for a model's details; empty
/// where nothing is known (a model installed by an older version).
QString modelFacts(const std::string& family, const std::string& towers, const std::string& tokenizer)
{
    if (family.empty())
        return {};
    return QStringLiteral("<br>") +
           ModelsDialog::tr("Family: %1<br>Towers: %2<br>Tokenizer: %3")
               .arg(QString::fromStdString(family).toHtmlEscaped(), QString::fromStdString(towers).toHtmlEscaped(),
                    QString::fromStdString(tokenizer).toHtmlEscaped());
}

QString sizeText(std::uint64_t bytes)
{
    if (bytes == 0)
        return QStringLiteral("?");
    // Sizes in SI units (MB, GB) everywhere, as publishers give their downloads.
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat);
}

} // namespace

ModelsDialog::ModelsDialog(JobManager* jobs, QWidget* parent) : QDialog(parent), m_jobs(jobs)
{
    setWindowTitle(tr("Models - rscir"));
    resize(860, 460);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("rscir needs a CLIP-style model to embed images and texts. Install one from the list "
                                "(a download), or import a checkpoint you already have. Models are kept in %1.")
                                 .arg(QString::fromStdString(modelsDirectory().string()).toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(this);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Model"), tr("Family", "of a model: CLIP, Long-CLIP or SigLIP"),
                                        tr("Size"),
                                        tr("Activation", "the activation function of a model: GELU or QuickGELU"),
                                        tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Models"));
    layout->addWidget(m_table, 1);
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_details);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    layout->addWidget(m_status);
    auto* progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Download progress"));
    m_cancel = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), this);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    layout->addLayout(progressRow);
    m_progress->hide();
    m_cancel->hide();
    auto* buttons = new QHBoxLayout;
    m_install = new QPushButton(tr("&Install"), this);
    m_import = new QPushButton(tr("I&mport Checkpoint..."), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_use = new QPushButton(tr("&Use This Model"), this);
    auto* close = new QPushButton(tr("Close"), this);
    m_use->setDefault(true);
    for (auto* b : {m_install, m_import, m_remove})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_use);
    buttons->addWidget(close);
    layout->addLayout(buttons);

    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connectButtons();
    refresh();
}

ModelsDialog::~ModelsDialog() = default;

/// What the selection allows, and what each button does.
void ModelsDialog::connectButtons()
{
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool installed = selectedInstalled();
        const bool any = !selectedName().isEmpty();
        m_install->setEnabled(any && !installed && !m_running);
        m_remove->setEnabled(any && installed && !m_running);
        m_use->setEnabled(any && installed);
        const int row = m_table->currentRow();
        m_details->setText(row >= 0 ? m_table->item(row, NameColumn)->data(Qt::UserRole + 1).toString() : QString());
    });
    connect(m_install, &QPushButton::clicked, this, [this] { install(selectedName()); });
    connect(m_import, &QPushButton::clicked, this, &ModelsDialog::importModel);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        if (guarded([&] { removeModel(name.toStdString()); },
                    [this](const QString& message) { showStatus(message, true); }))
            showStatus(tr("%1 was removed.").arg(name), false);
        refresh();
    });
    connect(m_use, &QPushButton::clicked, this, [this] {
        if (const auto model = findInstalledModel(selectedName().toStdString())) {
            emit modelChosen(QString::fromStdString(model->folder.string()), QString::fromStdString(model->activation));
            accept();
        }
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] {
        if (selectedInstalled())
            m_use->click();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_running)
            m_running->cancel();
    });
}

void ModelsDialog::showStatus(const QString& text, bool isError)
{
    // An engine's error in the user's language, and in the dialog's terms (not the CLI's flags).
    m_status->setText(isError ? inUserLanguage(text) : text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 4px;")
                                    : QString());
    m_status->setVisible(!text.isEmpty());
}

void ModelsDialog::runJob(Job* job, const QString& done, const QString& name)
{
    m_running = job;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_install->setEnabled(false);
    m_import->setEnabled(false);
    connect(job, &Job::progressChanged, this, [this](qint64 doneBytes, qint64 total, const QString& stage) {
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(static_cast<int>(1000.0 * double(doneBytes) / double(total)));
        m_progress->setFormat(QStringLiteral("%1: %2 / %3")
                                  .arg(stage,
                                       QLocale().formattedDataSize(doneBytes, 1, QLocale::DataSizeSIFormat),
                                       total > 0 ? sizeText(static_cast<std::uint64_t>(total)) : QStringLiteral("?")));
    });
    connect(job, &Job::finished, this, [this, done] { showStatus(done, false); });
    connect(job, &Job::finished, this, &ModelsDialog::modelsChanged);
    connect(job, &Job::failed, this, [this](const QString& message) { showStatus(message, true); });
    connect(job, &Job::cancelled, this,
            [this] { showStatus(tr("Cancelled; installing again resumes a download."), false); });
    connect(job, &Job::ended, this, [this, name] {
        m_progress->hide();
        m_cancel->hide();
        m_import->setEnabled(true);
        refresh();
        // The new model is selected and one click away.
        if (!name.isEmpty() && findInstalledModel(name.toStdString())) {
            for (int row = 0; row < m_table->rowCount(); ++row)
                if (m_table->item(row, NameColumn)->text() == name)
                    m_table->selectRow(row);
            m_use->setFocus();
            showStatus(tr("%1 is installed. Use This Model loads it.").arg(name), false);
        }
    });
    m_jobs->start(job);
}

QString ModelsDialog::selectedName() const
{
    const int row = m_table->currentRow();
    return row >= 0 ? m_table->item(row, NameColumn)->text() : QString();
}

bool ModelsDialog::selectedInstalled() const
{
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, NameColumn)->data(Qt::UserRole).toBool();
}

void ModelsDialog::refresh()
{
    m_table->setRowCount(0);
    const auto installed = installedModels();
    const auto addRow = [&](const QString& name, const QString& title, const std::string& family, const QString& size,
                            const QString& activation, bool isInstalled, const QString& details) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto* nameItem = new QTableWidgetItem(name);
        nameItem->setData(Qt::UserRole, isInstalled);
        nameItem->setData(Qt::UserRole + 1, details);
        m_table->setItem(row, NameColumn, nameItem);
        m_table->setItem(row, TitleColumn, new QTableWidgetItem(title));
        m_table->setItem(row, FamilyColumn, new QTableWidgetItem(QString::fromStdString(family)));
        m_table->setItem(row, SizeColumn, new QTableWidgetItem(size));
        m_table->setItem(row, ActivationColumn, new QTableWidgetItem(activation));
        m_table->setItem(row, StateColumn, new QTableWidgetItem(isInstalled ? tr("Installed") : tr("Not installed")));
    };
    for (const auto& m : installed)
        addRow(QString::fromStdString(m.name), QString::fromStdString(m.source), m.family, QString(),
               QString::fromStdString(m.activation), true,
               tr("Folder: %1<br>SHA-256: %2")
                       .arg(QString::fromStdString(m.folder.string()).toHtmlEscaped(), QString::fromStdString(m.sha256)) +
                   modelFacts(m.family, m.towers, m.tokenizer));
    try {
        for (const auto& e : modelCatalogue()) {
            if (std::any_of(installed.begin(), installed.end(), [&](const auto& m) { return m.name == e.name; }))
                continue;
            addRow(QString::fromStdString(e.name), QString::fromStdString(e.title), e.family,
                   e.size ? sizeText(e.size) : QString::fromStdString(e.approximateSize),
                   QString::fromStdString(e.activation), false,
                   tr("%1<br>Source: %2<br>SHA-256: %3<br>Default \u03bb: %4<br>Licence: %5<br>Commercial use: %6")
                       .arg(QString::fromStdString(e.notes).toHtmlEscaped(),
                            QString::fromStdString(e.url).toHtmlEscaped() +
                                (e.verified ? QString() : QStringLiteral(" ") + tr("(not verified)")),
                            e.sha256.empty() ? tr("not published; recorded at the first download")
                                             : QString::fromStdString(e.sha256))
                       .arg(e.lambdaTuned ? QLocale().toString(e.defaultLambda, 'f', 2)
                                          : tr("%1 (not tuned)").arg(QLocale().toString(e.defaultLambda, 'f', 2)))
                       .arg(e.licence.empty() ? tr("not stated") : QString::fromStdString(e.licence).toHtmlEscaped(),
                            !e.commercialUse ? tr("not known") : *e.commercialUse ? tr("allowed") : tr("not allowed")) +
                       modelFacts(e.family, e.towers, e.tokenizer));
        }
    } catch (const Error& e) {
        m_details->setText(QString::fromStdString(e.what()));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
}

void ModelsDialog::install(const QString& name)
{
    std::optional<CatalogueEntry> entry;
    for (const auto& e : modelCatalogue())
        if (QString::fromStdString(e.name) == name)
            entry = e;
    if (!entry || m_running)
        return;
    runJob(new FunctionJob(tr("Installing %1").arg(name),
                           [entry = *entry](Progress& progress) { installModel(entry, modelsDirectory(), &progress); }),
           tr("%1 is installed.").arg(name), name);
}

void ModelsDialog::importModel()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import a Checkpoint"), QString(),
                                                      tr("Checkpoints (*.safetensors *.pt *.bin *.pth)"));
    if (file.isEmpty())
        return;
    QDialog ask(this);
    ask.setWindowTitle(tr("Import a Checkpoint"));
    auto* form = new QFormLayout(&ask);
    auto* name =
        new QLineEdit(QFileInfo(file).completeBaseName().toLower().replace(QLatin1Char(' '), QLatin1Char('-')), &ask);
    auto* activation = new QComboBox(&ask);
    activation->addItem(tr("As the model's configuration says (else GELU)"), QString());
    activation->addItem(tr("GELU (open_clip; the paper's setting)"), QStringLiteral("gelu"));
    activation->addItem(tr("QuickGELU (OpenAI's original weights)"), QStringLiteral("quickgelu"));
    activation->addItem(tr("GELU, tanh approximation (transformers' SigLIP)"), QStringLiteral("gelu_tanh"));
    auto* lambda = new QDoubleSpinBox(&ask);
    lambda->setRange(0, 1);
    lambda->setSingleStep(0.05);
    lambda->setValue(0.5);
    auto* vocabulary = new QLineEdit(&ask);
    vocabulary->setPlaceholderText(tr("next to the checkpoint"));
    auto* vocabularyRow = new QWidget(&ask);
    auto* vocabularyLayout = new QHBoxLayout(vocabularyRow);
    vocabularyLayout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QPushButton(tr("&Browse..."), vocabularyRow);
    vocabularyLayout->addWidget(vocabulary, 1);
    vocabularyLayout->addWidget(browse);
    connect(browse, &QPushButton::clicked, &ask, [&ask, vocabulary, file] {
        const QString chosen = QFileDialog::getOpenFileName(
            &ask, tr("The Tokenizer Vocabulary"), QFileInfo(file).absolutePath(),
            tr("Tokenizers (bpe_simple_vocab_16e6.txt.gz vocab.json merges.txt spiece.model);;All files (*)"));
        if (!chosen.isEmpty())
            vocabulary->setText(chosen);
    });
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Activation:", "the activation function of a model: GELU or QuickGELU"), activation);
    form->addRow(tr("Default &\u03bb:"), lambda);
    form->addRow(tr("&Vocabulary:"), vocabularyRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &ask);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &ask, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &ask, &QDialog::reject);
    if (ask.exec() != QDialog::Accepted)
        return;
    ImportOptions options;
    options.name = name->text().trimmed().toStdString();
    options.activation = activation->currentData().toString().toStdString();
    options.defaultLambda = lambda->value();
    options.vocabulary = vocabulary->text().trimmed().toStdString();
    if (m_running)
        return;
    // Reading, checking and copying a checkpoint of gigabytes: a job, not the GUI thread.
    runJob(new FunctionJob(tr("Importing %1").arg(name->text()),
                           [file, options](Progress&) { rscir::importModel(file.toStdString(), options); }),
           tr("%1 is installed.").arg(name->text()), name->text().trimmed());
}

} // namespace rscir::ui
