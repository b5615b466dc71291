#include "reader.h"

#include "nn/tensor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
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

// The decoder's best hypothesis as characters with their line columns: frame f covers
// columns [f * r, (f + 1) * r); the last character's end is clamped to the line, here only.
void describe(model::Recognition& rec, const ctc::Decoding& d, const model::Charset& charset)
{
    for (const auto& h : d.nbest)
        rec.nbest.push_back({charset.decode(h.labels), h.logProb, h.rankScore});
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

imaging::LineImage Reader::normalize(const imaging::Ink& ink, const ReadOptions& o,
                                     float size) const
{
    if (ink.empty())
        return {};
    imaging::RasterOptions raster;
    raster.height = lineHeight(o);
    raster.deskew = o.deskew;
    raster.xHeight *= size;
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

bool Reader::searchesSize(const imaging::Ink& ink, const ReadOptions& o) const
{
    if (!(o.sizeSearchWidth > 0) || ink.empty())
        return false;
    const float xHeight = imaging::inkXHeight(ink).height();
    return xHeight > 0 && ink.bounds().width <= o.sizeSearchWidth * xHeight;
}

Reading Reader::read(const imaging::Ink& ink, const ReadOptions& o,
                     const std::atomic_bool* cancel) const
{
    if (!searchesSize(ink, o))
        return normalizeAndRead(*this, ink, o, cancel);
    // Short ink: each size read as a line; the decoder's best ranked reading is kept.
    const auto score = [](const Reading& r) {
        return r.recognition->nbest.empty() ? -INFINITY : r.recognition->nbest[0].score;
    };
    Reading best;
    double normalizeMs = 0, networkMs = 0, decodeMs = 0;
    for (const float size : kInkSizes) {
        const auto t0 = Clock::now();
        imaging::LineImage line = normalize(ink, o, size);
        normalizeMs += msSince(t0);
        Reading r = read(std::move(line), o, cancel);
        networkMs += r.networkMs;
        decodeMs += r.decodeMs;
        const bool stop = r.cancelled;
        if (stop || !best.recognition || score(r) > score(best))
            best = std::move(r);
        if (stop)
            break;
    }
    best.normalizeMs = normalizeMs;
    best.networkMs = networkMs;
    best.decodeMs = decodeMs;
    return best;
}

Reading Reader::read(const cv::Mat& gray, const ReadOptions& o,
                     const std::atomic_bool* cancel) const
{
    return normalizeAndRead(*this, gray, o, cancel);
}

bool Reader::checkLine(const imaging::LineImage& line, const ReadOptions& o) const
{
    const model::CrnnSpec& spec = m_model->crnn.spec();
    const int height = spec.inputHeight;
    if (lineHeight(o) != height)
        throw nn::EngineError("lines of height " + std::to_string(lineHeight(o))
                              + " asked for, but the model reads " + std::to_string(height));
    if (line.empty() || line.width < spec.widthReduction())
        return true;
    if (line.height != height
        || line.pixels.size() != std::size_t(line.width) * std::size_t(line.height))
        throw nn::EngineError("line image height " + std::to_string(line.height)
                              + " but the model reads " + std::to_string(height));
    return false;
}

Reading Reader::emptyReading(imaging::LineImage line, bool cancelled) const
{
    Reading reading;
    reading.empty = !cancelled;
    reading.cancelled = cancelled;
    reading.line = std::move(line);
    reading.recognition = emptyRecognition(*m_model, m_model->crnn.spec().inputHeight);
    return reading;
}

void Reader::decode(Reading& reading, nn::Mat logProbs, const ReadOptions& o,
                    std::shared_ptr<const model::Probe> probe) const
{
    const auto t0 = Clock::now();
    auto rec = std::make_shared<model::Recognition>();
    rec->inputWidth = reading.line.width;
    rec->inputHeight = reading.line.height;
    rec->widthReduction = m_model->crnn.spec().widthReduction();
    rec->logProbs = std::move(logProbs);
    const bool greedy = o.decoder == DecoderKind::Greedy;
    ctc::BeamOptions beam = o.beam;  // the greedy decoder uses neither LM nor word list
    const auto decodeWith = [&](const model::LanguageModel* lm, const ctc::Lexicon* lexicon) {
        beam.lm = o.languageModel && lm ? &lm->lm : nullptr;
        beam.lexicon = lexicon;
        return ctc::ctcDecodeBeam(rec->logProbs, beam);
    };
    ctc::Decoding d;
    if (greedy) {
        d = ctc::ctcDecodeGreedy(rec->logProbs);
    } else if (o.languages.empty()) {
        d = decodeWith(m_model->languageModel.get(), o.lexicon.get());
    } else {
        // Every language; the best-scored decoding (ties: the first language) is kept.
        const auto score = [](const ctc::Decoding& x) {
            return x.nbest.empty() ? -INFINITY : x.nbest[0].rankScore;
        };
        for (const DecodingLanguage& language : o.languages) {
            ctc::Decoding candidate = decodeWith(language.lm.get(), language.lexicon.get());
            if (rec->language.empty() || score(candidate) > score(d)) {
                d = std::move(candidate);
                rec->language = language.code;
            }
        }
    }
    describe(*rec, d, m_model->charset);
    rec->input = std::make_shared<const std::vector<float>>(reading.line.pixels);
    rec->probe = std::move(probe);
    reading.recognition = std::move(rec);
    reading.decodeMs = msSince(t0);
}

Reading Reader::read(imaging::LineImage line, const ReadOptions& o,
                     const std::atomic_bool* cancel) const
{
    if (checkLine(line, o))
        return emptyReading(std::move(line), false);
    const model::Crnn& net = m_model->crnn;
    const auto t0 = Clock::now();
    const nn::Tensor4 x = model::makeImageBatch({line.pixels.data()}, {line.width}, line.height);
    model::CrnnWorkspace ws;
    nn::Seq lp;
    std::shared_ptr<model::Probe> probe = o.probe ? std::make_shared<model::Probe>() : nullptr;
    net.forward(x, lp, ws, probe.get(), cancel);
    const double networkMs = msSince(t0);
    if (cancel && cancel->load()) {
        Reading reading = emptyReading(std::move(line), true);
        reading.networkMs = networkMs;
        return reading;
    }
    Reading reading;
    reading.line = std::move(line);
    reading.networkMs = networkMs;
    decode(reading, lp.sampleRows(0), o, std::move(probe));
    return reading;
}

namespace {

// Groups of line indices for the forwards: widest first, so that each forward pads its
// lines to a width close to theirs; a group closes at batch.maxLines lines or when the
// next line would take it past batch.maxPixels padded pixels.
std::vector<std::vector<int>> groupByWidth(const std::vector<int>& lines,
                                           const std::vector<imaging::LineImage>& images,
                                           int height, const BatchOptions& batch)
{
    std::vector<int> order = lines;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return images[std::size_t(a)].width > images[std::size_t(b)].width;
    });
    const int maxLines = std::max(1, batch.maxLines);
    std::vector<std::vector<int>> groups;
    long long widest = 0;
    for (int i : order) {
        if (!groups.empty()) {
            auto& g = groups.back();
            const long long pixels = (long long)(g.size() + 1) * widest * height;
            if (int(g.size()) < maxLines && pixels <= batch.maxPixels) {
                g.push_back(i);
                continue;
            }
        }
        groups.push_back({i});
        widest = images[std::size_t(i)].width;  // the first line of a group is its widest
    }
    return groups;
}

}  // namespace

