#include "ui/search/query_panel.h"
#include "ui/search/search_session.h"

#include <QCheckBox>
#include <QLocale>

#include "ui/search/item_models.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rscir::ui {

ImageWell::ImageWell(QWidget* parent) : QFrame(parent)
{
    setAcceptDrops(true);
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Sunken);
    setMinimumSize(200, 170);
    setAccessibleName(tr("Query image"));
    auto* layout = new QVBoxLayout(this);
    m_image = new QLabel(this);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setMinimumSize(150, 140);
    m_label = new QLabel(this);
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    layout->addWidget(m_image, 1);
    layout->addWidget(m_label);
    clear();
}

void ImageWell::setImage(const QPixmap& pixmap, const QString& label)
{
    m_image->setPixmap(pixmap.isNull()
                           ? QPixmap()
                           : pixmap.scaled(m_image->minimumSize(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    if (pixmap.isNull())
        m_image->setText(tr("Loading..."));
    m_label->setText(label);
    m_label->setToolTip(label);
}

void ImageWell::setUnreadable(const QString& label)
{
    m_image->setPixmap({});
    m_image->setText(tr("No preview"));
    m_label->setText(label);
    m_label->setToolTip(label);
}

void ImageWell::clear()
{
    m_image->setPixmap({});
    m_image->setText(tr("Drop an image here,\nor drag a thumbnail,\nor use Open Image..."));
    m_label->clear();
}

namespace {

/// An archive item or a local file: what the query accepts as an image.
bool isQueryImage(const QMimeData* mime)
{
    return mime->hasFormat(QString::fromLatin1(kItemMimeType)) || (mime->hasUrls() && mime->urls().front().isLocalFile());
}

} // namespace

void ImageWell::dragEnterEvent(QDragEnterEvent* event)
{
    if (isQueryImage(event->mimeData()))
        event->acceptProposedAction();
}

void ImageWell::dropEvent(QDropEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (mime->hasFormat(QString::fromLatin1(kItemMimeType))) {
        emit itemDropped(mime->data(QString::fromLatin1(kItemMimeType)).toLongLong());
        event->acceptProposedAction();
    } else if (mime->hasUrls() && mime->urls().front().isLocalFile()) {
        emit fileDropped(mime->urls().front().toLocalFile());
        event->acceptProposedAction();
    }
}

TermList::TermList(QWidget* parent) : QListWidget(parent)
{
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setIconSize(QSize(40, 40));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    setAccessibleName(tr("Query terms"));
    setToolTip(tr("Every image and text of the query; + wanted, − to avoid. Drop more images here."));
}

void TermList::dragEnterEvent(QDragEnterEvent* event)
{
    if (isQueryImage(event->mimeData()))
        event->acceptProposedAction();
}

void TermList::dragMoveEvent(QDragMoveEvent* event)
{
    event->acceptProposedAction();
}

void TermList::dropEvent(QDropEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (mime->hasFormat(QString::fromLatin1(kItemMimeType))) {
        emit itemDropped(mime->data(QString::fromLatin1(kItemMimeType)).toLongLong());
        event->acceptProposedAction();
    } else if (mime->hasUrls()) {
        for (const QUrl& url : mime->urls())
            if (url.isLocalFile())
                emit fileDropped(url.toLocalFile());
        event->acceptProposedAction();
    }
}

QueryPanel::QueryPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    addImageRow(layout);
    auto* form = new QFormLayout;
    addTextRows(form);
    createAvoidRow();
    addLambdaRow(form);
    addChoiceRows(form);
    layout->addLayout(form);
    addBusyBar(layout);
    connectControls();
}

void QueryPanel::addImageRow(QVBoxLayout* layout)
{
    m_well = new ImageWell(this);
    layout->addWidget(m_well);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(QIcon(QStringLiteral(":/icons/open-image.svg")), tr("Open Image..."), this);
    auto* clear = new QPushButton(tr("Clear"), this);
    open->setAccessibleName(tr("Open a query image"));
    clear->setAccessibleName(tr("Clear the query image"));
    buttons->addWidget(open);
    buttons->addWidget(clear);
    layout->addLayout(buttons);
    connect(open, &QPushButton::clicked, this, &QueryPanel::openImageRequested);
    connect(clear, &QPushButton::clicked, this, &QueryPanel::clearImageRequested);
}

/// The text, every term of the query, and ways to add more and to avoid some.
void QueryPanel::addTextRows(QFormLayout* form)
{
    m_text = new QComboBox(this);
    m_text->setEditable(true);
    m_text->setInsertPolicy(QComboBox::NoInsert);
    m_text->lineEdit()->setPlaceholderText(tr("e.g. oval, with trees, red"));
    m_text->lineEdit()->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Query text"));
    m_text->setToolTip(tr("The modification: what the results should have that the image does not"));
    m_text->addItems(QSettings().value(QStringLiteral("query/history")).toStringList());
    m_text->setCurrentIndex(-1);
    m_text->setEditText({});
    form->addRow(tr("&Text:"), m_text);

    // Every term of the query, with ways to add more and to avoid some.
    m_terms = new TermList(this);
    m_terms->setFixedHeight(2 * fontMetrics().height() + 2 * m_terms->frameWidth() + 4);
    // A long name is shortened in its middle (its tooltip has it whole): a horizontal scroll
    // bar would cover the next term.
    m_terms->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_terms->setTextElideMode(Qt::ElideMiddle);
    m_terms->setUniformItemSizes(false);
    form->addRow(tr("Ter&ms:"), m_terms);
    auto* moreRow = new QWidget(this);
    auto* moreLayout = new QHBoxLayout(moreRow);
    moreLayout->setContentsMargins(0, 0, 0, 0);
    m_moreRole = new QComboBox(moreRow);
    m_moreRole->addItem(tr("Want", "a query term's role"), false);
    m_moreRole->addItem(tr("Avoid", "a query term's role"), true);
    m_moreRole->setAccessibleName(tr("Role of the text to add"));
    m_moreText = new QLineEdit(moreRow);
    m_moreText->setPlaceholderText(tr("another text, e.g. clouds"));
    m_moreText->setAccessibleName(tr("Text to add to the query"));
    m_moreText->setClearButtonEnabled(true);
    auto* addText = new QPushButton(tr("Add"), moreRow);
    addText->setAccessibleName(tr("Add the text to the query"));
    moreLayout->addWidget(m_moreRole);
    moreLayout->addWidget(m_moreText, 1);
    moreLayout->addWidget(addText);
    form->addRow(QString(), moreRow);
    auto* termButtons = new QWidget(this);
    auto* termButtonsLayout = new QHBoxLayout(termButtons);
    termButtonsLayout->setContentsMargins(0, 0, 0, 0);
    auto* addImage = new QPushButton(tr("Add Image..."), termButtons);
    addImage->setAccessibleName(tr("Add a wanted image to the query"));
    m_toggle = new QPushButton(tr("Want / Avoid"), termButtons);
    m_toggle->setToolTip(tr("Switch the selected term between wanted and avoided"));
    m_remove = new QPushButton(tr("Remove"), termButtons);
    m_remove->setAccessibleName(tr("Remove the selected term"));
    termButtonsLayout->addWidget(addImage);
    termButtonsLayout->addWidget(m_toggle);
    termButtonsLayout->addWidget(m_remove);
    termButtonsLayout->addStretch(1);
    form->addRow(QString(), termButtons);
    connectTermButtons(addText, addImage);
}

void QueryPanel::connectTermButtons(QPushButton* addText, QPushButton* addImage)
{
    const auto addMoreText = [this] {
        if (m_moreText->text().trimmed().isEmpty())
            return;
        emit textTermRequested(m_moreText->text(), m_moreRole->currentData().toBool());
        m_moreText->clear();
    };
    connect(addText, &QPushButton::clicked, this, addMoreText);
    connect(m_moreText, &QLineEdit::returnPressed, this, addMoreText);
    connect(addImage, &QPushButton::clicked, this, &QueryPanel::imageTermRequested);
    const auto selectedRow = [this] { return m_terms->currentRow(); };
    connect(m_remove, &QPushButton::clicked, this, [this, selectedRow] {
        if (selectedRow() >= 0)
            emit termRemoveRequested(selectedRow());
    });
    connect(m_toggle, &QPushButton::clicked, this, [this, selectedRow] {
        if (auto* item = m_terms->currentItem())
            emit termRoleRequested(selectedRow(), !item->data(Qt::UserRole).toBool());
    });
    auto* removeAction = new QAction(tr("Remove"), m_terms);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, m_remove, &QPushButton::click);
    auto* toggleAction = new QAction(tr("Want / Avoid"), m_terms);
    connect(toggleAction, &QAction::triggered, m_toggle, &QPushButton::click);
    m_terms->addAction(toggleAction);
    m_terms->addAction(removeAction);
    connect(m_terms, &QListWidget::currentRowChanged, this, [this](int row) {
        m_remove->setEnabled(row >= 0);
        m_toggle->setEnabled(row >= 0);
    });
    m_remove->setEnabled(false);
    m_toggle->setEnabled(false);
}

void QueryPanel::createAvoidRow()
{
    // The weight of what to avoid, offered once something is avoided.
    m_avoidRow = new QWidget(this);
    auto* avoidLayout = new QHBoxLayout(m_avoidRow);
    avoidLayout->setContentsMargins(0, 0, 0, 0);
    m_avoidSlider = new QSlider(Qt::Horizontal, m_avoidRow);
    m_avoidSlider->setRange(0, 100);
    m_avoidSlider->setPageStep(10);
    m_avoidSlider->setValue(50);
    m_avoidSlider->setAccessibleName(tr("Weight of what to avoid (ν)"));
    m_avoidSlider->setToolTip(tr("How strongly avoided terms push results down: 0 ignores them, 1 counts them fully"));
    m_avoidSpin = new QDoubleSpinBox(m_avoidRow);
    m_avoidSpin->setRange(0.0, 1.0);
    m_avoidSpin->setSingleStep(0.05);
    m_avoidSpin->setDecimals(2);
    m_avoidSpin->setValue(0.5);
    m_avoidSpin->setAccessibleName(tr("Weight of what to avoid"));
    avoidLayout->addWidget(m_avoidSlider, 1);
    avoidLayout->addWidget(m_avoidSpin);
    m_avoidLabel = new QLabel(tr("A&void ν:"), this);
    m_avoidLabel->setBuddy(m_avoidSlider);
    m_avoidRow->setVisible(false);
    m_avoidLabel->setVisible(false);
    connect(m_avoidSlider, &QSlider::valueChanged, this, [this](int value) {
        const QSignalBlocker block(m_avoidSpin);
        m_avoidSpin->setValue(value / 100.0);
        emit avoidChanged(value / 100.0);
    });
    connect(m_avoidSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        const int position = static_cast<int>(std::lround(value * 100));
        if (position != m_avoidSlider->value())
            m_avoidSlider->setValue(position);
    });
}

