// inklens lm: builds the character language model of a recognition model (core/ctc/char_lm.h,
// stored by core/model/lm_file.h) from the transcriptions of ground-truth folders (their
// training writers only, split exactly as 'inklens train' splits them), word lists and
// plain text files, and reports its perplexity on the held-out lines.
#include "cli.h"

#include "model/lm_file.h"
#include "model/model_file.h"
#include "service/line_loader.h"
#include "service/model_locator.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cmath>
#include <cstdio>

namespace inklens::cli {

namespace {

std::vector<int> encodeLine(const model::Charset& cs, const service::GroundTruthLine& l)
{
    return cs.encode(model::normalizeText(service::cleanGroundTruth(l.text, l.flags).toStdString()));
}

}  // namespace

int runLm(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Build a character n-gram language model for the beam search. Put it beside the model as "
        "<model>.lm and 'recognize', 'eval' and the window use it."));
    p.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Ground-truth folder (repeatable, DIR[:WEIGHT]): the transcriptions of its "
                                                 "training writers (held-out writers as 'inklens train' holds them out)."),
                                  QStringLiteral("DIR[:WEIGHT]"));
    const QCommandLineOption words(QStringLiteral("words"),
                                   QStringLiteral("Word list, one word a line (repeatable, FILE[:WEIGHT]; each word counts "
                                                  "WEIGHT times, as inside running text)."),
                                   QStringLiteral("FILE[:WEIGHT]"));
    const QCommandLineOption text(QStringLiteral("text"), QStringLiteral("Plain text, one line a line (repeatable)."),
                                  QStringLiteral("FILE[:WEIGHT]"));
    const QCommandLineOption holdout(QStringLiteral("holdout-writers"),
                                     QStringLiteral("Writers held out per folder without a val split."), QStringLiteral("N"),
                                     QStringLiteral("15"));
    const QCommandLineOption order(QStringLiteral("order"), QStringLiteral("n-gram order, 1..7 (default 6)."),
                                   QStringLiteral("N"), QStringLiteral("6"));
    const QCommandLineOption minCount(QStringLiteral("min-count"),
                                      QStringLiteral("Drop n-grams of order >= 3 seen fewer times (default 2)."),
                                      QStringLiteral("C"), QStringLiteral("2"));
    const QCommandLineOption modelOpt(QStringLiteral("model"),
                                      QStringLiteral("The model whose charset the language model uses (default: the bundled one)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("File to write (<model>.lm to be found by default)."),
                                 QStringLiteral("FILE"));
    p.addOptions({data, words, text, holdout, order, minCount, modelOpt, out});
    p.process(QStringList{QStringLiteral("inklens lm")} + args);
    if (!p.isSet(out) || (!p.isSet(data) && !p.isSet(words) && !p.isSet(text))) {
        std::fprintf(stderr, "inklens lm: needs --out and at least one --data, --words or --text\n");
        return 2;
    }
    bool ok = false;
    const int n = p.value(order).toInt(&ok);
    bool okMin = false;
    const double minC = p.value(minCount).toDouble(&okMin);
    if (!ok || n < 1 || n > ctc::CharNgramLm::kMaxOrder || !okMin || minC < 0) {
        std::fprintf(stderr, "inklens lm: --order must be 1..%d and --min-count >= 0\n", ctc::CharNgramLm::kMaxOrder);
        return 2;
    }
    QString modelPath = p.value(modelOpt), searched;
    if (modelPath.isEmpty())
        modelPath = service::defaultModelPath(&searched);
    if (modelPath.isEmpty()) {
        std::fprintf(stderr, "inklens lm: %s\n", qPrintable(service::noModelMessage(searched)));
        return 1;
    }
    try {
        const model::Model m = model::loadModel(QFile::encodeName(modelPath).toStdString());
        const model::Charset& cs = m.charset;
        ctc::CharNgramLm::Builder builder(cs.size(), {n, minC});
        std::vector<service::GroundTruthLine> trainLines, valLines;
        QStringList held;
        if (p.isSet(data))
            splitLines(p.values(data), p.value(holdout).toInt(), trainLines, valLines, held);
        for (const auto& l : trainLines)
            if (const auto labels = encodeLine(cs, l); !labels.empty())
                builder.addLine(labels);
        const int space = cs.labelOf(U' ');
        long wordCount = 0, textLines = 0;
        for (const QString& arg : p.values(words)) {
            const auto [file, weight] = splitWeight(arg);
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
                throw nn::EngineError("cannot read word list " + file.toStdString() + ": " + f.errorString().toStdString());
            QTextStream in(&f);
            for (QString w; in.readLineInto(&w);) {
                const auto labels = cs.encode(model::normalizeText(w.toStdString()));
                if (!labels.empty() && std::find(labels.begin(), labels.end(), space) == labels.end()) {
                    builder.addWord(labels, space, weight);
                    ++wordCount;
                }
            }
        }
        for (const QString& arg : p.values(text)) {
            const auto [file, weight] = splitWeight(arg);
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
                throw nn::EngineError("cannot read text " + file.toStdString() + ": " + f.errorString().toStdString());
            QTextStream in(&f);
            for (QString line; in.readLineInto(&line);)
                if (const auto labels = cs.encode(model::normalizeText(line.toStdString())); !labels.empty()) {
                    builder.addLine(labels, weight);
                    ++textLines;
                }
        }
        model::LanguageModel lm{builder.finish(), cs, {}};

        // Perplexity on the held-out lines: bits per character, end of line included.
        double bits = 0;
        long symbols = 0;
        for (const auto& l : valLines) {
            const auto labels = encodeLine(cs, l);
            if (labels.empty())
                continue;
            bits -= lm.lm.lineLogProb(labels) / std::log(2.0);
            symbols += long(labels.size()) + 1;
        }
        QJsonObject prov;
        prov[QStringLiteral("data")] = QJsonArray::fromStringList(p.values(data));
        prov[QStringLiteral("words")] = QJsonArray::fromStringList(p.values(words));
        prov[QStringLiteral("text")] = QJsonArray::fromStringList(p.values(text));
        prov[QStringLiteral("held_out_writers")] = QJsonArray::fromStringList(held);
        prov[QStringLiteral("order")] = n;
        prov[QStringLiteral("min_count")] = minC;
        prov[QStringLiteral("training_lines")] = int(trainLines.size());
        if (symbols > 0)
            prov[QStringLiteral("heldout_bits_per_char")] = bits / double(symbols);
        prov[QStringLiteral("date")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        lm.provenance = QJsonDocument(prov).toJson(QJsonDocument::Compact).toStdString();
        model::saveLanguageModel(QFile::encodeName(p.value(out)).toStdString(), lm);
        std::fprintf(stderr, "inklens lm: %zu training lines, %ld words, %ld text lines -> order %d, %zu n-grams, %lld bytes: %s\n",
                     trainLines.size(), wordCount, textLines, n, lm.lm.ngramCount(),
                     static_cast<long long>(QFileInfo(p.value(out)).size()), qPrintable(p.value(out)));
        if (symbols > 0)
            std::fprintf(stderr, "inklens lm: held-out lines: %zu, %.3f bits per character (perplexity %.2f)\n",
                         valLines.size(), bits / double(symbols), std::exp2(bits / double(symbols)));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "inklens lm: %s\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace inklens::cli
