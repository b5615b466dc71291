#pragma once
// What 'inklens lm' counts into a character language model (ctc/char_lm.h): ground-truth
// transcriptions, word lists and plain text, each encoded with a model's charset, and the
// held-out measure of the result. Qt-free; files are UTF-8 (a byte-order mark and carriage
// returns are ignored), one item a line.

#include "ctc/char_lm.h"
#include "model/charset.h"
#include "training/dataset.h"

#include <string>
#include <vector>

namespace inklens::training {

// The labels a line is trained or scored on: cleanGroundTruth, normalizeText, encode.
std::vector<int> encodeGroundTruth(const model::Charset& charset, const GroundTruthLine& line);

// Each adds the non-empty encodings to the builder and returns how many it added.
// Ground-truth lines as running text.
long addGroundTruthLines(ctc::CharNgramLm::Builder& builder, const model::Charset& charset,
                         const std::vector<GroundTruthLine>& lines);
// A word list, one word a line, each counted `weight` times as inside running text; lines
// with a space (after encoding) are not words and are left out. Throws nn::EngineError
// "cannot read word list PATH: REASON".
long addWordList(ctc::CharNgramLm::Builder& builder, const model::Charset& charset,
                 const std::string& path, double weight);
// Plain text, each line as running text with `weight`. Throws nn::EngineError "cannot read
// text PATH: REASON".
long addTextLines(ctc::CharNgramLm::Builder& builder, const model::Charset& charset,
                  const std::string& path, double weight);

// Cross-entropy of the language model on lines in bits per symbol, the end of each line
// counted as a symbol; lines that encode to nothing are left out. symbols = 0 (and 0 bits)
// when nothing is left.
struct HeldOutScore
{
    double bitsPerSymbol = 0;
    long symbols = 0;
};
HeldOutScore heldOutScore(const ctc::CharNgramLm& lm, const model::Charset& charset,
                          const std::vector<GroundTruthLine>& lines);

}  // namespace inklens::training