void QueryPanel::addLambdaRow(QFormLayout* form)
{
    // The slider gets the panel's whole width; its ends are labelled under it.
    auto* lambdaRow = new QWidget(this);
    auto* lambdaLayout = new QGridLayout(lambdaRow);
    lambdaLayout->setContentsMargins(0, 0, 0, 0);
    lambdaLayout->setVerticalSpacing(0);
    auto* imageEnd = m_imageEnd = new QLabel(tr("Image"), lambdaRow);
    auto* textEnd = m_textEnd = new QLabel(tr("Text"), lambdaRow);
    m_slider = new QSlider(Qt::Horizontal, lambdaRow);
    m_slider->setRange(0, 100);
    m_slider->setSingleStep(1);
    m_slider->setPageStep(10);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(10);
    m_slider->setMinimumWidth(160);
    m_slider->setAccessibleName(tr("Lambda: from image (0) to text (1)"));
    m_spin = new QDoubleSpinBox(lambdaRow);
    m_spin->setRange(0.0, 1.0);
    m_spin->setSingleStep(0.01);
    m_spin->setDecimals(2);
    m_spin->setAccessibleName(tr("Lambda value"));
    // Typing 0.35 is applied on Enter or when the box loses focus, not digit by digit;
    // the arrow keys and the wheel still move lambda live.
    m_spin->setKeyboardTracking(false);
    lambdaLayout->addWidget(m_slider, 0, 0, 1, 3);
    lambdaLayout->addWidget(imageEnd, 1, 0, Qt::AlignLeft);
    lambdaLayout->addWidget(m_spin, 1, 1, Qt::AlignHCenter);
    lambdaLayout->addWidget(textEnd, 1, 2, Qt::AlignRight);
    auto* lambdaLabel = m_lambdaLabel = new QLabel(tr("&\u03bb:"), this);
    lambdaLabel->setBuddy(m_slider);
    form->addRow(lambdaLabel, lambdaRow);
    form->addRow(m_avoidLabel, m_avoidRow);
}

