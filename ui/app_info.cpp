#include "app_info.h"

#include "nn/kernels.h"

#include <QCoreApplication>
#include <QGuiApplication>

#if !defined(INKLENS_VERSION) || !defined(INKLENS_APP_ID)
#error "INKLENS_VERSION and INKLENS_APP_ID must be defined by the build (ui/CMakeLists.txt)"
#endif

namespace inklens::ui {

QString applicationVersion()
{
    return QStringLiteral(INKLENS_VERSION);
}

QString aboutText()
{
    // Translated in the window's context, where the About box has always been.
    return QCoreApplication::translate(
               "inklens::ui::MainWindow",
               "<h3>InkLens %1</h3>"
               "<p>A handwriting recognizer you can see inside: a CRNN (convolutional layers, "
               "a bidirectional LSTM and CTC) on its own engine, showing its filters, feature "
               "maps and the alignment of every character to the ink.</p>"
               "<p>The bundled model is trained on <i>Copiste d'un jour</i> (BAnQ, CC BY 4.0) "
               "and <i>Testaments de Poilus</i> (CREMMA, CC BY 4.0: Archives nationales, "
               "AD Yvelines, AD Val-d'Oise and volunteers).</p>"
               "<p>Built with Qt %2, running on Qt %3.</p>")
               .arg(applicationVersion(), QStringLiteral(QT_VERSION_STR),
                    QString::fromLatin1(qVersion()))
           + QCoreApplication::translate("inklens::ui::MainWindow",
                                         "<p>Engine kernels on this computer: %1.</p>")
                 .arg(QString::fromStdString(nn::kernelInfo().summary()).toHtmlEscaped());
}

void setApplicationInfo()
{
    QCoreApplication::setOrganizationName(QStringLiteral("InkLens"));
    QCoreApplication::setApplicationName(QStringLiteral("InkLens"));
    QCoreApplication::setApplicationVersion(applicationVersion());
    QGuiApplication::setApplicationDisplayName(QStringLiteral("InkLens"));
    // The installed <app id>.desktop (cmake/InkLensInstall.cmake): Wayland's app id.
    QGuiApplication::setDesktopFileName(QStringLiteral(INKLENS_APP_ID));
}

}  // namespace inklens::ui
