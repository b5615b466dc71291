#pragma once
// Loading a recognition model for reading, the one way for the command line and the
// recognition service: the model file (or service::defaultModelPath()), its character
// language model and a word list for its charset. Results and problems come back as
// values; the callers print them or emit them.

#include "ctc/lexicon.h"
#include "model/model_file.h"
#include "reading/reader.h"

#include <QString>

#include <memory>

namespace inklens::service {

struct ModelRequest
{
    QString path;  // empty: defaultModelPath()
    // The language model: empty = <model>.lm beside the model file when it exists (one that
    // does not load is a warning and the model reads without it); a file = that one, which
    // must load.
    QString languageModel;
    bool noLanguageModel = false;  // none at all
    // The language of the writing (writing_language.h), when languageModel is empty: its
    // language model beside the model (lang/<code>.lm), which must load when it exists;
    // without one, the model's own. "" = the model's own. kAutomaticLanguage: the model's own,
    // and every language in LoadedModel::languages.
    QString language;
    QString wordList;  // empty: none; otherwise it must load (loadWordList)
};

// What a reader decodes with besides ReadOptions: the word list in use and, for the
// automatic writing language, every language (the recognition worker's; a loaded model's).
struct DecodingInUse
{
    std::shared_ptr<const ctc::Lexicon> lexicon;       // null: none
    std::vector<reading::DecodingLanguage> languages;  // empty: one language
    // Into options: the word list unless options has one; the languages unless options has
    // some, each with the word list instead of its own when there is one (a list the user
    // chose: none follows the automatic language).
    void useIn(reading::ReadOptions& options) const;
};

struct LoadedModel
{
    std::shared_ptr<const model::Model> model;  // null when error is set
    std::shared_ptr<const ctc::Lexicon>
        wordList;               // for the model's charset; null when none was asked
    QString path;               // the model file used or tried; empty when none was found
    QString languageModelPath;  // the language model file in use; empty when none
    // language kAutomaticLanguage: every writing language (loadWritingLanguages); the word
    // list, when one was asked, replaces theirs where DecodingInUse::useIn applies them.
    std::vector<reading::DecodingLanguage> languages;
    // Why there is no model, one of (translated, context "inklens::service"):
    //   noModelMessage(...)                      nothing found (no path given)
    //   "cannot load model PATH: WHY"            the model file
    //   "cannot load language model: WHY"        the language model asked for (--lm, or
    //                                            the language's file)
    //   loadWordList's message                   the word list
    QString error;
    bool languageModelError = false;  // error is about the language model asked for
    // The language model beside the model did not load: why (the model reads without it).
    QString languageModelWarning;
    bool ok() const { return model != nullptr; }
};

LoadedModel loadModel(const ModelRequest& request);
// The network of a model in memory (read from request.path, which must be set) with the
// request's language model and word list instead of its own, without reading the model
// file again: a change of writing language cannot fail on the model file (replaced or
// damaged since). Errors as loadModel's, the language model's and the word list's only.
LoadedModel withLanguageModel(const model::Model& current, const ModelRequest& request);

// Every writing language for a model in memory whose file is modelPath (writing_language.h):
// its language model beside the model (lang/<code>.lm; the model's own when there is none
// or it does not load) and its word list from dictionaryFolder (none when there is none or
// it does not load). Problems, one line each, go to *warnings (if given).
std::vector<reading::DecodingLanguage> loadWritingLanguages(
    const model::Model& model, const QString& modelPath, QStringList* warnings = nullptr,
    const QString& dictionaryFolder = QStringLiteral("/usr/share/dict"));

struct LoadedWordList
{
    std::shared_ptr<const ctc::Lexicon> lexicon;  // null when error is set
    QString error;                                // model::loadLexicon's message (names the file)
};

// A word list (model::loadLexicon) for a charset. Never throws.
LoadedWordList loadWordList(const QString& path, const model::Charset& charset);

}  // namespace inklens::service
