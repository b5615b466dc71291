#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>
#include <QtDebug>

namespace inklens::ui {

const QList<Language>& supportedLanguages()
{
    // Endonyms are deliberately not translated: a reader looks for their own
    // language under its own name.
    static const QList<Language> languages = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("fr"), QStringLiteral("Fran\u00e7ais")},
        {QStringLiteral("es"), QStringLiteral("Espa\u00f1ol")},
    };
    return languages;
}

namespace {

bool isSupported(const QString& code)
{
    for (const Language& language : supportedLanguages()) {
        if (language.code == code)
            return true;
    }
    return false;
}

// "de-DE" / "de_DE" / "DE" -> "de"
QString primaryCode(const QString& tag)
{
    return tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
}

}  // namespace

QString resolveLanguage(const QString& setting, const QStringList& uiLanguages)
{
    if (!setting.isEmpty())
        return isSupported(setting) ? setting : QStringLiteral("en");
    for (const QString& tag : uiLanguages) {
        const QString code = primaryCode(tag);
        if (isSupported(code))
            return code;
    }
    return QStringLiteral("en");
}

Translator::Translator(QObject* parent) : QObject(parent) { }

Translator::~Translator()
{
    removeTranslators();
}

void Translator::removeTranslators()
{
    if (m_appTranslator)
        QCoreApplication::removeTranslator(m_appTranslator.get());
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
    m_appTranslator.reset();
    m_qtTranslator.reset();
}

QString Translator::setLanguage(const QString& setting)
{
    m_setting = isSupported(setting) ? setting : QString();
    const QString language = resolveLanguage(m_setting);
    const bool installed = m_appTranslator != nullptr;
    if (language == m_language && (installed || language == QLatin1String("en")))
        return m_language;

    removeTranslators();
    m_language = language;
    QLocale::setDefault(QLocale(language));
    if (language == QLatin1String("en"))
        return m_language;  // the source strings are English

    auto app = std::make_unique<QTranslator>();
    const QString qmFile = QStringLiteral(":/i18n/inklens_%1.qm").arg(language);
    if (app->load(qmFile)) {
        QCoreApplication::installTranslator(app.get());
        m_appTranslator = std::move(app);
    } else {
        qWarning("InkLens: cannot load translation %s", qPrintable(qmFile));
    }

    // Qt's own strings (standard buttons, About Qt). Optional: Debian ships them
    // in qt6-translations-l10n.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_qtTranslator = std::move(qt);
    }
    return m_language;
}

}  // namespace inklens::ui
