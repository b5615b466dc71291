#include "saliency.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>

namespace inklens::model {

using namespace inklens::nn;

namespace {

bool isCancelled(const std::atomic_bool* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

void checkInput(const Crnn& net, int width, int height, const SaliencyTarget& target)
{
    const CrnnSpec& spec = net.spec();
    INKLENS_ASSERT(height == spec.inputHeight);
    INKLENS_ASSERT(width >= spec.widthReduction());
    const int frames = spec.framesFor(width);
    INKLENS_ASSERT(target.label > 0 && target.label < spec.numClasses);
    INKLENS_ASSERT(0 <= target.firstFrame && target.firstFrame <= target.lastFrame
                   && target.lastFrame < frames);
}

// The target's score in sample n of (T, N, C) log-posteriors: the max over its span.
float spanScore(const Seq& logProbs, int n, const SaliencyTarget& target, int* frame = nullptr)
{
    float best = -std::numeric_limits<float>::infinity();
    int at = target.firstFrame;
    for (int t = target.firstFrame; t <= target.lastFrame; ++t) {
        const float v = logProbs.row(t, n)(target.label);
        if (v > best) {
            best = v;
            at = t;
        }
    }
    if (frame)
        *frame = at;
    return best;
}

}  // namespace

Crnn inferenceClone(const Crnn& net)
{
    CrnnSpec spec = net.spec();
    for (auto& c : spec.convs)
        c.batchNorm = false;
    Crnn clone(spec);

    // Values by name: everything as it is, except each convolution with its batch norm
    // folded in (foldBatchNorm keeps the parameter names).
    std::map<std::string, const Vec*> values;
    for (const Param* p : net.params())
        values[p->name] = &p->value;
    std::vector<Conv2d> folded;
    folded.reserve(spec.convs.size());
    for (int b = 0; b < int(spec.convs.size()); ++b) {
        const BatchNorm2d* bn = net.batchNorm(b);
        folded.push_back(bn ? foldBatchNorm(net.conv(b), *bn) : net.conv(b));
    }
    for (const Conv2d& c : folded) {
        values[c.weight.name] = &c.weight.value;
        values[c.bias.name] = &c.bias.value;
    }
    for (Param* p : clone.params()) {
        auto it = values.find(p->name);
        INKLENS_ASSERT(it != values.end() && it->second->size() == p->value.size());
        p->value = *it->second;
    }
    return clone;
}

SaliencyMap saliencyGradient(const Crnn& net, const float* pixels, int width, int height,
                             const SaliencyTarget& target, const std::atomic_bool* cancel)
{
    checkInput(net, width, height, target);
    SaliencyMap out;
    out.method = SaliencyMethod::Gradient;
    out.width = width;
    out.height = height;
    out.endColumn = width;

    Crnn clone = inferenceClone(net);
    const Tensor4 x = makeImageBatch({pixels}, {width}, height);
    CrnnWorkspace ws;
    clone.forwardTrain(x, ws);  // no batch norm left: this is the inference function
    if (isCancelled(cancel)) {
        out.cancelled = true;
        return out;
    }
    const Seq& lp = ws.logProbs;  // (T, 1, C)
    out.score = spanScore(lp, 0, target, &out.frame);

    // d score / d logProbs: one-hot at (frame, label).
    Seq dLogProbs(lp.t, lp.n, lp.f);
    dLogProbs.lengths = lp.lengths;
    dLogProbs.data.setZero();
    dLogProbs.row(out.frame, 0)(target.label) = 1.f;
    Tensor4 dx;
    clone.backward(dLogProbs, ws, &dx);
    if (isCancelled(cancel)) {
        out.cancelled = true;
        return out;
    }
    INKLENS_ASSERT(dx.n == 1 && dx.c == 1 && dx.h == height && dx.w == width);
    out.values.assign(dx.plane(0, 0), dx.plane(0, 0) + std::size_t(width) * height);
    return out;
}

SaliencyMap saliencyOcclusion(const Crnn& net, const float* pixels, int width, int height,
                              const SaliencyTarget& target, const OcclusionOptions& options,
                              const std::atomic_bool* cancel,
                              const std::function<void(int, int)>& progress)
{
    checkInput(net, width, height, target);
    const int band = options.band;
    INKLENS_ASSERT(band >= 1);
    const int batch = std::max(1, options.batch);
    SaliencyMap out;
    out.method = SaliencyMethod::Occlusion;
    out.width = width;
    out.height = height;
    out.band = band;
    // whole bands overlapping the requested columns
    const int firstBand = std::clamp(options.firstColumn, 0, width) / band;
    const int endColumn = options.endColumn < 0 ? width : std::clamp(options.endColumn, 0, width);
    const int endBand = std::max(firstBand, (endColumn + band - 1) / band);
    out.firstColumn = firstBand * band;
    out.endColumn = std::min(width, endBand * band);

    CrnnWorkspace ws;
    Seq lp;
    const Tensor4 original = makeImageBatch({pixels}, {width}, height);
    net.forward(original, lp, ws, nullptr, cancel);
    if (isCancelled(cancel) || lp.t == 0) {
        out.cancelled = true;
        return out;
    }
    out.score = spanScore(lp, 0, target, &out.frame);

    const int bands = endBand - firstBand;
    std::vector<float> drop(static_cast<std::size_t>(bands), 0.f);
    const std::size_t plane = std::size_t(width) * height;
    Tensor4 x;
    for (int first = 0; first < bands; first += batch) {
        const int n = std::min(batch, bands - first);
        x.resize(n, 1, height, width);
        for (int i = 0; i < n; ++i) {
            std::memcpy(x.sample(i), original.sample(0), plane * sizeof(float));
            const int x0 = (firstBand + first + i) * band, x1 = std::min(width, x0 + band);
            for (int y = 0; y < height; ++y)
                std::fill(x.sample(i) + std::size_t(y) * width + x0,
                          x.sample(i) + std::size_t(y) * width + x1, 0.f);
        }
        x.widths.assign(std::size_t(n), width);
        net.forward(x, lp, ws, nullptr, cancel);
        if (isCancelled(cancel) || lp.t == 0) {
            out.cancelled = true;
            return out;
        }
        for (int i = 0; i < n; ++i)
            drop[std::size_t(first + i)] = out.score - spanScore(lp, i, target);
        if (progress)
            progress(first + n, bands);
    }
    out.values.assign(plane, 0.f);
    for (int y = 0; y < height; ++y)
        for (int c = out.firstColumn; c < out.endColumn; ++c)
            out.values[std::size_t(y) * width + c] = drop[std::size_t(c / band - firstBand)];
    return out;
}

}  // namespace inklens::model
