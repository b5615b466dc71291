// inklens lm: builds the character language model of a recognition model (core/ctc/char_lm.h,
// stored by core/model/lm_file.h) from the transcriptions of ground-truth folders (their
// training writers only, split exactly as 'inklens train' splits them), word lists and
// plain text files (core/training/lm_data.h), and reports its perplexity on the held-out lines.
#include "cli.h"
#include "cli_common.h"

#include "model/lm_file.h"
#include "model/model_file.h"
#include "service/model_locator.h"
#include "training/dataset.h"
#include "training/lm_data.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstdio>

namespace inklens::cli {

int runLm(const QStringList& args)
{
    CommandLine command(
        "lm",
        QStringLiteral(
            "Build a character n-gram language model for the beam search. Put it beside the model as "
            "<model>.lm and 'recognize', 'eval' and the window use it."));
    QCommandLineParser& p = command.parser();
    const QCommandLineOption data(
        QStringLiteral("data"),
        QStringLiteral("Ground-truth folder (repeatable, DIR[:WEIGHT]): the transcriptions of its "
                       "training writers (held-out writers as 'inklens train' holds them out)."),
        QStringLiteral("DIR[:WEIGHT]"));
    const QCommandLineOption words(
        QStringLiteral("words"),
        QStringLiteral("Word list, one word a line (repeatable, FILE[:WEIGHT]; each word counts "
                       "WEIGHT times, as inside running text)."),
        QStringLiteral("FILE[:WEIGHT]"));
    const QCommandLineOption text(QStringLiteral("text"),
                                  QStringLiteral("Plain text, one line a line (repeatable)."),
                                  QStringLiteral("FILE[:WEIGHT]"));
    const QCommandLineOption holdout(
        QStringLiteral("holdout-writers"),
        QStringLiteral("Writers held out per folder without a val split."), QStringLiteral("N"),
        QStringLiteral("15"));
    const QCommandLineOption order(QStringLiteral("order"),
                                   QStringLiteral("n-gram order, 1..7 (default 6)."),
                                   QStringLiteral("N"), QStringLiteral("6"));
    const QCommandLineOption minCount(
        QStringLiteral("min-count"),
        QStringLiteral("Drop n-grams of order >= 3 seen fewer times (default 2)."),
        QStringLiteral("C"), QStringLiteral("2"));
    const QCommandLineOption modelOpt(
        QStringLiteral("model"),
        QStringLiteral(
            "The model whose charset the language model uses (default: the bundled one)."),
        QStringLiteral("FILE"));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("File to write (<model>.lm to be found by default)."),
        QStringLiteral("FILE"));
    p.addOptions({data, words, text, holdout, order, minCount, modelOpt, out});
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    if (!p.isSet(out) || (!p.isSet(data) && !p.isSet(words) && !p.isSet(text)))
        return command.usageError(
            QStringLiteral("needs --out and at least one --data, --words or --text"));
    bool ok = false;
    const int n = p.value(order).toInt(&ok);
    bool okMin = false;
    const double minC = p.value(minCount).toDouble(&okMin);
    if (!ok || n < 1 || n > ctc::CharNgramLm::kMaxOrder || !okMin || minC < 0)
        return command.usageError(QStringLiteral("--order must be 1..%1 and --min-count >= 0")
                                      .arg(ctc::CharNgramLm::kMaxOrder));
    QString modelPath = p.value(modelOpt), searched;
    if (modelPath.isEmpty())
        modelPath = service::defaultModelPath(&searched);
    if (modelPath.isEmpty())
        return command.failure(service::noModelMessage(searched));
    try {
        const model::Model m = model::loadModel(QFile::encodeName(modelPath).toStdString());
        const model::Charset& cs = m.charset;
        ctc::CharNgramLm::Builder builder(cs.size(), {n, minC});
        training::DatasetSplit split;
        if (p.isSet(data))
            split = splitFolders(p.values(data), p.value(holdout).toInt());
        training::addGroundTruthLines(builder, cs, split.train);
        long wordCount = 0, textLines = 0;
        for (const QString& arg : p.values(words)) {
            const auto [file, weight] = training::splitWeight(arg.toStdString());
            wordCount += training::addWordList(builder, cs, file, weight);
        }
        for (const QString& arg : p.values(text)) {
            const auto [file, weight] = training::splitWeight(arg.toStdString());
            textLines += training::addTextLines(builder, cs, file, weight);
        }
        model::LanguageModel lm{builder.finish(), cs, {}};

        // Perplexity on the held-out lines: bits per character, end of line included.
        const training::HeldOutScore score = training::heldOutScore(lm.lm, cs, split.val);
        QJsonObject prov;
        prov[QStringLiteral("data")] = QJsonArray::fromStringList(p.values(data));
        prov[QStringLiteral("words")] = QJsonArray::fromStringList(p.values(words));
        prov[QStringLiteral("text")] = QJsonArray::fromStringList(p.values(text));
        prov[QStringLiteral("held_out_writers")] = QJsonArray::fromStringList(
            toQStringList(split.heldOutWriters));
        prov[QStringLiteral("order")] = n;
        prov[QStringLiteral("min_count")] = minC;
        prov[QStringLiteral("training_lines")] = int(split.train.size());
        if (score.symbols > 0)
            prov[QStringLiteral("heldout_bits_per_char")] = score.bitsPerSymbol;
        prov[QStringLiteral("date")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        lm.provenance = QJsonDocument(prov).toJson(QJsonDocument::Compact).toStdString();
        model::saveLanguageModel(QFile::encodeName(p.value(out)).toStdString(), lm);
        std::fprintf(
            stderr,
            "inklens lm: %zu training lines, %ld words, %ld text lines -> order %d, %zu n-grams, %lld bytes: %s\n",
            split.train.size(), wordCount, textLines, n, lm.lm.ngramCount(),
            static_cast<long long>(QFileInfo(p.value(out)).size()), qPrintable(p.value(out)));
        if (score.symbols > 0)
            std::fprintf(
                stderr,
                "inklens lm: held-out lines: %zu, %.3f bits per character (perplexity %.2f)\n",
                split.val.size(), score.bitsPerSymbol, std::exp2(score.bitsPerSymbol));
    } catch (const std::exception& e) {
        return command.failure(QString::fromUtf8(e.what()));
    }
    return 0;
}

}  // namespace inklens::cli
