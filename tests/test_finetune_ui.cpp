// The window side of issue #15: the sample browser (relabel, exclude, delete, a ground-truth
// folder out and back in), the fine-tuning dialog (runs on its own thread with progress and
// curves; cancel leaves the model in use; Keep makes a version and switches the reader to
// it; watch it learn hands snapshots to the inspection views and then the model in use back)
// and the versions dialog (restore, roll back). A tiny model and generated samples: a run
// takes a fraction of a second.

#include "curve_plot.h"
#include "finetune_dialog.h"
#include "main_window.h"
#include "model_versions_dialog.h"
#include "sample_browser.h"
#include "tools_menu.h"
#include "language.h"

#include "model/model_file.h"
#include "nn/tensor.h"
#include "service/inkml.h"
#include "service/model_versions.h"
#include "service/recognition_service.h"
#include "service/sample_store.h"
#include "test_models.h"
#include "test_settings.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace inklens;
using service::RecognitionService;
using service::Sample;
using service::SampleStore;

namespace {

// A line picture of `text`, 48 pixels high, as PNG bytes.
QByteArray linePng(const QString& text)
{
    QImage image(220, 48, QImage::Format_Grayscale8);
    image.fill(255);
    QPainter painter(&image);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(28);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRect(8, 0, 204, 48), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

Sample pictureSample(const QString& drawn, const QString& text)
{
    Sample s;
    s.kind = Sample::Kind::Image;
    s.data = linePng(drawn);
    s.text = text;
    s.recognized = QStringLiteral("misread");
    s.source = QStringLiteral("test ") + drawn;
    return s;
}

Sample inkSample(const QString& text)
{
    Sample s;
    s.kind = Sample::Kind::Ink;
    s.data = service::writeInkMl(testing::loopInk(5), text);
    s.text = text;
    s.recognized = QStringLiteral("lll");
    s.source = QStringLiteral("canvas");
    return s;
}

}  // namespace

class TestFineTuneUi : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void browserEditsAndFolders();
    void browserOfALargeStore();
    void cancelLeavesModel();
    void keepRestoreRollBack();
    void watchItLearn();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    // A store of n picture samples, all read as the text "c" (a tiny model learns that).
    QString makeStore(const QString& name, int n);
    void setUpDialog(ui::FineTuneDialog& dialog, const QString& store, int steps);

    QTemporaryDir m_settingsDir, m_dir;
    QString m_base, m_general;
    std::unique_ptr<RecognitionService> m_service;
};

void TestFineTuneUi::initTestCase()
{
    testing::isolateSettings(m_settingsDir);
    QVERIFY(m_dir.isValid());
    nn::setNumThreads(1);  // a tiny model: threads would only wait for each other
    // The "bundled" model of this test: INKLENS_MODEL (service::defaultModelPath()).
    m_base = path(QStringLiteral("base.safetensors"));
    model::saveModel(m_base.toStdString(), *testing::tinyModel(7));
    qputenv("INKLENS_MODEL", m_base.toUtf8());
    // The general set the guard scores: lines reading "c", as the samples.
    m_general = path(QStringLiteral("general"));
    QVERIFY(QDir().mkpath(m_general));
    for (int i = 0; i < 3; ++i) {
        QFile png(m_general + QStringLiteral("/g%1.png").arg(i));
        QVERIFY(png.open(QIODevice::WriteOnly));
        png.write(linePng(i % 2 ? QStringLiteral("hello") : QStringLiteral("abc")));
        QFile gt(m_general + QStringLiteral("/g%1.gt.txt").arg(i));
        QVERIFY(gt.open(QIODevice::WriteOnly));
        gt.write("c\n");
    }
}

void TestFineTuneUi::init()
{
    QSettings().clear();
    m_service = std::make_unique<RecognitionService>();
    m_service->loadModel(m_base);
    QTRY_COMPARE(m_service->modelState(), RecognitionService::ModelState::Ready);
    QCOMPARE(m_service->modelMessage(), m_base);
}

void TestFineTuneUi::cleanup()
{
    m_service.reset();
}