/// The method, the model and the number of results.
void QueryPanel::addChoiceRows(QFormLayout* form)
{
    m_method = new QComboBox(this);
    m_method->addItem(tr("WeiCom"), int(Method::WeiCom));
    m_method->addItem(tr("Image only"), int(Method::Image));
    m_method->addItem(tr("Text only"), int(Method::Text));
    m_method->addItem(tr("Average"), int(Method::Average));
    m_method->addItem(tr("Slerp"), int(Method::Slerp));
    m_method->setItemData(m_method->count() - 1,
                          tr("Spherical interpolation between the image and the text embeddings (training-free)"),
                          Qt::ToolTipRole);
    m_method->addItem(tr("BASIC"), int(Method::Basic));
    m_method->setItemData(m_method->count() - 1,
                          tr("Centred, projected image and text similarities fused by Harris's rule (training-free; "
                             "its space is prepared once per model and archive)"),
                          Qt::ToolTipRole);
    m_method->setAccessibleName(tr("Ranking method"));
    m_basicSettings = new QPushButton(tr("Settings\u2026"), this);
    m_basicSettings->setObjectName(QStringLiteral("BasicSettings"));
    m_basicSettings->setToolTip(tr("BASIC's corpora, image mean, components, expansion and normalisation"));
    m_basicSettings->setAccessibleName(tr("BASIC settings"));
    m_basicSettings->setVisible(false);
    auto* methodRow = new QWidget(this);
    auto* methodLayout = new QHBoxLayout(methodRow);
    methodLayout->setContentsMargins(0, 0, 0, 0);
    methodLayout->addWidget(m_method, 1);
    methodLayout->addWidget(m_basicSettings);
    auto* methodLabel = new QLabel(tr("&Method:"), this);
    methodLabel->setBuddy(m_method);
    form->addRow(methodLabel, methodRow);
    connect(m_basicSettings, &QPushButton::clicked, this, &QueryPanel::basicSettingsRequested);

    m_model = new QComboBox(this);
    m_model->setAccessibleName(tr("Model"));
    m_model->setToolTip(tr("The model that embeds the query; the archive must be indexed with it"));
    m_model->setPlaceholderText(tr("Choose a model"));
    form->addRow(tr("M&odel:"), m_model);
    connect(m_model, &QComboBox::activated, this, [this](int index) {
        emit modelChosen(m_model->itemData(index).toString(), m_model->itemData(index, Qt::UserRole + 1).toString());
    });

    m_count = new QSpinBox(this);
    m_count->setRange(1, 1000);
    m_count->setValue(100);
    m_count->setAccessibleName(tr("Number of results"));
    form->addRow(tr("&Results:"), m_count);

    m_matchGsd = new QCheckBox(tr("Match the archive's &ground resolution"), this);
    m_matchGsd->setObjectName(QStringLiteral("MatchGsd"));
    m_matchGsd->setToolTip(tr("Resample a georeferenced query image to the archive's metres per pixel before it is "
                              "encoded, so that it shows things at the scale of the archive's windows"));
    m_resolutions = new QLabel(this);
    m_resolutions->setWordWrap(true);
    m_resolutions->setObjectName(QStringLiteral("Resolutions"));
    form->addRow(QString(), m_matchGsd);
    form->addRow(QString(), m_resolutions);
    setResolutions(std::nullopt, std::nullopt);
}

