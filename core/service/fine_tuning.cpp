#include "fine_tuning.h"

#include "model/lm_file.h"
#include "nn/tensor.h"
#include "service/line_loader.h"
#include "service/page_formats.h"
#include "service/synth_folder.h"
#include "training/dataset.h"
#include "training/synth.h"
#include "training/text_source.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace inklens::service {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

bool isTrainable(Adapt adapt, const std::string& name)
{
    switch (adapt) {
    case Adapt::Output:
        return name.rfind("fc.", 0) == 0;
    case Adapt::Lstm:
        return name.rfind("fc.", 0) == 0 || name.rfind("lstm", 0) == 0;
    case Adapt::All:
        return true;
    }
    return true;
}

training::SyntheticGenerator hersheyGenerator(const model::Charset& charset, int height,
                                              std::uint64_t seed, bool heldOut,
                                              const std::string& hersheyDir)
{
    auto fonts = loadHersheyFonts(hersheyDir);
    if (fonts.empty())
        throw nn::EngineError("no Hershey fonts in " + hersheyDir
                              + " for the general lines (Debian: hershey-fonts-data)");
    auto text = std::make_shared<training::TextSource>(charset,
                                                       training::TextSource::debianWordLists());
    return training::SyntheticGenerator(text, std::move(fonts), {},
                                        synthOptions(height, seed, heldOut, 1.f, 400, false));
}

// A folder's lines; when it has "val" rows, only those (valOnly) or only the others, at most
// maxLines of them spread evenly (0: all).
std::vector<training::LineSample> folderLines(const std::string& dir, const model::Charset& charset,
                                              int height, bool valOnly, int maxLines)
{
    auto lines = training::listGroundTruth(dir);
    std::erase_if(lines, [](const auto& l) { return training::skipGroundTruth(l); });
    if (std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.split == "val"; }))
        std::erase_if(lines, [valOnly](const auto& l) { return (l.split == "val") != valOnly; });
    return loadLineSamples(training::spreadEvenly(std::move(lines), maxLines), charset, height);
}

}  // namespace

const char* adaptName(Adapt adapt)
{
    switch (adapt) {
    case Adapt::Output:
        return "output";
    case Adapt::Lstm:
        return "lstm";
    case Adapt::All:
        return "all";
    }
    return "all";
}

bool parseAdapt(const std::string& name, Adapt* adapt)
{
    for (Adapt a : {Adapt::Output, Adapt::Lstm, Adapt::All})
        if (name == adaptName(a)) {
            *adapt = a;
            return true;
        }
    return false;
}

model::Model interpolateModels(const model::Model& base, const model::Model& tuned, float alpha)
{
    model::Model out = tuned;
    const auto from = base.crnn.params();
    auto to = out.crnn.params();
    for (std::size_t i = 0; i < to.size(); ++i) {
        to[i]->value = from[i]->value + alpha * (to[i]->value - from[i]->value);
        to[i]->touch();
    }
    const auto kept = base.crnn.buffers();
    auto mixed = out.crnn.buffers();
    for (std::size_t i = 0; i < mixed.size(); ++i)
        *mixed[i].second = *kept[i].second + alpha * (*mixed[i].second - *kept[i].second);
    return out;
}

training::AugmentOptions heavyAugmentation()
{
    training::AugmentOptions a;
    a.slant = 0.5f;
    a.rotateDeg = 3.f;
    a.scaleX = 0.3f;
    a.scaleY = 0.18f;
    a.shiftY = 0.08f;
    a.strokeProb = 0.5f;
    a.blurProb = 0.3f;
    a.noise = 0.1f;
    a.neighbourProb = 0.4f;
    a.elasticProb = 0.6f;
    a.elasticPixels = 2.5f;
    a.paperProb = 0.4f;
    return a;
}

