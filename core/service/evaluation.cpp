#include "evaluation.h"

#include "service/file_reading.h"

#include <algorithm>
#include <chrono>
#include <mutex>

namespace inklens::service {

std::vector<Confusion> Evaluation::mostConfused(int n) const
{
    std::vector<Confusion> all;
    for (const auto& [pair, count] : total.confusions)
        all.push_back({pair.first, pair.second, count});
    std::stable_sort(all.begin(), all.end(),
                     [](const Confusion& a, const Confusion& b) { return a.count > b.count; });
    all.resize(std::min<std::size_t>(all.size(), std::size_t(std::max(n, 0))));
    return all;
}

Evaluation evaluate(const reading::Reader& reader,
                    const std::vector<training::EvaluationLine>& lines,
                    const reading::ReadOptions& options, const EvaluationProgress& progress,
                    const std::atomic_bool* cancel)
{
    using Clock = std::chrono::steady_clock;
    Evaluation out;
    out.lines.resize(lines.size());
    const int total = int(lines.size());
    int done = 0;
    std::mutex progressMutex;
    const auto start = Clock::now();
    // One line per thread, the layers single-threaded inside this loop: as fast as
    // Reader::readBatch's parallel forwards, faster than batched ones (bench/README.md).
#pragma omp parallel for schedule(dynamic, 1)
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load())
            continue;
        const training::EvaluationLine& line = lines[std::size_t(i)];
        LineEvaluation& result = out.lines[std::size_t(i)];
        const FileReading read = readFile(reader, QString::fromStdString(line.file), options,
                                          cancel);
        if (!read.ok()) {
            result.status = LineEvaluation::Status::Failed;
            result.error = read.error;
        } else if (!read.reading.cancelled) {
            result.status = LineEvaluation::Status::Read;
            result.hypothesis = read.reading.recognition->text;
            result.confidence = read.reading.recognition->confidence;
            if (!read.reading.recognition->nbest.empty())
                result.score = read.reading.recognition->nbest[0].score;
            result.loadMs = read.loadMs;
            result.normalizeMs = read.reading.normalizeMs;
            result.networkMs = read.reading.networkMs;
            result.decodeMs = read.reading.decodeMs;
            result.errors.add(line.reference, result.hypothesis);
        }
        if (progress && result.status != LineEvaluation::Status::NotRead) {
            std::lock_guard lock(progressMutex);
            progress(++done, total);
        }
    }
    out.seconds = std::chrono::duration<double>(Clock::now() - start).count();

    for (std::size_t i = 0; i < lines.size(); ++i) {
        LineEvaluation& result = out.lines[i];
        result.file = lines[i].file;
        result.reference = lines[i].reference;
        reader.model().charset.encode(result.reference, &out.outOfCharset);
        if (result.status == LineEvaluation::Status::Failed)
            ++out.failed;
        if (result.status != LineEvaluation::Status::Read)
            continue;
        out.networkMs += result.networkMs;
        out.decodeMs += result.decodeMs;
        out.total.merge(result.errors);
    }
    out.cancelled = cancel && cancel->load()
                    && std::any_of(out.lines.begin(), out.lines.end(), [](const LineEvaluation& l) {
                           return l.status == LineEvaluation::Status::NotRead;
                       });
    return out;
}

}  // namespace inklens::service
