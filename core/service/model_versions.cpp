#include "model_versions.h"

#include "model/model_file.h"
#include "service/page_formats.h"
#include "service/recognition_service.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>
#include <memory>
#include <utility>
#include <exception>

namespace inklens::service {

namespace {
const QString kActiveKey = QStringLiteral("model/active");
const QString kSuffix = QStringLiteral(".safetensors");

double number(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : -1;
}
QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The writing languages' language models beside the base (lang/<code>.lm, see
// writing_language.h) into <dir>/lang, shared by the versions there, so that a version
// reads a language as its base did. Best effort: without them a version reads with its
// own language model (the base's, copied by saveFineTuned).
void copyLanguageModels(const QString& basePath, const QString& dir)
{
    if (basePath.isEmpty())
        return;
    const QDir from(QFileInfo(basePath).absolutePath() + QStringLiteral("/lang"));
    const QDir to(dir + QStringLiteral("/lang"));
    if (!from.exists() || from.canonicalPath() == to.canonicalPath() || !QDir().mkpath(to.path()))
        return;
    for (const QFileInfo& f : from.entryInfoList({QStringLiteral("*.lm")}, QDir::Files)) {
        const QString target = to.filePath(f.fileName());
        const QByteArray bytes = readAll(f.absoluteFilePath());
        if (bytes.isEmpty()
            || (QFileInfo(target).size() == bytes.size() && readAll(target) == bytes))
            continue;
        saveAtomically(target, bytes);  // all or nothing (a full disk keeps the old one)
    }
}
}  // namespace

ModelVersions::ModelVersions(QString dir) : m_dir(dir.isEmpty() ? defaultDir() : std::move(dir)) { }

QString ModelVersions::defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/models");
}

ModelVersion ModelVersions::read(const QString& path)
{
    ModelVersion v;
    const QFileInfo info(path);
    v.path = info.absoluteFilePath();
    v.name = info.completeBaseName();
    v.created = info.lastModified().toUTC();
    std::string provenance;
    try {
        provenance = model::loadModel(path.toStdString()).provenance;
    } catch (const std::exception& e) {
        v.error = QString::fromUtf8(e.what());
        return v;
    }
    const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(provenance)).object();
    v.baseModel = p.value(QStringLiteral("fine_tuned_from")).toString();
    const QDateTime date = QDateTime::fromString(p.value(QStringLiteral("date")).toString(),
                                                 Qt::ISODate);
    if (date.isValid())
        v.created = date.toUTC();
    v.trainingSamples = int(number(p, "training_samples"));
    v.heldOutSamples = int(number(p, "held_out_samples"));
    v.adapt = p.value(QStringLiteral("adapt")).toString();
    v.heldOutBefore = number(p, "held_out_cer_before");
    v.heldOutAfter = number(p, "held_out_cer_after");
    v.generalBefore = number(p, "general_cer_before");
    v.generalAfter = number(p, "general_cer_after");
    v.generalSet = p.value(QStringLiteral("general_set")).toString();
    return v;
}

std::vector<ModelVersion> ModelVersions::list() const
{
    std::vector<ModelVersion> versions;
    const QDir dir(m_dir);
    for (const QFileInfo& f : dir.entryInfoList({QLatin1Char('*') + kSuffix}, QDir::Files))
        versions.push_back(read(f.absoluteFilePath()));
    std::stable_sort(versions.begin(), versions.end(),
                     [](const ModelVersion& a, const ModelVersion& b) {
        return a.created != b.created ? a.created > b.created : a.name > b.name;
    });
    return versions;
}

std::optional<ModelVersion> ModelVersions::add(const FineTuningResult& result,
                                               const FineTuningOptions& options,
                                               const QString& basePath,
                                               const QString& samplesSource, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!QDir().mkpath(m_dir))
        return fail(QCoreApplication::translate("inklens::service", "cannot create the folder %1")
                        .arg(QDir::toNativeSeparators(m_dir)));
    const QString stem = QStringLiteral("finetuned-")
                         + QDateTime::currentDateTimeUtc().toString(
                             QStringLiteral("yyyyMMdd-HHmmss"));
    QString path = m_dir + QLatin1Char('/') + stem + kSuffix;
    for (int k = 2; QFileInfo::exists(path); ++k)
        path = m_dir + QLatin1Char('/') + stem + QLatin1Char('-') + QString::number(k) + kSuffix;
    try {
        saveFineTuned(result, options, basePath.toStdString(), samplesSource.toStdString(),
                      path.toStdString());
    } catch (const std::exception& e) {
        // The model is written atomically (nothing is left on failure); a language model
        // that could not be copied beside it would leave a version without one: remove both.
        QFile::remove(path);
        return fail(QString::fromUtf8(e.what()));
    }
    copyLanguageModels(basePath, m_dir);
    ModelVersion v = read(path);
    if (!v.ok())
        return fail(v.error);
    return v;
}

QString ModelVersions::activePath()
{
    return QSettings().value(kActiveKey).toString();
}

void ModelVersions::setActivePath(const QString& path)
{
    QSettings settings;
    if (path.isEmpty())
        settings.remove(kActiveKey);
    else
        settings.setValue(kActiveKey, QFileInfo(path).absoluteFilePath());
}

QString ModelVersions::startupModelPath()
{
    const QString path = activePath();
    return !path.isEmpty() && QFileInfo(path).isFile() ? path : QString();
}

void loadStartupModel(RecognitionService& service)
{
    const QString path = ModelVersions::startupModelPath();
    if (path.isEmpty()) {
        service.loadModel();
        return;
    }
    // Whichever comes first, once: loaded (done) or failed (forget it, load the bundled one).
    auto connections =
        std::make_shared<std::pair<QMetaObject::Connection, QMetaObject::Connection>>();
    auto done = [connections] {
        QObject::disconnect(connections->first);
        QObject::disconnect(connections->second);
    };
    connections->first = QObject::connect(&service, &RecognitionService::modelLoaded, &service,
                                          done);
    connections->second = QObject::connect(&service, &RecognitionService::modelFailed, &service,
                                           [&service, done] {
        done();
        ModelVersions::setActivePath({});
        service.loadModel();
    });
    service.loadModel(path);
}

}  // namespace inklens::service