QString TestFineTuneUi::makeStore(const QString& name, int n)
{
    const QString file = path(name);
    QFile::remove(file);
    auto store = SampleStore::open(file);
    if (!store)
        return {};
    for (int i = 0; i < n; ++i)
        store->add(pictureSample(i % 2 ? QStringLiteral("hello") : QStringLiteral("abc"),
                                 QStringLiteral("c")));
    return file;
}

void TestFineTuneUi::setUpDialog(ui::FineTuneDialog& dialog, const QString& store, int steps)
{
    dialog.setSamplesPath(store);
    dialog.setVersionsDir(path(QStringLiteral("versions")));
    service::FineTuningOptions& o = dialog.options();
    o.minutes = 0;
    o.maxSteps = steps;
    o.replayLines = 0;
    o.generalDir = m_general.toStdString();
    o.adapt = service::Adapt::Output;
    o.lr = 0.05f;
    o.batchSize = 4;
    o.validateEverySteps = 5;
    dialog.adaptBox()->setCurrentIndex(dialog.adaptBox()->findData(int(service::Adapt::Output)));
}

void TestFineTuneUi::browserEditsAndFolders()
{
    const QString file = path(QStringLiteral("browse.sqlite"));
    {
        auto store = SampleStore::open(file);
        QVERIFY(store);
        QVERIFY(store->add(pictureSample(QStringLiteral("hello"), QStringLiteral("helo"))));
        QVERIFY(store->add(inkSample(QStringLiteral("loops"))));
        QVERIFY(store->add(pictureSample(QStringLiteral("abc"), QStringLiteral("abc"))));
    }
    ui::SampleBrowser browser(file);
    QSignalSpy loaded(&browser, &ui::SampleBrowser::loaded);
    browser.show();
    QTRY_COMPARE(loaded.count(), 1);
    QTableWidget* table = browser.table();
    QCOMPARE(table->rowCount(), 3);
    for (int r = 0; r < 3; ++r) {  // every sample drawn: ink and pictures
        const QVariant thumb =
            table->item(r, ui::SampleBrowser::PictureColumn)->data(Qt::DecorationRole);
        QVERIFY2(thumb.canConvert<QPixmap>() && !thumb.value<QPixmap>().isNull(),
                 qPrintable(QString::number(r)));
    }
    QVERIFY2(browser.countLabel()->text().contains(QStringLiteral("Samples: 3;")),
             qPrintable(browser.countLabel()->text()));

    // Relabel as a user does: the text cell edited.
    const qint64 first = browser.idAt(browser.rowOf(1));
    QCOMPARE(first, 1);
    table->item(browser.rowOf(1), ui::SampleBrowser::TextColumn)->setText(QStringLiteral("hello"));
    QCOMPARE(SampleStore::open(file)->sample(1)->text, QStringLiteral("hello"));
    // An empty text is refused: the cell shows the stored text again.
    table->item(browser.rowOf(1), ui::SampleBrowser::TextColumn)->setText(QStringLiteral("  "));
    QCOMPARE(SampleStore::open(file)->sample(1)->text, QStringLiteral("hello"));
    QCOMPARE(table->item(browser.rowOf(1), ui::SampleBrowser::TextColumn)->text(),
             QStringLiteral("hello"));

    // Exclude with the check box, include again with the button's call.
    table->item(browser.rowOf(3), ui::SampleBrowser::ExcludedColumn)->setCheckState(Qt::Checked);
    QVERIFY(SampleStore::open(file)->sample(3)->excluded);
    QCOMPARE(SampleStore::open(file)->count(false), 2);
    QVERIFY2(browser.countLabel()->text().contains(QStringLiteral("excluded: 1.")),
             qPrintable(browser.countLabel()->text()));
    QVERIFY(browser.setExcluded({3}, false));
    QVERIFY(!SampleStore::open(file)->sample(3)->excluded);
    QCOMPARE(table->item(browser.rowOf(3), ui::SampleBrowser::ExcludedColumn)->checkState(),
             Qt::Unchecked);
    QVERIFY(browser.setExcluded({3}, true));

    // Delete.
    QVERIFY(browser.removeSamples({2}));
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(browser.rowOf(2), -1);
    QVERIFY(!SampleStore::open(file)->sample(2));

    // Export (the samples not excluded: one), then import into another store.
    const QString out = path(QStringLiteral("exported"));
    QSignalSpy done(&browser, &ui::SampleBrowser::transferDone);
    browser.exportFolder(out);
    QTRY_COMPARE(done.count(), 1);
    QCOMPARE(done.at(0).at(0).toInt(), 1);
    QVERIFY(QFile::exists(out + QStringLiteral("/sample_000001.png")));
    QFile gt(out + QStringLiteral("/sample_000001.gt.txt"));
    QVERIFY(gt.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(gt.readAll()).trimmed(), QStringLiteral("hello"));

    const QString other = path(QStringLiteral("imported.sqlite"));
    ui::SampleBrowser second(other);
    QSignalSpy loaded2(&second, &ui::SampleBrowser::loaded);
    QSignalSpy done2(&second, &ui::SampleBrowser::transferDone);
    QTRY_COMPARE(loaded2.count(), 1);
    QCOMPARE(second.table()->rowCount(), 0);
    second.importFolder(out);
    QTRY_COMPARE(done2.count(), 1);
    QCOMPARE(done2.at(0).at(0).toInt(), 1);
    QTRY_COMPARE(second.table()->rowCount(), 1);
    QCOMPARE(second.table()->item(0, ui::SampleBrowser::TextColumn)->text(),
             QStringLiteral("hello"));
    const auto imported = SampleStore::open(other)->samples();
    QCOMPARE(int(imported.size()), 1);
    QCOMPARE(imported[0].data, SampleStore::open(file)->sample(1)->data);  // the same picture

    // A folder that does not exist: a message, no crash, nothing added.
    second.importFolder(path(QStringLiteral("missing")));
    QTRY_COMPARE(done2.count(), 2);
    QCOMPARE(done2.at(1).at(0).toInt(), -1);
    QVERIFY(!done2.at(1).at(1).toString().isEmpty());
}

