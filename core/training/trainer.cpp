#include "trainer.h"

#include "ctc/decode.h"
#include "model/safetensors.h"
#include "nn/optim.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <numeric>

namespace inklens::training {

using namespace inklens::nn;

namespace {

using Clock = std::chrono::steady_clock;

Tensor4 toBatch(const std::vector<const imaging::LineImage*>& images)
{
    std::vector<const float*> px;
    std::vector<int> widths;
    for (const auto* im : images) {
        px.push_back(im->pixels.data());
        widths.push_back(im->width);
    }
    return model::makeImageBatch(px, widths, images.front()->height);
}

}  // namespace

AugmentOptions inkImageAugmentation(AugmentOptions o)
{
    o.slant = 0;
    o.rotateDeg = 0;
    o.strokeProb = 0;
    o.elasticProb = 0;
    return o;
}

imaging::LineImage augmentSample(const LineSample& s, nn::Rng& rng, const TrainOptions& o)
{
    if (!o.augment)
        return s.image;
    if (s.ink && o.inkAugment) {
        const InkVariant variant = augmentInk(*s.ink, rng, o.inkAugmentation);
        imaging::RasterOptions raster;  // as the reader draws ink (service::loadLineSamples)
        raster.height = s.image.height;
        raster.deskew = true;
        raster.penWidth *= variant.params.penWidth;
        const imaging::LineImage drawn = imaging::inkToLine(variant.ink, raster);
        if (!drawn.empty())
            return augmentLine(drawn, rng, inkImageAugmentation(o.augmentation));
    }
    return augmentLine(s.image, rng, o.augmentation);
}

Trainer::Trainer(model::Model& model, std::vector<LineSample> train, std::vector<LineSample> val,
                 TrainOptions options)
    : m_model(model), m_train(std::move(train)), m_val(std::move(val)), m_opt(std::move(options))
{
    if (m_train.empty())
        throw EngineError("no training lines");
    if (m_opt.minutes <= 0 && m_opt.maxSteps <= 0)
        throw EngineError("set a time or step budget");
    for (Param* q : m_model.crnn.params())
        if (!m_opt.trainable || m_opt.trainable(q->name))
            m_params.push_back(q);
    if (m_params.empty())
        throw EngineError("no trainable parameters");
    m_adamOwner = std::make_unique<Adam>(m_params, AdamOptions{m_opt.lr});
    m_adam = m_adamOwner.get();
    if (m_opt.lrScale) {
        std::vector<float> scales;
        for (const Param* q : m_params)
            scales.push_back(m_opt.lrScale(q->name));
        m_adam->setLrScales(std::move(scales));
    }
}

std::vector<std::vector<int>> Trainer::epochBatches(int epoch) const
{
    // Shuffle, then sort chunks of 32 batches by width so a batch holds similar widths
    // (little padding), then shuffle the batches. Deterministic for (seed, epoch).
    Rng rng(nn::mixSeed(m_opt.seed, std::uint64_t(epoch) + 1));
    std::vector<int> idx(m_train.size());
    std::iota(idx.begin(), idx.end(), 0);
    for (std::size_t i = idx.size(); i > 1; --i)
        std::swap(idx[i - 1], idx[std::size_t(rng.below(int(i)))]);
    const std::size_t chunk = std::size_t(m_opt.batchSize) * 32;
    for (std::size_t s = 0; s < idx.size(); s += chunk) {
        auto e = idx.begin() + long(std::min(idx.size(), s + chunk));
        std::stable_sort(idx.begin() + long(s), e, [&](int a, int b) {
            return m_train[std::size_t(a)].image.width < m_train[std::size_t(b)].image.width;
        });
    }
    std::vector<std::vector<int>> batches;
    for (std::size_t s = 0; s < idx.size(); s += std::size_t(m_opt.batchSize))
        batches.emplace_back(idx.begin() + long(s),
                             idx.begin()
                                 + long(std::min(idx.size(), s + std::size_t(m_opt.batchSize))));
    if (epoch == 0 && m_opt.shortFirst) {
        // Words and short lines first: the network leaves the all-blank phase sooner.
        auto widest = [&](const std::vector<int>& b) {
            int w = 0;
            for (int i : b)
                w = std::max(w, m_train[std::size_t(i)].image.width);
            return w;
        };
        std::stable_sort(batches.begin(), batches.end(),
                         [&](const auto& a, const auto& b) { return widest(a) < widest(b); });
        return batches;
    }
    for (std::size_t i = batches.size(); i > 1; --i)
        std::swap(batches[i - 1], batches[std::size_t(rng.below(int(i)))]);
    return batches;
}

double Trainer::now() const
{
    if (m_opt.clock)
        return m_opt.clock();
    return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

double Trainer::elapsedSeconds() const
{
    return m_elapsedBefore + (m_runStart >= 0 ? now() - m_runStart : 0.0);
}

float Trainer::learningRate(double progress) const
{
    if (m_step < m_opt.warmupSteps)
        return m_opt.lr * float(m_step + 1) / float(m_opt.warmupSteps);
    const double p = std::clamp(progress, 0.0, 1.0);
    const double f = m_opt.minLrFraction
                     + (1 - m_opt.minLrFraction) * 0.5 * (1 + std::cos(3.14159265358979 * p));
    return float(m_opt.lr * f);
}

ErrorRates Trainer::evaluate(const model::Model& model, const std::vector<LineSample>& samples,
                             int maxLines, std::vector<std::string>* hypotheses)
{
    const std::size_t n = maxLines > 0 ? std::min(samples.size(), std::size_t(maxLines))
                                       : samples.size();
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return samples[std::size_t(a)].image.width < samples[std::size_t(b)].image.width;
    });
    std::vector<std::string> hyp(n);
    model::CrnnWorkspace ws;
    Seq lp;
    for (std::size_t s = 0; s < n; s += 16) {
        std::vector<const imaging::LineImage*> imgs;
        for (std::size_t i = s; i < std::min(n, s + 16); ++i)
            imgs.push_back(&samples[std::size_t(order[i])].image);
        model.crnn.forward(toBatch(imgs), lp, ws);
        for (std::size_t k = 0; k < imgs.size(); ++k) {
            const auto d = ctc::ctcDecodeGreedy(lp.sampleRows(int(k)));
            hyp[std::size_t(order[s + k])] = model.charset.decode(d.best().labels);
        }
    }
    ErrorRates rates;
    for (std::size_t i = 0; i < n; ++i)
        rates.add(samples[i].text, hyp[i]);
    if (hypotheses)
        *hypotheses = std::move(hyp);
    return rates;
}

