#pragma once
// The language of the writing: which character language model and which word list the
// beam search uses. One per language (English, French, German, Spanish); the files and
// the recipe: scripts/build-language-models.sh, docs/model.md "The language of the writing".
//
//   language model  <model folder>/lang/<code>.lm beside the model file (the bundled
//                   model: share/inklens/models/lang/); a language without its own file
//                   reads with the model's own <model>.lm (French for the bundled model:
//                   default.lm, built from its French training transcriptions)
//   word list       Debian's list in /usr/share/dict when it is installed (wamerican,
//                   wfrench, wngerman, wspanish); none otherwise
//
// Qt Core only.

#include <QString>
#include <QStringList>

namespace inklens::service {

// The codes of the languages InkLens reads, English first: "en", "fr", "de", "es".
const QStringList& writingLanguages();
bool isWritingLanguage(const QString& code);
// "auto": every language at once, the best-scored reading of each line kept
// (reading::ReadOptions::languages; service::loadModel loads them all).
inline const QString kAutomaticLanguage = QStringLiteral("auto");
// A language to choose: one of writingLanguages() or kAutomaticLanguage.
inline bool isWritingLanguageChoice(const QString& code)
{
    return isWritingLanguage(code) || code == kAutomaticLanguage;
}
// The language's own name ("Deutsch"): shown as is in every user-interface language.
QString writingLanguageName(const QString& code);
// The default for a user-interface language ("de", "fr-CA", ...): its language when
// InkLens reads it, English otherwise.
QString defaultWritingLanguage(const QString& uiLanguage);

// The language model file of `code` for the model at modelPath (<dir>/lang/<code>.lm)
// when that file exists; empty otherwise (the model's own language model is used).
QString languageModelFileFor(const QString& modelPath, const QString& code);
// The word list of `code` (its file in dictionaryFolder, /usr/share/dict by default)
// when it exists; empty otherwise.
QString wordListFileFor(const QString& code,
                        const QString& dictionaryFolder = QStringLiteral("/usr/share/dict"));
// Whether path is the word list of some language (in the same folder): a list that
// follows the language (the user did not pick a file of their own).
bool isWritingLanguageWordList(const QString& path,
                               const QString& dictionaryFolder = QStringLiteral("/usr/share/dict"));

}  // namespace inklens::service
