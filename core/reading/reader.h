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

#include "ctc/decode.h"
#include "ctc/lexicon.h"
#include "imaging/ink.h"
#include "imaging/line_image.h"
#include "model/model_file.h"
#include "model/recognizer.h"

#include <opencv2/core.hpp>

#include <atomic>
#include <memory>
#include <utility>

namespace inklens::reading {

enum class DecoderKind { Greedy, Beam };

struct ReadOptions
{
    // Normalization.
    bool deskew = true;    // level a skewed baseline first (docs/model.md, skew correction)
    bool deslant = false;  // pictures: shear the strokes upright first (ink is read as drawn)
    int height = 0;        // line height; 0 = the model's input height (read() requires that one)
    // Decoding.
    DecoderKind decoder = DecoderKind::Beam;
    ctc::BeamOptions beam;  // width, N-best, LM weight and bonus, OOV penalty (lm, lexicon: below)
    bool languageModel = true;  // the beam search uses the model's language model, if it has one
    std::shared_ptr<const ctc::Lexicon> lexicon;  // word list for the beam search; null = none
    // Evidence.
    bool probe = false;  // record feature maps and LSTM states (Recognition::probe)
};

// One line read. Immutable once returned.
struct Reading
{
    std::shared_ptr<const model::Recognition>
        recognition;  // never null (empty when empty or cancelled)
    // The normalized line the network read, with its geometry (LineImage::toSource, skew,
    // shear). Empty (width 0) when there was no ink.
    imaging::LineImage line;
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

class Reader
{
public:
    // Throws nn::EngineError when model is null.
    explicit Reader(std::shared_ptr<const model::Model> model);
    const model::Model& model() const { return *m_model; }
    std::shared_ptr<const model::Model> modelPtr() const { return m_model; }
    int lineHeight(const ReadOptions& options) const;  // options.height, or the model's

    // The normalization alone (what read() reads): empty LineImage when there is no ink.
    // Ink too long to rasterize throws nn::EngineError; gray must be CV_8UC1 (dark ink on
    // light paper) or empty.
    imaging::LineImage normalize(const imaging::Ink& ink, const ReadOptions& options = {}) const;
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

private:
    std::shared_ptr<const model::Model> m_model;
};

}  // namespace inklens::reading