training::AugmentOptions lightAugmentation()
{
    training::AugmentOptions a;
    a.slant = 0.15f;
    a.rotateDeg = 1.f;
    a.scaleX = 0.1f;
    a.scaleY = 0.06f;
    a.shiftY = 0.03f;
    a.strokeProb = 0.15f;
    a.blurProb = 0.1f;
    a.noise = 0.04f;
    a.neighbourProb = 0.15f;
    a.elasticProb = 0.15f;
    a.elasticPixels = 1.f;
    a.paperProb = 0.15f;
    return a;
}

void adaptBatchNormStatistics(model::Model& model, const std::vector<training::LineSample>& lines,
                              int passes)
{
    if (lines.empty())
        return;
    std::vector<int> order(lines.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return lines[std::size_t(a)].image.width < lines[std::size_t(b)].image.width;
    });
    model::CrnnWorkspace ws;
    for (int pass = 0; pass < passes; ++pass)
        for (std::size_t i = 0; i < order.size(); i += 8) {
            std::vector<const float*> px;
            std::vector<int> widths;
            for (std::size_t j = i; j < std::min(order.size(), i + 8); ++j) {
                const auto& im = lines[std::size_t(order[j])].image;
                px.push_back(im.pixels.data());
                widths.push_back(im.width);
            }
            model.crnn.forwardTrain(model::makeImageBatch(px, widths, lines.front().image.height),
                                    ws);
        }
}

model::LanguageModel adaptLanguageModel(const model::LanguageModel& base,
                                        const std::vector<std::string>& texts, double w)
{
    ctc::CharNgramLm::Builder cache(base.lm.numLabels(), {base.lm.order(), 0.0});
    for (const std::string& t : texts) {
        auto labels = base.charset.encode(t);
        std::erase_if(labels, [&](int l) { return l < 1 || l >= base.lm.numLabels(); });
        if (!labels.empty())
            cache.addLine(labels);
    }
    model::LanguageModel out = base;
    out.lm = ctc::CharNgramLm::interpolate(base.lm, cache.finish(), w);
    QJsonObject prov;
    const QJsonDocument baseProv = QJsonDocument::fromJson(
        QByteArray::fromStdString(base.provenance));
    if (baseProv.isObject())
        prov[QStringLiteral("base")] = baseProv.object();
    prov[QStringLiteral("cache_lines")] = int(texts.size());
    prov[QStringLiteral("cache_weight")] = w;
    out.provenance = QJsonDocument(prov).toJson(QJsonDocument::Compact).toStdString();
    return out;
}

std::vector<training::LineSample> loadSampleFolder(const std::string& dir,
                                                   const model::Charset& charset, int height,
                                                   std::size_t* skipped)
{
    auto lines = training::listGroundTruth(dir);
    std::erase_if(lines, [](const auto& l) { return training::skipGroundTruth(l); });
    return loadLineSamples(lines, charset, height, skipped);
}

std::vector<int> heldOutIndices(int n, int holdOutEvery)
{
    std::vector<int> held;
    if (n < 2)
        return held;
    const int k = std::max(2, holdOutEvery);
    for (int i = k - 1; i < n; i += k)
        held.push_back(i);
    if (held.empty())
        held.push_back(n - 1);
    return held;
}

