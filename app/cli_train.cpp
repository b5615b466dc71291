// inklens train: loads ground-truth folders (writer-disjoint validation), trains or
// fine-tunes a model with core/training's Trainer, prints a progress line, saves
// checkpoints and the best model; Ctrl-C stops cleanly with a checkpoint.
#include "cli.h"

#include "model/model_file.h"
#include "service/line_loader.h"
#include "training/trainer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>
#include <set>

namespace inklens::cli {

namespace {

std::atomic_bool g_stop{false};
void onSigint(int) { g_stop.store(true); }

}  // namespace

model::CrnnSpec presetSpec(const QString& name, int classes)
{
    model::CrnnSpec s = model::CrnnSpec::crnnRef();
    s.numClasses = classes;
    if (name == QLatin1String("crnn-ref"))
        return s;
    if (name != QLatin1String("line32") && name != QLatin1String("line40"))
        throw nn::EngineError("unknown architecture '" + name.toStdString() + "' (line32, line40 or crnn-ref)");
    // "line32" / "line40": crnn-ref's layout with batch norm and leaky ReLU, at height 32 or
    // 40. line32 is the default: it read best in the controlled comparison of
    // scripts/compare-architectures.sh (docs/model.md); the bundled model is line40.
    s.inputHeight = name == QLatin1String("line32") ? 32 : 40;
    s.activation = nn::Activation::LeakyReLU;
    for (auto& c : s.convs)
        c.batchNorm = true;
    return s;
}

namespace {

std::vector<int> positiveList(const QString& text, const char* what)
{
    std::vector<int> out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok || v < 1)
            throw nn::EngineError(std::string(what) + ": '" + text.toStdString() + "' is not a list of positive integers");
        out.push_back(v);
    }
    return out;
}

}  // namespace

void overrideSpec(model::CrnnSpec& s, const QString& height, const QString& convChannels, const QString& lstm)
{
    if (!height.isEmpty())
        s.inputHeight = positiveList(height, "--height").front();
    if (!convChannels.isEmpty()) {
        // The preset's pools stay on the first blocks; blocks beyond them do not pool.
        const auto ch = positiveList(convChannels, "--conv");
        std::vector<model::ConvBlockSpec> convs;
        for (std::size_t i = 0; i < ch.size(); ++i) {
            model::ConvBlockSpec c = i < s.convs.size() ? s.convs[i] : s.convs.back();
            if (i >= s.convs.size())
                c.poolH = c.poolW = 1;
            c.channels = ch[i];
            convs.push_back(c);
        }
        s.convs = std::move(convs);
    }
    if (!lstm.isEmpty())
        s.lstmHidden = positiveList(lstm, "--lstm");
    s.validate();
}

std::vector<training::LineSample> loadSamples(const std::vector<service::GroundTruthLine>& lines,
                                              const model::Charset& charset, int height, const QString& what)
{
    std::vector<training::LineSample> out(lines.size());
    std::vector<char> ok(lines.size(), 0);
    imaging::NormalizeOptions norm;
    norm.height = height;
#pragma omp parallel for schedule(dynamic, 8)
    for (int i = 0; i < int(lines.size()); ++i) {
        const auto& l = lines[std::size_t(i)];
        QString err;
        const QImage img = service::loadGrayImage(l.imagePath, &err);
        if (img.isNull())
            continue;
        auto& s = out[std::size_t(i)];
        s.image = imaging::normalizeLine(service::grayMat(img), norm);
        s.text = model::normalizeText(service::cleanGroundTruth(l.text, l.flags).toStdString());
        s.labels = charset.encode(s.text);
        s.text = charset.decode(s.labels);  // what the model can produce
        s.id = QFileInfo(l.imagePath).fileName().toStdString();
        ok[std::size_t(i)] = !s.image.empty() && !s.labels.empty();
    }
    std::vector<training::LineSample> kept;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (ok[i])
            kept.push_back(std::move(out[i]));
    std::fprintf(stderr, "%s: %zu lines (%zu unreadable or empty skipped)\n", qPrintable(what), kept.size(),
                 out.size() - kept.size());
    return kept;
}