// A store of many samples (issue #17: 10,000 in the soak bench): the table is filled in
// chunks, the rows in view are drawn, and scrolling through it all keeps only a bounded
// number of pictures (the rows drawn before come back when they are scrolled to again).
void TestFineTuneUi::browserOfALargeStore()
{
    const int n = 600;  // more than a chunk of the filling
    const QString folder = path(QStringLiteral("many"));
    QVERIFY(QDir().mkpath(folder));
    QImage line(64, 16, QImage::Format_Grayscale8);
    for (int i = 0; i < n; ++i) {
        line.fill(i % 200);
        const QString name = folder + QStringLiteral("/s%1").arg(i, 4, 10, QLatin1Char('0'));
        QVERIFY(line.save(name + QStringLiteral(".png")));
        QFile gt(name + QStringLiteral(".gt.txt"));
        QVERIFY(gt.open(QIODevice::WriteOnly));
        gt.write(QByteArray::number(i));
    }
    const QString file = path(QStringLiteral("many.sqlite"));
    QCOMPARE(SampleStore::open(file)->importFolder(folder), n);

    ui::SampleBrowser browser(file);
    browser.setMaxThumbnails(100);
    QSignalSpy loaded(&browser, &ui::SampleBrowser::loaded);
    browser.show();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QTableWidget* table = browser.table();
    QCOMPARE(table->rowCount(), n);
    QVERIFY(!browser.busy());
    QCOMPARE(table->item(n - 1, ui::SampleBrowser::TextColumn)->text(), QStringLiteral("0"));
    QVERIFY2(browser.countLabel()->text().contains(QStringLiteral("Samples: 600;")),
             qPrintable(browser.countLabel()->text()));
    auto drawn = [&](int row) {
        return !table->item(row, ui::SampleBrowser::PictureColumn)
                    ->data(Qt::DecorationRole)
                    .value<QPixmap>()
                    .isNull();
    };
    auto held = [&] {
        int count = 0;
        for (int r = 0; r < n; ++r)
            count += drawn(r);
        return count;
    };
    QVERIFY(drawn(0));
    QVERIFY(held() < 100);  // not all of them
    int most = 0;
    for (int row = 0; row < n; row += 50) {
        table->scrollToItem(table->item(row, 0), QAbstractItemView::PositionAtTop);
        QTRY_VERIFY_WITH_TIMEOUT(drawn(row), 10000);
        most = std::max(most, held());
    }
    table->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(drawn(n - 1), 10000);
    QVERIFY2(most <= 100 + 50, qPrintable(QString::number(most)));
    QVERIFY(!drawn(0));  // dropped on the way down ...
    table->scrollToTop();
    QTRY_VERIFY_WITH_TIMEOUT(drawn(0), 10000);  // ... and drawn again
}

