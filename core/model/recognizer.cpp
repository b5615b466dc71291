#include "recognizer.h"

#include <chrono>
#include <cmath>

namespace inklens::model {

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
}  // namespace

Recognizer::Recognizer(std::shared_ptr<const Model> model) : m_model(std::move(model))
{
    if (!m_model)
        throw nn::EngineError("no model");
}

std::vector<RecognizedChar> Recognizer::describe(const nn::Mat& logProbs, const std::vector<int>& labels) const
{
    std::vector<RecognizedChar> out;
    if (labels.empty() || logProbs.rows() == 0)
        return out;
    const int r = m_model->crnn.spec().widthReduction();
    for (const auto& c : ctc::ctcAlign(logProbs, labels)) {
        RecognizedChar rc;
        rc.label = c.label;
        rc.text = m_model->charset.decode({c.label});
        rc.firstFrame = c.firstFrame;
        rc.lastFrame = c.lastFrame;
        rc.firstColumn = c.firstFrame * r;
        rc.lastColumn = (c.lastFrame + 1) * r - 1;
        rc.confidence = c.confidence;
        out.push_back(rc);
    }
    return out;
}

Recognition Recognizer::recognize(const float* pixels, int width, int height, const RecognizeOptions& o,
                                  const std::atomic_bool* cancel) const
{
    const Crnn& net = m_model->crnn;
    if (height != net.spec().inputHeight)
        throw nn::EngineError("line image height " + std::to_string(height) + " but the model reads " +
                              std::to_string(net.spec().inputHeight));
    Recognition rec;
    rec.inputWidth = width;
    rec.inputHeight = height;
    rec.widthReduction = net.spec().widthReduction();
    if (width < rec.widthReduction)
        return rec;  // nothing to read
    const nn::Tensor4 x = makeImageBatch({pixels}, {width}, height);
    auto t0 = Clock::now();
    CrnnWorkspace ws;
    nn::Seq lp;
    std::shared_ptr<Probe> probe = o.probe ? std::make_shared<Probe>() : nullptr;
    net.forward(x, lp, ws, probe.get(), cancel);
    rec.networkMs = msSince(t0);
    if (cancel && cancel->load()) {
        rec.cancelled = true;
        return rec;
    }
    rec.probe = probe;
    rec.logProbs = lp.sampleRows(0);
    t0 = Clock::now();
    ctc::BeamOptions beam = o.beam;
    beam.lm = o.languageModel && m_model->languageModel ? &m_model->languageModel->lm : nullptr;
    beam.lexicon = o.lexicon.get();
    const ctc::Decoding d = o.decoder == DecoderKind::Greedy ? ctc::ctcDecodeGreedy(rec.logProbs)
                                                             : ctc::ctcDecodeBeam(rec.logProbs, beam);
    for (const auto& h : d.nbest)
        rec.nbest.push_back({m_model->charset.decode(h.labels), h.logProb});
    const auto& best = d.best();
    rec.text = m_model->charset.decode(best.labels);
    const int r = rec.widthReduction;
    double logConf = 0;
    for (const auto& c : best.chars) {
        RecognizedChar rc;
        rc.label = c.label;
        rc.text = m_model->charset.decode({c.label});
        rc.firstFrame = c.firstFrame;
        rc.lastFrame = c.lastFrame;
        rc.firstColumn = c.firstFrame * r;
        rc.lastColumn = std::min(width - 1, (c.lastFrame + 1) * r - 1);
        rc.confidence = c.confidence;
        logConf += std::log(std::max(1e-6f, c.confidence));
        rec.chars.push_back(rc);
    }
    rec.confidence = rec.chars.empty() ? 1.f : float(std::exp(logConf / double(rec.chars.size())));
    rec.decodeMs = msSince(t0);
    return rec;
}

}  // namespace inklens::model