void QueryPanel::setResolutions(std::optional<double> archive, std::optional<double> query, QueryImage image)
{
    const auto metres = [](std::optional<double> m) {
        return m ? tr("%1 m").arg(QLocale().toString(*m, 'g', 3)) : tr("not georeferenced");
    };
    const QString queryText = image == QueryImage::None      ? tr("no image file")
                              : image == QueryImage::Reading ? QStringLiteral("\u2026")
                                                             : metres(query);
    m_resolutions->setText(tr("Ground resolution: archive %1, query image %2").arg(metres(archive), queryText));
    m_matchGsd->setEnabled(archive.has_value());
}

void QueryPanel::addBusyBar(QVBoxLayout* layout)
{
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->setAccessibleName(tr("Encoding"));
    m_busy->setVisible(false);
    layout->addWidget(m_busy);
    layout->addStretch(1);
}

void QueryPanel::connectControls()
{
    m_slider->setValue(50);
    m_spin->setValue(0.5);
    m_typing.setSingleShot(true);
    m_typing.setInterval(400);
    connect(m_text, &QComboBox::editTextChanged, this, [this] { m_typing.start(); });
    connect(m_text, &QComboBox::activated, this, [this] {
        m_typing.stop();
        emit textSettled(m_text->currentText());
    });
    connect(&m_typing, &QTimer::timeout, this, [this] { emit textSettled(m_text->currentText()); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        const QSignalBlocker block(m_spin);
        m_spin->setValue(value / 100.0);
        emit lambdaChanged(value / 100.0);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        const int position = static_cast<int>(std::lround(value * 100));
        if (position != m_slider->value())
            m_slider->setValue(position);
    });
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        showLambdaOf(method());
        emit methodChanged(method());
    });
    connect(m_count, &QSpinBox::valueChanged, this, &QueryPanel::resultCountChanged);
}

