// 'inklens restroke' through the built executable: a ground-truth folder of drawn lines
// (three writers, one of them held out by a val split) becomes an InkML folder with the
// held-out writer's lines only, a manifest that keeps writer, split, flags and text, and
// files that 'inklens eval' reads.

#include "cli_run.h"
#include "service/inkml.h"
#include "service/line_loader.h"
#include "training/dataset.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>

using namespace inklens;

namespace {

using Run = testing::CliRun;

Run inklensRun(const QStringList& args)
{
    return testing::runInklens(
        args, {{QStringLiteral("INKLENS_MODEL"), QStringLiteral(INKLENS_SOURCE_MODEL)}}, 120'000);
}

void writeLine(const QString& path, const std::string& text)
{
    cv::Mat m(64, 420, CV_8UC1, cv::Scalar(235));
    cv::putText(m, text, {16, 44}, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.1, cv::Scalar(30), 2,
                cv::LINE_AA);
    QVERIFY(service::saveGrayPng(m, path));
}

}  // namespace

class TestRestrokeCli : public QObject
{
    Q_OBJECT
private slots:
    void heldOutWritersBecomeInk();
    void usageErrors();
};

void TestRestrokeCli::heldOutWritersBecomeInk()
{
    QTemporaryDir tmp;
    const QDir src(tmp.filePath(QStringLiteral("src")));
    QVERIFY(QDir().mkpath(src.path()));
    writeLine(src.filePath("a1.png"), "minimum");
    writeLine(src.filePath("b1.png"), "une maison");
    writeLine(src.filePath("b2.png"), "le 80e jour");
    writeLine(src.filePath("c1.png"), "marge");
    QFile manifest(src.filePath("manifest.tsv"));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    manifest.write("file\twriter\tsplit\tflags\ttext\n"
                   "a1.png\tA\ttrain\t-\tminimum\n"
                   "b1.png\tB\tval\t-\tune maison\n"
                   "b2.png\tB\tval\tsuperscript\tle 80^e jour\n"
                   "c1.png\tB\tval\tvertical\tmarge\n");
    manifest.close();

    const QString out = tmp.filePath(QStringLiteral("ink"));
    const Run r = inklensRun(
        {"restroke", "--data", src.path(), "--writers", "heldout", "--out", out, "--seed", "3"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto rows = training::listGroundTruth(out.toStdString());
    QCOMPARE(int(rows.size()), 2);  // the val writer's lines, the vertical one skipped
    QCOMPARE(rows[0].writer, std::string("B"));
    QCOMPARE(rows[0].split, std::string("val"));
    QCOMPARE(rows[0].flags, std::string("restroke"));
    QCOMPARE(rows[1].flags, std::string("superscript,restroke"));
    QCOMPARE(rows[1].text, std::string("le 80^e jour"));
    QVERIFY(rows[1].imagePath.ends_with("b2.inkml"));
    QString error;
    const auto doc = service::readInkMlFile(QString::fromStdString(rows[1].imagePath), &error);
    QVERIFY2(doc, qPrintable(error));
    QVERIFY(!doc->ink.empty());
    QCOMPARE(doc->truth, QStringLiteral("le 80e jour"));
    QVERIFY(QFile::exists(QDir(out).filePath("b1.gt.txt")));

    // The same seed writes the same files.
    const QString again = tmp.filePath(QStringLiteral("again"));
    QCOMPARE(inklensRun({"restroke", "--data", src.path(), "--writers", "heldout", "--out", again,
                         "--seed", "3"})
                 .exitCode,
             0);
    QFile f1(QDir(out).filePath("b1.inkml")), f2(QDir(again).filePath("b1.inkml"));
    QVERIFY(f1.open(QIODevice::ReadOnly) && f2.open(QIODevice::ReadOnly));
    QCOMPARE(f1.readAll(), f2.readAll());

    // 'inklens eval' reads the folder (through the canvas' path).
    const Run e = inklensRun({"eval", "--data", out, "--json", "--decoder", "greedy"});
    QVERIFY2(e.exitCode == 0, e.err.constData());
    const QList<QByteArray> lines = e.out.trimmed().split('\n');
    const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(summary.value("lines").toInt(), 2);
    QCOMPARE(summary.value("failed").toInt(), 0);

    // --writers train: writer A only.
    const QString train = tmp.filePath(QStringLiteral("train"));
    QCOMPARE(inklensRun({"restroke", "--data", src.path(), "--writers", "train", "--out", train})
                 .exitCode,
             0);
    const auto trainRows = training::listGroundTruth(train.toStdString());
    QCOMPARE(int(trainRows.size()), 1);
    QCOMPARE(trainRows[0].writer, std::string("A"));
}

void TestRestrokeCli::usageErrors()
{
    QCOMPARE(inklensRun({"restroke", "--out", "/tmp/x"}).exitCode, 2);
    QCOMPARE(inklensRun({"restroke", "--data", "d", "--writers", "some", "--out", "o"}).exitCode,
             2);
    const Run missing = inklensRun({"restroke", "--data", "/nonexistent-folder", "--writers", "all",
                                    "--out", QDir::temp().filePath("inklens-restroke-none")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("folder not found"), missing.err.constData());
}

QTEST_APPLESS_MAIN(TestRestrokeCli)
#include "test_restroke_cli.moc"