void TestFineTuneUi::cancelLeavesModel()
{
    {
        // Too few samples: Start is off and the dialog says why; started anyway (the store
        // changed meanwhile), the run fails with a message, and nothing changes.
        ui::FineTuneDialog few(*m_service);
        setUpDialog(few, makeStore(QStringLiteral("one.sqlite"), 1), 10);
        QVERIFY(!few.startButton()->isEnabled());
        few.start();
        QTRY_VERIFY(!few.running());
        QVERIFY(!few.result());
        QVERIFY2(few.verdictLabel()->text().contains(QStringLiteral("at least 2")),
                 qPrintable(few.verdictLabel()->text()));
        QVERIFY(!few.keepButton()->isEnabled());
    }
    const QString store = makeStore(QStringLiteral("cancel.sqlite"), 8);
    const auto before = m_service->model();
    ui::FineTuneDialog dialog(*m_service);
    setUpDialog(dialog, store, 1'000'000);  // would run for long
    dialog.show();
    QVERIFY(dialog.startButton()->isEnabled());
    QVERIFY(!dialog.keepButton()->isEnabled());
    dialog.startButton()->click();
    QVERIFY(dialog.running());
    QVERIFY(!dialog.startButton()->isEnabled());
    QVERIFY(dialog.cancelButton()->isVisible());
    // Progress and curves while it runs.
    QTRY_VERIFY_WITH_TIMEOUT(dialog.plot()->points(0).size() >= 2, 20000);
    QTRY_VERIFY(!dialog.plot()->points(1).isEmpty());  // held-out CER
    QVERIFY2(dialog.findChild<QLabel*>(QStringLiteral("fineTuneStatus"))
                 ->text()
                 .contains(QStringLiteral("Step")),
             "the status shows the step");
    dialog.cancelButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
    QVERIFY(dialog.result());
    QVERIFY(dialog.result()->cancelled);
    QVERIFY(!dialog.keepButton()->isEnabled());
    QVERIFY(dialog.startButton()->isEnabled());
    QString error;
    QVERIFY(!dialog.keep(&error));
    // The model in use is the same object, nothing was written or remembered.
    QCOMPARE(m_service->model(), before);
    QCOMPARE(m_service->modelMessage(), m_base);
    QVERIFY(!QDir(path(QStringLiteral("versions"))).exists()
            || QDir(path(QStringLiteral("versions"))).isEmpty());
    QVERIFY(service::ModelVersions::activePath().isEmpty());

    // Closing while it runs (Escape, the window's close button) cancels, then closes.
    dialog.start();
    QVERIFY(dialog.running());
    dialog.reject();
    QVERIFY(dialog.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
    QTRY_VERIFY(!dialog.isVisible());
    QVERIFY(dialog.result() && dialog.result()->cancelled);
    QCOMPARE(m_service->model(), before);
}

void TestFineTuneUi::keepRestoreRollBack()
{
    const QByteArray baseBytes = [&] {
        QFile f(m_base);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const QString store = makeStore(QStringLiteral("keep.sqlite"), 8);
    ui::FineTuneDialog dialog(*m_service);
    setUpDialog(dialog, store, 40);
    QSignalSpy kept(&dialog, &ui::FineTuneDialog::versionKept);
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 30000);
    QVERIFY(dialog.result());
    QVERIFY2(dialog.result()->better, dialog.result()->verdict.c_str());
    QVERIFY(dialog.result()->heldOutAfter < dialog.result()->heldOutBefore);
    QCOMPARE(dialog.progressBar()->value(), dialog.progressBar()->maximum());
    QVERIFY(dialog.verdictLabel()->text().contains(QStringLiteral("Better")));
    QVERIFY(dialog.keepButton()->isEnabled());

    dialog.keepButton()->click();
    QCOMPARE(kept.count(), 1);
    const auto version = kept.at(0).at(0).value<service::ModelVersion>();
    QVERIFY(version.ok());
    QVERIFY(version.path.startsWith(path(QStringLiteral("versions"))));
    QCOMPARE(version.baseModel, m_base);
    QCOMPARE(version.heldOutAfter, dialog.result()->heldOutAfter);
    QVERIFY(!dialog.keepButton()->isEnabled());  // kept once
    // The reader switched to it through the model-loading path, and it is remembered.
    QTRY_COMPARE(m_service->modelMessage(), version.path);
    QCOMPARE(m_service->modelState(), RecognitionService::ModelState::Ready);
    QCOMPARE(service::ModelVersions::activePath(), version.path);
    QCOMPARE(service::ModelVersions::startupModelPath(), version.path);

    // The versions dialog: the bundled model and the version, which is in use.
    ui::ModelVersionsDialog versions(*m_service);
    QSignalSpy listed(&versions, &ui::ModelVersionsDialog::listed);
    versions.setVersionsDir(path(QStringLiteral("versions")));
    QTRY_VERIFY(listed.count() >= 1);
    QTRY_COMPARE(int(versions.versions().size()), 1);
    QCOMPARE(versions.tree()->topLevelItemCount(), 2);
    QVERIFY(versions.rollBackButton()->isEnabled());

    versions.rollBackButton()->click();
    QTRY_COMPARE(m_service->modelMessage(), m_base);
    QVERIFY(service::ModelVersions::activePath().isEmpty());
    QVERIFY(!versions.rollBackButton()->isEnabled());

    QVERIFY(versions.restore(0));
    QTRY_COMPARE(m_service->modelMessage(), version.path);
    QCOMPARE(service::ModelVersions::activePath(), version.path);

    // At start the remembered version is loaded; one that no longer loads is forgotten and
    // the bundled model used.
    {
        RecognitionService fresh;
        service::loadStartupModel(fresh);
        QTRY_COMPARE(fresh.modelMessage(), version.path);
        QFile file(version.path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const QByteArray good = file.readAll();
        QVERIFY(file.resize(good.size() / 3));
        file.close();
        RecognitionService restarted;
        service::loadStartupModel(restarted);
        QTRY_COMPARE(restarted.modelMessage(), m_base);
        QCOMPARE(restarted.modelState(), RecognitionService::ModelState::Ready);
        QVERIFY(service::ModelVersions::activePath().isEmpty());
        QVERIFY(QFile::exists(version.path));  // damaged, not deleted
    }

    // The bundled model was never written.
    QFile f(m_base);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), baseBytes);
}

