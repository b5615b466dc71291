#pragma once
// Character language model files: a ctc::CharNgramLm stored as safetensors (safetensors.h:
// the same validation, atomic save and error messages as model files), beside the model
// it belongs to: <model>.safetensors -> <model>.lm.
//
// Tensors: for each n-gram length k = 1..order, "ngram<k>.symbols" [N_k, ceil(k/3)] and
// "ngram<k>.a" [N_k]; for each context length k = 1..order-1, "context<k>.symbols"
// [M_k, ceil(k/3)] and "context<k>.gamma" [M_k]; "context0.gamma" [1]. A symbols row
// packs three 8-bit symbols per float (s0 + 256 s1 + 65536 s2, exact below 2^24), oldest
// first; rows are sorted, so a file does not depend on hash order.
// Metadata: format "inklens-char-lm", format_version "1", order, charset (the model's
// Charset::toString(), so a model and a language model of different alphabets are never
// combined), provenance (JSON).

#include "ctc/char_lm.h"
#include "model/charset.h"

#include <string>
#include <string_view>

namespace inklens::model {

struct LanguageModel
{
    ctc::CharNgramLm lm;
    Charset charset;
    std::string provenance = "{}";
};

void saveLanguageModel(const std::string& path, const LanguageModel& model);
// Throws nn::EngineError naming the file on anything wrong (see safetensors.h, plus
// missing or inconsistent tables, a symbol that is no small integer, an order outside
// 1..7, a charset whose size differs from the symbol count).
LanguageModel loadLanguageModel(const std::string& path);
// Same validation on bytes already in memory (sourceName names them in messages).
LanguageModel loadLanguageModelFromBytes(std::string_view bytes, const std::string& sourceName);
struct SafetensorsFile;
LanguageModel languageModelFromSafetensors(const SafetensorsFile& file, const std::string& source);

// "<dir>/<name>.lm" for "<dir>/<name>.safetensors" (or "<path>.lm" for another suffix).
std::string languageModelPathFor(const std::string& modelPath);

}  // namespace inklens::model
