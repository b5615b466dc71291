#include "model_loading.h"

#include "model/word_lexicon.h"
#include "service/model_locator.h"
#include "service/writing_language.h"

#include <QCoreApplication>
#include <QFile>

namespace inklens::service {

namespace {

// The request's language model attached to model (read from path), its file and problems
// noted in out; false when the one asked for did not load (out.error says why).
bool attachLanguageModel(model::Model& model, const QString& path, const ModelRequest& request,
                         LoadedModel& out)
{
    QString asked = request.languageModel;  // empty: the one beside the model, if any
    if (asked.isEmpty() && isWritingLanguage(request.language))
        asked = languageModelFileFor(path, request.language);
    const std::string lmPath = request.noLanguageModel ? std::string("-")
                                                       : QFile::encodeName(asked).toStdString();
    std::string lmProblem, lmUsed;
    model::attachLanguageModel(model, QFile::encodeName(path).toStdString(), lmPath, &lmProblem,
                               &lmUsed);
    out.languageModelPath = QFile::decodeName(lmUsed.c_str());
    if (!lmProblem.empty()) {
        if (!asked.isEmpty() && !request.noLanguageModel) {
            out.error = QCoreApplication::translate("inklens::service",
                                                    "cannot load language model: %1")
                            .arg(QString::fromUtf8(lmProblem.c_str()));
            out.languageModelError = true;
            return false;
        }
        out.languageModelWarning = QString::fromUtf8(lmProblem.c_str());
    }
    return true;
}

// The word list asked for, for the model's charset; then the model is out's.
LoadedModel finish(std::shared_ptr<const model::Model> loaded, const ModelRequest& request,
                   LoadedModel out)
{
    if (!request.wordList.isEmpty()) {
        LoadedWordList list = loadWordList(request.wordList, loaded->charset);
        if (!list.lexicon) {
            out.error = list.error;
            return out;
        }
        out.wordList = std::move(list.lexicon);
    }
    if (request.language == kAutomaticLanguage) {
        QStringList warnings;
        out.languages = loadWritingLanguages(*loaded, out.path, &warnings);
        if (!warnings.isEmpty() && out.languageModelWarning.isEmpty())
            out.languageModelWarning = warnings.join(QStringLiteral("; "));
        for (reading::DecodingLanguage& language : out.languages) {
            if (!request.noLanguageModel && !request.languageModel.isEmpty())
                language.lm = loaded->languageModel;  // the one asked for
            if (request.noLanguageModel)
                language.lm = nullptr;
        }
    }
    out.model = std::move(loaded);
    return out;
}

}  // namespace

LoadedModel loadModel(const ModelRequest& request)
{
    LoadedModel out;
    out.path = request.path;
    if (out.path.isEmpty()) {
        QString searched;
        out.path = defaultModelPath(&searched);
        if (out.path.isEmpty()) {
            out.error = noModelMessage(searched);
            return out;
        }
    }
    std::shared_ptr<model::Model> loaded;
    try {
        loaded = std::make_shared<model::Model>(
            model::loadModel(QFile::encodeName(out.path).toStdString()));
    } catch (const std::exception& e) {
        out.error = QCoreApplication::translate("inklens::service", "cannot load model %1: %2")
                        .arg(out.path, QString::fromUtf8(e.what()));
        return out;
    }
    if (!attachLanguageModel(*loaded, out.path, request, out))
        return out;
    return finish(std::move(loaded), request, std::move(out));
}

LoadedModel withLanguageModel(const model::Model& current, const ModelRequest& request)
{
    LoadedModel out;
    out.path = request.path;
    auto copy = std::make_shared<model::Model>(current);
    if (!attachLanguageModel(*copy, out.path, request, out))
        return out;
    return finish(std::move(copy), request, std::move(out));
}

void DecodingInUse::useIn(reading::ReadOptions& options) const
{
    if (!options.lexicon)
        options.lexicon = lexicon;
    if (options.languages.empty()) {
        options.languages = languages;
        if (options.lexicon)
            for (reading::DecodingLanguage& language : options.languages)
                language.lexicon = options.lexicon;
    }
}

std::vector<reading::DecodingLanguage> loadWritingLanguages(const model::Model& model,
                                                            const QString& modelPath,
                                                            QStringList* warnings,
                                                            const QString& dictionaryFolder)
{
    std::vector<reading::DecodingLanguage> out;
    for (const QString& code : writingLanguages()) {
        reading::DecodingLanguage language{code.toStdString(), model.languageModel, nullptr};
        if (const QString file = languageModelFileFor(modelPath, code); !file.isEmpty()) {
            try {
                language.lm = model::loadLanguageModelFor(model.charset,
                                                          QFile::encodeName(file).toStdString());
            } catch (const std::exception& e) {
                if (warnings)
                    *warnings << QString::fromUtf8(e.what());
            }
        }
        if (const QString list = wordListFileFor(code, dictionaryFolder); !list.isEmpty()) {
            LoadedWordList loaded = loadWordList(list, model.charset);
            if (loaded.lexicon)
                language.lexicon = std::move(loaded.lexicon);
            else if (warnings)
                *warnings << loaded.error;
        }
        out.push_back(std::move(language));
    }
    return out;
}

LoadedWordList loadWordList(const QString& path, const model::Charset& charset)
{
    LoadedWordList out;
    try {
        out.lexicon = std::make_shared<const ctc::Lexicon>(
            model::loadLexicon(QFile::encodeName(path).toStdString(), charset));
    } catch (const std::exception& e) {
        out.error = QString::fromUtf8(e.what());
    }
    return out;
}

}  // namespace inklens::service