std::pair<QString, double> splitWeight(const QString& arg)
{
    if (const auto colon = arg.lastIndexOf(QLatin1Char(':')); colon > 0) {
        bool ok = false;
        const double w = arg.mid(colon + 1).toDouble(&ok);
        if (ok && w >= 0)
            return {arg.left(colon), w};
    }
    return {arg, 1.0};
}

void splitLines(const QStringList& dirs, int holdoutWriters, std::vector<service::GroundTruthLine>& train,
                std::vector<service::GroundTruthLine>& val, QStringList& heldOut)
{
    for (const QString& arg : dirs) {
        // DIR:WEIGHT: the folder's training lines are repeated (or thinned) by the weight.
        const auto [d, weight] = splitWeight(arg);
        QString err;
        auto lines = service::listGroundTruth(d, &err);
        if (!err.isEmpty())
            throw nn::EngineError(err.toStdString());
        lines.erase(std::remove_if(lines.begin(), lines.end(), service::skipGroundTruth), lines.end());
        const bool hasVal = std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.split == QLatin1String("val"); });
        std::set<QString> held;
        if (!hasVal)
            for (const QString& w : service::heldOutWriters(lines, holdoutWriters)) {
                held.insert(w);
                heldOut << w;
            }
        std::vector<service::GroundTruthLine> folderTrain;
        for (auto& l : lines) {
            const bool isVal = hasVal ? l.split == QLatin1String("val") : held.count(l.writer) > 0;
            (isVal ? val : folderTrain).push_back(l);
        }
        const double copies = weight * double(folderTrain.size());
        for (std::size_t k = 0; k < std::size_t(copies); ++k)
            train.push_back(folderTrain[std::size_t(double(k) / weight) % folderTrain.size()]);
        std::fprintf(stderr, "%s: %zu training lines (weight %.2f), %zu validation lines\n", qPrintable(d),
                     std::size_t(copies), weight, std::count_if(lines.begin(), lines.end(), [&](const auto& l) {
                         return hasVal ? l.split == QLatin1String("val") : held.count(l.writer) > 0;
                     }));
    }
}

