#include "ui/scripted_run.h"

#include "ui/encoder_service.h"
#include "ui/main_window.h"
#include "ui/query_panel.h"
#include "ui/search_session.h"
#include "ui/sweep_dialog.h"
#include "ui/viewer_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QListView>
#include <QSlider>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <random>

namespace rscir::ui {

namespace {

/// Polls `ready` every 100 ms, then runs `next`; gives up after `timeoutMs` with a message.
void when(std::function<bool()> ready, std::function<void()> next, int timeoutMs = 120000)
{
    auto* timer = new QTimer(qApp);
    auto* clock = new QElapsedTimer;
    clock->start();
    QObject::connect(timer, &QTimer::timeout, timer, [=] {
        if (ready()) {
            timer->stop();
            timer->deleteLater();
            delete clock;
            next();
        } else if (clock->elapsed() > timeoutMs) {
            timer->stop();
            timer->deleteLater();
            delete clock;
            std::fprintf(stderr, "rscir-desktop: gave up waiting (model or index not ready)\n");
            QApplication::exit(1);
        }
    });
    timer->start(100);
}

void settle(int ms, std::function<void()> next)
{
    QTimer::singleShot(ms, qApp, std::move(next));
}

void save(QWidget* widget, const QString& path)
{
    if (!widget->grab().save(path))
        std::fprintf(stderr, "rscir-desktop: cannot write %s\n", qPrintable(path));
    else
        std::fprintf(stderr, "rscir-desktop: wrote %s\n", qPrintable(path));
}

} // namespace

void runScript(MainWindow& window, const ScriptOptions& options)
{
    MainWindow* w = &window;
    when([w] { return w->encoder()->backend() && w->session()->store() && !w->encoder()->isBusy(); },
         [w, options] {
             SearchSession* session = w->session();
             if (options.lambda >= 0)
                 w->queryPanel()->setLambda(options.lambda);
             if (options.queryItem > 0)
                 session->setQueryItem(options.queryItem);
             else if (!options.queryImage.isEmpty())
                 session->setQueryImageFile(options.queryImage);
             if (!options.queryText.isEmpty()) {
                 w->queryPanel()->textBox()->setEditText(options.queryText);
                 session->setQueryText(options.queryText);
             }
             when([w] { return !w->encoder()->isBusy() && w->session()->hasQuery(); },
                  [w, options] {
                      settle(1500, [w, options] {
                          if (!options.screenshot.isEmpty())
                              save(w, options.screenshot);
                          auto afterSweep = [w, options] {
                              if (options.viewerScreenshot.isEmpty()) {
                                  if (options.quitWhenDone())
                                      QApplication::quit();
                                  return;
                              }
                              QListView* results = w->resultsView();
                              if (results->model()->rowCount() > 0)
                                  emit results->doubleClicked(results->model()->index(0, 0));
                              settle(2000, [w, options] {
                                  if (auto* viewer = w->findChild<ViewerDialog*>())
                                      save(viewer, options.viewerScreenshot);
                                  if (options.quitWhenDone())
                                      QApplication::quit();
                              });
                          };
                          if (options.sweepScreenshot.isEmpty()) {
                              afterSweep();
                              return;
                          }
                          w->showLambdaSweep();
                          settle(2000, [w, options, afterSweep] {
                              if (auto* sweep = w->findChild<SweepDialog*>()) {
                                  QString error;
                                  if (!sweep->exportPng(options.sweepScreenshot, &error))
                                      std::fprintf(stderr, "rscir-desktop: %s\n", qPrintable(error));
                                  sweep->close();
                              }
                              afterSweep();
                          });
                      });
                  });
         });
}

int runSliderBenchmark(MainWindow& window, int items, int dim)
{
    std::mt19937 rng(11);
    std::normal_distribution<float> normal;
    LoadedEmbeddings embeddings;
    embeddings.matrix = EmbeddingMatrix(static_cast<std::size_t>(items), static_cast<std::size_t>(dim));
    for (std::size_t i = 0; i < embeddings.matrix.rows() * embeddings.matrix.dim(); ++i)
        embeddings.matrix.data()[i] = normal(rng);
    embeddings.matrix.normaliseRows();
    embeddings.itemIds.resize(static_cast<std::size_t>(items));
    for (int i = 0; i < items; ++i)
        embeddings.itemIds[static_cast<std::size_t>(i)] = i + 1;
    SearchSession* session = window.session();
    session->setEmbeddings(std::move(embeddings));
    session->setQueryItem(1);
    // A text query stands in as another archive row, so that both modalities vary.
    window.queryPanel()->setLambda(0.0);
    QApplication::processEvents();

    QSlider* slider = window.queryPanel()->lambdaSlider();
    QListView* grid = window.resultsView();
    std::vector<double> latencies;
    QElapsedTimer timer;
    for (int pass = 0; pass < 2; ++pass)
        for (int step = 0; step <= 100; ++step) {
            const int value = pass == 0 ? step : 100 - step;
            if (value == slider->value())
                continue;
            timer.start();
            slider->setValue(value); // valueChanged -> re-rank -> model update
            grid->viewport()->repaint();
            latencies.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
    std::sort(latencies.begin(), latencies.end());
    const double median = latencies[latencies.size() / 2];
    const double worst = latencies.back();
    std::printf("slider-to-repaint over %d items (%d values, %d results shown): median %.2f ms, worst %.2f ms, "
                "re-rank alone %.2f ms\n",
                items, static_cast<int>(latencies.size()), grid->model()->rowCount(), median, worst,
                session->lastRerankMilliseconds());
    return 0;
}

} // namespace rscir::ui
