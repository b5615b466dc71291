#include "model_loading.h"

#include "model/word_lexicon.h"
#include "service/model_locator.h"
#include "service/writing_language.h"

#include <QCoreApplication>
#include <QFile>

namespace inklens::service {

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
    std::shared_ptr<const model::Model> loaded;
    try {
        QString asked = request.languageModel;  // empty: the one beside the model, if any
        if (asked.isEmpty() && !request.language.isEmpty())
            asked = languageModelFileFor(out.path, request.language);
        const std::string lmPath = request.noLanguageModel ? std::string("-")
                                                           : QFile::encodeName(asked).toStdString();
        std::string lmProblem, lmUsed;
        loaded = std::make_shared<const model::Model>(model::loadModelWithLanguageModel(
            QFile::encodeName(out.path).toStdString(), lmPath, &lmProblem, &lmUsed));
        out.languageModelPath = QFile::decodeName(lmUsed.c_str());
        if (!lmProblem.empty()) {
            if (!asked.isEmpty() && !request.noLanguageModel) {
                out.error = QCoreApplication::translate("inklens::service",
                                                        "cannot load language model: %1")
                                .arg(QString::fromUtf8(lmProblem.c_str()));
                out.languageModelError = true;
                return out;
            }
            out.languageModelWarning = QString::fromUtf8(lmProblem.c_str());
        }
    } catch (const std::exception& e) {
        out.error = QCoreApplication::translate("inklens::service", "cannot load model %1: %2")
                        .arg(out.path, QString::fromUtf8(e.what()));
        return out;
    }
    if (!request.wordList.isEmpty()) {
        LoadedWordList list = loadWordList(request.wordList, loaded->charset);
        if (!list.lexicon) {
            out.error = list.error;
            return out;
        }
        out.wordList = std::move(list.lexicon);
    }
    out.model = std::move(loaded);
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
