#pragma once
// The user's fine-tuned models (issue #15): every model the user keeps is a version, one
// model file in the user's data folder (<AppDataLocation>/models/NAME.safetensors, with the
// base's language model NAME.lm beside it), its provenance in the file (saveFineTuned:
// base model, samples, date, CER before and after on the held-out samples and on the
// general set). Any version can be made the active model; rolling back makes the bundled
// model (service::defaultModelPath) active again. The bundled model is never written.
// Qt Core only.
//
//   ModelVersions versions;                                   // AppDataLocation/models
//   auto v = versions.add(result, options, basePath, "samples.sqlite", &error);
//   recognition.loadModel(v->path);  ModelVersions::setActivePath(v->path);
//   ...
//   ModelVersions::setActivePath({});                          // the bundled model
//
// Nothing is lost: versions are written atomically (model::saveModel) and never deleted
// here; a version file that does not load is listed with its error (and left where it is).

#include "service/fine_tuning.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>
#include <vector>

namespace inklens::service {

struct ModelVersion
{
    QString path;       // the model file
    QString name;       // its file name without the suffix, e.g. "finetuned-20261207-155446"
    QString baseModel;  // the model it was fine-tuned from (its file)
    QDateTime created;  // UTC, from the provenance (the file's time when missing)
    int trainingSamples = -1, heldOutSamples = -1;  // -1: unknown
    QString adapt;                                  // what adapted: "output", "lstm", "all"
    double heldOutBefore = -1, heldOutAfter = -1;   // CER (fractions); -1: unknown
    double generalBefore = -1, generalAfter = -1;
    QString generalSet;
    QString error;  // the file does not load: why (then only path, name, created)
    bool ok() const { return error.isEmpty(); }
};

class ModelVersions
{
public:
    // dir empty: defaultDir(). Nothing is created until add().
    explicit ModelVersions(QString dir = {});
    // <AppDataLocation>/models
    static QString defaultDir();
    QString dir() const { return m_dir; }

    // Every *.safetensors of the folder, newest first; a file that does not load is listed
    // with ModelVersion::error set. Loads each file (validation): call it off the GUI thread
    // when there are many.
    std::vector<ModelVersion> list() const;
    // The version in one file (error set when it does not load).
    static ModelVersion read(const QString& path);

    // Saves result as a new version (service::saveFineTuned: atomic, provenance, the base's
    // .lm beside it) under a new name made from the date; creates the folder. The writing
    // languages' language models beside the base (lang/*.lm) go to <dir>/lang, shared by
    // the versions, so that a version reads each language as its base did. The version,
    // or nullopt and *error (a read-only folder, a full disk); nothing half-written is left.
    std::optional<ModelVersion> add(const FineTuningResult& result,
                                    const FineTuningOptions& options, const QString& basePath,
                                    const QString& samplesSource, QString* error = nullptr);

    // The active model, remembered in the settings (QSettings "model/active"): the path of
    // a version, or empty for the bundled model.
    static QString activePath();
    static void setActivePath(const QString& path);
    // The model to load at start: activePath() when that file still exists, else empty
    // (the bundled model: service::defaultModelPath()).
    static QString startupModelPath();

private:
    QString m_dir;
};

class RecognitionService;
// At start: loads startupModelPath() into service, else the bundled model. A remembered
// version that does not load (damaged since) is forgotten and the bundled model loaded
// instead, so that the window never starts without a model because of it.
void loadStartupModel(RecognitionService& service);

}  // namespace inklens::service

Q_DECLARE_METATYPE(inklens::service::ModelVersion)