FineTuningResult fineTune(const model::Model& base,
                          const std::vector<training::LineSample>& samples,
                          const FineTuningOptions& o,
                          const std::function<void(const FineTuningProgress&)>& progress,
                          const std::atomic_bool& cancel)
{
    const auto t0 = Clock::now();
    if (samples.size() < 2)
        throw nn::EngineError("fine-tuning needs at least 2 samples (one is held out), got "
                              + std::to_string(samples.size()));
    FineTuningResult r(base);
    const int height = base.crnn.spec().inputHeight;

    // The user's samples: training and held-out.
    const std::vector<int> held = heldOutIndices(int(samples.size()), o.holdOutEvery);
    std::vector<training::LineSample> train_, heldOut;
    for (std::size_t i = 0; i < samples.size(); ++i)
        (std::binary_search(held.begin(), held.end(), int(i)) ? heldOut : train_)
            .push_back(samples[i]);
    for (const auto& s : samples)
        r.texts.push_back(s.text);
    r.trainingSamples = int(train_.size());
    r.heldOutSamples = int(heldOut.size());

    // The general set the guard scores, and the replay lines (other writers and texts).
    std::vector<training::LineSample> general;
    if (!o.generalDir.empty()) {
        general = folderLines(o.generalDir, base.charset, height, true, o.generalLines);
        r.generalSet = o.generalDir;
    } else {
        general = hersheyGenerator(base.charset, height, o.generalSeed, true, o.hersheyDir)
                      .lineSamples(0, o.generalLines, base.charset);
        r.generalSet = "synthetic Hershey lines of held-out writers, seed "
                       + std::to_string(o.generalSeed);
    }
    if (general.empty())
        throw nn::EngineError("no general lines to score the model on");
    r.generalLines = int(general.size());
    std::vector<training::LineSample> replay;
    if (o.replayLines > 0)
        replay = hersheyGenerator(base.charset, height, o.seed, false, o.hersheyDir)
                     .lineSamples(1'000'000, o.replayLines, base.charset);
    for (const auto& dir : o.replayDirs) {
        auto more = folderLines(dir, base.charset, height, false, o.replayDirLines);
        replay.insert(replay.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
    }
    r.replayLines = int(replay.size());

    r.heldOutBefore = training::Trainer::evaluate(base, heldOut).cer();
    r.generalBefore = training::Trainer::evaluate(base, general).cer();
    const double scoring = secondsSince(t0);

    // An epoch: the user's samples repeated so that replay is about replayShare of it.
    auto epochOf = [&](const std::vector<training::LineSample>& own) {
        std::vector<training::LineSample> mixed;
        const double share = std::clamp(double(o.replayShare), 0.0, 0.95);
        const int repeats = replay.empty() || share <= 0
                                ? 1
                                : std::max(1, int(std::lround(double(replay.size()) * (1 - share)
                                                              / share / double(own.size()))));
        for (int k = 0; k < repeats; ++k)
            mixed.insert(mixed.end(), own.begin(), own.end());
        mixed.insert(mixed.end(), replay.begin(), replay.end());
        return mixed;
    };

    training::TrainOptions to;
    // The budget covers the scoring before (done) and after (about as long again).
    double trainMinutes = o.minutes > 0 ? std::max(0.05, o.minutes - 2 * scoring / 60) : 0;
    if (o.retrainOnAll)
        trainMinutes /= 2;
    to.minutes = trainMinutes;
    to.maxSteps = o.maxSteps;
    if (to.minutes <= 0 && to.maxSteps <= 0)
        to.maxSteps = 200;
    to.batchSize = o.batchSize;
    to.lr = o.lr;
    to.warmupSteps = o.warmupSteps;
    to.seed = o.seed;
    to.validateEverySteps = o.validateEverySteps;
    to.maxValidationLines = 0;
    to.augmentation = o.augmentation;
    const Adapt adapt = o.adapt;
    to.trainable = [adapt](const std::string& name) { return isTrainable(adapt, name); };
    if (o.convLrScale != 1.f)
        to.lrScale = [scale = o.convLrScale](const std::string& name) {
            return name.rfind("conv", 0) == 0 || name.rfind("bn", 0) == 0 ? scale : 1.f;
        };

    // Trains model on own (+ replay) under to; stepsBefore and share place the progress.
    auto train = [&](model::Model& model, const std::vector<training::LineSample>& own,
                     std::vector<training::LineSample> val, const training::TrainOptions& opt,
                     int stepsBefore) {
        training::Trainer trainer(model, epochOf(own), std::move(val), opt);
        const auto last = trainer.run(
            [&](const training::TrainProgress& p) {
            if (!progress)
                return;
            FineTuningProgress fp;
            fp.step = stepsBefore + p.step;
            fp.loss = p.loss;
            fp.heldOutCer = p.validated ? p.valCer : -1;
            fp.elapsedSeconds = secondsSince(t0);
            const int allSteps = std::max(1, opt.maxSteps) * (o.retrainOnAll ? 2 : 1);
            fp.fraction = o.minutes > 0 ? std::min(1.0, fp.elapsedSeconds / (o.minutes * 60))
                                        : double(fp.step) / allSteps;
            fp.model = &model;
            progress(fp);
            },
            cancel);
        // Frozen convolutions keep their batch-norm statistics (training mode updated them).
        if (adapt != Adapt::All) {
            auto tuned = model.crnn.buffers();
            const auto kept = base.crnn.buffers();
            for (std::size_t i = 0; i < tuned.size(); ++i)
                *tuned[i].second = *kept[i].second;
        }
        return last.step;
    };
    r.steps = train(r.model, train_, heldOut, to, 0);
    if (o.adaptBatchNorm && !cancel.load())
        adaptBatchNormStatistics(r.model, train_);
    // Most of the way back to the base: much of the gain on the writer, little forgetting.
    if (o.interpolation < 1)
        r.model = interpolateModels(base, r.model, o.interpolation);
    r.cancelled = cancel.load();
    if (r.cancelled) {
        r.seconds = secondsSince(t0);
        r.verdict = "cancelled";
        return r;
    }
    r.heldOutAfter = training::Trainer::evaluate(r.model, heldOut).cer();
    r.generalAfter = training::Trainer::evaluate(r.model, general).cer();
    r.seconds = secondsSince(t0);
    char buf[200];
    if (!(r.heldOutAfter < r.heldOutBefore * (1 - o.heldOutMinGain))) {
        std::snprintf(buf, sizeof buf,
                      "not better on the held-out samples (CER %.2f %% before, %.2f %% after)",
                      100 * r.heldOutBefore, 100 * r.heldOutAfter);
    } else if (r.generalAfter > r.generalBefore + o.generalMargin) {
        std::snprintf(buf, sizeof buf,
                      "worse on general lines (CER %.2f %% before, %.2f %% after; at most %.2f "
                      "points more allowed)",
                      100 * r.generalBefore, 100 * r.generalAfter, 100 * o.generalMargin);
    } else {
        r.better = true;
        std::snprintf(buf, sizeof buf,
                      "better: held-out CER %.2f %% -> %.2f %%, general CER %.2f %% -> %.2f %%",
                      100 * r.heldOutBefore, 100 * r.heldOutAfter, 100 * r.generalBefore,
                      100 * r.generalAfter);
    }
    r.verdict = buf;
    if (r.better && o.retrainOnAll) {
        // The same recipe from the base on every sample, as many steps (within the rest of
        // the budget); the guarded run vouches for the recipe.
        model::Model all = base;
        training::TrainOptions again = to;
        again.maxSteps = r.steps;
        again.minutes = o.minutes > 0
                            ? std::max(0.05, o.minutes - (secondsSince(t0) + scoring / 2) / 60)
                            : 0;
        again.validateEverySteps = 0;
        const int steps = train(all, samples, {}, again, r.steps);
        if (o.adaptBatchNorm && !cancel.load())
            adaptBatchNormStatistics(all, samples);
        if (o.interpolation < 1)
            all = interpolateModels(base, all, o.interpolation);
        if (!cancel.load()) {
            r.generalRetrained = training::Trainer::evaluate(all, general).cer();
            if (r.generalRetrained <= r.generalBefore + o.generalMargin) {
                r.model = std::move(all);
                r.retrained = true;
                r.verdict += "; trained again on all " + std::to_string(samples.size())
                             + " samples (" + std::to_string(steps) + " steps)";
            }
        }
    }
    r.seconds = secondsSince(t0);
    return r;
}

void saveFineTuned(const FineTuningResult& result, const FineTuningOptions& o,
                   const std::string& basePath, const std::string& samplesSource,
                   const std::string& outPath)
{
    const QFileInfo out(QString::fromStdString(outPath));
    if (!basePath.empty() && QFileInfo::exists(QString::fromStdString(basePath)) && out.exists()
        && out.canonicalFilePath()
               == QFileInfo(QString::fromStdString(basePath)).canonicalFilePath())
        throw nn::EngineError(outPath + ": will not write over the base model");
    model::Model m = result.model;
    QJsonObject prov;
    prov[QStringLiteral("fine_tuned_from")] = QString::fromStdString(basePath);
    const QJsonDocument baseProv = QJsonDocument::fromJson(
        QByteArray::fromStdString(result.model.provenance));
    if (baseProv.isObject())
        prov[QStringLiteral("base_provenance")] = baseProv.object();
    prov[QStringLiteral("samples")] = QString::fromStdString(samplesSource);
    prov[QStringLiteral("training_samples")] = result.trainingSamples;
    prov[QStringLiteral("held_out_samples")] = result.heldOutSamples;
    prov[QStringLiteral("replay_lines")] = result.replayLines;
    prov[QStringLiteral("adapt")] = QString::fromLatin1(adaptName(o.adapt));
    prov[QStringLiteral("interpolation")] = double(o.interpolation);
    prov[QStringLiteral("adapt_batch_norm")] = o.adaptBatchNorm;
    if (o.convLrScale != 1.f)
        prov[QStringLiteral("conv_lr_scale")] = double(o.convLrScale);
    prov[QStringLiteral("lm_cache_weight")] = o.lmCacheWeight;
    prov[QStringLiteral("steps")] = result.steps;
    prov[QStringLiteral("seconds")] = result.seconds;
    prov[QStringLiteral("date")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    prov[QStringLiteral("held_out_cer_before")] = result.heldOutBefore;
    prov[QStringLiteral("held_out_cer_after")] = result.heldOutAfter;
    prov[QStringLiteral("general_set")] = QString::fromStdString(result.generalSet);
    prov[QStringLiteral("general_cer_before")] = result.generalBefore;
    prov[QStringLiteral("general_cer_after")] = result.generalAfter;
    if (result.retrained) {
        // The held-out scores are the guarded run's; this model trained on those samples too.
        prov[QStringLiteral("trained_again_on_all_samples")] = true;
        prov[QStringLiteral("general_cer_after_retraining")] = result.generalRetrained;
    }
    m.provenance = QJsonDocument(prov).toJson(QJsonDocument::Compact).toStdString();
    model::saveModel(outPath, m);  // atomic

    // The base's language model beside the new model (atomic too), with the samples' texts
    // as a cache when asked.
    if (basePath.empty())
        return;
    const QString lmFrom = QString::fromStdString(model::languageModelPathFor(basePath));
    const QString lmTo = QString::fromStdString(model::languageModelPathFor(outPath));
    if (!QFileInfo::exists(lmFrom) || lmFrom == lmTo)
        return;
    if (o.lmCacheWeight > 0 && !result.texts.empty()) {
        std::optional<model::LanguageModel> adapted;
        try {
            adapted = adaptLanguageModel(model::loadLanguageModel(lmFrom.toStdString()),
                                         result.texts, o.lmCacheWeight);
        } catch (const nn::EngineError&) {
            // A base .lm that does not load is copied as it is (loading the model warns).
        }
        if (adapted) {
            model::saveLanguageModel(lmTo.toStdString(), *adapted);
            return;
        }
    }
    QFile in(lmFrom);
    if (!in.open(QIODevice::ReadOnly))
        throw nn::EngineError("cannot read " + lmFrom.toStdString());
    QString why;
    if (!saveAtomically(lmTo, in.readAll(), &why))  // a full disk: an error, not a cut file
        throw nn::EngineError("cannot write " + lmTo.toStdString() + ": " + why.toStdString());
}

}  // namespace inklens::service
