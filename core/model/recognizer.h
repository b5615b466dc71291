#pragma once
// From a normalized line image to text with its evidence: the one recognition path
// shared by the command line, the recognition service and the inspection views.
// Thread-safe: a const Recognizer (and its const Model) serves several threads.

#include "ctc/decode.h"
#include "model/model_file.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace inklens::model {

enum class DecoderKind { Greedy, Beam };

struct RecognizeOptions {
    DecoderKind decoder = DecoderKind::Beam;
    ctc::BeamOptions beam;          // beam.lm is set by recognize() (see languageModel)
    bool languageModel = true;      // beam search with the model's language model, if it has one
    // A word list for the beam search (beam.lexicon is set from it; null = none).
    std::shared_ptr<const ctc::Lexicon> lexicon;
    bool probe = false;  // record feature maps and LSTM states
    // For the caller's line normalization (imaging::NormalizeOptions::deslant): whether the
    // picture is sheared upright before it is read. The recognizer itself reads pixels.
    bool deslant = false;
    // Likewise imaging::NormalizeOptions::deskew / RasterOptions::deskew: the baseline is
    // levelled before the line is read (on by default: see docs/model.md, skew correction).
    bool deskew = true;
};

struct RecognizedChar {
    std::string text;              // the character, UTF-8
    int label = 0;
    int firstFrame = 0, lastFrame = 0;
    int firstColumn = 0, lastColumn = 0;  // input image columns covered by those frames
    float confidence = 0;          // max posterior over its frames, [0, 1]
};

struct Alternative {
    std::string text;
    float logProb = 0;
};

// An immutable snapshot of one recognition.
struct Recognition {
    std::string text;
    float confidence = 0;               // geometric mean of the character confidences (1 if empty)
    std::vector<RecognizedChar> chars;
    std::vector<Alternative> nbest;     // best first; nbest[0].text == text
    nn::Mat logProbs;                   // (T, C) posteriors of the line
    int inputWidth = 0, inputHeight = 0, widthReduction = 1;
    std::shared_ptr<const Probe> probe; // null unless asked for
    double networkMs = 0, decodeMs = 0;
    bool cancelled = false;
};

class Recognizer {
public:
    explicit Recognizer(std::shared_ptr<const Model> model);
    const Model& model() const { return *m_model; }
    std::shared_ptr<const Model> modelPtr() const { return m_model; }

    // pixels: height x width row-major, ink = 1 (imaging::normalizeLine's output);
    // height must be the model's input height. cancel (optional) is polled between layers.
    Recognition recognize(const float* pixels, int width, int height, const RecognizeOptions& options = {},
                          const std::atomic_bool* cancel = nullptr) const;

    // Text and spans of a label sequence on given posteriors (for N-best entries or
    // a corrected text): forced alignment.
    std::vector<RecognizedChar> describe(const nn::Mat& logProbs, const std::vector<int>& labels) const;

private:
    std::shared_ptr<const Model> m_model;
};

}  // namespace inklens::model