std::vector<Reading> Reader::readBatch(std::vector<imaging::LineImage> lines, const ReadOptions& o,
                                       const std::atomic_bool* cancel,
                                       const BatchOptions& batch) const
{
    const int n = int(lines.size());
    std::vector<Reading> out(std::size_t(n), Reading{});
    std::vector<char> empty(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)  // throws on bad data, before anything is read
        empty[std::size_t(i)] = checkLine(lines[std::size_t(i)], o);
    std::vector<int> toRead;
    for (int i = 0; i < n; ++i) {
        if (empty[std::size_t(i)])
            out[std::size_t(i)] = emptyReading(std::move(lines[std::size_t(i)]), false);
        else
            toRead.push_back(i);
    }

    const auto groups = groupByWidth(toRead, lines, m_model->crnn.spec().inputHeight, batch);
    const int count = int(groups.size());
    if (!batch.parallelForwards) {
        // One forward after another, each on the engine's threads.
        model::CrnnWorkspace ws;
        for (const std::vector<int>& group : groups)
            readGroup(group, lines, out, o, cancel, ws);
        return out;
    }
    // The forwards in parallel, one per thread at a time (on the engine's threads), each
    // thread with its own workspace: the widest first, as they come (dynamic schedule).
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(count));
#pragma omp parallel num_threads(std::max(1, std::min(count, nn::numThreads())))
    {
        model::CrnnWorkspace ws;
#pragma omp for schedule(dynamic, 1)
        for (int g = 0; g < count; ++g) {
            try {
                readGroup(groups[std::size_t(g)], lines, out, o, cancel, ws);
            } catch (...) {
                errors[std::size_t(g)] = std::current_exception();
            }
        }
    }
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
    return out;
}

