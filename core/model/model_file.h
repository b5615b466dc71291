#pragma once
// A complete recognizer model (network + charset + how its input is normalized + where
// it came from) and its file format: safetensors with the tensors under their
// PyTorch-style names and, in __metadata__:
//   format = "inklens-crnn", format_version = "1", spec = CrnnSpec JSON,
//   charset = the characters of labels 1.., input_height, normalization, provenance (JSON).
// Loading validates everything and throws nn::EngineError with a message naming the
// problem; saving is atomic (temporary file, then rename).

#include "model/charset.h"
#include "model/crnn.h"
#include "model/lm_file.h"

#include <map>
#include <memory>
#include <string>

namespace inklens::model {

inline constexpr const char* kModelFormat = "inklens-crnn";
inline constexpr int kModelFormatVersion = 1;

struct Model
{
    Crnn crnn;
    Charset charset;
    std::string normalization = "ink=1 paper=0; line cropped, height-normalized";
    std::string provenance = "{}";  // JSON: data, steps, validation CER, date...
    // The character language model used by the beam search, when one sits beside the
    // model file (lm_file.h; not part of the model file). Null: none.
    std::shared_ptr<const LanguageModel> languageModel;

    Model(Crnn c, Charset cs) : crnn(std::move(c)), charset(std::move(cs)) { }
};

struct SafetensorsFile;
// The model as the tensors and metadata of its file, and back (with every check of
// loadModel; `source` names it in messages). Checkpoints add their own tensors to these.
SafetensorsFile modelToSafetensors(const Model& model);
Model modelFromSafetensors(const SafetensorsFile& file, const std::string& source);

void saveModel(const std::string& path, const Model& model);
Model loadModel(const std::string& path);
// Same validation on bytes already in memory (e.g. a Qt resource).
Model loadModelFromBytes(std::string_view bytes, const std::string& sourceName);

// loadModel(path) plus its language model: lmPath, or languageModelPathFor(path) when
// lmPath is empty, if that file exists ("-" or a missing default file: none). A language
// model that does not load or whose charset differs from the model's is left out and
// *lmProblem (if given) says why; the model itself is still returned. *lmUsed (if given)
// receives the file loaded, or an empty string.
Model loadModelWithLanguageModel(const std::string& path, const std::string& lmPath = {},
                                 std::string* lmProblem = nullptr, std::string* lmUsed = nullptr);
// The language model in file, for a model of this charset. Throws nn::EngineError when it
// does not load or was built for another charset.
std::shared_ptr<const LanguageModel> loadLanguageModelFor(const Charset& charset,
                                                          const std::string& file);
// The language model part of loadModelWithLanguageModel, for a model already in memory whose
// file is modelPath (its languageModel replaced, or reset when none loads).
void attachLanguageModel(Model& model, const std::string& modelPath, const std::string& lmPath,
                         std::string* lmProblem = nullptr, std::string* lmUsed = nullptr);

}  // namespace inklens::model
