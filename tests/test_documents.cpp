// service/documents: which files open, opening each type into a value, the messages when
// they do not, and saving ink atomically (a failed save leaves the previous file intact).
#include "service/documents.h"

#include "service/inkml.h"
#include "service/line_loader.h"
#include "test_files.h"
#include "test_models.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using inklens::service::Document;

namespace {

using inklens::testing::writeFile;

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestDocuments : public QObject
{
    Q_OBJECT

private slots:
    void suffixes_data();
    void suffixes();
    void opensInkMl();
    void opensImages_data();
    void opensImages();
    void refusesUnknownTypes();
    void reportsMissingFiles();
    void reportsCorruptFiles();
    void saveThenOpen();
    void savingEmptyInkFails();
    void failedSaveKeepsThePreviousFile();
    void failedSaveInReadOnlyFolder();
};

void TestDocuments::suffixes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("inkMl");
    QTest::addColumn<bool>("image");

    QTest::newRow("inkml") << "/a/note.inkml" << true << false;
    QTest::newRow("INKML") << "C:/a/NOTE.InkML" << true << false;
    QTest::newRow("png") << "line.png" << false << true;
    QTest::newRow("JPG") << "line.JPG" << false << true;
    QTest::newRow("jpeg") << "line.jpeg" << false << true;
    QTest::newRow("tiff") << "scan.tiff" << false << true;
    QTest::newRow("webp") << "x.webp" << false << true;
    QTest::newRow("text") << "notes.txt" << false << false;
    QTest::newRow("no suffix") << "inkml" << false << false;
    QTest::newRow("inkml in the folder") << "/data.inkml/notes" << false << false;
    QTest::newRow("ground truth") << "line.gt.txt" << false << false;
}

void TestDocuments::suffixes()
{
    QFETCH(QString, path);
    QFETCH(bool, inkMl);
    QFETCH(bool, image);
    QCOMPARE(inklens::service::isInkMlPath(path), inkMl);
    QCOMPARE(inklens::service::isImagePath(path), image);
    QCOMPARE(inklens::service::canOpenDocument(path), inkMl || image);
}

void TestDocuments::opensInkMl()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("note.INKML"));
    QVERIFY(inklens::service::writeInkMlFile(path, inklens::testing::loopInk(4), nullptr,
                                             QStringLiteral("bonjour")));
    QString error;
    const auto doc = inklens::service::openDocument(path, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->type, Document::Type::Ink);
    QCOMPARE(doc->ink.strokes.size(), std::size_t(4));
    QCOMPARE(doc->truth, QStringLiteral("bonjour"));
    QVERIFY(doc->image.isNull());
    QCOMPARE(doc->path, path);
    QCOMPARE(doc->fileName(), QStringLiteral("note.INKML"));
}

void TestDocuments::opensImages_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QImage::Format>("format");
    QTest::newRow("png gray") << "png" << QImage::Format_Grayscale8;
    QTest::newRow("png color") << "png" << QImage::Format_RGB32;
    QTest::newRow("bmp") << "bmp" << QImage::Format_RGB32;
    QTest::newRow("jpg") << "jpg" << QImage::Format_RGB32;
}

void TestDocuments::opensImages()
{
    QFETCH(QString, suffix);
    QFETCH(QImage::Format, format);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("line.") + suffix);
    const QImage line = inklens::testing::stripedLine(400).convertToFormat(format);
    QVERIFY(line.save(path));
    QString error;
    const auto doc = inklens::service::openDocument(path, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->type, Document::Type::Image);
    QVERIFY(doc->ink.empty());
    QCOMPARE(doc->image.size(), line.size());
    QCOMPARE(doc->image.format(), QImage::Format_Grayscale8);
    QVERIFY(qGray(doc->image.pixel(0, 0)) > 200);  // white paper stays light
    QCOMPARE(doc->fileName(), QStringLiteral("line.") + suffix);
}

void TestDocuments::refusesUnknownTypes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    writeFile(path, "le chat");
    QString error;
    QVERIFY(!inklens::service::openDocument(path, &error));
    QVERIFY2(error.contains(QStringLiteral("InkML")) && error.contains(QStringLiteral("png")),
             qPrintable(error));
    QVERIFY(!error.contains(path));  // the caller names the file
}

void TestDocuments::reportsMissingFiles()
{
    QTemporaryDir dir;
    for (const char* name : {"gone.inkml", "gone.png"}) {
        QString error;
        QVERIFY(!inklens::service::openDocument(dir.filePath(QString::fromLatin1(name)), &error));
        QCOMPARE(error, QStringLiteral("The file does not exist."));
    }
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder.png")));
    QString error;
    QVERIFY(!inklens::service::openDocument(dir.filePath(QStringLiteral("folder.png")), &error));
    QCOMPARE(error, QStringLiteral("This is a folder, not a file."));
}