void Reader::readGroup(const std::vector<int>& group, std::vector<imaging::LineImage>& lines,
                       std::vector<Reading>& out, const ReadOptions& o,
                       const std::atomic_bool* cancel, model::CrnnWorkspace& ws) const
{
    const model::Crnn& net = m_model->crnn;
    const auto t0 = Clock::now();
    bool cancelled = cancel && cancel->load();
    nn::Seq lp;
    if (!cancelled) {
        std::vector<const float*> pixels;
        std::vector<int> widths;
        for (int i : group) {
            pixels.push_back(lines[std::size_t(i)].pixels.data());
            widths.push_back(lines[std::size_t(i)].width);
        }
        net.forward(model::makeImageBatch(pixels, widths, net.spec().inputHeight), lp, ws, nullptr,
                    cancel);
        cancelled = cancel && cancel->load();
    }
    const double networkMs = msSince(t0) / double(group.size());
    const int m = int(group.size());
    // Each line decoded alone, one line per thread (on the calling thread alone inside a
    // parallel region); the Reader is const. An exception (a word list or language model
    // that does not fit the model) must not leave the parallel loop.
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(m));
#pragma omp parallel for schedule(dynamic, 1) if (m > 1)
    for (int k = 0; k < m; ++k) {
        const int i = group[std::size_t(k)];
        imaging::LineImage& line = lines[std::size_t(i)];
        Reading& reading = out[std::size_t(i)];
        try {
            if (cancelled) {
                reading = emptyReading(std::move(line), true);
            } else {
                reading.line = std::move(line);
                decode(reading, lp.sampleRows(k), o);
            }
        } catch (...) {
            errors[std::size_t(k)] = std::current_exception();
        }
        reading.networkMs = networkMs;
    }
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
}

namespace {
// Normalizes ink or pictures in parallel (the first error is thrown once all are done),
// then reads them as lines.
template<class Input>
std::vector<Reading> normalizeAndReadBatch(const Reader& reader, const std::vector<Input>& inputs,
                                           const ReadOptions& o, const std::atomic_bool* cancel,
                                           const BatchOptions& batch)
{
    const int n = int(inputs.size());
    std::vector<imaging::LineImage> lines(static_cast<std::size_t>(n));
    std::vector<double> normalizeMs(std::size_t(n), 0.0);
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(n));
#pragma omp parallel for schedule(dynamic, 1)
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        try {
            lines[std::size_t(i)] = reader.normalize(inputs[std::size_t(i)], o);
        } catch (...) {
            errors[std::size_t(i)] = std::current_exception();
        }
        normalizeMs[std::size_t(i)] = msSince(t0);
    }
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
    std::vector<Reading> out = reader.readBatch(std::move(lines), o, cancel, batch);
    for (int i = 0; i < n; ++i)
        out[std::size_t(i)].normalizeMs = normalizeMs[std::size_t(i)];
    return out;
}
}  // namespace

std::vector<Reading> Reader::readBatch(const std::vector<imaging::Ink>& inks, const ReadOptions& o,
                                       const std::atomic_bool* cancel,
                                       const BatchOptions& batch) const
{
    // Short ink is read as read() reads it (at several sizes), one per thread; the rest in
    // batches.
    std::vector<int> shortInk, rest;
    for (int i = 0; i < int(inks.size()); ++i)
        (searchesSize(inks[std::size_t(i)], o) ? shortInk : rest).push_back(i);
    if (shortInk.empty())
        return normalizeAndReadBatch(*this, inks, o, cancel, batch);
    std::vector<imaging::Ink> restInks;
    for (int i : rest)
        restInks.push_back(inks[std::size_t(i)]);
    std::vector<Reading> restRead = normalizeAndReadBatch(*this, restInks, o, cancel, batch);
    std::vector<Reading> out(inks.size());
    for (std::size_t k = 0; k < rest.size(); ++k)
        out[std::size_t(rest[k])] = std::move(restRead[k]);
    const int m = int(shortInk.size());
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(m));
#pragma omp parallel for schedule(dynamic, 1) if (m > 1)
    for (int k = 0; k < m; ++k) {
        const int i = shortInk[std::size_t(k)];
        try {
            out[std::size_t(i)] = read(inks[std::size_t(i)], o, cancel);
        } catch (...) {
            errors[std::size_t(k)] = std::current_exception();
        }
    }
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
    return out;
}

std::vector<Reading> Reader::readBatch(const std::vector<cv::Mat>& grays, const ReadOptions& o,
                                       const std::atomic_bool* cancel,
                                       const BatchOptions& batch) const
{
    return normalizeAndReadBatch(*this, grays, o, cancel, batch);
}

}  // namespace inklens::reading
