// Fine-tuning on a writer's first corrected lines (issue #15): for each writer of a
// ground-truth folder with enough lines, the first N lines (N = 10, 20, 50) are given to
// service::fineTune as the corrected samples (it holds out its own share of them for the
// guard); the CER on the rest of that writer's lines (never given) before and after, the
// general CER before and after (the guard's general set), the guard's verdict and the
// time taken. Greedy decoding, no language model (what fine-tuning changes).
// The writers come from the held-out writers of each --data folder (its "val" rows, or
// when it has none the first --holdout-writers writers by SHA-1 of the writer id, as
// 'inklens train' holds them out). Besides the guard's general set, the CER of a real
// general set is reported: --real-general lines spread evenly over the held-out lines of
// the other held-out writers (never trained on by the bundled model nor fine-tuned on),
// and at the end the median relative change per count.
//
//   inklens_finetune_eval --data DIR [--data DIR2] [--model FILE] [--holdout-writers 15]
//       [--writers W1,W2,...] [--counts 10,20,50] [--min-rest 15] [--max-writers N]
//       [--minutes 2] [--steps N] [--adapt output|lstm|all] [--threads 2] [--general DIR]
//       [--real-general 100] [--lr LR] [--replay-share F] [--replay-lines N] [--batch N]
//       [--augment default|heavy|light] [--retrain-all] [--min-gain F] [--hold-out-every K]
//       [--replay DIR] [--interpolation A] [--alphas A1,A2] [--lm] [--lm-cache W1,W2]
//       [--conv-lr F]
// --lm scores the rest as the app reads it: beam search with the language model the
// fine-tuned model is saved with (the base's, with the given lines' texts as a cache at
// FineTuningOptions::lmCacheWeight); --lm-cache also scores other cache weights (base
// network and kept network).

#include "model/model_file.h"
#include "nn/tensor.h"
#include "reading/reader.h"
#include "service/evaluation.h"
#include "service/fine_tuning.h"
#include "service/line_loader.h"
#include "service/model_locator.h"
#include "training/dataset.h"
#include "training/trainer.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <map>
#include <set>

using namespace inklens;

