#include "writing_language.h"

#include <QDir>
#include <QFileInfo>

namespace inklens::service {

namespace {

struct Entry
{
    const char* code;
    const char* name;      // endonym
    const char* wordList;  // file name in /usr/share/dict (Debian package)
};

// Debian 12: wamerican, wfrench, wngerman, wspanish.
constexpr Entry kLanguages[] = {
    {"en", "English", "american-english"},
    {"fr", "Français", "french"},
    {"de", "Deutsch", "ngerman"},
    {"es", "Español", "spanish"},
};

const Entry* find(const QString& code)
{
    for (const Entry& e : kLanguages)
        if (code == QLatin1String(e.code))
            return &e;
    return nullptr;
}

}  // namespace

const QStringList& writingLanguages()
{
    static const QStringList codes = [] {
        QStringList out;
        for (const Entry& e : kLanguages)
            out << QString::fromLatin1(e.code);
        return out;
    }();
    return codes;
}

bool isWritingLanguage(const QString& code)
{
    return find(code) != nullptr;
}

QString writingLanguageName(const QString& code)
{
    const Entry* e = find(code);
    return e ? QString::fromUtf8(e->name) : code;
}

QString defaultWritingLanguage(const QString& uiLanguage)
{
    const QString code = uiLanguage.left(2).toLower();
    return isWritingLanguage(code) ? code : QStringLiteral("en");
}

QString languageModelFileFor(const QString& modelPath, const QString& code)
{
    if (!isWritingLanguage(code) || modelPath.isEmpty())
        return {};
    const QString file = QFileInfo(modelPath).absolutePath() + QStringLiteral("/lang/") + code
                         + QStringLiteral(".lm");
    return QFileInfo(file).isFile() ? file : QString();
}

QString wordListFileFor(const QString& code, const QString& dictionaryFolder)
{
    const Entry* e = find(code);
    if (!e)
        return {};
    const QString file = QDir(dictionaryFolder).filePath(QString::fromLatin1(e->wordList));
    return QFileInfo(file).isFile() ? file : QString();
}

bool isWritingLanguageWordList(const QString& path, const QString& dictionaryFolder)
{
    if (path.isEmpty())
        return false;
    for (const Entry& e : kLanguages)
        if (QFileInfo(path)
            == QFileInfo(QDir(dictionaryFolder).filePath(QString::fromLatin1(e.wordList))))
            return true;
    return false;
}

}  // namespace inklens::service
