#include "model_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace inklens::service {

QStringList modelSearchPath()
{
    QStringList paths;
    const QString fromEnv = qEnvironmentVariable("INKLENS_MODEL");
    if (!fromEnv.isEmpty())
        paths << fromEnv;
    if (QCoreApplication::instance()) {
        paths << QDir::cleanPath(QCoreApplication::applicationDirPath()
                                 + QStringLiteral("/../share/inklens/models/default.safetensors"));
    }
#ifdef INKLENS_SOURCE_MODEL
    paths << QDir::cleanPath(QStringLiteral(INKLENS_SOURCE_MODEL));
#endif
    return paths;
}

QString defaultModelPath(QString* searched)
{
    const QStringList paths = modelSearchPath();
    if (searched) {
        QStringList shown = paths;
        if (qEnvironmentVariableIsEmpty("INKLENS_MODEL"))
            shown.prepend(QStringLiteral("$INKLENS_MODEL (unset)"));
        *searched = shown.join(QStringLiteral(", "));
    }
    for (const QString& path : paths) {
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

QString noModelMessage(const QString& searched)
{
    return QCoreApplication::translate("inklens::service",
                                       "no model found; searched: %1; pass --model FILE")
        .arg(searched.isEmpty() ? QCoreApplication::translate("inklens::service", "(nothing)")
                                : searched);
}

}  // namespace inklens::service
