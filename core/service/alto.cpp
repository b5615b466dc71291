#include "service/alto.h"

#include <QCoreApplication>

namespace inklens::service {

// First version: not written yet (issue #14).
QByteArray altoXml(const PageReading&, const QString&)
{
    return {};
}

std::optional<PageReading> readAltoFile(const QString&, QString* error)
{
    if (error)
        *error = QStringLiteral("ALTO is not supported yet");
    return std::nullopt;
}

std::optional<PageReading> readAlto(const QByteArray&, QString* error)
{
    if (error)
        *error = QStringLiteral("ALTO is not supported yet");
    return std::nullopt;
}

}  // namespace inklens::service