int runTrain(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Train or fine-tune a recognition model on ground-truth folders."));
    p.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Ground-truth folder (repeatable), optionally with a sampling weight: DIR:WEIGHT (2 = twice per epoch, 0.5 = half)."), QStringLiteral("DIR[:WEIGHT]"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Model file to write (best validation CER)."), QStringLiteral("FILE"));
    const QCommandLineOption init(QStringLiteral("init"), QStringLiteral("Start from this model (fine-tuning)."), QStringLiteral("MODEL"));
    const QCommandLineOption arch(QStringLiteral("arch"), QStringLiteral("Architecture preset for a new model: line32 (default), line40 or crnn-ref."), QStringLiteral("NAME"), QStringLiteral("line32"));
    const QCommandLineOption height(QStringLiteral("height"), QStringLiteral("Input height instead of the preset's; with --init, the same weights at another height (the rows left after the pools must not change)."), QStringLiteral("H"));
    const QCommandLineOption conv(QStringLiteral("conv"), QStringLiteral("New model: channels of the conv blocks, e.g. 32,64,128,128,256 (the preset's pools stay on the first five)."), QStringLiteral("C1,C2,..."));
    const QCommandLineOption lstm(QStringLiteral("lstm"), QStringLiteral("New model: hidden sizes of the BiLSTM layers, e.g. 128,128."), QStringLiteral("H1,H2,..."));
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("Wall-clock budget."), QStringLiteral("M"), QStringLiteral("0"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Step budget."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("Lines per batch."), QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption lr(QStringLiteral("lr"), QStringLiteral("Peak learning rate."), QStringLiteral("LR"), QStringLiteral("0.001"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Warm-up steps."), QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Threads (0 = all cores)."), QStringLiteral("T"), QStringLiteral("0"));
    const QCommandLineOption holdout(QStringLiteral("holdout-writers"), QStringLiteral("Writers held out per folder without a val split."), QStringLiteral("N"), QStringLiteral("15"));
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint file (written every few minutes and at the end)."), QStringLiteral("FILE"));
    const QCommandLineOption resume(QStringLiteral("resume"), QStringLiteral("Resume from the --checkpoint file."));
    const QCommandLineOption valEvery(QStringLiteral("validate-every"), QStringLiteral("Validate every N steps."), QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption valLines(QStringLiteral("val-lines"), QStringLiteral("Validation lines used during training."), QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption shortFirst(QStringLiteral("short-first"), QStringLiteral("Curriculum: the first epoch goes from the narrowest lines (words) to the widest."));
    const QCommandLineOption noAug(QStringLiteral("no-augment"), QStringLiteral("Train without augmentation."));
    const QCommandLineOption dump(QStringLiteral("dump-samples"), QStringLiteral("Write the first 16 training lines, as the network sees them (augmented), to DIR as PNG and exit."), QStringLiteral("DIR"));
    const QCommandLineOption log(QStringLiteral("log"), QStringLiteral("Append progress as JSON lines to FILE."), QStringLiteral("FILE"));
    p.addOptions({data, out, init, arch, height, conv, lstm, minutes, steps, batch, lr, warmup, seed, threads, holdout, checkpoint, resume,
                  valEvery, valLines, noAug, log, dump, shortFirst});
    QStringList argv = args;
    argv.prepend(QStringLiteral("inklens train"));
    if (!p.parse(argv)) {
        std::fprintf(stderr, "inklens train: %s\n", qPrintable(p.errorText()));
        return 2;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return 0;
    }
    if (!p.isSet(data) || !p.isSet(out)) {
        std::fprintf(stderr, "inklens train: --data and --out are required\n%s", qPrintable(p.helpText()));
        return 2;
    }
    if (p.isSet(init) && (p.isSet(arch) || p.isSet(conv) || p.isSet(lstm))) {
        std::fprintf(stderr, "inklens train: --arch, --conv and --lstm describe a new model; --init keeps its own\n");
        return 2;
    }
    try {
        nn::setNumThreads(p.value(threads).toInt());
        std::optional<model::Model> m;
        if (p.isSet(init)) {
            m.emplace(model::loadModel(p.value(init).toStdString()));
            // The same weights at another input height (Crnn::withInputHeight).
            if (p.isSet(height))
                m->crnn = m->crnn.withInputHeight(positiveList(p.value(height), "--height").front());
        }
        else {
            const auto cs = model::Charset::defaultLatin();
            auto spec = presetSpec(p.value(arch), cs.size());
            overrideSpec(spec, p.value(height), p.value(conv), p.value(lstm));
            model::Crnn net(spec);
            net.initialize(p.value(seed).toULongLong());
            m.emplace(std::move(net), cs);
        }
        std::vector<service::GroundTruthLine> trainLines, valLines_;
        QStringList held;
        splitLines(p.values(data), p.value(holdout).toInt(), trainLines, valLines_, held);
        const int h = m->crnn.spec().inputHeight;
        auto train = loadSamples(trainLines, m->charset, h, QStringLiteral("training"));
        auto val = loadSamples(valLines_, m->charset, h, QStringLiteral("validation"));
        // Validation subset: spread over all writers (every k-th line).
        const int vmax = p.value(valLines).toInt();
        if (vmax > 0 && int(val.size()) > vmax) {
            std::vector<training::LineSample> sub;
            const double stride = double(val.size()) / vmax;
            for (int i = 0; i < vmax; ++i)
                sub.push_back(val[std::size_t(i * stride)]);
            val = std::move(sub);
        }
        if (p.isSet(dump)) {
            QDir().mkpath(p.value(dump));
            nn::Rng rng(p.value(seed).toULongLong());
            for (std::size_t i = 0; i < std::min<std::size_t>(16, train.size()); ++i) {
                const auto& s = train[i * (train.size() / 16)];
                for (int a = 0; a < 2; ++a) {
                    const auto im = a == 0 ? s.image : training::augmentLine(s.image, rng);
                    QImage q(im.width, im.height, QImage::Format_Grayscale8);
                    for (int y = 0; y < im.height; ++y)
                        for (int x = 0; x < im.width; ++x)
                            q.scanLine(y)[x] = uchar(255 - std::lround(255 * im.pixels[std::size_t(y * im.width + x)]));
                    q.save(QStringLiteral("%1/%2_%3.png").arg(p.value(dump)).arg(i, 2, 10, QLatin1Char('0')).arg(a ? "aug" : "orig"));
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
        o.shortFirst = p.isSet(shortFirst);
        o.validateEverySteps = p.value(valEvery).toInt();
        o.maxValidationLines = 0;
        o.checkpointPath = p.value(checkpoint).toStdString();
        o.outputPath = p.value(out).toStdString();
        QJsonObject prov;
        prov[QStringLiteral("data")] = QJsonArray::fromStringList(p.values(data));
        prov[QStringLiteral("held_out_writers")] = QJsonArray::fromStringList(held);
        prov[QStringLiteral("training_lines")] = int(train.size());
        prov[QStringLiteral("validation_lines")] = int(val.size());
        prov[QStringLiteral("seed")] = p.value(seed);
        prov[QStringLiteral("started")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        prov[QStringLiteral("command")] = argv.join(QLatin1Char(' '));
        m->provenance = QJsonDocument(prov).toJson(QJsonDocument::Compact).toStdString();
        training::Trainer trainer(*m, std::move(train), std::move(val), o);
        if (p.isSet(resume)) {
            trainer.resume(o.checkpointPath);
            std::fprintf(stderr, "resumed from %s\n", qPrintable(p.value(checkpoint)));
        }
        std::signal(SIGINT, onSigint);
        FILE* logFile = p.isSet(log) ? std::fopen(qPrintable(p.value(log)), "a") : nullptr;
        const auto last = trainer.run(
            [&](const training::TrainProgress& pr) {
                std::fprintf(stderr, "step %6d  epoch %3d  loss %7.4f  lr %.2e  %5.1f lines/s  %6.1f min", pr.step,
                             pr.epoch, pr.loss, pr.lr, pr.linesPerSecond, pr.elapsedSeconds / 60);
                if (pr.etaSeconds >= 0)
                    std::fprintf(stderr, "  ETA %5.1f min", pr.etaSeconds / 60);
                if (pr.validated)
                    std::fprintf(stderr, "  val CER %5.2f%% WER %5.2f%% (best %5.2f%%)", 100 * pr.valCer, 100 * pr.valWer,
                                 100 * pr.bestValCer);
                std::fprintf(stderr, "\n");
                if (logFile) {
                    std::fprintf(logFile,
                                 "{\"step\": %d, \"epoch\": %d, \"loss\": %.5f, \"lr\": %.3g, \"minutes\": %.3f, "
                                 "\"lines_per_s\": %.2f, \"val_cer\": %.5f, \"val_wer\": %.5f}\n",
                                 pr.step, pr.epoch, pr.loss, pr.lr, pr.elapsedSeconds / 60, pr.linesPerSecond,
                                 pr.validated ? pr.valCer : -1.0, pr.validated ? pr.valWer : -1.0);
                    std::fflush(logFile);
                }
            },
            g_stop);
        if (logFile)
            std::fclose(logFile);
        std::fprintf(stderr, "%s after %d steps; best validation CER %.2f%%; model: %s\n",
                     g_stop.load() ? "stopped" : "done", last.step, 100 * last.bestValCer, qPrintable(p.value(out)));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "inklens train: %s\n", e.what());
        return 1;
    }
}

}  // namespace inklens::cli
