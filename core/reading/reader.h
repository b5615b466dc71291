#pragma once
// The one way to read a line: ink or a picture -> normalized line -> network -> CTC
// decoding. Every caller goes through a Reader: the recognition service behind the window,
// `inklens recognize` and `inklens eval`, the benchmarks, and the inspection views (which
// compute saliency on Recognition::input, the pixels read here). Qt-free.
//
//   Ink ─────── imaging::inkToLine ───────┐
//                                         ├─► LineImage ─► Crnn::forward ─► ctcDecode* ─► Reading
//   8-bit gray ─ imaging::normalizeLine ──┘   (geometry)    (probe, cancel)   (LM, word list)
//
// One rule for empty input: ink without points, or a picture without ink, gives the empty
// Reading (empty = true, text "", confidence 1, nbest = one empty entry), never an
// exception. Bad data throws nn::EngineError: ink too long to rasterize, a picture that is
// not 8-bit gray, a line whose height is not the model's.
//
// Thread-safe: a const Reader (and its const Model) serves any number of threads at once;
// each read has its own workspace.
//
// Many lines at once (a page, an evaluation set): readBatch reads them in batched forwards
// (lines of similar widths together, padded to the widest of their batch), then decodes
// them in parallel; each Reading is the one read() gives for that line alone.

#include "ctc/decode.h"
#include "ctc/lexicon.h"
#include "imaging/ink.h"
#include "imaging/line_image.h"
#include "model/model_file.h"
#include "model/recognizer.h"

#include <opencv2/core.hpp>

#include <atomic>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace inklens::reading {

enum class DecoderKind { Greedy, Beam };

// A language the beam search can read with: its character language model and word list
// (ReadOptions::languages, the automatic writing language).
struct DecodingLanguage
{
    std::string code;                                 // "en", "fr", ...: Recognition::language
    std::shared_ptr<const model::LanguageModel> lm;   // null: none
    std::shared_ptr<const ctc::Lexicon> lexicon;      // null: none
};

struct ReadOptions
{
    // Normalization.
    bool deskew = true;    // level a skewed baseline first (docs/model.md, skew correction)
    bool deslant = false;  // pictures: shear the strokes upright first (ink is read as drawn)
    int height = 0;        // line height; 0 = the model's input height (read() requires that one)
    // Ink's size: its x-height (imaging::inkXHeight) is measured on the ink itself, and on a
    // few words it is often off (words cut from held-out writers' lines: half of them
    // measure beyond +-25 % of their line's; bench/README.md, "Words"). Ink at most this
    // many of its x-heights wide is read at kInkSizes times the measured size and the
    // reading the decoder ranks highest (nbest[0].score) is kept; longer ink, at the
    // measured size. 0: always the measured size. By default all ink: whole lines gain too
    // (held-out writers' lines re-stroked, CER 41.1 -> 39.2 % and 25.0 -> 24.0 %, Hershey
    // lines 6.70 -> 6.55 %), for three reads instead of one.
    float sizeSearchWidth = std::numeric_limits<float>::infinity();
    // Decoding.
    DecoderKind decoder = DecoderKind::Beam;
    ctc::BeamOptions beam;  // width, N-best, LM weight and bonus, OOV penalty (lm, lexicon: below)
    bool languageModel = true;  // the beam search uses the model's language model, if it has one
    std::shared_ptr<const ctc::Lexicon> lexicon;  // word list for the beam search; null = none
    // The automatic writing language: when not empty, the beam search decodes each line once
    // with every one of these languages (its language model and word list instead of the
    // model's own and `lexicon`) and keeps the best-scored decoding (nbest[0].score: the
    // joint best of language and text); Recognition::language names the language chosen.
    // Ink read at several sizes: every size with every language. Greedy decoding ignores it.
    std::vector<DecodingLanguage> languages;
    // Evidence.
    bool probe = false;  // record feature maps and LSTM states (Recognition::probe)
};

// How readBatch runs its forwards. A forward holds at most maxLines lines and at most
// maxPixels padded input pixels (lines x widest x height: the activations grow with it; the
// bundled model's first convolution alone writes 32 floats per input pixel), whichever
// comes first; a line wider than the budget goes alone. The defaults are the fastest
// measured (30 lines of 1000 columns and the Testaments val lines on 2 threads,
// bench/README.md): one line per forward, the forwards in parallel. This engine gains
// nothing from batching lines: its convolutions work sample by sample, and a larger batch
// only spills the activations out of the caches (batches of 8: about 10 % fewer lines a
// second on 1000-column lines, the same within noise on the Testaments lines).
struct BatchOptions
{
    int maxLines = 1;
    long long maxPixels = 2'000'000;  // 50 lines of 40 x 1000
    // true: forwards in parallel, one per thread (nn::numThreads()), each on its thread
    // alone with the thread's own workspace, the widest lines first; false: one forward
    // after another, each on the engine's threads.
    bool parallelForwards = true;
};

