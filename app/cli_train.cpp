// inklens train: parses the options, loads the ground-truth folders (training/dataset.h:
// writer-disjoint validation; service::loadLineSamples), builds a model from a preset
// (model/presets.h) or loads one to fine-tune, runs core/training's Trainer and prints its
// progress; Ctrl-C stops cleanly with a checkpoint.
#include "cli.h"
#include "cli_common.h"

#include "model/model_file.h"
#include "model/presets.h"
#include "service/line_loader.h"
#include "training/dataset.h"
#include "training/synth.h"
#include "training/trainer.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>
#include <cstdio>
#include <optional>

namespace inklens::cli {

namespace {

std::atomic_bool g_stop{false};
void onSigint(int)
{
    g_stop.store(true);
}

std::vector<training::LineSample> loadSamples(const std::vector<training::GroundTruthLine>& lines,
                                              const model::Charset& charset, int height,
                                              const char* what)
{
    std::size_t skipped = 0;
    auto samples = service::loadLineSamples(lines, charset, height, &skipped);
    std::fprintf(stderr, "%s: %zu lines (%zu unreadable or empty skipped)\n", what, samples.size(),
                 skipped);
    return samples;
}

void printProgress(const training::TrainProgress& pr, FILE* logFile)
{
    std::fprintf(stderr, "step %6d  epoch %3d  loss %7.4f  lr %.2e  %5.1f lines/s  %6.1f min",
                 pr.step, pr.epoch, pr.loss, pr.lr, pr.linesPerSecond, pr.elapsedSeconds / 60);
    if (pr.etaSeconds >= 0)
        std::fprintf(stderr, "  ETA %5.1f min", pr.etaSeconds / 60);
    if (pr.validated)
        std::fprintf(stderr, "  val CER %5.2f%% WER %5.2f%% (best %5.2f%%)", 100 * pr.valCer,
                     100 * pr.valWer, 100 * pr.bestValCer);
    std::fprintf(stderr, "\n");
    if (!pr.saveError.empty())  // the last good file stays; tried again later
        std::fprintf(stderr, "warning: %s (training goes on)\n", pr.saveError.c_str());
    if (logFile) {
        std::fprintf(
            logFile,
            "{\"step\": %d, \"epoch\": %d, \"loss\": %.5f, \"lr\": %.3g, \"minutes\": %.3f, "
            "\"lines_per_s\": %.2f, \"val_cer\": %.5f, \"val_wer\": %.5f}\n",
            pr.step, pr.epoch, pr.loss, pr.lr, pr.elapsedSeconds / 60, pr.linesPerSecond,
            pr.validated ? pr.valCer : -1.0, pr.validated ? pr.valWer : -1.0);
        std::fflush(logFile);
    }
}

}  // namespace

training::DatasetSplit splitFolders(const QStringList& dirs, int holdoutWriters)
{
    std::vector<std::string> args;
    for (const QString& d : dirs)
        args.push_back(d.toStdString());
    training::DatasetSplit split = training::splitGroundTruth(args, holdoutWriters);
    for (const auto& f : split.folders)
        std::fprintf(stderr, "%s: %zu training lines (weight %.2f), %zu validation lines\n",
                     f.dir.c_str(), f.trainingLines, f.weight, f.validationLines);
    return split;
}

int runTrain(const QStringList& args)
{
    CommandLine command(
        "train", QStringLiteral("Train or fine-tune a recognition model on ground-truth folders."));
    QCommandLineParser& p = command.parser();
    const QCommandLineOption data(
        QStringLiteral("data"),
        QStringLiteral(
            "Ground-truth folder (repeatable), optionally with a sampling weight: DIR:WEIGHT (2 = twice per epoch, 0.5 = half)."),
        QStringLiteral("DIR[:WEIGHT]"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Model file to write (best validation CER)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption init(QStringLiteral("init"),
                                  QStringLiteral("Start from this model (fine-tuning)."),
                                  QStringLiteral("MODEL"));
    const QCommandLineOption arch(
        QStringLiteral("arch"),
        QStringLiteral(
            "Architecture preset for a new model: line32 (default), line40 or crnn-ref."),
        QStringLiteral("NAME"), QStringLiteral("line32"));
    const QCommandLineOption height(
        QStringLiteral("height"),
        QStringLiteral(
            "Input height instead of the preset's; with --init, the same weights at another height (the rows left after the pools must not change)."),
        QStringLiteral("H"));
    const QCommandLineOption conv(
        QStringLiteral("conv"),
        QStringLiteral(
            "New model: channels of the conv blocks, e.g. 32,64,128,128,256 (the preset's pools stay on the first five)."),
        QStringLiteral("C1,C2,..."));
    const QCommandLineOption lstm(
        QStringLiteral("lstm"),
        QStringLiteral("New model: hidden sizes of the BiLSTM layers, e.g. 128,128."),
        QStringLiteral("H1,H2,..."));
    const QCommandLineOption minutes(QStringLiteral("minutes"),
                                     QStringLiteral("Wall-clock budget."), QStringLiteral("M"),
                                     QStringLiteral("0"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Step budget."),
                                   QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("Lines per batch."),
                                   QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption lr(QStringLiteral("lr"), QStringLiteral("Peak learning rate."),
                                QStringLiteral("LR"), QStringLiteral("0.001"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Warm-up steps."),
                                    QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Threads (0 = all cores)."),
                                     QStringLiteral("T"), QStringLiteral("0"));
    const QCommandLineOption holdout(
        QStringLiteral("holdout-writers"),
        QStringLiteral("Writers held out per folder without a val split."), QStringLiteral("N"),
        QStringLiteral("15"));
    const QCommandLineOption checkpoint(
        QStringLiteral("checkpoint"),
        QStringLiteral("Checkpoint file (written every few minutes and at the end)."),
        QStringLiteral("FILE"));
    const QCommandLineOption resume(QStringLiteral("resume"),
                                    QStringLiteral("Resume from the --checkpoint file."));
    const QCommandLineOption valEvery(QStringLiteral("validate-every"),
                                      QStringLiteral("Validate every N steps."),
                                      QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption valLines(QStringLiteral("val-lines"),
                                      QStringLiteral("Validation lines used during training."),
                                      QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption shortFirst(
        QStringLiteral("short-first"),
        QStringLiteral(
            "Curriculum: the first epoch goes from the narrowest lines (words) to the widest."));
    const QCommandLineOption noAug(QStringLiteral("no-augment"),
                                   QStringLiteral("Train without augmentation."));
    const QCommandLineOption noInkAug(
        QStringLiteral("no-ink-augment"),
        QStringLiteral("Ink (InkML) lines: augment their one rasterization as pictures instead "
                       "of drawing a new variant of the ink (slant, scale, drift, jitter, pen, "
                       "point density) at every step."));
    const QCommandLineOption dump(
        QStringLiteral("dump-samples"),
        QStringLiteral(
            "Write the first 16 training lines, as the network sees them (augmented), to DIR as PNG and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption log(QStringLiteral("log"),
                                 QStringLiteral("Append progress as JSON lines to FILE."),
                                 QStringLiteral("FILE"));
    p.addOptions({data,   out,      init,     arch,   height, conv,    lstm,       minutes,
                  steps,  batch,    lr,       warmup, seed,   threads, holdout,    checkpoint,
                  resume, valEvery, valLines, noAug,  log,    dump,    shortFirst, noInkAug});
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    if (!p.isSet(data) || !p.isSet(out))
        return command.usageError(QStringLiteral("--data and --out are required"));
    if (p.isSet(init) && (p.isSet(arch) || p.isSet(conv) || p.isSet(lstm)))
        return command.usageError(
            QStringLiteral("--arch, --conv and --lstm describe a new model; --init keeps its own"));
    try {
        nn::setNumThreads(p.value(threads).toInt());
        std::optional<model::Model> m;
        const auto newHeight =
            p.isSet(height) ? std::optional<int>(
                model::parsePositiveList(p.value(height).toStdString(), "--height").front())
                            : std::nullopt;
        if (p.isSet(init)) {
            m.emplace(model::loadModel(p.value(init).toStdString()));
            // The same weights at another input height (Crnn::withInputHeight).
            if (newHeight)
                m->crnn = m->crnn.withInputHeight(*newHeight);
        } else {
            const auto cs = model::Charset::defaultLatin();
            auto spec = model::presetSpec(p.value(arch).toStdString(), cs.size());
            model::SpecOverrides overrides;
            overrides.inputHeight = newHeight;
            if (p.isSet(conv))
                overrides.convChannels = model::parsePositiveList(p.value(conv).toStdString(),
                                                                  "--conv");
            if (p.isSet(lstm))
                overrides.lstmHidden = model::parsePositiveList(p.value(lstm).toStdString(),
                                                                "--lstm");
            model::overrideSpec(spec, overrides);
            model::Crnn net(spec);
            net.initialize(p.value(seed).toULongLong());
            m.emplace(std::move(net), cs);
        }
        const training::DatasetSplit split = splitFolders(p.values(data), p.value(holdout).toInt());
        const int h = m->crnn.spec().inputHeight;
        auto train = loadSamples(split.train, m->charset, h, "training");
        // Validation subset: spread over all writers.
        auto val = training::spreadEvenly(loadSamples(split.val, m->charset, h, "validation"),
                                          p.value(valLines).toInt());
        if (train.empty())
            return command.failure(
                val.empty() ? QStringLiteral("no readable training lines in the --data folders")
                            : QStringLiteral("no training lines: all %1 lines belong to held-out "
                                             "writers (--holdout-writers %2); hold out fewer")
                                  .arg(val.size())
                                  .arg(p.value(holdout)));
        if (val.empty())
            std::fprintf(stderr, "no validation lines: the last model will be saved\n");
        if (p.isSet(dump)) {
            QDir().mkpath(p.value(dump));
            nn::Rng rng(p.value(seed).toULongLong());
            training::TrainOptions dumpOptions;
            dumpOptions.inkAugment = !p.isSet(noInkAug);
            for (std::size_t i = 0; i < std::min<std::size_t>(16, train.size()); ++i) {
                const auto& s = train[i * (train.size() / 16)];
                for (int a = 0; a < 2; ++a) {
                    const auto im = a == 0 ? s.image : training::augmentSample(s, rng, dumpOptions);
                    service::saveGrayPng(training::lineToGray(im),
                                         QStringLiteral("%1/%2_%3.png")
                                             .arg(p.value(dump))
                                             .arg(i, 2, 10, QLatin1Char('0'))
                                             .arg(a ? "aug" : "orig"));
                }
                std::printf("%02zu %s\n", i, s.text.c_str());
            }
            return 0;
        }
        training::TrainOptions o;
        o.minutes = p.value(minutes).toDouble();
        o.maxSteps = p.value(steps).toInt();
        o.batchSize = p.value(batch).toInt();
        o.lr = p.value(lr).toFloat();
        o.warmupSteps = p.value(warmup).toInt();
        o.seed = p.value(seed).toULongLong();
        o.augment = !p.isSet(noAug);
        o.inkAugment = !p.isSet(noInkAug);
        o.shortFirst = p.isSet(shortFirst);
        o.validateEverySteps = p.value(valEvery).toInt();
        o.maxValidationLines = 0;
        o.checkpointPath = p.value(checkpoint).toStdString();
        o.outputPath = p.value(out).toStdString();
        QJsonObject prov;
        prov[QStringLiteral("data")] = QJsonArray::fromStringList(p.values(data));
        prov[QStringLiteral("held_out_writers")] = QJsonArray::fromStringList(
            toQStringList(split.heldOutWriters));
        prov[QStringLiteral("training_lines")] = int(train.size());
        prov[QStringLiteral("validation_lines")] = int(val.size());
        prov[QStringLiteral("seed")] = p.value(seed);
        prov[QStringLiteral("started")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        prov[QStringLiteral("command")] = command.commandLine();
        m->provenance = QJsonDocument(prov).toJson(QJsonDocument::Compact).toStdString();
        training::Trainer trainer(*m, std::move(train), std::move(val), o);
        if (p.isSet(resume)) {
            trainer.resume(o.checkpointPath);
            std::fprintf(stderr, "resumed from %s\n", qPrintable(p.value(checkpoint)));
        }
        std::signal(SIGINT, onSigint);
        FILE* logFile = p.isSet(log) ? std::fopen(qPrintable(p.value(log)), "a") : nullptr;
        const auto last = trainer.run(
            [&](const training::TrainProgress& pr) { printProgress(pr, logFile); }, g_stop);
        if (logFile)
            std::fclose(logFile);
        if (last.bestValCer >= 0)
            std::fprintf(stderr, "%s after %d steps; best validation CER %.2f%%; model: %s\n",
                         g_stop.load() ? "stopped" : "done", last.step, 100 * last.bestValCer,
                         qPrintable(p.value(out)));
        else
            std::fprintf(stderr,
                         "%s after %d steps; no validation lines, the last model saved: %s\n",
                         g_stop.load() ? "stopped" : "done", last.step, qPrintable(p.value(out)));
        return 0;
    } catch (const std::exception& e) {
        return command.failure(QString::fromUtf8(e.what()));
    }
}

}  // namespace inklens::cli
