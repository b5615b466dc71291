// Fine-tuning on a writer's first corrected lines (issue #15): for each writer of a
// ground-truth folder with enough lines, the first N lines (N = 10, 20, 50) are given to
// service::fineTune as the corrected samples (it holds out its own share of them for the
// guard); the CER on the rest of that writer's lines (never given) before and after, the
// general CER before and after (the guard's general set), the guard's verdict and the
// time taken. Greedy decoding, no language model (what fine-tuning changes).
//
//   inklens_finetune_eval --data DIR [--model FILE] [--split val] [--writers W1,W2,...]
//       [--counts 10,20,50] [--min-rest 15] [--max-writers N] [--minutes 2]
//       [--adapt output|lstm|all] [--threads 2] [--general DIR]

#include "model/model_file.h"
#include "nn/tensor.h"
#include "service/fine_tuning.h"
#include "service/line_loader.h"
#include "service/model_locator.h"
#include "training/dataset.h"
#include "training/trainer.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <map>

using namespace inklens;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Folder with a manifest.tsv (writer, split)."),
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
                                        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("Budget per run."),
                                     QStringLiteral("M"), QStringLiteral("2"));
    const QCommandLineOption steps(QStringLiteral("steps"),
                                   QStringLiteral("Step budget (0: time)."), QStringLiteral("N"),
                                   QStringLiteral("0"));
    const QCommandLineOption adapt(QStringLiteral("adapt"), QStringLiteral("output, lstm or all."),
                                   QStringLiteral("WHAT"), QStringLiteral("lstm"));
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
    p.addOptions({data, modelOpt, split, writersOpt, counts, minRest, maxWriters, minutes, steps,
                  adapt, threads, general, lr, replayShare, batch});
    p.process(app);
    if (!p.isSet(data)) {
        std::fprintf(stderr, "--data is required\n");
        return 2;
    }
    try {
        nn::setNumThreads(p.value(threads).toInt());
        const QString modelPath = p.isSet(modelOpt) ? p.value(modelOpt)
                                                    : service::defaultModelPath();
        const model::Model base = model::loadModel(modelPath.toStdString());
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
        if (!service::parseAdapt(p.value(adapt).toStdString(), &o.adapt)) {
            std::fprintf(stderr, "--adapt takes output, lstm or all\n");
            return 2;
        }
        std::vector<int> ns;
        for (const QString& c : p.value(counts).split(QLatin1Char(',')))
            ns.push_back(c.toInt());
        const int maxN = *std::max_element(ns.begin(), ns.end());

        // The writers' lines, in file order.
        std::map<std::string, std::vector<training::GroundTruthLine>> byWriter;
        for (const auto& l : training::listGroundTruth(p.value(data).toStdString()))
            if (!training::skipGroundTruth(l) && !l.writer.empty()
                && (p.value(split).isEmpty() || l.split == p.value(split).toStdString()))
                byWriter[l.writer].push_back(l);
        std::vector<std::string> chosen;
        if (p.isSet(writersOpt)) {
            for (const QString& w : p.value(writersOpt).split(QLatin1Char(',')))
                chosen.push_back(w.toStdString());
        } else {
            std::vector<std::pair<int, std::string>> sizes;
            for (const auto& [w, ls] : byWriter)
                if (int(ls.size()) >= ns.front() + p.value(minRest).toInt())
                    sizes.push_back({-int(ls.size()), w});
            std::sort(sizes.begin(), sizes.end());
            for (int i = 0; i < std::min(int(sizes.size()), p.value(maxWriters).toInt()); ++i)
                chosen.push_back(sizes[std::size_t(i)].second);
        }
        std::printf(
            "model %s, adapt %s, %.1f min, %d threads, lr %g, replay share %.2f, batch %d\n",
            qPrintable(modelPath), service::adaptName(o.adapt), o.minutes, p.value(threads).toInt(),
            double(o.lr), double(o.replayShare), o.batchSize);
        std::printf(
            "| writer | lines | given | rest | CER rest before | after | relative | general before | after | verdict | steps | seconds |\n");
        std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        std::fflush(stdout);
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
                const std::vector<training::LineSample> given(samples.begin(), samples.begin() + n);
                const std::vector<training::LineSample> test(samples.begin() + from, samples.end());
                const double before = training::Trainer::evaluate(base, test).cer();
                std::atomic_bool cancel{false};
                const auto r = service::fineTune(base, given, o, {}, cancel);
                const double after = training::Trainer::evaluate(r.model, test).cer();
                std::printf(
                    "| %s | %zu | %d | %zu | %.2f | %.2f | %+.0f %% | %.2f | %.2f | %s | %d | %.0f |\n",
                    w.c_str(), samples.size(), n, test.size(), 100 * before, 100 * after,
                    before > 0 ? 100 * (after - before) / before : 0.0, 100 * r.generalBefore,
                    100 * r.generalAfter, r.better ? "better" : "refused", r.steps, r.seconds);
                std::fflush(stdout);
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "inklens_finetune_eval: %s\n", e.what());
        return 1;
    }
}
