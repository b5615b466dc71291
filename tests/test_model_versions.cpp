// service::ModelVersions: the user's kept fine-tuned models (issue #15): a kept model
// becomes a version with its provenance and the base's language model beside it; versions
// are listed newest first; a damaged version file is reported and left in place; the active
// model is remembered in the settings and rolling back forgets it; the base is never written.

#include "service/model_versions.h"
#include "test_models.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace inklens;
using service::ModelVersion;
using service::ModelVersions;

namespace {
QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

service::FineTuningResult keptResult(double heldOutAfter)
{
    service::FineTuningResult r(*testing::tinyModel(3));
    r.trainingSamples = 9;
    r.heldOutSamples = 3;
    r.heldOutBefore = 0.4;
    r.heldOutAfter = heldOutAfter;
    r.generalBefore = 0.1;
    r.generalAfter = 0.105;
    r.generalSet = "synthetic";
    r.better = true;
    return r;
}
}  // namespace

class TestModelVersions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void addListRead();
    void damagedVersionReported();
    void activeAndRollback();
    void unwritableFolder();

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
};

void TestModelVersions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("InkLensTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_model_versions"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
    QVERIFY(ModelVersions::defaultDir().endsWith(QStringLiteral("/models")));
}

void TestModelVersions::addListRead()
{
    const QString base = path(QStringLiteral("base.safetensors"));
    model::saveModel(base.toStdString(), *testing::tinyModel(1));
    writeFile(path(QStringLiteral("base.lm")), "language model bytes");
    QVERIFY(QDir().mkpath(path(QStringLiteral("lang"))));
    writeFile(path(QStringLiteral("lang/fr.lm")), "French language model");
    const QByteArray baseBytes = readAll(base);

    ModelVersions versions(path(QStringLiteral("models")));
    QVERIFY(versions.list().empty());  // no folder yet: nothing, no error
    QString error;
    const auto first = versions.add(keptResult(0.2), {}, base, QStringLiteral("samples.sqlite"),
                                    &error);
    QVERIFY2(first, qPrintable(error));
    QVERIFY(first->ok());
    QVERIFY(first->path.startsWith(versions.dir()));
    QCOMPARE(first->baseModel, base);
    QCOMPARE(first->trainingSamples, 9);
    QCOMPARE(first->heldOutSamples, 3);
    QCOMPARE(first->heldOutBefore, 0.4);
    QCOMPARE(first->heldOutAfter, 0.2);
    QCOMPARE(first->generalAfter, 0.105);
    QCOMPARE(first->adapt, QStringLiteral("lstm"));
    QVERIFY(first->created.isValid());
    // The language model of the base beside it; the model loads with it.
    QCOMPARE(readAll(QFileInfo(first->path).path() + QLatin1Char('/') + first->name
                     + QStringLiteral(".lm")),
             QByteArray("language model bytes"));

    // The writing languages' language models, shared by the versions (writing_language.h).
    QCOMPARE(readAll(versions.dir() + QStringLiteral("/lang/fr.lm")),
             QByteArray("French language model"));

    QTest::qWait(1100);  // a later second: a later date in the provenance
    const auto second = versions.add(keptResult(0.1), {}, base, QStringLiteral("samples.sqlite"),
                                     &error);
    QVERIFY2(second, qPrintable(error));
    QVERIFY(second->path != first->path);
    const auto list = versions.list();
    QCOMPARE(int(list.size()), 2);
    QCOMPARE(list[0].path, second->path);  // newest first
    QCOMPARE(list[0].heldOutAfter, 0.1);
    QCOMPARE(list[1].path, first->path);
    QCOMPARE(readAll(base), baseBytes);  // the base is never written
}

void TestModelVersions::damagedVersionReported()
{
    ModelVersions versions(path(QStringLiteral("damaged")));
    QVERIFY(QDir().mkpath(versions.dir()));
    const QString good = versions.dir() + QStringLiteral("/good.safetensors");
    model::saveModel(good.toStdString(), *testing::tinyModel(2));
    const QString bad = versions.dir() + QStringLiteral("/bad.safetensors");
    QByteArray bytes = readAll(good);
    bytes.truncate(bytes.size() / 2);
    writeFile(bad, bytes);

    const auto list = versions.list();
    QCOMPARE(int(list.size()), 2);
    int damaged = 0;
    for (const ModelVersion& v : list) {
        if (v.path.endsWith(QStringLiteral("bad.safetensors"))) {
            ++damaged;
            QVERIFY(!v.ok());
            QVERIFY2(!v.error.isEmpty(), qPrintable(v.path));
        } else {
            QVERIFY2(v.ok(), qPrintable(v.error));
            QCOMPARE(v.trainingSamples, -1);  // no provenance of a fine-tuning
        }
    }
    QCOMPARE(damaged, 1);
    QCOMPARE(readAll(bad), bytes);  // reported, left as it was
}

void TestModelVersions::activeAndRollback()
{
    QVERIFY(ModelVersions::activePath().isEmpty());
    QVERIFY(ModelVersions::startupModelPath().isEmpty());
    const QString v = path(QStringLiteral("active.safetensors"));
    model::saveModel(v.toStdString(), *testing::tinyModel(4));
    ModelVersions::setActivePath(v);
    QCOMPARE(ModelVersions::activePath(), QFileInfo(v).absoluteFilePath());
    QCOMPARE(ModelVersions::startupModelPath(), QFileInfo(v).absoluteFilePath());
    // A version that went away: the bundled model at start (the setting stays, harmless).
    QVERIFY(QFile::rename(v, v + QStringLiteral(".moved")));
    QVERIFY(ModelVersions::startupModelPath().isEmpty());
    QVERIFY(QFile::rename(v + QStringLiteral(".moved"), v));
    ModelVersions::setActivePath({});  // roll back
    QVERIFY(ModelVersions::activePath().isEmpty());
    QVERIFY(ModelVersions::startupModelPath().isEmpty());
}

void TestModelVersions::unwritableFolder()
{
    // A file where the folder should be: a clear error, nothing written.
    const QString blocker = path(QStringLiteral("blocker"));
    writeFile(blocker, "not a folder");
    ModelVersions versions(blocker + QStringLiteral("/models"));
    QString error;
    const auto v = versions.add(keptResult(0.2), {}, {}, QStringLiteral("s"), &error);
    QVERIFY(!v);
    QVERIFY2(error.contains(QStringLiteral("blocker")), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestModelVersions)
#include "test_model_versions.moc"
