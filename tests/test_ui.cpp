// The desktop application, offscreen, on a small index the test builds with a tiny
// random-weight CLIP model and generated images.

#include "core/base/error.h"
#include "ui/script/window_parts.h"
#include "core/clip/clip_model.h"
#include "core/imagery/raster.h"
#include "core/index/index_store.h"
#include "core/index/indexer.h"
#include "core/index/spatial_filter.h"
#include "tests/tiny_model.h"
#include "core/base/progress.h"
#include "ui/models/encoder_backend.h"
#include "ui/archive/archive_service.h"
#include "ui/models/encoder_service.h"
#include "ui/common/errors.h"
#include "ui/archive/index_job.h"
#include "ui/archive/index_options_dialog.h"
#include "ui/search/item_models.h"
#include "ui/search/label_service.h"
#include "core/index/labels.h"
#include "core/index/query_image.h"
#include <QCheckBox>
#include <QTableWidget>
#include "core/index/chips.h"
#include "ui/search/thumbnail_cache.h"
#include "ui/common/background.h"
#include "core/base/threads.h"
#include "ui/jobs/jobs.h"
#include "ui/shell/main_window.h"
#include "ui/map/map_dock.h"
#include "ui/map/map_view.h"
#include "ui/search/viewer_dialog.h"
#include "ui/workbench/workbench_window.h"
#include "core/eval/patterncom.h"
#include "core/eval/cir.h"
#include "core/index/path_embeddings.h"
#include "ui/shell/message_bar.h"
#include "ui/models/models_dialog.h"
#include "core/models/catalogue.h"
#include "ui/search/query_panel.h"
#include "ui/search/filter_bar.h"
#include "ui/archive/catalogue_dialog.h"
#include "tests/test_archive.h"
#include <QDoubleSpinBox>
#include "ui/search/search_session.h"
#include "core/models/basic_corpora.h"
#include "core/search/archive_search.h"
#include "ui/shell/settings_dialog.h"
#include "ui/search/sweep_dialog.h"
#include "ui/search/thumbnail_cache.h"
#include "ui/search/thumbnail_delegate.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QElapsedTimer>
#include <QThread>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QBuffer>
#include <condition_variable>
#include <mutex>

#if defined(__linux__)
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QPainter>
#include <QStyleOptionViewItem>
#include <QSlider>
#include <QTableView>
#include <QCheckBox>
#include <QTableWidget>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUrl>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

using namespace rscir;
using namespace rscir::ui;

namespace {

/// Images through the tiny CLIP model; texts as deterministic unit vectors (the tiny
/// model has no vocabulary), counted.
class TestBackend : public EncoderBackend {
public:
    explicit TestBackend(const std::string& checkpoint, std::string fingerprint = "test-fingerprint")
    {
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        options.threads = 1;
        m_model = ClipModel::load(checkpoint, options);
        m_identity = {0, "tiny", m_model->config().name(), "gelu", fingerprint, m_model->config().embedDim};
    }
    QString modelName() const override { return QStringLiteral("tiny"); }
    QString deviceName() const override { return QStringLiteral("CPU"); }
    std::optional<double> defaultLambda() const override { return lambda; }
    std::optional<double> lambda = 0.5; ///< what the model folder's model.json names
    ModelRecord identity() const override { return m_identity; }
    int imageSize() const override { return m_model->config().imageSize; }
    int dim() const override { return m_model->config().embedDim; }
    std::atomic<int> textCalls{0};
    std::atomic<int> slowBatchMs{0};
    std::atomic<int> slowTextMs{0};

    /// A text's vector depends on the model too, as a real text encoder's does.
    static std::vector<float> textVector(const std::string& text, int dim, const std::string& model = "test-fingerprint")
    {
        std::mt19937 rng(static_cast<unsigned>(std::hash<std::string>{}(model + "\n" + text)));
        std::normal_distribution<float> normal;
        std::vector<float> v(static_cast<std::size_t>(dim));
        for (auto& x : v)
            x = normal(rng);
        const Embedding unit(v);
        return {unit.values().begin(), unit.values().end()};
    }

protected:
    std::vector<float> encodeTexts(const std::vector<std::string>& texts) override
    {
        ++textCalls;
        {
            // Held: the encoder is busy for as long as the test wants, not for a guessed time.
            std::unique_lock lock(gateMutex);
            ++textsHeld;
            gateOpened.wait(lock, [&] { return !holdTexts; });
            --textsHeld;
        }
        if (slowTextMs > 0)
            QThread::msleep(static_cast<unsigned long>(slowTextMs.load()));
        std::vector<float> out;
        for (const auto& t : texts) {
            const auto v = textVector(t, dim(), m_identity.fingerprint);
            out.insert(out.end(), v.begin(), v.end());
        }
        return out;
    }
    std::vector<float> encodeImages(const std::vector<float>& pixels, std::size_t count) override
    {
        if (slowBatchMs > 0)
            QThread::msleep(static_cast<unsigned long>(slowBatchMs.load()));
        return m_model->encodeImages(pixels, count);
    }

public:
    /// While true, every text encoding waits (textsHeld says how many do); release() lets them go.
    void hold()
    {
        std::lock_guard lock(gateMutex);
        holdTexts = true;
    }
    void release()
    {
        {
            std::lock_guard lock(gateMutex);
            holdTexts = false;
        }
        gateOpened.notify_all();
    }
    int held()
    {
        std::lock_guard lock(gateMutex);
        return textsHeld;
    }

private:
    std::mutex gateMutex;
    std::condition_variable gateOpened;
    bool holdTexts = false;
    int textsHeld = 0;
    std::unique_ptr<ClipModel> m_model;
    ModelRecord m_identity;
};

void writeImages(const QString& folder, int count, unsigned seed)
{
    QDir().mkpath(folder);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> value(0, 255);
    for (int i = 0; i < count; ++i) {
        cv::Mat image(48, 48, CV_8UC3);
        const cv::Vec3b base(static_cast<uchar>(value(rng)), static_cast<uchar>(value(rng)),
                             static_cast<uchar>(value(rng)));
        for (int y = 0; y < 48; ++y)
            for (int x = 0; x < 48; ++x)
                image.at<cv::Vec3b>(y, x) =
                    base + cv::Vec3b(static_cast<uchar>((x * 3) % 40), static_cast<uchar>((y * 5) % 40), 0);
        cv::imwrite(QStringLiteral("%1/image_%2.png").arg(folder).arg(i, 3, 10, QLatin1Char('0')).toStdString(), image);
    }
}

bool waitFor(const std::function<bool()>& condition, int ms = 20000)
{
    return QTest::qWaitFor(condition, ms);
}

/// Opens an index and waits until the window is current; true when it is the open one.
bool openAndWait(MainWindow& window, const QString& path)
{
    window.openIndex(path);
    if (!waitFor([&] { return !window.session()->isOpening() && window.session()->isCurrent(); }))
        return false;
    return window.session()->indexPath() == QFileInfo(path).absoluteFilePath();
}

bool current(MainWindow& window)
{
    return waitFor([&] { return window.session()->isCurrent(); });
}

std::vector<std::int64_t> shownItems(const ResultsModel* model)
{
    std::vector<std::int64_t> ids;
    for (int r = 0; r < model->rowCount(); ++r)
        ids.push_back(model->itemIdAt(r));
    return ids;
}

/// A PatternNet-shaped dataset of generated images: three classes, every attribute file,
/// several queries with positives; class colours differ so that rankings are not flat.
void writeMiniPatternCom(const QString& root)
{
    struct Image {
        const char* folder;
        const char* name;
        int colour;
    };
    const std::vector<Image> images{
        {"swimming_pool", "swimmingpool001.jpg", 0}, {"swimming_pool", "swimmingpool002.jpg", 0},
        {"swimming_pool", "swimmingpool003.jpg", 0}, {"swimming_pool", "swimmingpool004.jpg", 0},
        {"tennis_court", "tenniscourt001.jpg", 1},   {"tennis_court", "tenniscourt002.jpg", 1},
        {"tennis_court", "tenniscourt003.jpg", 1},   {"tennis_court", "tenniscourt004.jpg", 1},
        {"harbor", "harbor001.jpg", 2},              {"harbor", "harbor002.jpg", 2},
        {"harbor", "harbor003.jpg", 2},
    };
    QString list;
    int i = 0;
    for (const auto& image : images) {
        const QString folder = root + "/images/" + image.folder;
        QDir().mkpath(folder);
        cv::Mat pixels(64, 64, CV_8UC3);
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x)
                pixels.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(image.colour == 0 ? 200 : 40 + 7 * i),
                                                       static_cast<uchar>(image.colour == 1 ? 180 : (x * 4 + i * 9) % 256),
                                                       static_cast<uchar>(image.colour == 2 ? 160 : (y * 3 + i * 5) % 256));
        cv::imwrite((folder + "/" + image.name).toStdString(), pixels);
        list += QStringLiteral("images/%1/%2 %3 %1\n").arg(image.folder, image.name).arg(image.colour);
        ++i;
    }
    const auto write = [&](const QString& name, const QByteArray& text) {
        QDir().mkpath(QFileInfo(root + "/" + name).absolutePath());
        QFile file(root + "/" + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    };
    write("patternnet.csv", list.toUtf8());
    write("PatternCom/shape.csv", "swimmingpool001.jpg,shape,oval\nswimmingpool002.jpg,shape,rectangular\n"
                                  "swimmingpool003.jpg,shape,rectangular\nswimmingpool004.jpg,shape,oval\n");
    write("PatternCom/color.csv", "tenniscourt001.jpg,color,red\ntenniscourt002.jpg,color,green\n"
                                  "tenniscourt003.jpg,color,green\ntenniscourt004.jpg,color,red\n");
    write("PatternCom/context.csv", "harbor001.jpg,context,with ships\nharbor002.jpg,context,empty\n"
                                    "harbor003.jpg,context,empty\n");
    write("PatternCom/density.csv", "harbor001.jpg,density,dense\nharbor002.jpg,density,sparse\n");
    write("PatternCom/existence.csv", "swimmingpool001.jpg,existence,with trees\nswimmingpool002.jpg,existence,no trees\n"
                                      "swimmingpool003.jpg,existence,no trees\n");
    write("PatternCom/quantity.csv", "tenniscourt001.jpg,quantity,two\ntenniscourt002.jpg,quantity,three\n"
                                     "tenniscourt003.jpg,quantity,two\n");
}

} // namespace

class TestUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model, m_archive, m_index;
    std::shared_ptr<TestBackend> m_backend;

    /// Indexes `folder` into `index` with the test backend, in this thread.
    void indexWithTestModel(const QString& folder, const QString& index) const
    {
        auto store = IndexStore::open(index.toStdString(), true);
        auto encoder = m_backend->imageEncoder();
        indexArchive(*store, folder.toStdString(), *encoder, IndexOptions{});
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // BASIC keeps its corpora's embeddings in the cache folder: this test's own.
        qputenv("XDG_CACHE_HOME", m_dir.filePath("cache").toUtf8());
        m_model = m_dir.filePath("tiny.safetensors");
        rscir::test::writeTinyModel(m_model);
        m_backend = std::make_shared<TestBackend>(m_model.toStdString());
        m_archive = m_dir.filePath("archive");
        writeImages(m_archive, 40, 1);
        m_index = m_dir.filePath("archive.rscir");
        indexWithTestModel(m_archive, m_index);
        QCOMPARE(IndexStore::open(m_index.toStdString(), false, true)->itemCount(), std::int64_t(40));
    }

    void workbenchRunsPatternComAndMarksPositives()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath("patternnet");
        writeMiniPatternCom(root);
        const QString index = dir.filePath("patternnet.rscir");
        indexWithTestModel(root, index);
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, index));
        WorkbenchWindow* bench = window.showWorkbench(WorkbenchWindow::Kind::PatternCom);
        QVERIFY(bench && bench->isVisible());
        QLabel* source = bench->findChild<QLabel*>(QStringLiteral("runsOn"));
        QVERIFY(source && source->text().contains(QStringLiteral("patternnet.rscir")));
        // Another index opened while the workbench is open: it says so.
        QVERIFY(openAndWait(window, m_index));
        QVERIFY2(source->text().contains(QStringLiteral("archive.rscir")), qPrintable(source->text()));
        QVERIFY(openAndWait(window, index));
        // Nothing to run on: a message, no job.
        bench->setDataset(QString());
        QVERIFY(!bench->run());
        bench->setDataset(root);
        bench->setLambdas(QStringLiteral("0:1:0.5"));
        QSignalSpy ended(bench, &WorkbenchWindow::runEnded);
        QVERIFY(bench->run());
        QVERIFY(bench->isRunning());
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.front().front().toBool(), true);

        // The table holds what the engine computes: 3 baselines, WeiCom at 3 lambdas and
        // BASIC at its 4 default Harris weights (the window's settings), six attributes and their average.
        const PatternComDataset dataset = loadPatternCom(root.toStdString());
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto model = store->findModel(m_backend->identity().fingerprint, m_backend->identity().activation);
        QVERIFY(model.has_value());
        std::vector<std::int64_t> itemIds;
        const auto images = embeddingsOfFiles(*store, model->id, dataset.paths, &itemIds);
        PatternComOptions options;
        options.lambdas = {0.0, 0.5, 1.0};
        options.methods = {Method::Image, Method::Text, Method::Average, Method::WeiCom, Method::Basic};
        const BasicEvaluation basic =
            basicEvaluation(std::make_shared<const BasicTextModel>(basicTextModelOf(m_backend)), images, BasicOptions{});
        options.basic = basic.space;
        options.basicText = basic.text;
        const auto expected = runPatternCom(
            dataset, images, [&](const std::string& t) { return Embedding(m_backend->encodeTextNow(t)); }, options);
        QTableWidget* table = bench->table();
        QCOMPARE(table->rowCount(), 10);
        QCOMPARE(table->columnCount(), 8);
        const QLocale locale;
        for (int r = 0; r < table->rowCount(); ++r) {
            const QString run = table->item(r, 0)->text();
            const AttributeScores* scores =
                r < 3   ? &expected.baselines.at(std::string(
                            methodName(std::array{Method::Image, Method::Text, Method::Average}[r])))
                : r < 6 ? &expected.weicom.at(formatLambda(options.lambdas[r - 3]))
                        : &expected.basic.at(formatLambda(options.basicLambdas[r - 6]));
            // As printed with two decimals (a value on a half may print either way).
            QVERIFY(std::fabs(locale.toDouble(table->item(r, 7)->text()) - scores->meanAP.at("avg")) <= 0.005 + 1e-9);
            QVERIFY(std::fabs(locale.toDouble(table->item(r, 1)->text()) -
                              scores->meanAP.at(dataset.attributes[0].name)) <= 0.005 + 1e-9);
            QVERIFY(!run.isEmpty());
        }

        // The chart exports as PNG and SVG.
        const QString png = dir.filePath("chart.png"), svg = dir.filePath("chart.svg");
        QVERIFY(bench->exportChart(png));
        QVERIFY(bench->exportChart(svg));
        QVERIFY(QImage(png).width() > 100);
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg") && svgText.size() > 1000);

        // The query list: every query, worst first; filtered by attribute.
        std::size_t queries = 0, colourQueries = 0;
        for (const auto& a : dataset.attributes) {
            queries += a.queries.size();
            if (a.name == "color")
                colourQueries = a.queries.size();
        }
        QTableView* list = bench->queryView();
        QCOMPARE(static_cast<std::size_t>(list->model()->rowCount()), queries);
        // Each method's sweep, and which of WeiCom's and BASIC's best ranks each query higher.
        QCOMPARE(bench->sweepBox()->count(), 2);
        QCOMPARE(list->model()->columnCount(), 9);
        const auto bestOf = [&](const std::map<std::string, AttributeScores>& runs) {
            std::string best;
            for (const auto& [key, scores] : runs)
                if (best.empty() || scores.meanAP.at("avg") > runs.at(best).meanAP.at("avg"))
                    best = key;
            return best;
        };
        const auto perQuery = [&](const std::string& run) {
            std::vector<double> ap;
            for (const auto& attribute : expected.queries.at(run))
                for (const auto& outcome : attribute)
                    ap.push_back(100.0 * outcome.averagePrecision);
            return ap;
        };
        const auto weicomAp = perQuery("weicom " + bestOf(expected.weicom));
        const auto basicAp = perQuery("basic " + bestOf(expected.basic));
        for (int row = 0; row < list->model()->rowCount(); ++row) {
            const auto q = list->model()->index(row, 0).data(Qt::UserRole).toULongLong(); // the query, in run order
            const double difference = list->model()->index(row, 8).data(Qt::UserRole + 1).toDouble();
            QVERIFY(std::fabs(difference - (basicAp.at(q) - weicomAp.at(q))) < 1e-9);
            const QString better = list->model()->index(row, 8).data().toString();
            QVERIFY2(std::fabs(difference) < 0.005 || better.startsWith(difference > 0 ? "BASIC" : "WeiCom"),
                     qPrintable(better));
        }
        const int apColumn = 5;
        QVERIFY(list->model()->index(0, apColumn).data(Qt::UserRole + 1).toDouble() <=
                list->model()->index(list->model()->rowCount() - 1, apColumn).data(Qt::UserRole + 1).toDouble());
        bench->filterBox()->setText(QStringLiteral("Colour"));
        QCOMPARE(static_cast<std::size_t>(list->model()->rowCount()), colourQueries);
        bench->filterBox()->setText(QStringLiteral("color")); // the dataset's own word finds them too
        QCOMPARE(static_cast<std::size_t>(list->model()->rowCount()), colourQueries);

        // A query chosen in the list: loaded into the window, its positives marked.
        QSignalSpy chosen(bench, &WorkbenchWindow::queryChosen);
        bench->chooseQuery(0);
        QCOMPARE(chosen.count(), 1);
        QVERIFY(window.benchmarkQuery().has_value());
        const BenchmarkQuery& q = *window.benchmarkQuery();
        QVERIFY(!q.positives.empty());
        QCOMPARE(window.session()->queryText(), q.text);
        QCOMPARE(window.session()->queryItem().value_or(0), q.queryItem);
        partOf<QueryPanel>(window)->resultCount()->setValue(11);
        QVERIFY(current(window));
        ResultsModel* results = partOf<ResultsModel>(window);
        QVERIFY(results->rowCount() > 0);
        int marked = 0;
        std::int64_t positiveShown = 0, negativeShown = 0;
        for (int r = 0; r < results->rowCount(); ++r) {
            const QVariant verdict = results->index(r).data(PositiveRole);
            QVERIFY(verdict.isValid());
            const std::int64_t id = results->itemIdAt(r);
            const bool expectedPositive = std::binary_search(q.positives.begin(), q.positives.end(), id);
            QCOMPARE(verdict.toBool(), expectedPositive);
            marked += expectedPositive;
            (expectedPositive ? positiveShown : negativeShown) = id;
        }
        QVERIFY(marked > 0);
        QVERIFY2(window.resultsTitle().contains(QStringLiteral("positives found: %1 of").arg(marked)),
                 qPrintable(window.resultsTitle()));
        // The viewer says which it is.
        ViewerDialog* viewer = window.openViewer(positiveShown);
        QVERIFY(viewer && viewer->factsText().contains(QStringLiteral("A positive")));
        viewer->close();
        if (negativeShown) {
            viewer = window.openViewer(negativeShown);
            QVERIFY(viewer && viewer->factsText().contains(QStringLiteral("Not a positive")));
            viewer->close();
        }
        QPointer<ViewerDialog> open = window.openViewer(positiveShown);
        QVERIFY(open && open->factsText().contains(QStringLiteral("A positive")));
        // Another query: the marks are gone, not shown for what they no longer describe,
        // also in a viewer that stayed open.
        window.session()->setQueryText(QStringLiteral("something else"));
        QVERIFY(open && !open->factsText().contains(QStringLiteral("positive")));
        open->close();
        QVERIFY(!window.benchmarkQuery().has_value());
        QVERIFY(!results->index(0).data(PositiveRole).isValid());
        QVERIFY(!window.resultsTitle().contains(QStringLiteral("positives found")));

        // The report: one page with the table, the chart and thumbnails.
        QSignalSpy written(bench, &WorkbenchWindow::reportWritten);
        const QString report = dir.filePath("report.html");
        QVERIFY(bench->saveReport(report));
        QVERIFY(written.wait(60000));
        QFile html(report);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray page = html.readAll();
        QVERIFY(page.contains("<svg") && page.contains("data:image/jpeg;base64,") && page.contains("ten worst"));
    }

    void workbenchRunsAComposedBenchmark()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath("images");
        writeMiniPatternCom(root);
        // Rows over the archive: several targets, and one target that is not in it.
        QFile csv(dir.filePath("cir.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("image,query_default,target\n"
                  "images/swimming_pool/swimmingpool001.jpg,rectangular,"
                  "images/swimming_pool/swimmingpool002.jpg;images/swimming_pool/swimmingpool003.jpg\n"
                  "images/tennis_court/tenniscourt001.jpg,green,images/tennis_court/tenniscourt002.jpg\n"
                  "images/harbor/harbor001.jpg,empty,images/harbor/not_there.jpg\n");
        csv.close();
        const QString index = dir.filePath("images.rscir");
        indexWithTestModel(root, index);
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, index));
        WorkbenchWindow* bench = window.showWorkbench(WorkbenchWindow::Kind::Composed);
        bench->setDataset(csv.fileName());
        bench->setLambdas(QStringLiteral("0,0.5,1"));
        QSignalSpy ended(bench, &WorkbenchWindow::runEnded);
        QVERIFY(bench->run());
        QVERIFY(ended.wait(60000));
        QVERIFY2(ended.front().front().toBool(), qPrintable(bench->message()));
        // The target that is not there is said, not counted silently as never found.
        QVERIFY2(bench->message().contains(QStringLiteral("1 of their targets")), qPrintable(bench->message()));

        // The table: baselines, then WeiCom per lambda; mAP and recall in percent, as runCir gives them.
        const CirDataset dataset = loadCirCsv(csv.fileName().toStdString());
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto model = store->findModel(m_backend->identity().fingerprint, m_backend->identity().activation);
        QVERIFY(model.has_value());
        std::vector<std::string> database;
        for (const auto& item : store->items())
            database.push_back(item.path);
        std::sort(database.begin(), database.end());
        std::vector<std::int64_t> itemIds;
        const auto images = embeddingsOfFiles(*store, model->id, database, &itemIds);
        CirOptions options;
        options.lambdas = {0.0, 0.5, 1.0};
        const auto expected = nlohmann::json::parse(runCir(
            dataset, database, images, [&](const std::string& t) { return Embedding(m_backend->encodeTextNow(t)); },
            options));
        QTableWidget* table = bench->table();
        QCOMPARE(table->rowCount(), 10); // with BASIC at its four default Harris weights, last
        QVERIFY(table->item(9, 0)->text().startsWith(QStringLiteral("BASIC")));
        QCOMPARE(table->columnCount(), 6);
        const QLocale locale;
        bool compared = false;
        for (const auto& result : expected["results"]) {
            if (result["method"] != "weicom" || result["lambda"].get<double>() != 0.5)
                continue;
            QCOMPARE(locale.toDouble(table->item(4, 1)->text()), std::round(result["mAP"].get<double>() * 100) / 100);
            QCOMPARE(locale.toDouble(table->item(4, 4)->text()),
                     std::round(result["recall"]["10"].get<double>() * 100) / 100);
            compared = true;
        }
        QVERIFY(compared);
        QVERIFY(table->item(0, 0)->text() == WorkbenchWindow::tr("Image only"));

        // The first row's query in the main window: its two targets are its positives.
        QTableView* list = bench->queryView();
        QCOMPARE(list->model()->rowCount(), 3);
        list->sortByColumn(0, Qt::AscendingOrder); // by row number
        bench->chooseQuery(0);
        QVERIFY(window.benchmarkQuery().has_value());
        const auto& q = *window.benchmarkQuery();
        std::vector<std::int64_t> targets;
        for (const char* path : {"images/swimming_pool/swimmingpool002.jpg", "images/swimming_pool/swimmingpool003.jpg"})
            targets.push_back(store->findItem(path, Window{0, 0, 64, 64}).value_or(0));
        std::sort(targets.begin(), targets.end());
        QCOMPARE(q.positives, targets);
        QCOMPARE(window.session()->queryText(), QStringLiteral("rectangular"));
        QVERIFY(current(window));
        int marked = 0;
        for (int r = 0; r < partOf<ResultsModel>(window)->rowCount(); ++r)
            marked += partOf<ResultsModel>(window)->index(r).data(PositiveRole).toBool();
        QCOMPARE(marked, 2); // every result is shown: both targets are among them
    }

    void emptyStateSaysWhatToDo()
    {
        MainWindow window;
        window.show();
        auto* welcome = partOf<QLabel>(window, QStringLiteral("Welcome"));
        QVERIFY(welcome && welcome->isVisibleTo(&window));
        // Both steps, each with its links: a model (install, or a checkpoint), then an archive.
        for (const char* link : {"href=\"models\"", "href=\"model\"", "href=\"folder\"", "href=\"index\""})
            QVERIFY2(welcome->text().contains(QLatin1String(link)), link);
        window.setBackend(m_backend);
        QVERIFY(welcome->isVisibleTo(&window)); // still no archive
        QVERIFY(!welcome->text().contains(QLatin1String("href=\"models\"")));
        QVERIFY(welcome->text().contains(m_backend->modelName().toHtmlEscaped()));
        QVERIFY(welcome->text().contains(QLatin1String("href=\"folder\"")));
        QVERIFY(openAndWait(window, m_index));
        QVERIFY(!(partOf<QWidget>(window, QStringLiteral("Welcome"))->isVisibleTo(&window)));
    }

    void sliderReranksAsTheEnginePredicts()
    {
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        SearchSession* session = window.session();
        QCOMPARE(session->searchableItems(), std::size_t(40));
        const std::int64_t queryItem = session->embeddings()->itemId(5);
        session->setQueryItem(queryItem);
        QVERIFY(current(window));
        partOf<QueryPanel>(window)->resultCount()->setValue(40);
        partOf<QueryPanel>(window)->textBox()->setEditText(QStringLiteral("oval"));
        QVERIFY(waitFor([&] { return session->hasText(); }));

        // The engine's own ranking from the same vectors.
        const auto& matrix = *session->embeddings();
        const Embedding image(matrix.values(*matrix.indexOf(queryItem)));
        const Embedding text(TestBackend::textVector("oval", static_cast<int>(matrix.dim())));
        const QuerySession reference(matrix, &image, &text);
        // The query item itself is left out of the list by default (not of the statistics).
        const auto expected = [&](Method method, double lambda) {
            std::vector<std::int64_t> ids;
            for (const auto& hit : reference.rerank(method, lambda, 40))
                if (session->embeddings()->itemId(hit.index) != queryItem)
                    ids.push_back(session->embeddings()->itemId(hit.index));
            return ids;
        };
        QSlider* slider = partOf<QueryPanel>(window)->lambdaSlider();
        for (int value : {0, 37, 80, 100, 5}) {
            slider->setValue(value);
            QCOMPARE(partOf<QueryPanel>(window)->lambdaSpin()->value(), value / 100.0);
            QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(Method::WeiCom, value / 100.0));
        }
        // Typing into the lambda box is applied on Enter, not digit by digit.
        QDoubleSpinBox* spin = partOf<QueryPanel>(window)->lambdaSpin();
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, QLocale().toString(0.35, 'f', 2));
        QCOMPARE(session->lambda(), 0.05); // still the last value the slider gave
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(session->lambda(), 0.35);
        QCOMPARE(slider->value(), 35);
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(Method::WeiCom, 0.35));
        QTest::keyClick(spin, Qt::Key_Up); // the arrows move it live
        QCOMPARE(session->lambda(), 0.36);
        slider->setValue(0);
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(Method::Image, 0));
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 39);
        // Shown on request: the query image itself ranks first, the rest as before.
        session->setShowQuery(true);
        QCOMPARE(partOf<ResultsModel>(window)->itemIdAt(0), queryItem);
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 40);
        session->setShowQuery(false);
        slider->setValue(100);
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(Method::Text, 0));
        // The method box switches the ranking.
        partOf<QueryPanel>(window)->methodBox()->setCurrentIndex(
            partOf<QueryPanel>(window)->methodBox()->findData(int(Method::Average)));
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(Method::Average, 0));
        QVERIFY(!slider->isEnabled());
    }

    void basicRanksInTheWindowAsTheEngine()
    {
        // BASIC in the method box: its space is prepared as a job (nothing of another method
        // shown meanwhile), the window's ranking is the engine's for the same vectors, the
        // slider is the Harris weight (each method keeps its own lambda) and what is avoided
        // lowers the ranking as the engine says.
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        SearchSession* session = window.session();
        const std::int64_t queryItem = session->embeddings()->itemId(5);
        session->setQueryItem(queryItem);
        partOf<QueryPanel>(window)->resultCount()->setValue(40);
        partOf<QueryPanel>(window)->textBox()->setEditText(QStringLiteral("oval"));
        QVERIFY(waitFor([&] { return session->hasText(); }));
        QVERIFY(current(window));
        QVERIFY(partOf<ResultsModel>(window)->rowCount() > 0);
        QSlider* slider = partOf<QueryPanel>(window)->lambdaSlider();
        slider->setValue(70); // WeiCom's lambda

        m_backend->hold(); // the corpora wait in the encoder: BASIC is being prepared
        QComboBox* methods = partOf<QueryPanel>(window)->methodBox();
        methods->setCurrentIndex(methods->findData(int(Method::Basic)));
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 0); // not WeiCom's list under BASIC's name
        QVERIFY(!session->isCurrent());
        QVERIFY(waitFor([&] { return window.jobs()->runningCount() == 1; }));
        QVERIFY2(session->waitingFor().join(" ").contains("BASIC"), qPrintable(session->waitingFor().join("; ")));
        QCOMPARE(slider->maximum(), 24);
        QCOMPARE(session->lambda(), 0.1); // BASIC's own default, not WeiCom's 0.7
        m_backend->release();
        QVERIFY(current(window));
        QVERIFY(!session->basicDescription().isEmpty());

        // The engine, from the same vectors: the space over the archive's mean, the query's
        // item and its text in the context of the corpus's subjects.
        const auto& matrix = *session->embeddings();
        const BasicOptions options;
        const BasicTextModel text = basicTextModelOf(m_backend);
        const BasicPrepared prepared = prepareBasic(text, [&] { return archiveMean(matrix); }, options);
        const auto imageRow = matrix.values(*matrix.indexOf(queryItem));
        const auto context = contextualisedText(text, "oval", prepared.subjects, options.contextualize);
        ArchiveSearch search(session->matrix()->embeddings, 1);
        // The engine's list: every item but the query's own (and those it avoids), best first.
        std::set<std::int64_t> hidden{queryItem};
        std::vector<float> textOfQuery = context;
        const auto expected = [&](double harris, const std::vector<std::vector<float>>& avoided, double nu) {
            BasicRequest request{{imageRow}, {textOfQuery}, prepared.space, prepared.normalisation, prepared.key, {}, {}};
            for (const auto& a : avoided)
                request.avoidImages.emplace_back(a);
            const QuerySession reference = basicSession(search, request);
            std::vector<std::int64_t> ids;
            for (const auto& hit : reference.rerank(Method::Basic, harris, matrix.size(), nu))
                if (!hidden.count(matrix.itemId(hit.index)))
                    ids.push_back(matrix.itemId(hit.index));
            return ids;
        };
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(0.1, {}, 0.5));
        slider->setValue(20); // Harris 0.2: a re-rank of the cached products
        QCOMPARE(session->lambda(), 0.2);
        QCOMPARE(partOf<QueryPanel>(window)->lambdaSpin()->value(), 0.2);
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(0.2, {}, 0.5));
        // Each method keeps its lambda: WeiCom's 0.7 is back, and BASIC's 0.2 after it.
        methods->setCurrentIndex(methods->findData(int(Method::WeiCom)));
        QCOMPARE(session->lambda(), 0.7);
        QCOMPARE(slider->value(), 70);
        QVERIFY(partOf<ResultsModel>(window)->rowCount() > 0);
        methods->setCurrentIndex(methods->findData(int(Method::Basic)));
        QVERIFY(current(window)); // no second preparation: the space is kept
        QCOMPARE(session->lambda(), 0.2);
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(0.2, {}, 0.5));
        // Less like the best result: it falls as the engine says, and nu moves it without a pass.
        const std::int64_t avoidedItem = partOf<ResultsModel>(window)->itemIdAt(0);
        session->addItemTerm(avoidedItem, true);
        QVERIFY(current(window));
        const std::vector<std::vector<float>> avoided{matrix.values(*matrix.indexOf(avoidedItem))};
        hidden.insert(avoidedItem); // a term of the query: left out of the list
        const auto withAvoided = expected(0.2, avoided, 0.5);
        QVERIFY(withAvoided != expected(0.2, {}, 0.5));
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), withAvoided);
        session->setAvoid(1.0);
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(0.2, avoided, 1.0));
        // The text out of context (a setting of the texts, not of the space): ranked anew.
        BasicOptions plainText;
        plainText.contextualize = 0;
        session->setBasicOptions(plainText);
        QVERIFY(current(window));
        textOfQuery = TestBackend::textVector("oval", static_cast<int>(matrix.dim()));
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected(0.2, avoided, 1.0));
        // Nothing wanted: no list, not even the previous query's, whatever moves.
        Query onlyAvoided;
        onlyAvoided.terms.push_back(*session->itemTerm(avoidedItem));
        onlyAvoided.terms.back().avoided = true;
        session->setQuery(onlyAvoided);
        QVERIFY(current(window));
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 0);
        slider->setValue(5);
        session->setAvoid(0.5);
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 0);
        QVERIFY(!session->hasQuery());
    }

    void typingEncodesOnceAfterThePause()
    {
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        window.session()->setQueryItem(window.session()->embeddings()->itemId(0));
        QVERIFY(current(window));
        partOf<QueryPanel>(window)->setTypingPause(1000); // far longer than a pause between keystrokes, even on a busy machine
        QSignalSpy started(partOf<EncoderService>(window), &EncoderService::textRequestStarted);
        QLineEdit* edit = partOf<QueryPanel>(window)->textBox()->lineEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("kidney-shaped"), Qt::NoModifier, 20);
        QCOMPARE(started.count(), 0); // nothing while typing
        const bool got = waitFor([&] { return started.count() >= 1 && window.session()->hasText(); });
        QVERIFY2(got, qPrintable(QStringLiteral("started %1, message: %2, text %3")
                                     .arg(started.count())
                                     .arg(partOf<MessageBar>(window)->text(), window.session()->queryText())));
        QTest::qWait(1200); // a second encode would have come by now
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.front().front().toString(), QStringLiteral("kidney-shaped"));
        QCOMPARE(window.session()->queryText(), QStringLiteral("kidney-shaped"));
    }

    void aQueryOfSeveralTextsRanks()
    {
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        SearchSession* session = window.session();
        // The encoder is busy when the query arrives, so its texts wait together: each of
        // them is encoded, not only the newest.
        m_backend->slowTextMs = 300;
        partOf<EncoderService>(window)->requestText(QStringLiteral("elsewhere"), QStringLiteral("a text of no query"));
        Query query;
        query.terms = {QueryTerm::ofItem(m_index.toStdString(), session->embeddings()->itemId(2)),
                       QueryTerm::ofText("oval"), QueryTerm::ofText("with trees"), QueryTerm::ofText("red")};
        session->setQuery(query);
        const bool ranked = current(window);
        m_backend->slowTextMs = 0;
        QVERIFY2(ranked, qPrintable(session->waitingFor().join(QStringLiteral("; "))));
        QVERIFY(session->waitingFor().isEmpty());
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 39);
        // A text replaced while it waits is neither encoded nor waited for: the encoder is
        // held busy until both texts were set.
        m_backend->hold();
        partOf<EncoderService>(window)->requestText(QStringLiteral("elsewhere 2"), QStringLiteral("another text of no query"));
        QVERIFY(waitFor([&] { return m_backend->held() == 1; }));
        QSignalSpy started(partOf<EncoderService>(window), &EncoderService::textRequestStarted);
        session->setQueryText(QStringLiteral("kidney"));
        session->setQueryText(QStringLiteral("kidney-shaped"));
        m_backend->release();
        const bool again = current(window);
        QVERIFY2(again, qPrintable(session->waitingFor().join(QStringLiteral("; "))));
        for (const auto& arguments : started)
            QVERIFY(arguments.front().toString() != QStringLiteral("kidney"));
    }

    void everyShortcutOfTheWindowIsDistinct()
    {
        // Two actions on one key make Qt run neither ("Ambiguous shortcut overload").
        MainWindow window;
        window.show();
        std::map<QString, QString> owner;
        int shortcuts = 0;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcutContext() == Qt::WidgetShortcut)
                continue; // only while its own widget has the focus
            for (const QKeySequence& key : action->shortcuts()) {
                const QString text = key.toString(QKeySequence::PortableText);
                const QString name = action->text().isEmpty() ? action->objectName() : action->text();
                const auto [it, inserted] = owner.emplace(text, name);
                QVERIFY2(inserted, qPrintable(QStringLiteral("%1 is the shortcut of both %2 and %3")
                                                  .arg(text, it->second, name)));
                ++shortcuts;
            }
        }
        QVERIFY2(shortcuts >= 12, qPrintable(QString::number(shortcuts)));
        QVERIFY(owner.count(QStringLiteral("Ctrl+O")));
        QVERIFY(owner.count(QStringLiteral("Ctrl+Alt+O")));
    }

    void aModelWithoutItsOwnLambdaGetsTheCommandLinesDefault()
    {
        // The window's preferences once guessed 0.3 for such a model where the command line
        // ranked with 0.5: one rule for both, the model's own lambda else kDefaultLambda.
        auto backend = std::make_shared<TestBackend>(m_model.toStdString(), "no-lambda");
        backend->lambda = std::nullopt;
        MainWindow window;
        window.show();
        window.setBackend(backend);
        QCOMPARE(window.session()->lambda(), kDefaultLambda);
        auto own = std::make_shared<TestBackend>(m_model.toStdString(), "own-lambda");
        own->lambda = 0.6;
        MainWindow second;
        second.show();
        second.setBackend(own);
        QCOMPARE(second.session()->lambda(), 0.6);
        // Once the user moves the slider, the default's banner goes.
        QVERIFY(partOf<MessageBar>(second)->isVisible());
        QVERIFY(partOf<MessageBar>(second)->text().contains(QStringLiteral("0.60")));
        partOf<QueryPanel>(second)->lambdaSlider()->setValue(20);
        QVERIFY(!partOf<MessageBar>(second)->isVisible() || !partOf<MessageBar>(second)->text().contains(QStringLiteral("0.60")));
    }

    void aMissingModelIsSaidNotReplaced()
    {
        // An installed model that could stand in, and the last-used one gone.
        QTemporaryDir models;
        qputenv("RSCIR_MODELS_DIR", models.path().toUtf8());
        QDir(models.path()).mkpath(QStringLiteral("stand-in"));
        QVERIFY(QFile::copy(m_model, models.filePath(QStringLiteral("stand-in/tiny.safetensors"))));
        QFile manifest(models.filePath(QStringLiteral("stand-in/model.json")));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write(R"({"name": "stand-in", "checkpoint": "tiny.safetensors", "activation": "gelu"})");
        manifest.close();
        QCOMPARE(installedModels().size(), std::size_t(1));
        QSettings settings;
        const QString gone = m_dir.filePath("models/removed-model");
        settings.setValue(QStringLiteral("model/path"), gone);
        MainWindow window;
        window.show();
        window.restoreSession(true, false);
        QVERIFY(!window.isModelLoading());
        QVERIFY(partOf<EncoderService>(window)->backend() == nullptr);
        QVERIFY2(partOf<MessageBar>(window)->text().contains(QStringLiteral("removed-model")), qPrintable(partOf<MessageBar>(window)->text()));
        QVERIFY(partOf<MessageBar>(window)->text().contains(QStringLiteral("missing")));
        QVERIFY(waitFor([&] {
            const auto dialogs = window.findChildren<ModelsDialog*>();
            return !dialogs.isEmpty() && dialogs.front()->isVisible();
        }));
        settings.remove(QStringLiteral("model/path"));
        qunsetenv("RSCIR_MODELS_DIR");
    }

    void aMarkedResultWithTheFocusShowsItsImage()
    {
        // The focus outline once took the badge's fill: a selected benchmark result was a
        // solid red block, its image and label hidden.
        ThumbnailDelegate delegate(96);
        QStandardItemModel model;
        auto* item = new QStandardItem(QStringLiteral("negative.png"));
        QPixmap pixmap(96, 96);
        pixmap.fill(QColor(20, 60, 220));
        item->setData(pixmap, Qt::DecorationRole);
        item->setData(false, PositiveRole);
        item->setData(-1, MarkRole);
        model.appendRow(item);
        QStyleOptionViewItem option;
        option.rect = QRect(QPoint(0, 0), delegate.sizeHint(option, model.index(0, 0)));
        option.state = QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_Enabled;
        option.fontMetrics = QApplication::fontMetrics();
        option.palette = QApplication::palette();
        QImage image(option.rect.size(), QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        delegate.paint(&painter, option, model.index(0, 0));
        painter.end();
        // The middle of the thumbnail is the image's blue, not the mark's red.
        const QColor middle = image.pixelColor(option.rect.width() / 2, 2 + 2 + 48 + 10);
        QVERIFY2(middle.blue() > 180 && middle.red() < 80,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(middle.red()).arg(middle.green()).arg(middle.blue())));
    }

    void aWindowsLabelKeepsItsOffset()
    {
        const QFontMetrics metrics = QApplication::fontMetrics();
        const QString label = QStringLiteral("aerial_survey_2024_block_7.tif @256,0");
        const int width = metrics.horizontalAdvance(label) * 2 / 3;
        const QString shown = ThumbnailDelegate::shownLabel(metrics, label, width);
        QVERIFY2(shown.endsWith(QStringLiteral(" @256,0")), qPrintable(shown));
        QVERIFY(shown.startsWith(QStringLiteral("aer")));
        QVERIFY(metrics.horizontalAdvance(shown) <= width);
        QCOMPARE(ThumbnailDelegate::shownLabel(metrics, QStringLiteral("a.tif @0,0"), 400), QStringLiteral("a.tif @0,0"));
    }

    void preferencesFitTheirTextsInGreek()
    {
        QTranslator greek;
        QVERIFY(greek.load(QStringLiteral(":/i18n/rscir_el.qm")));
        QCoreApplication::installTranslator(&greek);
        SettingsDialog dialog(AppSettings{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QApplication::processEvents();
        if (const QByteArray shots = qgetenv("RSCIR_TEST_SHOTS"); !shots.isEmpty())
            dialog.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/preferences-el.png"));
        QStringList cut;
        for (QLabel* label : dialog.findChildren<QLabel*>())
            if (label->isVisible() && !label->wordWrap() && label->sizeHint().width() > label->width())
                cut << label->text();
        for (QComboBox* box : dialog.findChildren<QComboBox*>())
            if (box->isVisible() && box->width() < box->sizeHint().width())
                cut << box->currentText();
        QCoreApplication::removeTranslator(&greek);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral(" | "))));
    }

    void theWindowFitsAScreenInEveryLanguage()
    {
        // With an index open (the filter bar shown) and BASIC chosen (its Settings button),
        // the window's least width fits a 1600-pixel screen in English, German and Greek.
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("el")}) {
            QTranslator translator;
            QVERIFY(translator.load(QStringLiteral(":/i18n/rscir_%1.qm").arg(language)));
            QCoreApplication::installTranslator(&translator);
            {
                MainWindow window;
                window.show();
                window.setBackend(m_backend);
                QVERIFY(openAndWait(window, m_index));
                QComboBox* methods = partOf<QueryPanel>(window)->methodBox();
                methods->setCurrentIndex(methods->findData(int(Method::Basic)));
                QApplication::processEvents();
                QVERIFY2(window.minimumSizeHint().width() <= 1600,
                         qPrintable(language + QStringLiteral(": ") + QString::number(window.minimumSizeHint().width())));
            }
            QCoreApplication::removeTranslator(&translator);
        }
    }

    void theLayoutFollowsTheArchiveAndTheQuery()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        // No footprints in this archive: no empty map taking the results' height.
        auto* map = window.findChild<QDockWidget*>(QStringLiteral("MapDock"));
        QVERIFY(map != nullptr);
        QVERIFY(waitFor([&] { return map->isHidden(); }));
        // Nothing to refine before a ranking exists.
        QAction* moreLike = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text() == QStringLiteral("&More Like This"))
                moreLike = action;
        QVERIFY(moreLike != nullptr);
        QVERIFY(!moreLike->isEnabled());
        // The terms list grows with the query until every term is in view.
        TermList* terms = partOf<QueryPanel>(window)->termList();
        const int empty = terms->height();
        SearchSession* session = window.session();
        session->setQueryItem(session->embeddings()->itemId(1));
        QVERIFY(current(window));
        QVERIFY(moreLike->isEnabled());
        session->addItemTerm(session->embeddings()->itemId(2), false);
        session->addTextTerm(QStringLiteral("with trees"), false);
        session->addTextTerm(QStringLiteral("red roofs"), false);
        session->addItemTerm(session->embeddings()->itemId(3), true);
        QCOMPARE(terms->count(), 5);
        QVERIFY(terms->height() > empty);
        QApplication::processEvents();
        QCOMPARE(terms->verticalScrollBar()->maximum(), 0);
        // The window did not grow past the screen's 800 pixels to make room.
        QVERIFY2(window.height() <= 800, qPrintable(QString::number(window.height())));
    }

    void aQueryFileThatIsAnArchiveFileIsHiddenAsItsItem()
    {
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        const QString file = QDir(m_archive).filePath(QStringLiteral("image_005.png"));
        const auto item = window.session()->store()->wholeFileItem(file.toStdString());
        QVERIFY(item.has_value());
        window.session()->setQueryImageFile(file);
        QVERIFY(current(window));
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 39); // as with the item itself: left out
        for (int r = 0; r < partOf<ResultsModel>(window)->rowCount(); ++r)
            QVERIFY(partOf<ResultsModel>(window)->itemIdAt(r) != *item);
        window.session()->setShowQuery(true);
        QCOMPARE(partOf<ResultsModel>(window)->itemIdAt(0), *item);
    }

    void aPendingRankingSaysWhatItWaitsFor()
    {
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        window.session()->setStallInterval(200);
        m_backend->slowTextMs = 1500;
        window.session()->setQueryItem(window.session()->embeddings()->itemId(1));
        window.session()->setQueryText(QStringLiteral("a slow text"));
        const bool said = waitFor([&] { return partOf<MessageBar>(window)->text().contains(QStringLiteral("a slow text")); });
        const QString message = partOf<MessageBar>(window)->text();
        QVERIFY2(said, qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("waiting")), qPrintable(message));
        const bool ranked = current(window);
        m_backend->slowTextMs = 0;
        QVERIFY(ranked);
        QVERIFY(waitFor([&] { return partOf<MessageBar>(window)->text().contains(QStringLiteral("current again")); }));
    }

    void droppingSetsTheQuery()
    {
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        ImageWell* well = partOf<QueryPanel>(window)->imageWell();
        // A file from outside the archive: encoded by the worker.
        writeImages(m_dir.filePath("outside"), 1, 99);
        const QString file = m_dir.filePath("outside/image_000.png");
        QMimeData fileMime;
        fileMime.setUrls({QUrl::fromLocalFile(file)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &fileMime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(well, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &fileMime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(well, &drop);
        QCOMPARE(window.session()->queryImagePath(), file);
        QVERIFY(waitFor([&] { return window.session()->hasImage() && partOf<ResultsModel>(window)->rowCount() > 0; }));
        const auto shown = [&] {
            const auto labels = well->findChildren<QLabel*>();
            return std::any_of(labels.begin(), labels.end(), [](const QLabel* l) { return !l->pixmap().isNull(); });
        };
        QVERIFY(waitFor(shown));
        // A 16-bit GeoTIFF (which Qt's own readers do not show) is read as the archive reads
        // rasters, off the GUI thread, and shown.
        {
            GDALAllRegister();
            GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
            std::unique_ptr<GDALDataset> ds(mem->Create("", 64, 64, 3, GDT_UInt16, nullptr));
            std::vector<std::uint16_t> values(64 * 64);
            for (int b = 1; b <= 3; ++b) {
                for (std::size_t i = 0; i < values.size(); ++i)
                    values[i] = static_cast<std::uint16_t>((i * 37 * b) % 4000);
                QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 64, 64, values.data(), 64, 64, GDT_UInt16, 0, 0) ==
                        CE_None);
            }
            std::unique_ptr<GDALDataset> copy(GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
                m_dir.filePath("outside/deep.tif").toUtf8().constData(), ds.get(), FALSE, nullptr, nullptr, nullptr));
            QVERIFY(copy != nullptr);
        }
        window.session()->setQueryImageFile(m_dir.filePath("outside/deep.tif"));
        QVERIFY(!shown()); // "Loading..." until the worker has read it
        QVERIFY(waitFor(shown));
        // An archive item dragged from a grid: its stored embedding, no encoding.
        const std::int64_t item = window.session()->embeddings()->itemId(3);
        std::unique_ptr<QMimeData> itemMime(partOf<ArchiveItemModel>(window)->mimeData({partOf<ArchiveItemModel>(window)->index(3)}));
        QVERIFY(itemMime != nullptr);
        QVERIFY(itemMime->hasFormat(QString::fromLatin1(kItemMimeType)));
        QSignalSpy itemDropped(well, &ImageWell::itemDropped);
        QDragEnterEvent itemEnter(QPoint(10, 10), Qt::CopyAction, itemMime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(well, &itemEnter);
        QVERIFY(itemEnter.isAccepted());
        QDropEvent itemDrop(QPointF(10, 10), Qt::CopyAction, itemMime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(well, &itemDrop);
        QCOMPARE(itemDropped.count(), 1);
        QCOMPARE(itemDropped.front().front().toLongLong(), item);
        QVERIFY2(!partOf<MessageBar>(window)->isVisible(), qPrintable(partOf<MessageBar>(window)->text()));
        QCOMPARE(window.session()->queryItem().value_or(0), item);
        window.session()->setShowQuery(true); // the dropped item ranks itself first
        QVERIFY(current(window));
        QCOMPARE(partOf<ResultsModel>(window)->itemIdAt(0), item);
        // A file that is in the archive is scored from its stored row: it ranks itself first.
        window.session()->setQueryImageFile(m_archive + "/image_007.png");
        QVERIFY(current(window));
        QCOMPARE(partOf<ResultsModel>(window)->index(0).data(PathRole).toString(), QStringLiteral("image_007.png"));
        QCOMPARE(partOf<ResultsModel>(window)->hitAt(0)->imageSimilarity, 1.0f);
    }

    void theSamePlacesOverlapIsSetInTheFilterBar()
    {
        FilterBar bar;
        std::vector<QueryFilter> announced;
        connect(&bar, &FilterBar::filterChanged, &bar, [&](const QueryFilter& f) { announced.push_back(f); });
        auto* same = bar.findChild<QCheckBox*>(QStringLiteral("FilterSamePlace"));
        auto* overlap = bar.findChild<QDoubleSpinBox*>(QStringLiteral("FilterOverlap"));
        QVERIFY(same && overlap);
        QVERIFY(!overlap->isEnabled()); // no same-place filter: nothing to set
        overlap->setValue(0.8);
        QVERIFY(announced.empty());
        same->setChecked(true);
        QCOMPARE(announced.size(), std::size_t(1));
        QCOMPARE(*announced.back().samePlace, 0.8);
        QVERIFY(overlap->isEnabled());
        overlap->setValue(0.3);
        QCOMPARE(*announced.back().samePlace, 0.3);
        // A saved query's threshold is shown as it is.
        QueryFilter saved;
        saved.samePlace = 0.65;
        bar.setFilter(saved);
        QCOMPARE(overlap->value(), 0.65);
        QCOMPARE(announced.size(), std::size_t(2));
        same->setChecked(false);
        QVERIFY(!announced.back().samePlace);
        QVERIFY(!overlap->isEnabled());
    }

    void cancelStopsIndexing()
    {
        QTemporaryDir dir;
        writeImages(dir.filePath("big"), 120, 7);
        MainWindow window;
        window.show();
        m_backend->slowBatchMs = 30;
        window.setBackend(m_backend);
        const QString index = dir.filePath("big.rscir");
        QSignalSpy done(&window, &MainWindow::indexingFinished);
        window.startIndexing(dir.filePath("big"), index);
        IndexJob* job = partOf<IndexJob>(window, QStringLiteral("IndexJob"));
        QVERIFY(job != nullptr);
        QSignalSpy cancelled(job, &IndexJob::cancelled);
        QSignalSpy progress(job, &IndexJob::progressChanged);
        QVERIFY(waitFor([&] { return progress.count() >= 2; }));
        window.cancelIndexing();
        QVERIFY(waitFor([&] { return done.count() == 1; }));
        m_backend->slowBatchMs = 0;
        QCOMPARE(cancelled.count(), 1);
        auto store = IndexStore::open(index.toStdString(), false, true);
        QVERIFY(store->itemCount() < 120);
        QVERIFY(partOf<MessageBar>(window)->isVisible());
        QVERIFY(!QApplication::activeModalWidget());
        // The partial index is opened and says it is incomplete; Resume is offered.
        QVERIFY(waitFor([&] { return window.session()->archive() && window.session()->indexPath() == QFileInfo(index).absoluteFilePath(); }));
        QVERIFY(window.session()->archive()->incomplete());
        QCOMPARE(window.session()->archive()->filesFound, qint64(120));
        QVERIFY2(partOf<MessageBar>(window)->text().contains(QStringLiteral("incomplete")), qPrintable(partOf<MessageBar>(window)->text()));
        QAction* resume = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text() == QStringLiteral("&Resume Indexing"))
                resume = action;
        QVERIFY(resume != nullptr && resume->isEnabled());
        // Resuming continues to the end; then the index is complete.
        resume->trigger();
        QVERIFY(waitFor([&] { return done.count() == 2; }, 60000));
        QCOMPARE(IndexStore::open(index.toStdString(), false, true)->itemCount(), std::int64_t(120));
        QVERIFY(waitFor([&] { return window.session()->archive() && !window.session()->archive()->incomplete(); }));
        QVERIFY(!resume->isEnabled());
        // The warning that it was incomplete is gone with it.
        QVERIFY2(!partOf<MessageBar>(window)->isVisible() || !partOf<MessageBar>(window)->text().contains(QStringLiteral("incomplete")),
                 qPrintable(partOf<MessageBar>(window)->text()));
    }

    void aCatalogueIsIndexedAndResumedFromItself()
    {
        // Six images in a folder, four of them items of a saved search result beside them:
        // the window indexes the four with their metadata, and refuses a scan of the folder
        // into that index.
        QTemporaryDir dir;
        writeImages(dir.filePath("cat/data"), 6, 11);
        nlohmann::json features = nlohmann::json::array();
        for (int i = 0; i < 4; ++i)
            features.push_back({{"type", "Feature"},
                                {"stac_version", "1.0.0"},
                                {"id", "item-" + std::to_string(i)},
                                {"geometry", nullptr},
                                {"properties", {{"datetime", "2022-0" + std::to_string(i + 1) + "-10T08:00:00Z"},
                                                {"platform", "sentinel-2b"}, {"eo:cloud_cover", 10 * i}}},
                                {"assets", {{"visual", {{"href", "./data/image_00" + std::to_string(i) + ".png"},
                                                        {"type", "image/png"}, {"roles", {"visual"}}}}}},
                                {"links", nlohmann::json::array()}});
        const QString catalogue = dir.filePath("cat/search.json");
        std::ofstream(catalogue.toStdString()) << nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        const QString index = dir.filePath("cat.rscir");
        QSignalSpy done(&window, &MainWindow::indexingFinished);
        window.startIndexing(QString(), index, std::nullopt, catalogue);
        QVERIFY(waitFor([&] { return done.count() == 1; }, 60000));
        {
            auto store = IndexStore::open(index.toStdString(), false, true);
            QCOMPARE(store->sources().size(), std::size_t(4));
            QCOMPARE(store->catalogue(), QFileInfo(catalogue).absoluteFilePath().toStdString());
            QCOMPARE(store->sources().front().meta.platform, std::string("sentinel-2b"));
        }
        QVERIFY(waitFor([&] { return window.session()->archive() && window.session()->indexPath() == QFileInfo(index).absoluteFilePath(); }));
        QCOMPARE(window.session()->archive()->catalogue, QFileInfo(catalogue).absoluteFilePath());
        // A scan of the folder into it is refused (it would drop the catalogue's items).
        window.startIndexing(dir.filePath("cat"), index);
        QVERIFY(waitFor([&] { return done.count() == 2; }, 60000));
        QVERIFY2(window.takeJobError().contains(QStringLiteral("catalogue")), "the folder run was not refused");
        QCOMPARE(IndexStore::open(index.toStdString(), false, true)->sources().size(), std::size_t(4));
    }

    void aStackOfBandsIsIndexedFromTheWindow()
    {
        // An item published as one file per band (Sentinel-2 style): the dialog takes the
        // bands by name, the job reads them as one image, and the index remembers them.
        CatalogueDialog dialog;
        auto* bands = dialog.findChild<QLineEdit*>(QStringLiteral("CatalogueBands"));
        QVERIFY(bands);
        QTemporaryDir dir;
        const QString catalogue = dir.filePath("s2/item.json");
        QDir().mkpath(dir.filePath("s2"));
        nlohmann::json assets = nlohmann::json::object();
        const char* names[] = {"red", "green", "blue"};
        for (int b = 0; b < 3; ++b) {
            rscir::test::writeRaster(dir.filePath(QStringLiteral("s2/%1.tif").arg(names[b])).toStdString(), "GTiff", 96,
                                     80, 1, GDT_Byte, [b](int, int x, int y) { return (x * (b + 2) + y * 3) % 256; });
            assets[names[b]] = {{"href", std::string("./") + names[b] + ".tif"},
                                {"type", "image/tiff; application=geotiff"},
                                {"eo:bands", {{{"name", names[b]}, {"common_name", names[b]}}}}};
        }
        std::ofstream(catalogue.toStdString())
            << nlohmann::json{{"type", "Feature"}, {"stac_version", "1.0.0"}, {"id", "s2"}, {"geometry", nullptr},
                              {"properties", {{"datetime", "2023-06-05T10:00:00Z"}}}, {"assets", assets},
                              {"links", nlohmann::json::array()}}
                   .dump();
        dialog.setSource(catalogue);
        QVERIFY(dialog.problem().isEmpty());
        bands->setText(QStringLiteral("red,green"));
        QVERIFY(!dialog.problem().isEmpty()); // two bands make no image
        bands->setText(QStringLiteral("4,3,2"));
        QVERIFY(!dialog.problem().isEmpty()); // numbers are no names of a catalogue's bands
        bands->setText(QStringLiteral("red, green, blue"));
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));

        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        const QString index = dir.filePath("s2.rscir");
        QSignalSpy done(&window, &MainWindow::indexingFinished);
        window.startIndexing(QString(), index, std::nullopt, dialog.source(), dialog.asset(), dialog.bands());
        QVERIFY(waitFor([&] { return done.count() == 1; }, 60000));
        QVERIFY2(window.takeJobError().isEmpty(), "the stack was not indexed");
        auto store = IndexStore::open(index.toStdString(), false, true);
        QCOMPARE(store->sources().size(), std::size_t(1));
        QCOMPARE(store->sources().front().path, std::string("red+green+blue.vrt"));
        QCOMPARE(store->catalogueBands(), std::string("red, green, blue"));
        const auto raster = Raster::open(store->sourceFile("red+green+blue.vrt"));
        QCOMPARE(raster->facts().bands, 3);
        QCOMPARE(raster->facts().width, 96);
        QVERIFY(waitFor([&] { return window.session()->archive() && window.session()->indexPath() == QFileInfo(index).absoluteFilePath(); }));
        QCOMPARE(window.session()->archive()->catalogueBands, QStringLiteral("red, green, blue"));
    }

    void backgroundWorkTakesItsThreadFromTheBudget()
    {
        // An index of one item with a 20 x 10 thumbnail.
        QTemporaryDir dir;
        const QString path = dir.filePath("one.rscir");
        {
            auto store = IndexStore::open(path.toStdString(), true);
            store->setArchiveRoot(dir.path().toStdString());
            const ModelRecord model{0, "m", "ViT-B/32", "gelu", "f", 4, "fp32"};
            const std::int64_t modelId = store->ensureModel(model);
            store->prepareStore(modelId, model, std::nullopt);
            QImage image(20, 10, QImage::Format_RGB32);
            image.fill(Qt::red);
            QByteArray jpeg;
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            QVERIFY(image.save(&buffer, "JPEG"));
            IndexStore::Batch batch(*store);
            SourceRecord source;
            source.path = "a.png";
            NewItem item;
            item.window = {0, 0, 20, 10};
            item.embedding = {1, 0, 0, 0};
            item.thumbnail.assign(jpeg.begin(), jpeg.end());
            batch.writeSource(source, {item}, modelId);
            batch.commit();
        }
        const std::int64_t itemId = IndexStore::open(path.toStdString(), false, true)->items().front().id;
        setThreadBudget(1);
        ThumbnailCache thumbnails;
        thumbnails.setIndex(path);
        QSignalSpy ready(&thumbnails, &ThumbnailCache::thumbnailReady);
        std::atomic<bool> ran{false};
        QFuture<int> task;
        {
            // While another computation holds the one thread, neither a read nor a thumbnail runs.
            const ThreadShare held(1);
            task = background::run([&] {
                ran = true;
                return 7;
            });
            QVERIFY(thumbnails.thumbnail(itemId).isNull());
            QTest::qWait(300);
            QVERIFY2(!ran, "a background task ran beside the held thread");
            QVERIFY2(ready.isEmpty(), "a thumbnail was read beside the held thread");
        }
        task.waitForFinished();
        QCOMPARE(task.result(), 7);
        QVERIFY(ready.wait(5000));
        QCOMPARE(thumbnails.thumbnail(itemId).size(), QSize(20, 10));
        setThreadBudget(0);
        QVERIFY(background::waitForDone(5000));
#if defined(__linux__)
        // Jobs and background reads compute behind the window: at a lower priority than
        // the GUI thread, which keeps its own.
        const auto niceNow = [] {
            errno = 0;
            return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
        };
        const int gui = niceNow();
        std::atomic<int> inJob{-100};
        JobManager jobs;
        QSignalSpy ended(jobs.start(new FunctionJob(QStringLiteral("nice"), [&](Progress&) { inJob = niceNow(); })),
                         &Job::ended);
        QVERIFY(ended.wait(5000));
        QCOMPARE(inJob.load(), std::max(gui, kBackgroundNice));
        QCOMPARE(background::run([&] { return niceNow(); }).result(), std::max(gui, kBackgroundNice));
        QCOMPARE(niceNow(), gui);
#endif
    }

    void modelsWithZeroOneAndManyItems()
    {
        QTemporaryDir dir;
        ThumbnailCache thumbnails;
        ArchiveService service;
        ArchiveItemModel archive(&service, &thumbnails);
        QSignalSpy opened(&service, &ArchiveService::opened);
        const auto show = [&](const QString& path) {
            const quint64 generation = service.open(path);
            if (!waitFor([&] {
                    return !opened.isEmpty() &&
                           opened.back().front().value<std::shared_ptr<const ArchiveInfo>>()->generation == generation;
                }))
                return false;
            archive.setGeneration(generation);
            return waitFor([&] { return !archive.isLoading(); });
        };
        QCOMPARE(archive.rowCount(), 0);
        QVERIFY(!archive.canFetchMore({}));
        // One item.
        auto one = IndexStore::open(dir.filePath("one.rscir").toStdString(), true);
        {
            IndexStore::Batch batch(*one);
            SourceRecord source;
            source.path = "a.png";
            NewItem item;
            item.window = {0, 0, 10, 10};
            item.embedding = {1.0f, 0.0f};
            batch.writeSource(source, {item}, one->ensureModel({0, "m", "a", "gelu", "f", 2}));
            batch.commit();
        }
        QVERIFY(show(dir.filePath("one.rscir")));
        QCOMPARE(archive.rowCount(), 1);
        QCOMPARE(archive.data(archive.index(0), PathRole).toString(), QStringLiteral("a.png"));
        // 100,000 items: loaded page by page, filtered in the database.
        auto many = IndexStore::open(dir.filePath("many.rscir").toStdString(), true);
        {
            IndexStore::Batch batch(*many);
            const auto model = many->ensureModel({0, "m", "a", "gelu", "f", 2});
            for (int s = 0; s < 1000; ++s) {
                SourceRecord source;
                source.path = (s % 10 == 0 ? "harbour/" : "fields/") + std::to_string(s) + ".tif";
                std::vector<NewItem> items(100);
                for (int i = 0; i < 100; ++i) {
                    items[static_cast<std::size_t>(i)].window = {i * 10, 0, 10, 10};
                    items[static_cast<std::size_t>(i)].embedding = {1.0f, float(i)};
                }
                batch.writeSource(source, items, model);
            }
            batch.commit();
        }
        QVERIFY(show(dir.filePath("many.rscir")));
        QCOMPARE(archive.totalCount(), std::int64_t(100000));
        QCOMPARE(archive.rowCount(), ArchiveItemModel::kPageSize);
        QVERIFY(archive.canFetchMore({}));
        archive.fetchMore({});
        QVERIFY(waitFor([&] { return archive.rowCount() == 2 * ArchiveItemModel::kPageSize; }));
        archive.setFilter(QStringLiteral("HARBOUR/"));
        QVERIFY(waitFor([&] { return !archive.isLoading(); }));
        QCOMPARE(archive.totalCount(), std::int64_t(10000));
        QVERIFY(archive.data(archive.index(0), PathRole).toString().startsWith(QStringLiteral("harbour/")));
        // A grid over it paints without loading everything.
        QListView view;
        view.setViewMode(QListView::IconMode);
        view.setModel(&archive);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.grab().isNull());
        QVERIFY(archive.rowCount() < 100000);
        // Results: 0, 1 and 1,000 hits, and a change of order without a reset.
        ResultsModel results(&thumbnails);
        results.setHits({}, nullptr, nullptr);
        QCOMPARE(results.rowCount(), 0);
        QSignalSpy resets(&results, &QAbstractItemModel::modelReset);
        std::vector<Hit> hits(1000);
        std::vector<std::int64_t> itemIds(1000);
        for (std::size_t i = 0; i < hits.size(); ++i) {
            hits[i].index = i;
            itemIds[i] = static_cast<std::int64_t>(i + 1);
        }
        const ArchiveEmbeddings embeddingsOfIds(EmbeddingMatrix(1000, 2), itemIds);
        const auto* ids = &embeddingsOfIds;
        results.setHits(hits, ids, nullptr);
        QCOMPARE(results.rowCount(), 1000);
        std::reverse(hits.begin(), hits.end());
        results.setHits(hits, ids, nullptr);
        QCOMPARE(results.itemIdAt(0), std::int64_t(1000));
        results.setHits({hits.front()}, ids, nullptr);
        QCOMPARE(results.rowCount(), 1);
        QCOMPARE(resets.count(), 0);
    }

    void errorsShowAMessageAndNothingModal()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        // Not an index.
        QFile text(dir.filePath("notes.rscir"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("just some notes, not a database");
        text.close();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        window.session()->setQueryItem(window.session()->embeddings()->itemId(1));
        QVERIFY(current(window));
        const auto before = shownItems(partOf<ResultsModel>(window));
        QVERIFY(!before.empty());
        QVERIFY(!openAndWait(window, text.fileName()));
        QVERIFY(partOf<MessageBar>(window)->isVisible());
        QVERIFY(partOf<MessageBar>(window)->text().contains(QStringLiteral("not an rscir index")));
        // A failed open leaves the open index as it was: same index, same results, items.
        QCOMPARE(window.session()->indexPath(), QFileInfo(m_index).absoluteFilePath());
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), before);
        QCOMPARE(partOf<ArchiveItemModel>(window)->rowCount(), 40);
        // An index from a newer version.
        const std::string newer = dir.filePath("newer.rscir").toStdString();
        IndexStore::open(newer, true);
        sqlite3* db = nullptr;
        sqlite3_open(newer.c_str(), &db);
        sqlite3_exec(db, "UPDATE meta SET value = '7' WHERE key = 'schema_version'", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        QVERIFY(!openAndWait(window, QString::fromStdString(newer)));
        QVERIFY(partOf<MessageBar>(window)->text().contains(QStringLiteral("newer rscir")));
        // A model the index does not hold.
        auto other = IndexStore::open(dir.filePath("other.rscir").toStdString(), true);
        other->ensureModel({0, "someone else's", "x", "gelu", "other", 8});
        other.reset();
        QVERIFY(openAndWait(window, dir.filePath("other.rscir")));
        QVERIFY(partOf<MessageBar>(window)->text().contains(QStringLiteral("no embeddings of the model")));
        // A query file that is not an image.
        QVERIFY(openAndWait(window, m_index));
        window.session()->setQueryImageFile(text.fileName());
        QVERIFY(waitFor([&] { return partOf<MessageBar>(window)->text().contains(QStringLiteral("could not be encoded")); }));
        // The well is empty again, not "Loading..." for ever.
        QVERIFY(current(window));
        QVERIFY(window.session()->queryImagePath().isEmpty());
        QVERIFY(!window.session()->query().image());
        // Indexing without a model, and into a folder that cannot be written.
        MainWindow bare;
        bare.startIndexing(m_archive, dir.filePath("x.rscir"));
        QVERIFY(partOf<MessageBar>(bare)->text().contains(QStringLiteral("Load a model")));
        QSignalSpy done(&window, &MainWindow::indexingFinished);
        window.startIndexing(m_archive, QStringLiteral("/proc/rscir-cannot-write-here.rscir"));
        QVERIFY(waitFor([&] { return done.count() == 1; }));
        QVERIFY(partOf<MessageBar>(window)->text().contains(QStringLiteral("Indexing stopped")));
        QVERIFY(!QApplication::activeModalWidget());
    }

    void mapAreaAndViewerOfAGeoreferencedArchive()
    {
        // A 96 x 96 GeoTIFF in 9 tiles of 32 pixels: the map gets their footprints, an area
        // of the western third ranks 3 of them, the viewer shows the window on its raster.
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("geo"));
        {
            GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
            std::unique_ptr<GDALDataset> ds(
                gtiff->Create(dir.filePath("geo/scene.tif").toUtf8().constData(), 96, 96, 3, GDT_Byte, nullptr));
            double transform[6] = {20.0, 0.001, 0, 40.096, 0, -0.001};
            ds->SetGeoTransform(transform);
            ds->SetMetadataItem("TIFFTAG_DATETIME", "2021:03:04 05:06:07");
            OGRSpatialReference wgs84;
            wgs84.SetWellKnownGeogCS("WGS84");
            ds->SetSpatialRef(&wgs84);
            std::vector<std::uint8_t> row(96);
            for (int b = 1; b <= 3; ++b)
                for (int y = 0; y < 96; ++y) {
                    for (int x = 0; x < 96; ++x)
                        row[static_cast<std::size_t>(x)] = static_cast<std::uint8_t>((x * 5 * b + y * 3) % 256);
                    QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, 96, 1, row.data(), 96, 1, GDT_Byte, 0, 0) ==
                            CE_None);
                }
        }
        const QString index = dir.filePath("geo.rscir");
        {
            auto store = IndexStore::open(index.toStdString(), true);
            IndexOptions options;
            options.settings.tile = 32;
            indexArchive(*store, dir.filePath("geo").toStdString(), *m_backend->imageEncoder(), options);
            QCOMPARE(store->itemCount(), std::int64_t(9));
        }
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, index));
        MapView* map = partOf<MapDock>(window)->map();
        QVERIFY(waitFor([&] {
            map->grab();
            return map->visibleCount() == 9;
        }));
        window.session()->setQueryItem(window.session()->embeddings()->itemId(4));
        emit partOf<MapDock>(window)->areaChosen(SpatialFilter::box(20.0, 40.0, 20.031, 40.096));
        QVERIFY(current(window));
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 3);
        QCOMPARE(window.session()->areaCounts()->first, std::size_t(3));
        // Items outside the area are not explained as ranked; the query item is, if inside.
        QVERIFY(!window.session()->explain(window.session()->embeddings()->itemId(8)).has_value());
        // Cleared: the whole archive again.
        emit partOf<MapDock>(window)->areaChosen(std::nullopt);
        QVERIFY(current(window));
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 8); // all but the query item itself
        // The viewer of a tile: its window on the whole raster, and the locator map.
        window.openViewer(window.session()->embeddings()->itemId(4));
        auto* viewer = window.findChild<ViewerDialog*>();
        QVERIFY(viewer != nullptr);
        QLabel* overview = nullptr;
        for (QLabel* label : viewer->findChildren<QLabel*>())
            if (label->accessibleName() == QStringLiteral("The item's window on its whole raster"))
                overview = label;
        QVERIFY(overview != nullptr);
        QVERIFY(waitFor([&] { return overview->isVisible() && !overview->pixmap().isNull(); }));
        // When it was acquired, in the viewer's facts and a result's tooltip.
        bool acquired = false;
        for (QLabel* label : viewer->findChildren<QLabel*>())
            acquired = acquired || label->text().contains("(2021-03-04T05:06:07Z)");
        QVERIFY(acquired);
        QVERIFY(partOf<ResultsModel>(window)->index(0).data(Qt::ToolTipRole).toString().contains("Acquired: "));
        auto* locator = viewer->findChild<MapView*>();
        QVERIFY(locator != nullptr && locator->isVisible());
        viewer->close();

        // A query image at half the archive's ground resolution, matched to it: ranked as the
        // same image resampled beforehand is ranked without matching.
        const QString query = dir.filePath("query.tif");
        {
            GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
            // Half the archive's resolution and smaller than its windows once resampled: seen whole.
            std::unique_ptr<GDALDataset> ds(gtiff->Create(query.toUtf8().constData(), 48, 48, 3, GDT_Byte, nullptr));
            double transform[6] = {20.01, 0.0005, 0, 40.05, 0, -0.0005};
            ds->SetGeoTransform(transform);
            OGRSpatialReference wgs84;
            wgs84.SetWellKnownGeogCS("WGS84");
            ds->SetSpatialRef(&wgs84);
            std::vector<std::uint8_t> row(48);
            for (int b = 1; b <= 3; ++b)
                for (int y = 0; y < 48; ++y) {
                    for (int x = 0; x < 48; ++x)
                        row[static_cast<std::size_t>(x)] = static_cast<std::uint8_t>((x * 9 * b + y * 2) % 256);
                    QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, 48, 1, row.data(), 48, 1, GDT_Byte, 0, 0) ==
                            CE_None);
                }
        }
        auto* panel = partOf<QueryPanel>(window);
        const auto archiveResolution = window.session()->archive()->groundResolution;
        QVERIFY(archiveResolution && *archiveResolution > 80 && *archiveResolution < 110);
        QVERIFY(panel->matchGsd()->isEnabled());
        const QString warped = dir.filePath("warped.tif");
        resampleToGroundResolution(query.toStdString(), *archiveResolution, warped.toStdString());
        const auto scoresOf = [&] {
            std::vector<float> scores;
            for (const Hit& hit : window.session()->hits())
                scores.push_back(hit.score);
            return scores;
        };
        window.session()->setQueryImageFile(warped);
        QVERIFY(current(window));
        const auto beforehand = scoresOf();
        window.session()->setQueryImageFile(query);
        QVERIFY(current(window));
        const auto unmatched = scoresOf();
        panel->matchGsd()->setChecked(true);
        QVERIFY(window.session()->matchGsd());
        QVERIFY(current(window));
        QCOMPARE(scoresOf(), beforehand);
        QVERIFY(unmatched != beforehand);
        QVERIFY(window.session()->savedQuery().matchGsd);
        auto* resolutions = partOf<QLabel>(window, "Resolutions");
        QVERIFY(waitFor([&] { return resolutions->text().contains(QLocale().toString(*archiveResolution, 'g', 3)); }));
    }

    void engineMessagesAreShownInTheUsersLanguage()
    {
        // Five errors the engine raises, said in German from their codes and arguments; the
        // text that travels (and the log) stays the engine's English.
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/rscir_de.qm")));
        QCoreApplication::installTranslator(&german);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("100%1 empty"));
        QVERIFY(QDir().mkpath(folder));
        const auto writeFile = [](const QString& path, const char* text) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        const QString notVector = dir.filePath(QStringLiteral("notes.txt"));
        writeFile(notVector, "no geometry here");
        const QString points = dir.filePath(QStringLiteral("points.geojson"));
        writeFile(points, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                          R"("geometry":{"type":"Point","coordinates":[4.3,50.8]}}]})");
        const auto raised = [](auto&& work) {
            QString text;
            guarded(work, [&](const QString& message) { text = message; });
            return text;
        };
        const QString gone = dir.filePath(QStringLiteral("gone.tif"));
        const QStringList english{
            raised([&] { requireImages(folder.toStdString()); }),
            raised([&] { SpatialFilter::fromFile(notVector.toStdString()); }),
            raised([&] { SpatialFilter::fromFile(points.toStdString()); }),
            raised([&] { checkPixelLimit("/x/b.tif", 30000, 30000, 100000000, "RSCIR_MAX_QUERY_MEGAPIXELS"); }),
            raised([&] { throw IndexStore::damagedRowError(7, "/x/s.vec", "rscir index --verify"); }),
            raised([&] { Raster::open(gone.toStdString()); }),
        };
        const QStringList expected{
            folder + QStringLiteral(" enthält keine Bilder oder Raster, die rscir liest (.tif, .jpg, .png und andere); es "
                                    "wurde kein Index angelegt. Wählen Sie den Ordner mit den Bildern."),
            notVector + QStringLiteral(" ist keine Vektordatei, die GDAL/OGR lesen kann; geben Sie GeoJSON, GeoPackage "
                                       "oder Shapefile an."),
            points + QStringLiteral(" enthält keine Polygone."),
            QStringLiteral("/x/b.tif hat 30000 × 30000 Pixel (900 Megapixel); höchstens 100 Megapixel werden gelesen "
                           "(RSCIR_MAX_QUERY_MEGAPIXELS legt die Grenze fest)"),
            QStringLiteral("Die Einbettung von Element 7 in /x/s.vec ist beschädigt (keine endliche Zahl). Prüfen Sie jede "
                           "Zeile und kodieren Sie die beschädigten neu mit: rscir index --verify"),
            gone + QStringLiteral(": die Datei ist verschwunden (sie wurde gelöscht oder umbenannt)"),
        };
        for (int i = 0; i < english.size(); ++i) {
            QVERIFY2(!english[i].isEmpty(), qPrintable(QString::number(i)));
            QCOMPARE(inUserLanguage(english[i]), expected[i]);
        }
        QVERIFY(english[2].endsWith(QStringLiteral(" holds no polygons")));
        // The models dialog's words, not the command line's flag.
        const QString vocabulary =
            raised([] { throw Error(ErrorCode::NoVocabularyNextTo, {"/m/x.pt"}, "no tokenizer vocabulary next to /m/x.pt",
                                    "pass --vocab"); });
        QVERIFY(vocabulary.contains(QStringLiteral("--vocab")));
        QVERIFY(!inUserLanguage(vocabulary).contains(QStringLiteral("--vocab")));
        // Where it happened stays in front; a message without a code stays English.
        const Error within = Error(ErrorCode::NoPolygons, {"a.gpkg"}, "a.gpkg holds no polygons").within("line 3: ");
        QCOMPARE(QString::fromUtf8(within.what()), QStringLiteral("line 3: a.gpkg holds no polygons"));
        QCOMPARE(inUserLanguage(within), QStringLiteral("line 3: a.gpkg enthält keine Polygone."));
        QCOMPARE(inUserLanguage(QStringLiteral("something new")), QStringLiteral("something new"));
        QCoreApplication::removeTranslator(&german);
    }

    void anEmptyFolderIsNotIndexed()
    {
        // The check runs in the indexing job, off the GUI thread, before an index is written.
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("empty"));
        MainWindow window;
        window.setBackend(m_backend);
        QSignalSpy done(&window, &MainWindow::indexingFinished);
        window.startIndexing(dir.filePath("empty"), dir.filePath("e.rscir"));
        QVERIFY(waitFor([&] { return done.count() == 1; }));
        QVERIFY2(window.takeJobError().contains(QStringLiteral("holds no images")), "no message");
        QVERIFY(!QFileInfo::exists(dir.filePath("e.rscir")));
    }

    void theModelBoxListsInstalledModelsBeforeOneIsLoaded()
    {
        QTemporaryDir models;
        QDir().mkpath(models.filePath("tiny-one"));
        QFile::copy(m_model, models.filePath("tiny-one/model.safetensors"));
        {
            QFile manifest(models.filePath("tiny-one/model.json"));
            QVERIFY(manifest.open(QIODevice::WriteOnly));
            manifest.write(R"({"name": "tiny-one", "checkpoint": "model.safetensors", "activation": "gelu"})");
        }
        qputenv("RSCIR_MODELS_DIR", models.path().toUtf8());
        MainWindow window;
        qunsetenv("RSCIR_MODELS_DIR");
        QComboBox* box = partOf<QueryPanel>(window)->modelBox();
        QCOMPARE(box->count(), 1);
        QCOMPARE(box->itemText(0), QStringLiteral("tiny-one"));
        QVERIFY(!box->placeholderText().isEmpty()); // shown while none is chosen
    }

    void indexingOptionsAreOfferedAndRememberedPerArchive()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("naip");
        {
            IndexOptionsDialog dialog(folder, std::nullopt);
            QCOMPARE(dialog.settings()->tile, 256); // the defaults
            dialog.bandsBox()->setCurrentIndex(dialog.bandsBox()->findData(QStringLiteral("4,3,2")));
            dialog.tileBox()->setValue(512);
            dialog.overlapBox()->setValue(64);
            dialog.stretchBox()->setCurrentIndex(dialog.stretchBox()->findData(int(StretchMode::Percentile)));
            const auto chosen = dialog.settings();
            QVERIFY(chosen.has_value());
            QCOMPARE(chosen->bands, (std::vector<int>{4, 3, 2}));
            QCOMPARE(chosen->tile, 512);
            QCOMPARE(chosen->overlap, 64);
            QCOMPARE(chosen->stretch, StretchMode::Percentile);
            dialog.remember();
            // A custom list that is neither one band nor three is not accepted.
            dialog.bandsBox()->setCurrentIndex(dialog.bandsBox()->findData(QStringLiteral("custom")));
            dialog.customBands()->setText(QStringLiteral("5,4"));
            QVERIFY(!dialog.settings().has_value());
            dialog.customBands()->setText(QStringLiteral("5, 4, 3"));
            QCOMPARE(dialog.settings()->bands, (std::vector<int>{5, 4, 3}));
        }
        // The same folder next time: its options; another folder: the defaults.
        IndexOptionsDialog again(folder, std::nullopt);
        QCOMPARE(again.settings()->bands, (std::vector<int>{4, 3, 2}));
        QCOMPARE(again.settings()->tile, 512);
        QCOMPARE(IndexOptionsDialog::remembered(dir.filePath("other")).tile, 256);
        // An existing index shows its own options, fixed.
        ArchiveSettings existing;
        existing.tile = 128;
        IndexOptionsDialog fixed(folder, existing);
        QCOMPARE(fixed.settings()->tile, 128);
        QVERIFY(!fixed.tileBox()->isEnabled());
    }

    void labelsAreKeptInTheIndexAcrossARestart()
    {
        QTemporaryDir dir;
        // A copy of the index with its stores beside it (named after it).
        const QFileInfo original(m_index);
        const QString index = dir.filePath(original.fileName());
        for (const QString& file : original.dir().entryList({original.fileName() + "*"}, QDir::Files))
            QVERIFY(QFile::copy(original.dir().filePath(file), dir.filePath(file)));
        QSettings().setValue(QStringLiteral("labels/names"), QStringList{"pool", "tennis court"});
        std::int64_t first = 0, second = 0;
        {
            MainWindow window;
            window.show();
            window.setBackend(m_backend);
            QVERIFY(openAndWait(window, index));
            partOf<QueryPanel>(window)->resultCount()->setValue(4);
            window.session()->setQueryItem(window.session()->embeddings()->itemId(2));
            QVERIFY(current(window));
            auto* results = partOf<ResultsModel>(window);
            auto* view = partOf<QListView>(window, "ResultsView");
            auto* labels = window.findChild<LabelService*>();
            QVERIFY(labels);
            first = results->itemIdAt(0);
            second = results->itemIdAt(1);
            // Key 1 labels the selected result with the first name; Ctrl+2 with "not" the second.
            view->setFocus();
            view->setCurrentIndex(results->index(0));
            QSignalSpy changed(labels, &LabelService::changed);
            QTest::keyClick(view, Qt::Key_1);
            QVERIFY(waitFor([&] { return labels->labels().size() == 1; }));
            view->setCurrentIndex(results->index(1));
            QTest::keyClick(view, Qt::Key_2, Qt::ControlModifier);
            QVERIFY(waitFor([&] { return labels->labels().size() == 2; }));
            QCOMPARE(results->index(0).data(LabelRole).toStringList(), QStringList{"+pool"});
            QCOMPARE(results->index(1).data(LabelRole).toStringList(), QStringList{QString(kNegativeLabel) + "tennis court"});
            QVERIFY(results->index(0).data(Qt::ToolTipRole).toString().contains("Labels: pool"));
            // With the query and score it was found under.
            const Label& given = labels->labels().front();
            QCOMPARE(given.itemId, first);
            QVERIFY(given.score.has_value());
            QCOMPARE(float(*given.score), results->hitAt(0)->score);
            QVERIFY(given.query.find("\"lambda\"") != std::string::npos);
            QVERIFY(!given.model.empty());
            auto* table = partOf<QTableWidget>(window, "LabelsTable");
            QCOMPARE(table->rowCount(), 2);
            // Labelling again at once and closing: nothing asked for is lost.
            view->setCurrentIndex(results->index(2));
            QTest::keyClick(view, Qt::Key_1);
            window.close();
        }
        // A restart: the labels are read back from the index.
        const auto stored = LabelStore::read(index.toStdString());
        QCOMPARE(stored.size(), std::size_t(3));
        QCOMPARE(stored[0].name, std::string("pool"));
        QCOMPARE(stored[1].positive, false);
        {
            MainWindow window;
            window.show();
            QVERIFY(openAndWait(window, index));
            auto* labels = window.findChild<LabelService*>();
            QVERIFY(waitFor([&] { return labels->labels().size() == 3; }));
            QCOMPARE(labels->labelsOfItem(first), QStringList{"+pool"});
            auto* table = partOf<QTableWidget>(window, "LabelsTable");
            QCOMPARE(table->rowCount(), 3);
            // Removed from the panel.
            table->setFocus();
            table->selectRow(0);
            QTest::keyClick(table, Qt::Key_Delete);
            QVERIFY(waitFor([&] { return labels->labels().size() == 2; }));
            QVERIFY(labels->labelsOfItem(first).isEmpty());
            Q_UNUSED(second);
        }
        QCOMPARE(LabelStore::read(index.toStdString()).size(), std::size_t(2));
        {
            // Labels ▸ Export Labels…, as a job: the GeoPackage and a folder per label.
            MainWindow window;
            QVERIFY(openAndWait(window, index));
            auto* labels = window.findChild<LabelService*>();
            QVERIFY(waitFor([&] { return labels->labels().size() == 2; }));
            QVERIFY(window.exportLabels(dir.filePath("labels.gpkg"), dir.filePath("train")));
            QVERIFY(waitFor([&] { return partOf<JobManager>(window)->runningCount() == 0; }));
            QVERIFY(QFileInfo::exists(dir.filePath("labels.gpkg")));
            QVERIFY(QFileInfo::exists(dir.filePath("train/manifest.csv")));
            QCOMPARE(QDir(dir.filePath("train/negative")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
        }

        // A side file that is another program's file: said, forgotten, and its index's labels
        // not shown as if they were kept there; the file is left as it is.
        LabelService service;
        service.setIndex(index);
        QVERIFY(waitFor([&] { return service.labels().size() == 2; }));
        const QString foreign = dir.filePath("notes.sqlite");
        {
            QFile file(foreign);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("SQLite format 3") + QByteArray(1, '\0') + QByteArray(200, 'x'));
        }
        QSignalSpy failed(&service, &LabelService::failed);
        service.useSideFile(foreign);
        QVERIFY(service.labels().empty());
        QVERIFY(waitFor([&] { return failed.count() > 0; }));
        QVERIFY(waitFor([&] { return service.sideFile().isEmpty(); }));
        QVERIFY(service.labels().empty());
        QCOMPARE(QFileInfo(foreign).size(), qint64(216));
    }

    void chipsOfTheShownResultsAreWrittenByAJob()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        partOf<QueryPanel>(window)->resultCount()->setValue(4);
        window.session()->setQueryItem(window.session()->embeddings()->itemId(2));
        QVERIFY(current(window));
        for (const bool asSeen : {false, true}) {
            const QString folder = dir.filePath(asSeen ? "seen" : "stored");
            QSignalSpy running(partOf<JobManager>(window), &JobManager::runningChanged);
            QVERIFY(window.exportChips(folder, asSeen));
            QVERIFY(waitFor([&] { return partOf<JobManager>(window)->runningCount() == 0; }));
            QCOMPARE(QDir(folder).entryList({asSeen ? "*.png" : "*.tif"}).size(), 4);
            QVERIFY(QFileInfo::exists(QDir(folder).filePath("chips.gpkg")));
            // Named as the command line names them, the best first; the pixels are the source's.
            const std::int64_t best = partOf<ResultsModel>(window)->itemIdAt(0);
            const auto item = window.session()->store()->item(best);
            QVERIFY(item);
            RankedItem first{*item, *partOf<ResultsModel>(window)->hitAt(0), {}, {}};
            const QString chip = QDir(folder).filePath(QString::fromStdString(chipFileName(1, first, asSeen)));
            QVERIFY2(QFileInfo::exists(chip), qPrintable(chip));
            // Read through GDAL, as GIS software reads them.
            const auto rgb = [](const QString& path) {
                std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
                std::vector<std::uint8_t> pixels;
                if (!ds || ds->GetRasterCount() < 3)
                    return pixels;
                pixels.resize(static_cast<std::size_t>(ds->GetRasterXSize()) * ds->GetRasterYSize() * 3);
                for (int b = 0; b < 3; ++b)
                    if (ds->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, ds->GetRasterXSize(), ds->GetRasterYSize(),
                                                           pixels.data() + b, ds->GetRasterXSize(), ds->GetRasterYSize(),
                                                           GDT_Byte, 3, 3 * ds->GetRasterXSize()) != CE_None)
                        return std::vector<std::uint8_t>();
                return pixels;
            };
            const auto cut = rgb(chip);
            QVERIFY(!cut.empty());
            QVERIFY(cut == rgb(QDir(window.session()->archive()->root).filePath(QString::fromStdString(item->path))));
        }
    }

    void sweepAndExport()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        partOf<QueryPanel>(window)->resultCount()->setValue(10);
        window.session()->setQueryItem(window.session()->embeddings()->itemId(2));
        QVERIFY(current(window));
        QCOMPARE(partOf<ResultsModel>(window)->rowCount(), 10);
        // Numbers in the user's locale: a German decimal comma in the grid and its tooltips.
        {
            const QLocale before;
            QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
            const QString cell = partOf<ResultsModel>(window)->index(0).data(Qt::DisplayRole).toString();
            const QString tip = partOf<ResultsModel>(window)->index(0).data(Qt::ToolTipRole).toString();
            QLocale::setDefault(before);
            QVERIFY2(cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('.')), qPrintable(cell));
            QVERIFY2(tip.contains(QRegularExpression(QStringLiteral("0,\\d{4}"))), qPrintable(tip));
        }
        window.showLambdaSweep();
        auto* sweep = window.findChild<SweepDialog*>();
        QVERIFY(sweep != nullptr);
        QCOMPARE(sweep->rowCount(), 11);
        // The row of the window's lambda is marked; a cell opens its item in the viewer.
        QCOMPARE(sweep->currentRow(), static_cast<int>(std::lround(window.session()->lambda() * 10)));
        QLabel* cell = nullptr;
        for (QLabel* label : sweep->findChildren<QLabel*>())
            if (label->property("item").isValid() && !cell)
                cell = label;
        QVERIFY(cell != nullptr);
        QTest::mouseClick(cell, Qt::LeftButton);
        auto* viewer = window.findChild<ViewerDialog*>();
        QVERIFY(viewer != nullptr);
        QCOMPARE(viewer->itemId(), cell->property("item").toLongLong());
        viewer->close();
        {
            // With Slerp and several terms: the sweep ranks as the window does, its title says it all.
            window.session()->addTextTerm(QStringLiteral("with trees"), false);
            window.session()->addTextTerm(QStringLiteral("red"), false);
            partOf<QueryPanel>(window)->methodBox()->setCurrentIndex(
                partOf<QueryPanel>(window)->methodBox()->findData(int(Method::Slerp)));
            QVERIFY(current(window));
            window.showLambdaSweep();
            SweepDialog* slerp = window.findChildren<SweepDialog*>().back();
            QStringList texts;
            std::vector<std::int64_t> items;
            for (QLabel* label : slerp->findChildren<QLabel*>()) {
                texts << label->text();
                if (label->property("item").isValid())
                    items.push_back(label->property("item").toLongLong());
            }
            const QString heading = texts.join(QLatin1Char('\n'));
            QVERIFY2(heading.contains(QStringLiteral("Slerp")) && heading.contains(QStringLiteral("with trees")) &&
                         heading.contains(QStringLiteral("red")),
                     qPrintable(heading));
            QCOMPARE(items.size(), std::size_t(11 * 8));
            const std::size_t row = static_cast<std::size_t>(slerp->currentRow());
            QCOMPARE(window.session()->lambda(), 0.5);
            for (std::size_t c = 0; c < 8; ++c)
                QCOMPARE(items[row * 8 + c], partOf<ResultsModel>(window)->itemIdAt(static_cast<int>(c)));
            slerp->close();
            // The viewer's score parts name what is avoided too.
            window.session()->addItemTerm(window.session()->embeddings()->itemId(7), true);
            QVERIFY(current(window));
            ViewerDialog* avoidedViewer = window.openViewer(partOf<ResultsModel>(window)->itemIdAt(0));
            QVERIFY(avoidedViewer != nullptr);
            bool says = false;
            for (QLabel* label : avoidedViewer->findChildren<QLabel*>())
                says = says || label->text().contains(QStringLiteral("Avoided similarity"));
            QVERIFY(says);
            avoidedViewer->close();
            partOf<QueryPanel>(window)->methodBox()->setCurrentIndex(
                partOf<QueryPanel>(window)->methodBox()->findData(int(Method::WeiCom)));
            window.session()->setQuery(Query{{QueryTerm::ofItem(m_index.toStdString(),
                                                                window.session()->embeddings()->itemId(2))}});
            QVERIFY(current(window));
        }
        // The viewer of result 2 says so, and steps to results 3 and 1.
        ViewerDialog* second = window.openViewer(partOf<ResultsModel>(window)->itemIdAt(1));
        QVERIFY(second != nullptr);
        QSignalSpy stepped(second, &ViewerDialog::stepRequested);
        QPushButton* nextButton = nullptr;
        for (QPushButton* b : second->findChildren<QPushButton*>())
            if (b->text().contains(QStringLiteral("Next")))
                nextButton = b;
        QVERIFY(nextButton != nullptr && nextButton->isEnabled());
        nextButton->click();
        QCOMPARE(stepped.count(), 1);
        QVERIFY(waitFor([&] {
            const auto viewers = window.findChildren<ViewerDialog*>();
            return std::any_of(viewers.begin(), viewers.end(), [&](ViewerDialog* v) {
                return v->isVisible() && v->itemId() == partOf<ResultsModel>(window)->itemIdAt(2);
            });
        }));
        QVERIFY(sweep->exportPng(dir.filePath("sweep.png")));
        QVERIFY(QImage(dir.filePath("sweep.png")).width() > 500);
        for (const char* name : {"r.csv", "r.geojson", "r.gpkg"}) {
            QVERIFY(window.exportResults(dir.filePath(name)));
            QVERIFY(QFileInfo(dir.filePath(name)).size() > 0);
        }
        QFile csv(dir.filePath("r.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 11); // the header, ten results
        QVERIFY(lines.front().startsWith("rank,item,"));
        QFile query(dir.filePath("r.csv.query.json"));
        QVERIFY(query.open(QIODevice::ReadOnly));
        QVERIFY(query.readAll().startsWith("{\"rscir_query\":1,"));
        QVERIFY(!window.exportResults(QStringLiteral("/proc/nope/results.csv")));
        QVERIFY(partOf<MessageBar>(window)->text().contains(QStringLiteral("could not be exported")));
    }

    void modelSwitchRanksWithTheNewModelOnly()
    {
        QTemporaryDir dir;
        const QString second = dir.filePath("tiny-b.safetensors");
        rscir::test::writeTinyModel(second, 2);
        auto backendB = std::make_shared<TestBackend>(second.toStdString(), "second-fingerprint");
        const QString index = dir.filePath("both.rscir");
        {
            auto store = IndexStore::open(index.toStdString(), true);
            indexArchive(*store, m_archive.toStdString(), *m_backend->imageEncoder(), IndexOptions{});
            indexArchive(*store, m_archive.toStdString(), *backendB->imageEncoder(), IndexOptions{});
        }
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, index));
        const std::int64_t item = window.session()->embeddings()->itemId(4);
        partOf<QueryPanel>(window)->resultCount()->setValue(40);
        window.chooseLambda(0.6);
        window.session()->setQueryItem(item);
        window.session()->setQueryText(QStringLiteral("oval"));
        QVERIFY(current(window));
        const auto withA = shownItems(partOf<ResultsModel>(window));
        // Same dimension, other weights: nothing of the first model may stay.
        window.setBackend(backendB);
        QVERIFY(partOf<ResultsModel>(window)->rowCount() == 0 || !window.session()->isCurrent());
        QVERIFY(current(window));
        QCOMPARE(partOf<QueryPanel>(window)->lambdaSpin()->value(), 0.6); // the user's lambda is kept
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto model = store->findModel("second-fingerprint", "gelu");
        QVERIFY(model.has_value());
        const auto loaded = store->embeddings(model->id);
        const Embedding image(loaded->values(*loaded->indexOf(item)));
        const Embedding text(TestBackend::textVector("oval", static_cast<int>(loaded->dim()), "second-fingerprint"));
        const QuerySession reference(*loaded, &image, &text);
        std::vector<std::int64_t> expected;
        const auto hits = reference.rerank(Method::WeiCom, 0.6, 40);
        for (const auto& hit : hits)
            if (loaded->itemId(hit.index) != item) // the query item itself is left out of the list
                expected.push_back(loaded->itemId(hit.index));
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), expected);
        const auto firstShown = std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return loaded->itemId(h.index) != item; });
        QCOMPARE(partOf<ResultsModel>(window)->hitAt(0)->score, firstShown->score);
        QVERIFY(shownItems(partOf<ResultsModel>(window)) != withA);
        // And back: the first model's ranking again, exactly.
        window.setBackend(m_backend);
        QVERIFY(current(window));
        QCOMPARE(shownItems(partOf<ResultsModel>(window)), withA);
    }

    void indexSwitchNeverRebindsAnItem()
    {
        QTemporaryDir dir;
        writeImages(dir.filePath("second"), 6, 5);
        const QString index = dir.filePath("second.rscir");
        {
            auto store = IndexStore::open(index.toStdString(), true);
            indexArchive(*store, dir.filePath("second").toStdString(), *m_backend->imageEncoder(), IndexOptions{});
        }
        MainWindow window;
        window.show();
        window.setBackend(m_backend);
        QVERIFY(openAndWait(window, m_index));
        window.session()->setQueryItem(3);
        QVERIFY(current(window));
        const QString file = QString::fromStdString(window.session()->query().image()->path);
        QVERIFY(QFileInfo::exists(file));
        QVERIFY(openAndWait(window, index));
        // Item 3 of the new index is another image: the query became the old item's file.
        QVERIFY(!window.session()->queryItem().has_value());
        QCOMPARE(window.session()->queryImagePath(), file);
        QVERIFY(partOf<MessageBar>(window)->text().contains(QStringLiteral("not part of this archive")));
        QVERIFY(window.session()->hasImage());
        QVERIFY(partOf<ResultsModel>(window)->rowCount() > 0);
        QVERIFY(window.session()->queryImageLabel().endsWith(QFileInfo(file).fileName()));
    }

    void closingDuringAModelLoadReturnsQuickly()
    {
        QTemporaryDir dir;
        // A model with a heavy vision tower: hundreds of tensors, a second or more to load.
        auto tensors = rscir::test::tinyModel();
        for (auto it = tensors.begin(); it != tensors.end();)
            it = it->first.rfind("visual.", 0) == 0 ? tensors.erase(it) : std::next(it);
        const std::int64_t w = 256;
        tensors["visual.conv1.weight"] = {{w, 3, 32, 32}};
        tensors["visual.class_embedding"] = {{w}};
        tensors["visual.positional_embedding"] = {{5, w}};
        for (const char* n : {"visual.ln_pre.weight", "visual.ln_pre.bias", "visual.ln_post.weight", "visual.ln_post.bias"})
            tensors[n] = {{w}};
        tensors["visual.proj"] = {{w, 8}};
        for (int layer = 0; layer < 40; ++layer) {
            const std::string p = "visual.transformer.resblocks." + std::to_string(layer) + ".";
            for (const char* n : {"ln_1.weight", "ln_1.bias", "ln_2.weight", "ln_2.bias", "attn.out_proj.bias", "mlp.c_proj.bias"})
                tensors[p + n] = {{w}};
            tensors[p + "attn.in_proj_weight"] = {{3 * w, w}};
            tensors[p + "attn.in_proj_bias"] = {{3 * w}};
            tensors[p + "attn.out_proj.weight"] = {{w, w}};
            tensors[p + "mlp.c_fc.weight"] = {{4 * w, w}};
            tensors[p + "mlp.c_fc.bias"] = {{4 * w}};
            tensors[p + "mlp.c_proj.weight"] = {{w, 4 * w}};
        }
        const QString heavy = dir.filePath("heavy.safetensors");
        rscir::test::writeSafetensors(heavy, tensors);
        // The job itself: cancelled between two tensors, it ends as cancelled.
        {
            JobManager jobs;
            auto* job = new FunctionJob(QStringLiteral("load"), [&](Progress& progress) {
                ClipOptions options;
                options.device = DeviceChoice::Cpu;
                ClipModel::load(heavy.toStdString(), options, &progress);
            });
            QSignalSpy progress(job, &Job::progressChanged);
            QSignalSpy cancelled(job, &Job::cancelled);
            QSignalSpy finished(job, &Job::finished);
            jobs.start(job);
            QVERIFY(waitFor([&] { return progress.count() > 0 || finished.count() > 0; }));
            job->cancel();
            QVERIFY(waitFor([&] { return cancelled.count() + finished.count() > 0; }));
            QCOMPARE(cancelled.count(), 1);
            QCOMPARE(finished.count(), 0);
        }
        // The window: closing it while a model loads does not wait for the load.
        auto* window = new MainWindow;
        window->show();
        window->loadModel(heavy, QStringLiteral("gelu"));
        QVERIFY(window->isModelLoading());
        QElapsedTimer clock;
        clock.start();
        window->close();
        delete window;
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    }

    void interactiveRequestsGoBeforeWaitingBatches()
    {
        // A backend that records the order of its calls and takes its time.
        class Recorder : public EncoderBackend {
        public:
            QString modelName() const override { return QStringLiteral("recorder"); }
            QString deviceName() const override { return QStringLiteral("CPU"); }
            std::optional<double> defaultLambda() const override { return {}; }
            ModelRecord identity() const override { return {0, "r", "r", "gelu", "r", 2}; }
            int imageSize() const override { return 1; }
            int dim() const override { return 2; }
            std::mutex mutex;
            std::vector<std::string> order;

        protected:
            std::vector<float> encodeTexts(const std::vector<std::string>& texts) override
            {
                record("text");
                return std::vector<float>(texts.size() * 2, 1.0f);
            }
            std::vector<float> encodeImages(const std::vector<float>& pixels, std::size_t count) override
            {
                record(pixels.empty() ? "batch" : "batch" + std::to_string(static_cast<int>(pixels[0])));
                QThread::msleep(150);
                return std::vector<float>(count * 2, 1.0f);
            }
            void record(const std::string& what)
            {
                std::lock_guard lock(mutex);
                order.push_back(what);
            }
        } recorder;
        // Batch 1 runs; batch 2 and then a text arrive while it does: the text goes first.
        std::thread first([&] { recorder.encodeBatch({1.0f, 0, 0}, 1); });
        QThread::msleep(50);
        std::thread second([&] { recorder.encodeBatch({2.0f, 0, 0}, 1); });
        QThread::msleep(20);
        std::thread text([&] { recorder.encodeTextNow("oval"); });
        first.join();
        second.join();
        text.join();
        QCOMPARE(recorder.order, (std::vector<std::string>{"batch1", "text", "batch2"}));
    }
};

QTEST_MAIN(TestUi)
#include "test_ui.moc"
