#pragma once
// The user-interface language: which languages ship, which one a setting means,
// and the translators installed on the application for it.
#include <QList>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace inklens::ui {

struct Language
{
    QString code;        // ISO 639-1: "en", "de", ...
    QString nativeName;  // endonym ("Deutsch"): shown as is in every language
};

// The languages InkLens ships, English (the source language) first.
const QList<Language>& supportedLanguages();

// The language shown for a setting.
//   setting:     "" (follow the system) or a code from supportedLanguages()
//   uiLanguages: the system's preferred languages, best first ("de-DE", "fr", ...)
// ensures: a code from supportedLanguages(). An empty setting takes the first
// shipped language among uiLanguages; English comes first or nothing matches
// -> "en". An unknown setting -> "en".
QString resolveLanguage(const QString& setting,
                        const QStringList& uiLanguages = QLocale::system().uiLanguages());

// Owns the translators installed on the application (InkLens's own strings from
// :/i18n/inklens_<code>.qm, and Qt's from the system when they are installed).
// setLanguage() swaps them; Qt then sends QEvent::LanguageChange to every widget,
// which retranslates in changeEvent(). One per application; requires a
// QCoreApplication. The destructor removes the translators.
class Translator : public QObject
{
    Q_OBJECT
public:
    explicit Translator(QObject* parent = nullptr);
    ~Translator() override;

    // setting: as for resolveLanguage(). Returns the language now shown.
    QString setLanguage(const QString& setting);

    QString setting() const { return m_setting; }    // "" = system default
    QString language() const { return m_language; }  // what is shown

private:
    void removeTranslators();

    std::unique_ptr<QTranslator> m_appTranslator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    QString m_setting;
    QString m_language = QStringLiteral("en");
};

}  // namespace inklens::ui
