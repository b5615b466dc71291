// inklens blend: a model between two of the same network, base + alpha (tuned - base),
// weights and batch-norm statistics alike (service::interpolateModels, the step fine-tuning
// ends with). A fine-tuned model blended back towards its base keeps most of what it
// learned and forgets less of what the base knew (weight-space ensembling, WiSE-FT);
// the bundled model's recipe uses it (scripts/train-default-model.sh, stage 8).
#include "cli.h"
#include "cli_common.h"

#include "model/model_file.h"
#include "service/fine_tuning.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace inklens::cli {

int runBlend(const QStringList& args)
{
    CommandLine command("blend",
                        QStringLiteral("Write base + ALPHA (tuned - base) of two models of the "
                                       "same network and charset (weights and batch-norm "
                                       "statistics)."));
    QCommandLineParser& p = command.parser();
    const QCommandLineOption baseOpt(QStringLiteral("base"), QStringLiteral("The base model."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tunedOpt(QStringLiteral("tuned"),
                                      QStringLiteral("The model trained from the base."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption alphaOpt(QStringLiteral("alpha"),
                                      QStringLiteral("0 = the base, 1 = the tuned model."),
                                      QStringLiteral("A"));
    const QCommandLineOption outOpt(QStringLiteral("out"),
                                    QStringLiteral("The model to write (replaced atomically)."),
                                    QStringLiteral("FILE"));
    p.addOptions({baseOpt, tunedOpt, alphaOpt, outOpt});
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    for (const QCommandLineOption* o : {&baseOpt, &tunedOpt, &alphaOpt, &outOpt})
        if (p.value(*o).isEmpty())
            return command.usageError(QStringLiteral("needs --%1").arg(o->names().constFirst()));
    bool ok = false;
    const double alpha = p.value(alphaOpt).toDouble(&ok);
    if (!ok || !(alpha >= 0 && alpha <= 1))
        return command.usageError(QStringLiteral("--alpha must be a number from 0 to 1"));
    const QString basePath = p.value(baseOpt), tunedPath = p.value(tunedOpt), out = p.value(outOpt);
    try {
        const model::Model base = model::loadModel(QFile::encodeName(basePath).toStdString());
        const model::Model tuned = model::loadModel(QFile::encodeName(tunedPath).toStdString());
        if (base.crnn.spec().toJson() != tuned.crnn.spec().toJson())
            return command.failure(QStringLiteral("%1 and %2 are not the same network")
                                       .arg(basePath, tunedPath));
        if (!(base.charset == tuned.charset))
            return command.failure(QStringLiteral("%1 and %2 do not have the same charset")
                                       .arg(basePath, tunedPath));
        model::Model blended = service::interpolateModels(base, tuned, static_cast<float>(alpha));
        QJsonObject provenance;
        provenance.insert(QStringLiteral("blend"),
                          QJsonObject{{QStringLiteral("base"), basePath},
                                      {QStringLiteral("tuned"), tunedPath},
                                      {QStringLiteral("alpha"), alpha}});
        provenance.insert(QStringLiteral("tuned"),
                          QJsonDocument::fromJson(QByteArray::fromStdString(tuned.provenance))
                              .object());
        blended.provenance =
            QJsonDocument(provenance).toJson(QJsonDocument::Compact).toStdString();
        model::saveModel(QFile::encodeName(out).toStdString(), blended);
    } catch (const std::exception& e) {
        return command.failure(QString::fromUtf8(e.what()));
    }
    std::fprintf(stderr, "inklens blend: %s + %.3g (%s - base) -> %s\n", qPrintable(basePath),
                 alpha, qPrintable(tunedPath), qPrintable(out));
    return 0;
}

}  // namespace inklens::cli