namespace {

std::string loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return "?";
    return f.readLine().trimmed().split(' ').mid(0, 3).join(' ').toStdString();
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Folder with a manifest.tsv (writer, split); "
                                                 "repeatable."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption holdout(QStringLiteral("holdout-writers"),
                                     QStringLiteral("Held-out writers of a folder without val "
                                                    "rows (first by SHA-1)."),
                                     QStringLiteral("N"), QStringLiteral("15"));
    const QCommandLineOption realGeneral(QStringLiteral("real-general"),
                                         QStringLiteral("Lines of the real general set."),
                                         QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption replayLines(QStringLiteral("replay-lines"),
                                         QStringLiteral("Synthetic replay lines."),
                                         QStringLiteral("N"));
    const QCommandLineOption augment(QStringLiteral("augment"),
                                     QStringLiteral("default, light or heavy."),
                                     QStringLiteral("HOW"));
    const QCommandLineOption retrainAll(QStringLiteral("retrain-all"),
                                        QStringLiteral("Train again on all samples once the "
                                                       "guard passed."));
    const QCommandLineOption noRetrainAll(QStringLiteral("no-retrain-all"),
                                          QStringLiteral("Do not."));
    const QCommandLineOption minGain(QStringLiteral("min-gain"),
                                     QStringLiteral("Held-out CER must fall by this share."),
                                     QStringLiteral("F"));
    const QCommandLineOption holdEvery(QStringLiteral("hold-out-every"),
                                       QStringLiteral("Every K-th sample held out."),
                                       QStringLiteral("K"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Warm-up steps."),
                                    QStringLiteral("N"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed."),
                                  QStringLiteral("N"));
    const QCommandLineOption alphas(QStringLiteral("alphas"),
                                    QStringLiteral("Also score base + a (tuned - base) for these "
                                                   "a (comma-separated)."),
                                    QStringLiteral("LIST"));
    const QCommandLineOption interp(QStringLiteral("interpolation"),
                                    QStringLiteral("Keep base + a (trained - base)."),
                                    QStringLiteral("A"));
    const QCommandLineOption lmOpt(QStringLiteral("lm"),
                                   QStringLiteral("Also score the rest as the app reads it: "
                                                  "beam search with the base's language "
                                                  "model."));
    const QCommandLineOption lmCache(QStringLiteral("lm-cache"),
                                     QStringLiteral("Also score the rest with the given lines' "
                                                    "texts as a cache in the language model at "
                                                    "these weights (comma-separated)."),
                                     QStringLiteral("LIST"));
    const QCommandLineOption lmCacheDefault(QStringLiteral("lm-cache-weight"),
                                            QStringLiteral("The cache weight fine-tuning saves "
                                                           "(FineTuningOptions::lmCacheWeight)."),
                                            QStringLiteral("W"));
    const QCommandLineOption convLr(QStringLiteral("conv-lr"),
                                    QStringLiteral("Learning rate of the convolutions relative "
                                                   "to --lr (with --adapt all)."),
                                    QStringLiteral("F"));
    const QCommandLineOption ceiling(QStringLiteral("ceiling"),
                                     QStringLiteral("Fine-tune on the rest lines themselves (the "
                                                    "ceiling: what fitting those very lines "
                                                    "gives), not on the first N."));
    const QCommandLineOption adaBn(QStringLiteral("adapt-bn"),
                                   QStringLiteral("Re-estimate the batch-norm statistics on the "
                                                  "given lines after training."));
    const QCommandLineOption noAdaBn(QStringLiteral("no-adapt-bn"), QStringLiteral("Do not."));
    const QCommandLineOption replayDir(QStringLiteral("replay"),
                                       QStringLiteral("Replay this folder's lines too (its "
                                                      "train rows when it has val rows)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption modelOpt(QStringLiteral("model"), QStringLiteral("Base model."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption split(QStringLiteral("split"),
                                   QStringLiteral("Only this split's writers."),
                                   QStringLiteral("NAME"), QStringLiteral("val"));
    const QCommandLineOption writersOpt(QStringLiteral("writers"),
                                        QStringLiteral("These writers (comma-separated)."),
                                        QStringLiteral("LIST"));
    const QCommandLineOption counts(QStringLiteral("counts"), QStringLiteral("Samples given."),
                                    QStringLiteral("LIST"), QStringLiteral("10,20,50"));
    const QCommandLineOption minRest(QStringLiteral("min-rest"),
                                     QStringLiteral("Lines left to score, at least."),
                                     QStringLiteral("N"), QStringLiteral("15"));
    const QCommandLineOption maxWriters(QStringLiteral("max-writers"),
                                        QStringLiteral("Writers, at most (most lines first)."),
                                        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("Budget per run."),
                                     QStringLiteral("M"), QStringLiteral("2"));
    const QCommandLineOption steps(QStringLiteral("steps"),
                                   QStringLiteral("Step budget (0: time)."), QStringLiteral("N"),
                                   QStringLiteral("0"));
    const QCommandLineOption adapt(QStringLiteral("adapt"), QStringLiteral("output, lstm or all."),
                                   QStringLiteral("WHAT"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Threads."),
                                     QStringLiteral("T"), QStringLiteral("2"));
    const QCommandLineOption general(QStringLiteral("general"),
                                     QStringLiteral("General set folder (default: synthetic)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption lr(QStringLiteral("lr"), QStringLiteral("Peak learning rate."),
                                QStringLiteral("LR"));
    const QCommandLineOption replayShare(QStringLiteral("replay-share"),
                                         QStringLiteral("Share of replay lines."),
                                         QStringLiteral("F"));
    const QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("Lines per batch."),
                                   QStringLiteral("N"));
    p.addOptions({data,           holdout,     modelOpt,     split,       writersOpt,  counts,
                  minRest,        maxWriters,  minutes,      steps,       adapt,       threads,
                  general,        realGeneral, lr,           replayShare, replayLines, batch,
                  augment,        retrainAll,  noRetrainAll, minGain,     holdEvery,   warmup,
                  seed,           replayDir,   alphas,       interp,      lmOpt,       lmCache,
                  lmCacheDefault, convLr,      ceiling,      adaBn,       noAdaBn});
    p.process(app);
    if (!p.isSet(data)) {
        std::fprintf(stderr, "--data is required\n");
        return 2;
    }
    try {
        nn::setNumThreads(p.value(threads).toInt());
        const QString modelPath = p.isSet(modelOpt) ? p.value(modelOpt)
                                                    : service::defaultModelPath();
        const model::Model base = p.isSet(lmOpt)
                                      ? model::loadModelWithLanguageModel(modelPath.toStdString())
                                      : model::loadModel(modelPath.toStdString());
        service::FineTuningOptions o;
        o.minutes = p.value(minutes).toDouble();
        o.maxSteps = p.value(steps).toInt();
        o.generalDir = p.value(general).toStdString();
        if (p.isSet(lr))
            o.lr = p.value(lr).toFloat();
        if (p.isSet(replayShare))
            o.replayShare = p.value(replayShare).toFloat();
        if (p.isSet(batch))
            o.batchSize = p.value(batch).toInt();
        if (p.isSet(replayLines))
            o.replayLines = p.value(replayLines).toInt();
        if (p.isSet(retrainAll))
            o.retrainOnAll = true;
        if (p.isSet(noRetrainAll))
            o.retrainOnAll = false;
        if (p.isSet(minGain))
            o.heldOutMinGain = p.value(minGain).toDouble();
        if (p.isSet(holdEvery))
            o.holdOutEvery = p.value(holdEvery).toInt();
        if (p.isSet(warmup))
            o.warmupSteps = p.value(warmup).toInt();
        if (p.isSet(seed))
            o.seed = p.value(seed).toULongLong();
        if (p.isSet(adaBn))
            o.adaptBatchNorm = true;
        if (p.isSet(noAdaBn))
            o.adaptBatchNorm = false;
        if (p.isSet(convLr))
            o.convLrScale = p.value(convLr).toFloat();
        if (p.isSet(lmCacheDefault))
            o.lmCacheWeight = p.value(lmCacheDefault).toDouble();
        if (p.isSet(interp))
            o.interpolation = p.value(interp).toFloat();
        for (const QString& d : p.values(replayDir))
            o.replayDirs.push_back(d.toStdString());
        if (p.value(augment) == QLatin1String("heavy"))
            o.augmentation = service::heavyAugmentation();
        else if (p.value(augment) == QLatin1String("default"))
            o.augmentation = training::AugmentOptions{};
        else if (p.value(augment) == QLatin1String("light"))
            o.augmentation = service::lightAugmentation();
        if (p.isSet(adapt) && !service::parseAdapt(p.value(adapt).toStdString(), &o.adapt)) {
            std::fprintf(stderr, "--adapt takes output, lstm or all\n");
            return 2;
        }
        std::vector<int> ns;
        for (const QString& c : p.value(counts).split(QLatin1Char(',')))
            ns.push_back(c.toInt());
        const int maxN = *std::max_element(ns.begin(), ns.end());

        // The held-out writers' lines of every folder, in file order.
        std::map<std::string, std::vector<training::GroundTruthLine>> byWriter;
        std::vector<std::string> heldOrder;  // writers in folder order
        for (const QString& dir : p.values(data)) {
            auto lines = training::listGroundTruth(dir.toStdString());
            std::erase_if(lines, [](const auto& l) {
                return training::skipGroundTruth(l) || l.writer.empty();
            });
            const bool hasVal = std::any_of(lines.begin(), lines.end(),
                                            [](const auto& l) { return l.split == "val"; });
            const auto sha = training::heldOutWriters(lines, p.value(holdout).toInt());
            const std::set<std::string> held(sha.begin(), sha.end());
            for (const auto& l : lines) {
                const bool isHeld = hasVal ? (p.value(split).isEmpty()
                                              || l.split == p.value(split).toStdString())
                                           : held.count(l.writer) > 0;
                if (!isHeld)
                    continue;
                if (!byWriter.count(l.writer))
                    heldOrder.push_back(l.writer);
                byWriter[l.writer].push_back(l);
            }
        }
        std::vector<std::string> chosen;
        if (p.isSet(writersOpt)) {
            for (const QString& w : p.value(writersOpt).split(QLatin1Char(','))) {
                if (!byWriter.count(w.toStdString())) {
                    std::fprintf(stderr, "no held-out writer %s\n", qPrintable(w));
                    return 2;
                }
                chosen.push_back(w.toStdString());
            }
        } else {
            std::vector<std::pair<int, std::string>> sizes;
            for (const auto& [w, ls] : byWriter)
                if (int(ls.size()) >= ns.front() + p.value(minRest).toInt())
                    sizes.push_back({-int(ls.size()), w});
            std::sort(sizes.begin(), sizes.end());
            for (int i = 0; i < std::min(int(sizes.size()), p.value(maxWriters).toInt()); ++i)
                chosen.push_back(sizes[std::size_t(i)].second);
        }
        // The real general set: the other held-out writers' lines, spread evenly.
        std::vector<training::GroundTruthLine> others;
        for (const std::string& w : heldOrder)
            if (std::find(chosen.begin(), chosen.end(), w) == chosen.end())
                others.insert(others.end(), byWriter[w].begin(), byWriter[w].end());
        const auto realSet = service::loadLineSamples(
            training::spreadEvenly(others, p.value(realGeneral).toInt()), base.charset,
            base.crnn.spec().inputHeight);
        const double realBefore = realSet.empty()
                                      ? -1
                                      : training::Trainer::evaluate(base, realSet).cer();
        std::printf(
            "real general set: %zu lines of %zu other held-out writers' lines, CER %.2f %%\n",
            realSet.size(), others.size(), 100 * realBefore);
        std::printf(
            "model %s, adapt %s, %.1f min, %d steps, %d threads, lr %g, replay share %.2f "
            "of %d lines, batch %d, warm-up %d, retrain on all %d, min gain %.2f, hold "
            "out every %d, augment %s, interpolation %.2f, conv lr x%.2f, LM cache %.2f, AdaBN %d; load %s\n",
            qPrintable(modelPath), service::adaptName(o.adapt), o.minutes, o.maxSteps,
            p.value(threads).toInt(), double(o.lr), double(o.replayShare), o.replayLines,
            o.batchSize, o.warmupSteps, int(o.retrainOnAll), o.heldOutMinGain, o.holdOutEvery,
            p.isSet(augment) ? qPrintable(p.value(augment)) : "(default)", double(o.interpolation),
            double(o.convLrScale), o.lmCacheWeight, int(o.adaptBatchNorm), loadAverage().c_str());
        std::printf(
            "| writer | lines | given | rest | CER rest before | after | relative | tuned | guard general before | after | real general before | after | verdict | steps | seconds | lines/s | load |\n");
        std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        std::fflush(stdout);
        std::map<int, std::vector<double>> relative, generalRise, lmRelative;
        std::map<std::string, std::vector<double>> cacheRelative, cacheBaseRelative, alphaRelative,
            alphaRise;
        for (const std::string& w : chosen) {
            const auto samples = service::loadLineSamples(byWriter[w], base.charset,
                                                          base.crnn.spec().inputHeight);
            for (int n : ns) {
                const int rest = int(samples.size()) - n;
                if (rest < p.value(minRest).toInt())
                    continue;
                // The same rest for every n of a writer: the lines after the largest n
                // when there are enough, else those after n.
                const int from = int(samples.size()) - maxN >= p.value(minRest).toInt() ? maxN : n;
                const std::vector<training::LineSample> test(samples.begin() + from, samples.end());
                const std::vector<training::LineSample> given =
                    p.isSet(ceiling)
                        ? test
                        : std::vector<training::LineSample>(samples.begin(), samples.begin() + n);
                const double before = training::Trainer::evaluate(base, test).cer();
                std::atomic_bool cancel{false};
                const auto r = service::fineTune(base, given, o, {}, cancel);
                // What the user gets: the fine-tuned model when the guard passed, else the base.
                const model::Model& kept = r.better ? r.model : base;
                const double after =
                    training::Trainer::evaluate(r.better ? r.model : base, test).cer();
                const double tunedAfter = r.better
                                              ? after
                                              : training::Trainer::evaluate(r.model, test).cer();
                const double realAfter = realSet.empty()
                                             ? -1
                                             : training::Trainer::evaluate(kept, realSet).cer();
                const double rel = before > 0 ? 100 * (after - before) / before : 0.0;
                relative[n].push_back(rel);
                generalRise[n].push_back(100 * (realAfter - realBefore));
                const int runSteps = r.steps * (r.retrained ? 2 : 1);
                std::printf(
                    "| %s | %zu | %d | %zu | %.2f | %.2f | %+.0f %% | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %d | %.0f | %.0f | %s |\n",
                    w.c_str(), samples.size(), n, test.size(), 100 * before, 100 * after, rel,
                    100 * tunedAfter, 100 * r.generalBefore,
                    100 * (r.retrained ? r.generalRetrained : r.generalAfter), 100 * realBefore,
                    100 * realAfter,
                    r.better ? (r.retrained ? "better, retrained" : "better") : "refused", runSteps,
                    r.seconds, double(runSteps) * o.batchSize / std::max(1e-9, r.seconds),
                    loadAverage().c_str());
                std::fflush(stdout);
                if (p.isSet(lmOpt)) {
                    std::map<std::string, std::string> pathOf;
                    for (const auto& l : byWriter[w])
                        pathOf[QFileInfo(QString::fromStdString(l.imagePath))
                                   .fileName()
                                   .toStdString()] = l.imagePath;
                    std::vector<training::EvaluationLine> lines;
                    for (const auto& s : test)
                        lines.push_back({pathOf[s.id], s.text});
                    auto cerWithLm = [&](const model::Model& m, double cacheWeight) {
                        auto withCache = std::make_shared<model::Model>(m);
                        if (cacheWeight > 0 && m.languageModel) {
                            std::vector<std::string> texts;
                            for (const auto& s : given)
                                texts.push_back(s.text);
                            withCache->languageModel = std::make_shared<const model::LanguageModel>(
                                service::adaptLanguageModel(*m.languageModel, texts, cacheWeight));
                        }
                        const reading::Reader reader(std::move(withCache));
                        return service::evaluate(reader, lines, reading::ReadOptions{}).total.cer();
                    };
                    // What the user gets: the kept network with the language model saved
                    // with it (adapted only when the guard passed).
                    const double lmBefore = cerWithLm(base, 0),
                                 lmAfter = cerWithLm(kept, r.better ? o.lmCacheWeight : 0);
                    std::printf(
                        "|   with LM | | | | %.2f | %.2f | %+.0f %% | | | | | | | | | | |\n",
                        100 * lmBefore, 100 * lmAfter,
                        lmBefore > 0 ? 100 * (lmAfter - lmBefore) / lmBefore : 0.0);
                    lmRelative[n].push_back(lmBefore > 0 ? 100 * (lmAfter - lmBefore) / lmBefore
                                                         : 0.0);
                    for (const QString& wc :
                         p.value(lmCache).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                        const double cb = cerWithLm(base, wc.toDouble()),
                                     ck = cerWithLm(kept, wc.toDouble());
                        std::printf("|   LM cache %s: base network | | | | | %.2f | %+.0f %% | "
                                    "kept network %.2f | %+.0f %% | | | | | | | | |\n",
                                    qPrintable(wc), 100 * cb,
                                    lmBefore > 0 ? 100 * (cb - lmBefore) / lmBefore : 0.0, 100 * ck,
                                    lmBefore > 0 ? 100 * (ck - lmBefore) / lmBefore : 0.0);
                        cacheRelative[wc.toStdString()].push_back(
                            lmBefore > 0 ? 100 * (ck - lmBefore) / lmBefore : 0.0);
                        cacheBaseRelative[wc.toStdString()].push_back(
                            lmBefore > 0 ? 100 * (cb - lmBefore) / lmBefore : 0.0);
                    }
                    std::fflush(stdout);
                }
                for (const QString& a :
                     p.value(alphas).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    const model::Model blend = service::interpolateModels(base, r.model,
                                                                          a.toFloat());
                    const double cer = training::Trainer::evaluate(blend, test).cer();
                    const double real = realSet.empty()
                                            ? -1.0
                                            : training::Trainer::evaluate(blend, realSet).cer();
                    std::printf(
                        "|   alpha %s | | | | | %.2f | %+.0f %% | | | | | %.2f | | | | | |\n",
                        qPrintable(a), 100 * cer, before > 0 ? 100 * (cer - before) / before : 0.0,
                        100 * real);
                    alphaRelative[a.toStdString()].push_back(
                        before > 0 ? 100 * (cer - before) / before : 0.0);
                    alphaRise[a.toStdString()].push_back(100 * (real - realBefore));
                    std::fflush(stdout);
                }
            }
        }
        for (const auto& [n, rel] : relative)
            std::printf("given %d: median relative change %+.1f %% over %zu writers (best %+.0f, "
                        "worst %+.0f); real general CER rise median %+.2f, max %+.2f points\n",
                        n, median(rel), rel.size(), *std::min_element(rel.begin(), rel.end()),
                        *std::max_element(rel.begin(), rel.end()), median(generalRise[n]),
                        *std::max_element(generalRise[n].begin(), generalRise[n].end()));
        for (const auto& [n, rel] : lmRelative)
            std::printf("given %d, with the language model: median relative change %+.1f %%\n", n,
                        median(rel));
        for (const auto& [w, rel] : cacheRelative)
            std::printf("LM cache %s: median relative change %+.1f %% (base network: %+.1f %%)\n",
                        w.c_str(), median(rel), median(cacheBaseRelative[w]));
        for (const auto& [a, rel] : alphaRelative)
            std::printf("alpha %s: median relative change %+.1f %%, real general rise median "
                        "%+.2f, max %+.2f points\n",
                        a.c_str(), median(rel), median(alphaRise[a]),
                        *std::max_element(alphaRise[a].begin(), alphaRise[a].end()));
        std::printf("load at the end: %s\n", loadAverage().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "inklens_finetune_eval: %s\n", e.what());
        return 1;
    }
}
