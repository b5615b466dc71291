#pragma once
// What reading one line gives: the text with its evidence (posteriors, per-character frame
// and column spans, N-best, optionally the probe). reading::Reader (core/reading/reader.h)
// makes it; it is the one path from ink or a picture to text. An immutable snapshot: it
// travels between threads as std::shared_ptr<const Recognition>.

#include "model/crnn.h"
#include "model/model_file.h"  // the Model a Recognition is read with (for its users)

#include <memory>
#include <string>
#include <vector>

namespace inklens::model {

struct RecognizedChar
{
    std::string text;  // the character, UTF-8
    int label = 0;
    int firstFrame = 0, lastFrame = 0;
    // Columns of the line the network read (Recognition::inputWidth) covered by those
    // frames: [firstFrame * r, (lastFrame + 1) * r - 1], the last clamped to inputWidth - 1.
    // reading::Reading::sourceColumns maps them to the source picture's columns.
    int firstColumn = 0, lastColumn = 0;
    float confidence = 0;  // max posterior over its frames, [0, 1]
};

struct Alternative
{
    std::string text;
    float logProb = 0;  // log p_ctc(text | line): the network's alone
    // The decoder's ranking score, by which nbest is ordered: logProb, plus with a language
    // model lmWeight * log P_lm(text) + lmBonus * length, minus oovPenalty per word outside
    // the word list (ctc::BeamOptions). Equals logProb when neither was used.
    float score = logProb;
};

struct Recognition
{
    std::string text;
    float confidence = 0;  // geometric mean of the character confidences (1 if empty)
    std::vector<RecognizedChar> chars;
    std::vector<Alternative> nbest;  // best first (by score); nbest[0].text == text
    // The writing language the beam search chose (reading::ReadOptions::languages); "" when
    // it read with one language model.
    std::string language;
    nn::Mat logProbs;                // (T, C) posteriors of the line; 0 rows when there was no ink
    int inputWidth = 0, inputHeight = 0, widthReduction = 1;
    // The pixels the network read, inputHeight x inputWidth row-major, ink = 1 (null when
    // there was no ink): what saliency and the views compute on, exactly.
    std::shared_ptr<const std::vector<float>> input;
    std::shared_ptr<const Probe> probe;  // null unless asked for
};

}  // namespace inklens::model
