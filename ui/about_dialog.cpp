#include "about_dialog.h"

#include "app_info.h"
#include "imaging/opencv_version.h"
#include "nn/kernels.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStringList>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#ifndef INKLENS_BUILD_TYPE
#error "INKLENS_BUILD_TYPE must be defined by the build (ui/CMakeLists.txt)"
#endif

namespace inklens::ui {

namespace {

QString link(const QString& url)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(url, url.toHtmlEscaped());
}

// The first of Debian's copyright files of `packages` that this computer has, as a link;
// empty when none.
QString debianCopyright(const QStringList& packages)
{
    for (const QString& package : packages) {
        const QString path = QStringLiteral("/usr/share/doc/%1/copyright").arg(package);
        if (QFileInfo(path).isFile())
            return QStringLiteral("<a href=\"%1\">%2</a>")
                .arg(QUrl::fromLocalFile(path).toString(), path.toHtmlEscaped());
    }
    return {};
}

QString compiler()
{
#if defined(__clang__)
    return QStringLiteral("Clang " __clang_version__);
#elif defined(__GNUC__)
    return QStringLiteral("GCC " __VERSION__);
#else
    return QStringLiteral("?");
#endif
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td valign=\"top\"><b>%1</b>&nbsp;</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

}  // namespace

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    auto* icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/icons/inklens.svg")).pixmap(64, 64));
    m_title = new QLabel;
    m_title->setTextFormat(Qt::RichText);
    auto* header = new QHBoxLayout;
    header->addWidget(icon);
    header->addWidget(m_title, 1);

    m_tabs = new QTabWidget;
    for (const char* name : {"aboutPage", "buildPage", "licencesPage", "creditsPage"}) {
        auto* page = new QTextBrowser;
        page->setObjectName(QString::fromLatin1(name));
        page->setOpenExternalLinks(true);
        m_tabs->addTab(page, QString());
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(640, 520);
    retranslate();
}

QTextBrowser* AboutDialog::page(int index) const
{
    return qobject_cast<QTextBrowser*>(m_tabs->widget(index));
}

void AboutDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void AboutDialog::retranslate()
{
    setWindowTitle(tr("About InkLens"));
    m_title->setText(QStringLiteral("<h2>InkLens %1</h2>").arg(applicationVersion()));
    const QString texts[] = {aboutText(), buildText(), licencesText(), creditsText()};
    const QString titles[] = {tr("&About"), tr("&Build"), tr("&Licences"), tr("&Credits")};
    for (int i = 0; i < m_tabs->count(); ++i) {
        m_tabs->setTabText(i, titles[i]);
        page(i)->setHtml(texts[i]);
    }
}

QString AboutDialog::buildText()
{
    const nn::KernelInfo kernels = nn::kernelInfo();
    QString rows = row(tr("Version"), applicationVersion())
                   + row(tr("Build type"), QStringLiteral(INKLENS_BUILD_TYPE))
                   + row(tr("Compiler"), compiler())
                   + row(QStringLiteral("Qt"),
                         tr("built with %1, running on %2")
                             .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())))
                   + row(QStringLiteral("OpenCV"),
                         QString::fromStdString(imaging::openCvVersion()));
    // The engine's own report, as `inklens --version` prints it: "label: value" lines.
    const QStringList lines = QString::fromStdString(kernels.text()).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const qsizetype colon = line.indexOf(QStringLiteral(": "));
        rows += colon < 0 ? row(QString(), line) : row(line.left(colon), line.mid(colon + 2));
    }
    return QStringLiteral("<h3>%1</h3><table cellspacing=\"2\">%2</table><p>%3</p>")
        .arg(tr("This copy and this computer"), rows,
             tr("<tt>inklens --version</tt> prints the same; <tt>inklens bench</tt> times "
                "the kernels."));
}