TrainProgress Trainer::run(const std::function<void(const TrainProgress&)>& progress,
                           const std::atomic_bool& stop)
{
    model::Crnn& net = m_model.crnn;
    const auto& params = m_params;
    // Frozen convolutions (and batch norms) need no gradient: backward stops at the LSTMs.
    const bool intoConvs = std::any_of(params.begin(), params.end(), [](const Param* q) {
        return q->name.rfind("conv", 0) == 0 || q->name.rfind("bn", 0) == 0;
    });
    model::CrnnWorkspace ws;
    TrainProgress pr;
    pr.step = m_step;  // a resumed run whose budget is spent takes no step
    pr.epoch = m_epoch;
    m_runStart = now();
    double lastCheckpoint = m_runStart;
    double lastReport = m_runStart;
    long linesSinceReport = 0;
    float runningLoss = -1;
    int skipped = 0;
    std::vector<std::vector<int>> batches = epochBatches(m_epoch);
    auto elapsed = [&] { return elapsedSeconds(); };
    auto fraction = [&] {
        double f = 0;
        if (m_opt.minutes > 0)
            f = std::max(f, elapsed() / (m_opt.minutes * 60));
        if (m_opt.maxSteps > 0)
            f = std::max(f, double(m_step) / m_opt.maxSteps);
        return f;
    };
    // A failed save keeps the file of the last good one; its message goes in the report.
    auto trySave = [&](const std::function<void()>& save) {
        try {
            save();
            return true;
        } catch (const EngineError& e) {
            pr.saveError = e.what();
            return false;
        }
    };
    auto validate = [&] {
        if (m_val.empty())
            return;
        const ErrorRates r = evaluate(m_model, m_val, m_opt.maxValidationLines);
        pr.validated = true;
        pr.valCer = r.cer();
        pr.valWer = r.wer();
        // The best is the best saved: a model that could not be saved is saved at the next
        // validation that is better than the saved one.
        if ((m_bestCer < 0 || pr.valCer < m_bestCer)
            && (m_opt.outputPath.empty()
                || trySave([&] { model::saveModel(m_opt.outputPath, m_model); })))
            m_bestCer = pr.valCer;
        pr.bestValCer = m_bestCer;
    };
    while (!stop.load() && fraction() < 1.0) {
        if (m_batchInEpoch >= int(batches.size())) {
            ++m_epoch;
            m_batchInEpoch = 0;
            batches = epochBatches(m_epoch);
        }
        const auto& b = batches[std::size_t(m_batchInEpoch++)];
        // Augment in parallel; each sample's generator depends only on (seed, step, i).
        std::vector<imaging::LineImage> aug(b.size());
        const int frameDiv = net.spec().widthReduction();
#pragma omp parallel for schedule(dynamic)
        for (int i = 0; i < int(b.size()); ++i) {
            const LineSample& s = m_train[std::size_t(b[std::size_t(i)])];
            Rng rng(nn::mixSeed(nn::mixSeed(m_opt.seed, std::uint64_t(m_step)), std::uint64_t(i)));
            aug[std::size_t(i)] = augmentSample(s, rng, m_opt);
            // Keep the label feasible: at least 2 frames per label after augmentation.
            const int need = int(s.labels.size()) * 2 * frameDiv + 8;
            if (aug[std::size_t(i)].width < need && s.image.width >= aug[std::size_t(i)].width)
                aug[std::size_t(i)] = s.image;
        }
        std::vector<const imaging::LineImage*> imgs;
        std::vector<std::vector<int>> labels;
        for (std::size_t i = 0; i < b.size(); ++i) {
            imgs.push_back(&aug[i]);
            labels.push_back(m_train[std::size_t(b[i])].labels);
        }
        const float lr = learningRate(fraction());
        m_adam->options().lr = lr;
        m_adam->zeroGrad();
        const auto res = net.forwardBackward(toBatch(imgs), labels, ctc::CtcReduction::Mean, ws,
                                             intoConvs);
        skipped += int(std::count(res.feasible.begin(), res.feasible.end(), false));
        if (std::isfinite(res.loss) && gradientsFinite(params)) {
            clipGradNorm(params, m_opt.clip);
            m_adam->step();
            runningLoss = runningLoss < 0 ? res.loss : 0.98f * runningLoss + 0.02f * res.loss;
        }
        ++m_step;
        linesSinceReport += long(b.size());
        pr.step = m_step;
        pr.epoch = m_epoch;
        pr.loss = runningLoss;
        pr.lr = lr;
        pr.skipped = skipped;
        pr.validated = false;
        pr.saveError.clear();
        if (m_opt.validateEverySteps > 0 && m_step % m_opt.validateEverySteps == 0)
            validate();
        const double t = now();
        if (!m_opt.checkpointPath.empty() && t - lastCheckpoint > m_opt.checkpointMinutes * 60) {
            trySave([&] { saveCheckpoint(m_opt.checkpointPath); });
            lastCheckpoint = t;
        }
        const double sinceReport = t - lastReport;
        if (pr.validated || !pr.saveError.empty() || sinceReport > 10) {
            pr.elapsedSeconds = elapsed();
            pr.linesPerSecond = sinceReport > 0 ? linesSinceReport / sinceReport : 0;
            const double f = fraction();
            pr.etaSeconds = f > 0 ? pr.elapsedSeconds * (1 - f) / f : -1;
            if (progress)
                progress(pr);
            lastReport = t;
            linesSinceReport = 0;
        }
    }
    // The last step may have validated and reported already; do not repeat either.
    const bool reported = pr.validated;
    pr.saveError.clear();
    if (!reported)
        validate();
    std::string lastError = pr.saveError;  // every save of the end is tried; the first error
    if (m_val.empty() && !m_opt.outputPath.empty()  // nothing to choose a best by: the last
        && !trySave([&] { model::saveModel(m_opt.outputPath, m_model); }) && lastError.empty())
        lastError = pr.saveError;
    pr.elapsedSeconds = elapsed();
    if (!m_opt.checkpointPath.empty() && !trySave([&] { saveCheckpoint(m_opt.checkpointPath); })
        && lastError.empty())
        lastError = pr.saveError;
    pr.saveError = lastError;
    if (progress && !reported)
        progress(pr);
    m_elapsedBefore = elapsedSeconds();
    m_runStart = -1;
    if (!lastError.empty())
        throw EngineError(lastError);
    return pr;
}