QueryPanel::~QueryPanel()
{
    // An editable combo box reports "activated" when it loses focus as it is destroyed;
    // nobody may hear about it from a panel that is going away.
    m_typing.stop();
    m_text->disconnect(this);
    blockSignals(true);
}

void QueryPanel::showLambdaOf(Method method)
{
    const bool basic = method == Method::Basic;
    const bool mixes = method == Method::WeiCom || method == Method::Slerp || basic;
    m_slider->setEnabled(mixes);
    m_spin->setEnabled(mixes);
    m_basicSettings->setVisible(basic);
    // The range changes without a word: the window gives the slider the method's own value.
    const QSignalBlocker blockSlider(m_slider), blockSpin(m_spin);
    const int top = basic ? static_cast<int>(std::lround(SearchSession::kHarrisMaximum * 100)) : 100;
    m_slider->setRange(0, top);
    m_slider->setPageStep(basic ? 5 : 10);
    m_slider->setTickInterval(basic ? 5 : 10);
    m_spin->setRange(0.0, top / 100.0);
    m_lambdaLabel->setText(basic ? tr("Harris &\u03bb:") : tr("&\u03bb:"));
    // BASIC's weight has no image and text ends: the value and the tooltip say what it does.
    m_imageEnd->setText(basic ? QStringLiteral("0") : tr("Image"));
    m_textEnd->setText(basic ? QLocale().toString(SearchSession::kHarrisMaximum, 'f', 2) : tr("Text"));
    m_slider->setAccessibleName(basic ? tr("Harris lambda: how much BASIC penalises the sum of the similarities "
                                           "(0 to 0.24)")
                                      : tr("Lambda: from image (0) to text (1)"));
    m_slider->setToolTip(basic ? tr("BASIC scores t\u00b7i \u2212 \u03bb\u00b7(t + i)\u00b2 from its text and "
                                    "image similarities t and i: at 0 the product alone ranks")
                               : QString());
}

double QueryPanel::lambda() const
{
    return m_slider->value() / 100.0;
}

void QueryPanel::setLambda(double lambda)
{
    m_slider->setValue(static_cast<int>(std::lround(lambda * 100)));
}

Method QueryPanel::method() const
{
    return static_cast<Method>(m_method->currentData().toInt());
}

void QueryPanel::setTerms(const QList<TermRow>& rows)
{
    const int current = m_terms->currentRow();
    m_terms->clear();
    bool avoided = false;
    for (const TermRow& row : rows) {
        auto* item = new QListWidgetItem(m_terms);
        item->setText(QStringLiteral("%1  %2").arg(row.avoided ? QStringLiteral("−") : QStringLiteral("+"),
                                                   row.label));
        item->setToolTip(row.avoided ? tr("To avoid: %1").arg(row.label) : tr("Wanted: %1").arg(row.label));
        item->setData(Qt::UserRole, row.avoided);
        item->setForeground(row.avoided ? QColor(176, 32, 32) : palette().text().color());
        if (!row.icon.isNull())
            item->setIcon(QIcon(row.icon));
        avoided = avoided || row.avoided;
    }
    if (current >= 0 && current < m_terms->count())
        m_terms->setCurrentRow(current);
    // Tall enough for every term up to about six, so that a composed query reads at a glance;
    // more scroll.
    int rowsHeight = 0;
    for (int r = 0; r < m_terms->count(); ++r)
        rowsHeight += m_terms->sizeHintForRow(r);
    const int frame = 2 * m_terms->frameWidth() + 4;
    const int least = 2 * fontMetrics().height() + frame;
    m_terms->setFixedHeight(std::clamp(rowsHeight + frame, least, 7 * fontMetrics().height() + 2 * 44 + frame));
    m_avoidRow->setVisible(avoided);
    m_avoidLabel->setVisible(avoided);
}

double QueryPanel::avoid() const
{
    return m_avoidSlider->value() / 100.0;
}

void QueryPanel::setAvoid(double nu)
{
    m_avoidSlider->setValue(static_cast<int>(std::lround(nu * 100)));
}

void QueryPanel::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

void QueryPanel::addToHistory(const QString& text)
{
    if (text.trimmed().isEmpty())
        return;
    QStringList history = QSettings().value(QStringLiteral("query/history")).toStringList();
    history.removeAll(text);
    history.prepend(text);
    while (history.size() > 30)
        history.removeLast();
    QSettings().setValue(QStringLiteral("query/history"), history);
    if (m_text->findText(text) < 0) {
        const QSignalBlocker block(m_text);
        const QString current = m_text->currentText();
        m_text->insertItem(0, text);
        m_text->setEditText(current);
    }
}

} // namespace rscir::ui
