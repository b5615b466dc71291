// inklens finetune: service::fineTune on a ground-truth folder of corrected samples, as the
// window runs it (same defaults, same guard, same replay); prints the CER before and after
// on the held-out samples and the general set, and writes the model (with the base's .lm
// beside it) only when the guard passes.
#include "cli.h"
#include "cli_common.h"

#include "nn/tensor.h"
#include "service/fine_tuning.h"
#include "service/model_locator.h"

#include <QFileInfo>

#include <csignal>
#include <cstdio>

namespace inklens::cli {

namespace {

std::atomic_bool g_cancel{false};
void onSigint(int)
{
    g_cancel.store(true);
}

}  // namespace

int runFinetune(const QStringList& args)
{
    CommandLine command("finetune",
                        QStringLiteral("Fine-tune a model on corrected samples (a ground-truth "
                                       "folder), guarded: the new model is written only when it "
                                       "reads the held-out samples better and general lines no "
                                       "worse (within the margin)."));
    QCommandLineParser& p = command.parser();
    const service::FineTuningOptions defaults;
    const QCommandLineOption samples(
        QStringLiteral("samples"),
        QStringLiteral(
            "Ground-truth folder of the corrected samples (NAME.png|inkml + NAME.gt.txt)."),
        QStringLiteral("DIR"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Model file to write when the guard passes."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption modelOpt(
        QStringLiteral("model"),
        QStringLiteral("Base model (default: $INKLENS_MODEL, then the bundled model); never "
                       "overwritten."),
        QStringLiteral("FILE"));
    const QCommandLineOption minutes(QStringLiteral("minutes"),
                                     QStringLiteral("Time budget, scoring included (default 2)."),
                                     QStringLiteral("M"), QString::number(defaults.minutes));
    const QCommandLineOption steps(QStringLiteral("steps"),
                                   QStringLiteral("Step budget (0: the time budget alone)."),
                                   QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption adapt(
        QStringLiteral("adapt"),
        QStringLiteral("What adapts: output (the output layer), lstm (LSTMs and output; "
                       "default) or all."),
        QStringLiteral("WHAT"), QString::fromLatin1(service::adaptName(defaults.adapt)));
    const QCommandLineOption general(
        QStringLiteral("general"),
        QStringLiteral("Ground-truth folder of general lines the guard scores (its val rows "
                       "when it has some; default: 100 synthetic lines of a fixed seed)."),
        QStringLiteral("DIR"));
    const QCommandLineOption replay(
        QStringLiteral("replay"),
        QStringLiteral("Ground-truth folder replayed during training besides the synthetic "
                       "lines (repeatable)."),
        QStringLiteral("DIR"));
    const QCommandLineOption replayLines(
        QStringLiteral("replay-lines"),
        QStringLiteral("Synthetic lines replayed (made at run time; default 300, 0: none)."),
        QStringLiteral("N"), QString::number(defaults.replayLines));
    const QCommandLineOption lr(QStringLiteral("lr"),
                                QStringLiteral("Peak learning rate (default 0.0003)."),
                                QStringLiteral("LR"), QString::number(double(defaults.lr)));
    const QCommandLineOption interpolation(
        QStringLiteral("interpolation"),
        QStringLiteral("Keep base + A (trained - base): most of the gain on the samples, little "
                       "of the loss on other hands (default 0.4; 1: the trained model)."),
        QStringLiteral("A"), QString::number(double(defaults.interpolation)));
    const QCommandLineOption lmCache(
        QStringLiteral("lm-cache"),
        QStringLiteral("Weight of the samples' texts mixed into the language model saved "
                       "beside the model (default 0.2; 0: the base's, copied)."),
        QStringLiteral("W"), QString::number(defaults.lmCacheWeight));
    const QCommandLineOption margin(
        QStringLiteral("margin"),
        QStringLiteral("Points of general CER the model may lose (default 1)."),
        QStringLiteral("POINTS"), QStringLiteral("1"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Threads (0 = all cores)."),
                                     QStringLiteral("T"), QStringLiteral("0"));
    p.addOptions({samples, out, modelOpt, minutes, steps, adapt, general, replay, replayLines, lr,
                  margin, seed, threads, interpolation, lmCache});
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    if (!p.isSet(samples) || !p.isSet(out))
        return command.usageError(QStringLiteral("--samples and --out are required"));
    service::FineTuningOptions o;
    bool okM = false, okS = false, okMargin = false, okSeed = false, okR = false, okLr = false,
         okI = false;
    o.minutes = p.value(minutes).toDouble(&okM);
    o.maxSteps = p.value(steps).toInt(&okS);
    o.generalMargin = p.value(margin).toDouble(&okMargin) / 100;
    o.seed = p.value(seed).toULongLong(&okSeed);
    o.replayLines = p.value(replayLines).toInt(&okR);
    o.lr = p.value(lr).toFloat(&okLr);
    o.interpolation = p.value(interpolation).toFloat(&okI);
    bool okC = false;
    o.lmCacheWeight = p.value(lmCache).toDouble(&okC);
    if (!okC || !(o.lmCacheWeight >= 0) || o.lmCacheWeight > 1)
        return command.usageError(QStringLiteral("--lm-cache takes a number in [0, 1]"));
    if (!okM || o.minutes < 0 || !okS || o.maxSteps < 0 || !okMargin || o.generalMargin < 0
        || !okSeed || !okR || o.replayLines < 0 || !okLr || !(o.lr > 0)
        || (o.minutes == 0 && o.maxSteps == 0))
        return command.usageError(
            QStringLiteral("--minutes, --steps, --margin, --seed, --replay-lines and --lr take "
                           "numbers >= 0, and a budget must be set"));
    if (!okI || !(o.interpolation > 0) || o.interpolation > 1)
        return command.usageError(QStringLiteral("--interpolation takes a number in (0, 1]"));
    if (!service::parseAdapt(p.value(adapt).toStdString(), &o.adapt))
        return command.usageError(QStringLiteral("--adapt takes output, lstm or all"));
    o.generalDir = p.value(general).toStdString();
    for (const QString& d : p.values(replay))
        o.replayDirs.push_back(d.toStdString());
    QString basePath = p.value(modelOpt);
    if (basePath.isEmpty()) {
        QString searched;
        basePath = service::defaultModelPath(&searched);
        if (basePath.isEmpty())
            return command.failure(service::noModelMessage(searched));
    }
    const QFileInfo outInfo(p.value(out));
    if (outInfo.exists() && outInfo.canonicalFilePath() == QFileInfo(basePath).canonicalFilePath())
        return command.failure(QStringLiteral("--out is the base model; it is never overwritten"));
    try {
        nn::setNumThreads(p.value(threads).toInt());
        const model::Model base = model::loadModel(basePath.toStdString());
        std::size_t skipped = 0;
        const auto lines = service::loadSampleFolder(p.value(samples).toStdString(), base.charset,
                                                     base.crnn.spec().inputHeight, &skipped);
        std::fprintf(stderr, "%s: %zu samples (%zu unreadable or empty skipped); base %s\n",
                     qPrintable(p.value(samples)), lines.size(), skipped, qPrintable(basePath));
        std::signal(SIGINT, onSigint);
        const service::FineTuningResult r = service::fineTune(
            base, lines, o,
            [](const service::FineTuningProgress& pr) {
            std::fprintf(stderr, "step %5d  loss %7.4f  %5.1f s", pr.step, pr.loss,
                         pr.elapsedSeconds);
            if (pr.heldOutCer >= 0)
                std::fprintf(stderr, "  held-out CER %5.2f%%", 100 * pr.heldOutCer);
            std::fprintf(stderr, "\n");
            },
            g_cancel);
        std::printf("adapt %s; %d training samples, %d held out, %d replay lines; %d steps in "
                    "%.1f s; kept base + %g (trained - base)\n",
                    service::adaptName(o.adapt), r.trainingSamples, r.heldOutSamples, r.replayLines,
                    r.steps, r.seconds, double(o.interpolation));
        if (r.cancelled)
            return command.failure(QStringLiteral("cancelled; nothing written"));
        std::printf("held-out CER  %6.2f %% -> %6.2f %%  (%d samples)\n", 100 * r.heldOutBefore,
                    100 * r.heldOutAfter, r.heldOutSamples);
        std::printf("general CER   %6.2f %% -> %6.2f %%  (%d lines: %s)\n", 100 * r.generalBefore,
                    100 * r.generalAfter, r.generalLines, r.generalSet.c_str());
        if (!r.better)
            return command.failure(QString::fromStdString(r.verdict)
                                   + QStringLiteral("; nothing written"));
        service::saveFineTuned(r, o, basePath.toStdString(), p.value(samples).toStdString(),
                               p.value(out).toStdString());
        std::printf("%s; model: %s\n", r.verdict.c_str(), qPrintable(p.value(out)));
        return 0;
    } catch (const std::exception& e) {
        return command.failure(QString::fromUtf8(e.what()));
    }
}

}  // namespace inklens::cli