void Trainer::saveCheckpoint(const std::string& path)
{
    // A checkpoint is a model file plus the optimizer moments and the position.
    model::SafetensorsFile f = model::modelToSafetensors(m_model);
    const auto& params = m_params;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Vec& m = m_adam->firstMoments()[i];
        const Vec& v = m_adam->secondMoments()[i];
        f.tensors.push_back(
            {"adam.m." + params[i]->name, {m.size()}, {m.data(), m.data() + m.size()}});
        f.tensors.push_back(
            {"adam.v." + params[i]->name, {v.size()}, {v.data(), v.data() + v.size()}});
    }
    f.metadata["checkpoint.step"] = std::to_string(m_step);
    f.metadata["checkpoint.epoch"] = std::to_string(m_epoch);
    f.metadata["checkpoint.batch_in_epoch"] = std::to_string(m_batchInEpoch);
    f.metadata["checkpoint.adam_steps"] = std::to_string(m_adam->steps());
    f.metadata["checkpoint.best_cer"] = std::to_string(m_bestCer);
    f.metadata["checkpoint.elapsed_seconds"] = std::to_string(
        elapsedSeconds());  // the total, this run included
    model::writeSafetensorsAtomic(path, f);
}

void Trainer::resume(const std::string& path)
{
    model::SafetensorsFile f = model::readSafetensors(path);
    model::SafetensorsFile modelPart;
    modelPart.metadata = f.metadata;
    for (const auto& t : f.tensors)
        if (t.name.rfind("adam.", 0) != 0)
            modelPart.tensors.push_back(t);
    model::Model loaded = model::modelFromSafetensors(modelPart, path);
    if (!(loaded.crnn.spec() == m_model.crnn.spec()))
        throw EngineError(path + ": checkpoint architecture differs from the model being trained");
    m_model.crnn = loaded.crnn;
    m_model.charset = loaded.charset;
    m_params.clear();
    for (Param* q : m_model.crnn.params())
        if (!m_opt.trainable || m_opt.trainable(q->name))
            m_params.push_back(q);
    m_adamOwner = std::make_unique<Adam>(m_params, AdamOptions{m_opt.lr});
    m_adam = m_adamOwner.get();
    if (m_opt.lrScale) {
        std::vector<float> scales;
        for (const Param* q : m_params)
            scales.push_back(m_opt.lrScale(q->name));
        m_adam->setLrScales(std::move(scales));
    }
    const auto& params = m_params;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto* m = f.find("adam.m." + params[i]->name);
        const auto* v = f.find("adam.v." + params[i]->name);
        if (!m || !v || Eigen::Index(m->data.size()) != params[i]->numel()
            || Eigen::Index(v->data.size()) != params[i]->numel())
            throw EngineError(path + ": optimizer state missing for " + params[i]->name);
        m_adam->firstMoments()[i] = Eigen::Map<const Vec>(m->data.data(), params[i]->numel());
        m_adam->secondMoments()[i] = Eigen::Map<const Vec>(v->data.data(), params[i]->numel());
    }
    // A number from the metadata, within [lo, hi]: EngineError naming the entry otherwise.
    auto num = [&](const char* key, double lo, double hi) {
        const auto it = f.metadata.find(key);
        if (it == f.metadata.end())
            throw EngineError(path + ": checkpoint entry " + key + " is missing");
        const std::string& text = it->second;
        double v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size())
            throw EngineError(path + ": checkpoint entry " + key + " is not a number: '" + text
                              + "'");
        if (ec != std::errc() || !(v >= lo && v <= hi))
            throw EngineError(path + ": checkpoint entry " + key + " is out of range: " + text);
        return v;
    };
    constexpr double kMaxInt = 2147483647.0;
    m_step = int(num("checkpoint.step", 0, kMaxInt));
    m_epoch = int(num("checkpoint.epoch", 0, kMaxInt));
    m_batchInEpoch = int(num("checkpoint.batch_in_epoch", 0, kMaxInt));
    m_adam->setSteps(int(num("checkpoint.adam_steps", 0, kMaxInt)));
    m_bestCer = num("checkpoint.best_cer", -1, 1e300);
    m_elapsedBefore = num("checkpoint.elapsed_seconds", 0, 1e300);
}

}  // namespace inklens::training