void TestDocuments::reportsCorruptFiles()
{
    QTemporaryDir dir;
    const QString ink = dir.filePath(QStringLiteral("bad.inkml"));
    writeFile(ink, "<ink xmlns=\"http://www.w3.org/2003/InkML\">\n<trace>1 2, 3 x</trace></ink>");
    QString error;
    QVERIFY(!inklens::service::openDocument(ink, &error));
    QVERIFY2(error.contains(QStringLiteral("line 2")) && error.contains(QStringLiteral("'x'")),
             qPrintable(error));

    const QString notXml = dir.filePath(QStringLiteral("binary.inkml"));
    writeFile(notXml, QByteArray("\x89PNG\r\n\x1a\n", 8));
    error.clear();
    QVERIFY(!inklens::service::openDocument(notXml, &error));
    QVERIFY(!error.isEmpty());

    const QString picture = dir.filePath(QStringLiteral("corrupt.png"));
    writeFile(picture, QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'x'));
    error.clear();
    QVERIFY(!inklens::service::openDocument(picture, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.startsWith(picture), qPrintable(error));  // no path: the caller names it
}

void TestDocuments::saveThenOpen()
{
    QTemporaryDir dir;
    const inklens::imaging::Ink ink = inklens::testing::loopInk(3);
    const QString path = dir.filePath(QStringLiteral("round.inkml"));
    QString error;
    QVERIFY2(inklens::service::saveInkDocument(path, ink, &error, QStringLiteral("abc")),
             qPrintable(error));
    const auto doc = inklens::service::openDocument(path, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->truth, QStringLiteral("abc"));
    QCOMPARE(doc->ink.strokes.size(), ink.strokes.size());
    for (std::size_t s = 0; s < ink.strokes.size(); ++s) {
        QCOMPARE(doc->ink.strokes[s].points.size(), ink.strokes[s].points.size());
        for (std::size_t i = 0; i < ink.strokes[s].points.size(); ++i) {
            QVERIFY(std::abs(doc->ink.strokes[s].points[i].x - ink.strokes[s].points[i].x) < 1e-3f);
            QVERIFY(std::abs(doc->ink.strokes[s].points[i].y - ink.strokes[s].points[i].y) < 1e-3f);
        }
    }
    // Saving again replaces the file; nothing else is left in the folder.
    QVERIFY(inklens::service::saveInkDocument(path, inklens::testing::loopInk(1), &error));
    QCOMPARE(inklens::service::openDocument(path)->ink.strokes.size(), std::size_t(1));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("round.inkml")});

    QCOMPARE(inklens::service::withInkMlSuffix(QStringLiteral("/a/ink")),
             QStringLiteral("/a/ink.inkml"));
    QCOMPARE(inklens::service::withInkMlSuffix(QStringLiteral("/a/ink.xml")),
             QStringLiteral("/a/ink.xml"));
}

void TestDocuments::savingEmptyInkFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.inkml"));
    QString error;
    QVERIFY(!inklens::service::saveInkDocument(path, {}, &error));
    QCOMPARE(error, QStringLiteral("There is no ink to save."));
    QVERIFY(!QFileInfo::exists(path));
}

// Whoever runs the test: the target is a folder, so the final rename fails after the
// content was written. Nothing of the attempt may remain.
void TestDocuments::failedSaveKeepsThePreviousFile()
{
    QTemporaryDir dir;
    const QString previous = dir.filePath(QStringLiteral("keep.inkml"));
    QVERIFY(inklens::service::saveInkDocument(previous, inklens::testing::loopInk(2)));
    const QByteArray before = readFile(previous);

    QString error;
    QVERIFY(
        !inklens::service::saveInkDocument(dir.filePath(QStringLiteral("missing/folder/x.inkml")),
                                           inklens::testing::loopInk(3), &error));
    QVERIFY(!error.isEmpty());

    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken.inkml")));
    error.clear();
    QVERIFY(!inklens::service::saveInkDocument(dir.filePath(QStringLiteral("taken.inkml")),
                                               inklens::testing::loopInk(3), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("taken.inkml"))).isDir());
    QCOMPARE(readFile(previous), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("keep.inkml")});
}

// A folder the user may not write to: the save fails with a message, the file that was
// there is unchanged and no temporary file is left. (Root writes anyway: skipped.)
void TestDocuments::failedSaveInReadOnlyFolder()
{
    if (::geteuid() == 0)
        QSKIP("running as root: a read-only folder does not stop root");
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("locked")));
    const QString path = QDir(folder).filePath(QStringLiteral("ink.inkml"));
    QVERIFY(inklens::service::saveInkDocument(path, inklens::testing::loopInk(2)));
    const QByteArray before = readFile(path);
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));

    QString error;
    const bool saved = inklens::service::saveInkDocument(path, inklens::testing::loopInk(5),
                                                         &error);
    const QStringList left = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner
                                      | QFile::ExeOwner);  // let cleanup work
    QVERIFY(!saved);
    QVERIFY(!error.isEmpty());
    qDebug("message: %s", qPrintable(error));
    QCOMPARE(readFile(path), before);
    QCOMPARE(left, QStringList{QStringLiteral("ink.inkml")});
}

QTEST_GUILESS_MAIN(TestDocuments)
#include "test_documents.moc"
