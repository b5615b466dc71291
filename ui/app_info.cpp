#include "app_info.h"

#include <QCoreApplication>
#include <QGuiApplication>

#ifndef INKLENS_VERSION
#error "INKLENS_VERSION must be defined by the build (ui/CMakeLists.txt)"
#endif

namespace inklens::ui {

QString applicationVersion()
{
    return QStringLiteral(INKLENS_VERSION);
}

void setApplicationInfo()
{
    QCoreApplication::setOrganizationName(QStringLiteral("InkLens"));
    QCoreApplication::setApplicationName(QStringLiteral("InkLens"));
    QCoreApplication::setApplicationVersion(applicationVersion());
    QGuiApplication::setApplicationDisplayName(QStringLiteral("InkLens"));
    QGuiApplication::setDesktopFileName(QStringLiteral("inklens"));
}

}  // namespace inklens::ui
