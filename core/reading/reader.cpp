#include "reader.h"

#include "nn/tensor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

namespace inklens::reading {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// No ink: an empty text, as certain as it gets.
std::shared_ptr<const model::Recognition> emptyRecognition(const model::Model& m, int height)
{
    auto rec = std::make_shared<model::Recognition>();
    rec->confidence = 1;
    rec->nbest.push_back({});
    rec->inputHeight = height;
    rec->widthReduction = m.crnn.spec().widthReduction();
    return rec;
}

// The score the beam search ranked h by (ctc/decode.h, BeamOptions): its CTC
// log-probability plus what the language model and the word list add; beam.lm and
// beam.lexicon null (also for the greedy decoder): logProb alone.
float rankingScore(const ctc::Hypothesis& h, const ctc::BeamOptions& beam)
{
    double score = h.logProb;
    if (beam.lm)
        score += double(beam.lmWeight) * h.lmLogProb
                 + double(beam.lmBonus) * double(h.labels.size());
    if (beam.lexicon)
        score -= double(beam.oovPenalty) * ctc::countOutOfLexicon(*beam.lexicon, h.labels);
    return float(score);
}

// The decoder's best hypothesis as characters with their line columns: frame f covers
// columns [f * r, (f + 1) * r); the last character's end is clamped to the line, here only.
// beam: the options the N-best were decoded with (for their ranking scores).
void describe(model::Recognition& rec, const ctc::Decoding& d, const model::Charset& charset,
              const ctc::BeamOptions& beam)
{
    for (const auto& h : d.nbest)
        rec.nbest.push_back({charset.decode(h.labels), h.logProb, rankingScore(h, beam)});
    const auto& best = d.best();
    rec.text = charset.decode(best.labels);
    const int r = rec.widthReduction;
    double logConf = 0;
    for (const auto& c : best.chars) {
        model::RecognizedChar rc;
        rc.label = c.label;
        rc.text = charset.decode({c.label});
        rc.firstFrame = c.firstFrame;
        rc.lastFrame = c.lastFrame;
        rc.firstColumn = c.firstFrame * r;
        rc.lastColumn = std::min(rec.inputWidth - 1, (c.lastFrame + 1) * r - 1);
        rc.confidence = c.confidence;
        logConf += std::log(std::max(1e-6f, c.confidence));
        rec.chars.push_back(rc);
    }
    rec.confidence = rec.chars.empty() ? 1.f : float(std::exp(logConf / double(rec.chars.size())));
}

}  // namespace

Reader::Reader(std::shared_ptr<const model::Model> model) : m_model(std::move(model))
{
    if (!m_model)
        throw nn::EngineError("no model");
}

int Reader::lineHeight(const ReadOptions& o) const
{
    return o.height > 0 ? o.height : m_model->crnn.spec().inputHeight;
}

imaging::LineImage Reader::normalize(const imaging::Ink& ink, const ReadOptions& o) const
{
    if (ink.empty())
        return {};
    imaging::RasterOptions raster;
    raster.height = lineHeight(o);
    raster.deskew = o.deskew;
    imaging::LineImage line = imaging::inkToLine(ink, raster);
    // inkToLine gives nothing both for ink it refuses to rasterize and for ink that leaves
    // no mark: only the first is an error.
    if (line.empty() && imaging::rasterizeInk(ink, raster).empty())
        throw nn::EngineError("the ink cannot be rasterized: too long for a line of height "
                              + std::to_string(raster.height));
    return line;
}

imaging::LineImage Reader::normalize(const cv::Mat& gray, const ReadOptions& o) const
{
    if (gray.empty())
        return {};
    if (gray.type() != CV_8UC1)
        throw nn::EngineError("a line picture must be 8-bit gray");
    imaging::NormalizeOptions norm;
    norm.height = lineHeight(o);
    norm.deslant = o.deslant;
    norm.deskew = o.deskew;
    return imaging::normalizeLine(gray, norm);
}

namespace {
// Normalizes ink or a picture, then reads the line; the normalization's time goes in the Reading.
template<class Input>
Reading normalizeAndRead(const Reader& reader, const Input& input, const ReadOptions& o,
                         const std::atomic_bool* cancel)
{
    const auto t0 = Clock::now();
    imaging::LineImage line = reader.normalize(input, o);
    const double normalizeMs = msSince(t0);
    Reading reading = reader.read(std::move(line), o, cancel);
    reading.normalizeMs = normalizeMs;
    return reading;
}
}  // namespace

Reading Reader::read(const imaging::Ink& ink, const ReadOptions& o,
                     const std::atomic_bool* cancel) const
{
    return normalizeAndRead(*this, ink, o, cancel);
}

Reading Reader::read(const cv::Mat& gray, const ReadOptions& o,
                     const std::atomic_bool* cancel) const
{
    return normalizeAndRead(*this, gray, o, cancel);
}

Reading Reader::read(imaging::LineImage line, const ReadOptions& o,
                     const std::atomic_bool* cancel) const
{
    const model::Crnn& net = m_model->crnn;
    const int height = net.spec().inputHeight;
    if (lineHeight(o) != height)
        throw nn::EngineError("lines of height " + std::to_string(lineHeight(o))
                              + " asked for, but the model reads " + std::to_string(height));
    Reading reading;
    if (line.empty() || line.width < net.spec().widthReduction()) {
        reading.empty = true;
        reading.line = std::move(line);
        reading.recognition = emptyRecognition(*m_model, height);
        return reading;
    }
    if (line.height != height
        || line.pixels.size() != std::size_t(line.width) * std::size_t(line.height))
        throw nn::EngineError("line image height " + std::to_string(line.height)
                              + " but the model reads " + std::to_string(height));

    auto rec = std::make_shared<model::Recognition>();
    rec->inputWidth = line.width;
    rec->inputHeight = line.height;
    rec->widthReduction = net.spec().widthReduction();
    auto t0 = Clock::now();
    const nn::Tensor4 x = model::makeImageBatch({line.pixels.data()}, {line.width}, line.height);
    model::CrnnWorkspace ws;
    nn::Seq lp;
    std::shared_ptr<model::Probe> probe = o.probe ? std::make_shared<model::Probe>() : nullptr;
    net.forward(x, lp, ws, probe.get(), cancel);
    reading.networkMs = msSince(t0);
    if (cancel && cancel->load()) {
        reading.cancelled = true;
        reading.recognition = emptyRecognition(*m_model, height);
        reading.line = std::move(line);
        return reading;
    }
    rec->probe = std::move(probe);
    rec->logProbs = lp.sampleRows(0);

    t0 = Clock::now();
    const bool greedy = o.decoder == DecoderKind::Greedy;
    ctc::BeamOptions beam = o.beam;  // the greedy decoder uses neither LM nor word list
    beam.lm = !greedy && o.languageModel && m_model->languageModel ? &m_model->languageModel->lm
                                                                   : nullptr;
    beam.lexicon = greedy ? nullptr : o.lexicon.get();
    const ctc::Decoding d = greedy ? ctc::ctcDecodeGreedy(rec->logProbs)
                                   : ctc::ctcDecodeBeam(rec->logProbs, beam);
    describe(*rec, d, m_model->charset, beam);
    reading.decodeMs = msSince(t0);

    rec->input = std::make_shared<const std::vector<float>>(line.pixels);
    reading.recognition = std::move(rec);
    reading.line = std::move(line);
    return reading;
}

}  // namespace inklens::reading