// One line read. Immutable once returned.
struct Reading
{
    std::shared_ptr<const model::Recognition>
        recognition;  // never null (empty when empty or cancelled)
    // The normalized line the network read, with its geometry (LineImage::toSource, skew,
    // shear). Empty (width 0) when there was no ink.
    imaging::LineImage line;
    // Times; in a batch (readBatch) networkMs is this line's share of its forward (the
    // forward's time over its lines) and normalizeMs is 0 for lines given normalized.
    double normalizeMs = 0, networkMs = 0, decodeMs = 0;
    bool empty = false;      // no ink: the empty reading
    bool cancelled = false;  // stopped by the cancel flag; recognition is empty, do not show it
    // A character's columns in the source: the picture's own columns for a picture (back
    // through the crop, scale and deslant), the rasterized ink's columns for ink.
    std::pair<int, int> sourceColumns(const model::RecognizedChar& c) const
    {
        return line.toSource(c.firstColumn, c.lastColumn);
    }
};

// The sizes ink is read at (ReadOptions::sizeSearchWidth), times its measured x-height;
// the measured one first, so that it wins ties.
inline constexpr float kInkSizes[] = {1.f, 0.85f, 1.2f};

class Reader
{
public:
    // Throws nn::EngineError when model is null.
    explicit Reader(std::shared_ptr<const model::Model> model);
    const model::Model& model() const { return *m_model; }
    std::shared_ptr<const model::Model> modelPtr() const { return m_model; }
    int lineHeight(const ReadOptions& options) const;  // options.height, or the model's

    // The normalization alone (what read() reads; for short ink, at its measured size, one of
    // the sizes read() tries): empty LineImage when there is no ink. Ink too long to
    // rasterize throws nn::EngineError; gray must be CV_8UC1 (dark ink on light paper) or
    // empty. size scales the ink's measured x-height (1: as measured).
    imaging::LineImage normalize(const imaging::Ink& ink, const ReadOptions& options = {},
                                 float size = 1.f) const;
    // Whether read() reads this ink at several sizes (ReadOptions::sizeSearchWidth).
    bool searchesSize(const imaging::Ink& ink, const ReadOptions& options = {}) const;
    imaging::LineImage normalize(const cv::Mat& gray, const ReadOptions& options = {}) const;

    // cancel (optional) is polled between the network's layers.
    Reading read(const imaging::Ink& ink, const ReadOptions& options = {},
                 const std::atomic_bool* cancel = nullptr) const;
    Reading read(const cv::Mat& gray, const ReadOptions& options = {},
                 const std::atomic_bool* cancel = nullptr) const;
    // An already normalized line (ink = 1) of the model's input height; empty or narrower
    // than one frame gives the empty reading.
    Reading read(imaging::LineImage line, const ReadOptions& options = {},
                 const std::atomic_bool* cancel = nullptr) const;

    // Many lines (a page, an evaluation set): one Reading per line, in the order given, each
    // what read() gives for that line alone (the same text, characters, spans and N-best;
    // the posteriors equal within float rounding: 1e-5, relative below -1). Lines of similar
    // widths share a forward (BatchOptions: how many, and whether forwards run in parallel);
    // the decoding runs in parallel, one line per thread. All on nn::numThreads() threads;
    // inside an OpenMP parallel region, on the calling thread alone.
    //   - No probe: options.probe is ignored (Recognition::probe is null); read() a line
    //     alone to get one.
    //   - Empty lines (no ink, narrower than one frame) give the empty reading, as read().
    //   - cancel (optional) is polled before each forward and between the network's
    //     layers; once it is set, the lines not yet read come back cancelled (their
    //     recognition empty), the empty ones still empty.
    //   - Bad data throws nn::EngineError as read() does, before anything is read (a line
    //     whose height is not the model's; for ink or pictures, the normalization's errors).
    std::vector<Reading> readBatch(std::vector<imaging::LineImage> lines,
                                   const ReadOptions& options = {},
                                   const std::atomic_bool* cancel = nullptr,
                                   const BatchOptions& batch = {}) const;
    // Ink or pictures: normalized in parallel (normalizeMs is each line's own), then read
    // as above.
    std::vector<Reading> readBatch(const std::vector<imaging::Ink>& inks,
                                   const ReadOptions& options = {},
                                   const std::atomic_bool* cancel = nullptr,
                                   const BatchOptions& batch = {}) const;
    std::vector<Reading> readBatch(const std::vector<cv::Mat>& grays,
                                   const ReadOptions& options = {},
                                   const std::atomic_bool* cancel = nullptr,
                                   const BatchOptions& batch = {}) const;

private:
    // Decodes one line's posteriors (T, C) into reading.recognition (reading.line set).
    void decode(Reading& reading, nn::Mat logProbs, const ReadOptions& options,
                std::shared_ptr<const model::Probe> probe = nullptr) const;
    // The empty reading (no ink), or the cancelled one, of line.
    Reading emptyReading(imaging::LineImage line, bool cancelled) const;
    // Throws nn::EngineError when options ask for another height than the model's, or
    // when a non-empty line is not of the model's height; true when line reads as empty.
    bool checkLine(const imaging::LineImage& line, const ReadOptions& options) const;
    // One forward of the lines group (indices into lines, the widest first), then their
    // decoding into out; the lines are moved into their readings.
    void readGroup(const std::vector<int>& group, std::vector<imaging::LineImage>& lines,
                   std::vector<Reading>& out, const ReadOptions& options,
                   const std::atomic_bool* cancel, model::CrnnWorkspace& ws) const;

    std::shared_ptr<const model::Model> m_model;
};

}  // namespace inklens::reading