QString AboutDialog::licencesText()
{
    const nn::KernelInfo kernels = nn::kernelInfo();
    struct Library
    {
        QString name, licence, url;
        QStringList debianPackages;  // whose /usr/share/doc/<package>/copyright to show
    };
    const Library libraries[] = {
        {QStringLiteral("Qt ") + QString::fromLatin1(qVersion()),
         tr("GNU Lesser General Public License version 3 (or GNU GPL version 2 or 3). "
            "InkLens links Qt dynamically: the Qt libraries can be replaced by another build "
            "of them. Help > About Qt tells more."),
         QStringLiteral("https://doc.qt.io/qt-6/licensing.html"),
         {QStringLiteral("libqt6core6")}},
        {QStringLiteral("Eigen ") + QString::fromStdString(kernels.eigenVersion),
         tr("Mozilla Public License 2.0. Eigen is a library of C++ templates compiled into "
            "InkLens; its source code is at %1.")
             .arg(link(QStringLiteral("https://eigen.tuxfamily.org"))),
         QStringLiteral("https://www.mozilla.org/MPL/2.0/"),
         {QStringLiteral("libeigen3-dev")}},
        {QStringLiteral("OpenCV ") + QString::fromStdString(imaging::openCvVersion()),
         tr("Apache License 2.0 (its core and image processing modules, linked "
            "dynamically)."),
         QStringLiteral("https://opencv.org/license/"),
         {QStringLiteral("libopencv-core406"), QStringLiteral("libopencv-core-dev")}},
        {kernels.gemmLibrary.empty() ? QStringLiteral("OpenBLAS")
                                     : QString::fromStdString(kernels.gemmLibrary),
         tr("BSD 3-clause licence (the matrix products, linked dynamically)."),
         QStringLiteral("https://github.com/OpenMathLib/OpenBLAS/blob/develop/LICENSE"),
         {QStringLiteral("libopenblas0-openmp"), QStringLiteral("libopenblas0-pthread"),
          QStringLiteral("libopenblas0-serial"), QStringLiteral("libopenblas0")}},
    };
    QString items;
    for (const Library& library : libraries) {
        QString where = tr("Read it at %1.").arg(link(library.url));
        const QString local = debianCopyright(library.debianPackages);
        if (!local.isEmpty())
            where += QLatin1Char(' ') + tr("On this computer: %1.").arg(local);
        items += QStringLiteral("<li><b>%1</b>: %2<br>%3</li>")
                     .arg(library.name.toHtmlEscaped(), library.licence, where);
    }
    QString text = QStringLiteral("<h3>%1</h3><p>%2</p><ul>%3</ul>")
                       .arg(tr("Libraries"),
                            tr("InkLens is built on these libraries, each under its own "
                               "licence:"),
                            items);
    const QString copyright = installedCopyrightFile();
    if (!copyright.isEmpty()) {
        text += QStringLiteral("<p>%1</p>")
                    .arg(tr("Every licence and credit of this copy: %1.")
                             .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                                      .arg(QUrl::fromLocalFile(copyright).toString(),
                                           QDir::toNativeSeparators(copyright).toHtmlEscaped())));
    }
    return text;
}

QString AboutDialog::creditsText()
{
    const QString fonts = QStringLiteral(
        "Caveat, Cedarville Cursive, Dancing Script, Gochi Hand, Indie Flower, Kalam, "
        "La Belle Aurore, Nothing You Could Do, Patrick Hand, Reenie Beanie, Shadows Into "
        "Light, dkg handwriting");
    return QStringLiteral("<h3>%1</h3><p>%2</p><ul><li>%3</li><li>%4</li></ul><p>%5</p>"
                          "<p>%6</p><h3>%7</h3><p>%8</p>")
        .arg(tr("Training data"),
             tr("The bundled model learned to read from these collections of handwritten "
                "lines:"),
             tr("<b>Copiste d'un jour</b>: Bibliothèque et Archives nationales du Québec "
                "(BAnQ), CC BY 4.0."),
             tr("<b>Testaments de Poilus</b>: CREMMA, CC BY 4.0; documents of the Archives "
                "nationales, the Archives départementales des Yvelines and du Val-d'Oise, "
                "transcribed by volunteers."),
             tr("It also learned from synthetic lines, drawn in handwriting fonts under the "
                "SIL Open Font License 1.1 (%1; Homemade Apple: Apache License 2.0) and in "
                "the Hershey fonts (created by Dr. A. V. Hershey at the U.S. National Bureau "
                "of Standards; data format by James Hurt, Cognition, Inc.).")
                 .arg(fonts),
             tr("CC BY 4.0: %1")
                 .arg(link(QStringLiteral("https://creativecommons.org/licenses/by/4.0/"))),
             tr("Language models"),
             tr("The language models count the training transcriptions and Debian's word "
                "lists: wamerican and wbritish (SCOWL) for English, wspanish (public domain) "
                "for Spanish. German's is made from wngerman (GPL) by a build from source and "
                "is not distributed."));
}

QString AboutDialog::installedCopyrightFile()
{
    if (!QCoreApplication::instance())
        return {};
    const QString path = QDir::cleanPath(QCoreApplication::applicationDirPath()
                                         + QStringLiteral("/../share/doc/inklens/copyright"));
    return QFileInfo(path).isFile() ? path : QString();
}

void showAboutDialog(QWidget* parent)
{
    auto* dialog = parent->findChild<AboutDialog*>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = new AboutDialog(parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

}  // namespace inklens::ui
