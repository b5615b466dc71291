#pragma once
// Scoring a model on ground-truth lines: each line read through readFile (the path of
// 'inklens recognize'), compared with its reference (training::ErrorRates: CER, WER,
// confusions). What 'inklens eval' prints, and what a fine-tuning guard measures before
// and after. Prints nothing; reports progress through a callback and stops on a flag.

#include "reading/reader.h"
#include "training/dataset.h"
#include "training/metrics.h"

#include <QString>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace inklens::service {

struct LineEvaluation
{
    enum class Status { NotRead, Read, Failed };
    std::string file, reference;      // as given
    Status status = Status::NotRead;  // NotRead: cancelled before (or while) it was read
    QString error;                    // Failed: why (readFile's message, without the path)
    std::string hypothesis;           // Read: the recognized text
    double confidence = 0;
    double score = 0;  // Read: the decoder's score of the hypothesis (nbest[0].score)
    training::ErrorRates errors;  // Read: this line alone
    double loadMs = 0, normalizeMs = 0, networkMs = 0, decodeMs = 0;
};

// (reference, hypothesis, count) of one substitution, deletion ("" hypothesis) or insertion.
struct Confusion
{
    std::u32string reference, hypothesis;
    int count = 0;
};

struct Evaluation
{
    std::vector<LineEvaluation> lines;   // in the order given
    training::ErrorRates total;          // over the lines read (total.lines of them)
    int failed = 0;                      // lines that could not be read (left out of total)
    bool cancelled = false;              // stopped by the flag: some lines are NotRead
    double seconds = 0;                  // wall clock of the reading
    double networkMs = 0, decodeMs = 0;  // summed over the lines read
    // Reference characters the model's charset cannot write (Charset::encode's unknown),
    // in order of appearance over all lines.
    std::vector<char32_t> outOfCharset;

    double msPerLine() const { return total.lines ? 1000.0 * seconds / double(total.lines) : 0.0; }
    double networkMsPerLine() const { return total.lines ? networkMs / double(total.lines) : 0.0; }
    double decodeMsPerLine() const { return total.lines ? decodeMs / double(total.lines) : 0.0; }
    // The n most frequent confusions, most frequent first (ties in ErrorRates::confusions'
    // order, as ErrorRates::mostConfused).
    std::vector<Confusion> mostConfused(int n) const;
};

// Called after each line, one call at a time, done = 1, 2, ... total (from the reading threads).
using EvaluationProgress = std::function<void(int done, int total)>;

// Reads the lines (in parallel, one line per thread: the Reader is const and thread-safe)
// and scores them. One line per thread is the fastest way measured (inklens_reading_bench,
// bench/README.md: batched forwards read fewer lines a second on this engine), and it loads,
// normalizes and reads each line in one go, so progress and cancel act line by line. A line that cannot be loaded or read is Failed and counted in failed.
// When *cancel becomes true the lines not yet read are left NotRead, the running ones stop
// at the network's next layer, and the result has cancelled = true (totals over the lines read).
Evaluation evaluate(const reading::Reader& reader,
                    const std::vector<training::EvaluationLine>& lines,
                    const reading::ReadOptions& options, const EvaluationProgress& progress = {},
                    const std::atomic_bool* cancel = nullptr);

}  // namespace inklens::service