void TestFineTuneUi::watchItLearn()
{
    // Through the window's Tools menu: the snapshots reach the inspection views' hook and
    // the model in use comes back at the end.
    ui::Translator translator;
    ui::MainWindow window(translator, *m_service);
    ui::ToolsMenu* tools = window.toolsMenu();
    QVERIFY(tools);
    QVERIFY(window.menuBar()->actions().contains(tools->menuAction()));
    tools->setSamplesPath(makeStore(QStringLiteral("watch.sqlite"), 8));
    tools->setVersionsDir(path(QStringLiteral("watch-versions")));
    QSignalSpy inspect(tools, &ui::ToolsMenu::inspect);
    tools->fineTuneAction()->trigger();
    ui::FineTuneDialog* dialog = window.findChild<ui::FineTuneDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->watchBox()->isChecked());
    setUpDialog(*dialog, path(QStringLiteral("watch.sqlite")), 30);
    dialog->start();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->running(), 30000);
    QVERIFY(inspect.count() >= 2);  // a snapshot, then the model in use back
    const auto firstModel = inspect.at(0).at(0).value<std::shared_ptr<const model::Model>>();
    const auto firstReading =
        inspect.at(0).at(1).value<std::shared_ptr<const model::Recognition>>();
    QVERIFY(firstModel);
    QVERIFY(firstModel != m_service->model());  // a copy of the model being trained
    QVERIFY(firstReading);
    QVERIFY(firstReading->probe);  // the views' evidence (filters, LSTM, feature maps)
    QVERIFY(!inspect.at(0).at(2).value<QImage>().isNull());
    QCOMPARE(inspect.last().at(0).value<std::shared_ptr<const model::Model>>(), m_service->model());
    dialog->close();
}

QTEST_MAIN(TestFineTuneUi)
#include "test_finetune_ui.moc"
