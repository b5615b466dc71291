#include "model_file.h"

#include "model/safetensors.h"

#include <filesystem>
#include <sstream>
#include <utility>

namespace inklens::model {

using nn::EngineError;

namespace {

std::string shapeText(const std::vector<std::int64_t>& s)
{
    std::ostringstream o;
    o << '[';
    for (std::size_t i = 0; i < s.size(); ++i)
        o << (i ? ", " : "") << s[i];
    o << ']';
    return o.str();
}

std::vector<std::int64_t> toShape(const std::vector<int>& s)
{
    return {s.begin(), s.end()};
}

}  // namespace

Model modelFromSafetensors(const SafetensorsFile& file, const std::string& source)
{
    auto fail = [&](const std::string& what) -> EngineError {
        return EngineError(source + ": " + what);
    };
    auto meta = [&](const char* key) -> const std::string& {
        auto it = file.metadata.find(key);
        if (it == file.metadata.end())
            throw fail(std::string("not an InkLens model (metadata '") + key + "' missing)");
        return it->second;
    };
    if (meta("format") != kModelFormat)
        throw fail("not an InkLens model (format '" + meta("format") + "')");
    const std::string& version = meta("format_version");
    if (version != std::to_string(kModelFormatVersion))
        throw fail("unknown model format version " + version + " (this build reads version "
                   + std::to_string(kModelFormatVersion) + ")");
    CrnnSpec spec;
    Charset charset;
    try {
        spec = CrnnSpec::fromJson(meta("spec"));
        charset = Charset::fromString(meta("charset"));
    } catch (const EngineError& e) {
        throw fail(e.what());
    }
    if (charset.size() != spec.numClasses)
        throw fail("the charset has " + std::to_string(charset.size())
                   + " classes but the network has " + std::to_string(spec.numClasses));
    if (meta("input_height") != std::to_string(spec.inputHeight))
        throw fail("input height " + meta("input_height") + " does not match the spec's "
                   + std::to_string(spec.inputHeight));
    // The network is allocated from the spec: a few bytes of spec must not ask for more
    // memory than the file's own tensors hold (a 32-layer, 4096-channel spec is 480 GB).
    std::int64_t held = 0;
    for (const TensorEntry& t : file.tensors)
        held += t.elementCount();
    if (spec.weightCount() > held)
        throw fail("the spec needs at least " + std::to_string(spec.weightCount())
                   + " weights but the file holds " + std::to_string(held) + " values");
    Model model(Crnn(spec), std::move(charset));
    if (auto it = file.metadata.find("normalization"); it != file.metadata.end())
        model.normalization = it->second;
    if (auto it = file.metadata.find("provenance"); it != file.metadata.end())
        model.provenance = it->second;

    std::size_t used = 0;
    auto take = [&](const std::string& name, const std::vector<std::int64_t>& shape, nn::Vec& dst) {
        const TensorEntry* t = file.find(name);
        if (!t)
            throw fail("tensor '" + name + "' is missing");
        if (t->shape != shape)
            throw fail("tensor '" + name + "' has shape " + shapeText(t->shape)
                       + " but the spec needs " + shapeText(shape));
        dst = Eigen::Map<const nn::Vec>(t->data.data(), Eigen::Index(t->data.size()));
        ++used;
    };
    for (nn::Param* p : model.crnn.params())
        take(p->name, toShape(p->shape), p->value);
    for (auto& [name, v] : model.crnn.buffers())
        take(name, {v->size()}, *v);
    if (used != file.tensors.size()) {
        for (const auto& t : file.tensors) {
            bool known = false;
            for (const nn::Param* p : std::as_const(model.crnn).params())
                known = known || p->name == t.name;
            for (const auto& b : std::as_const(model.crnn).buffers())
                known = known || b.first == t.name;
            if (!known)
                throw fail("unexpected tensor '" + t.name + "' (not part of this architecture)");
        }
    }
    for (auto& [name, v] : model.crnn.buffers())
        if (name.ends_with("running_var") && (v->array() < 0.f).any())
            throw fail("tensor '" + name + "' has negative variances");
    return model;
}

SafetensorsFile modelToSafetensors(const Model& model)
{
    SafetensorsFile file;
    const CrnnSpec& spec = model.crnn.spec();
    file.metadata["format"] = kModelFormat;
    file.metadata["format_version"] = std::to_string(kModelFormatVersion);
    file.metadata["spec"] = spec.toJson();
    file.metadata["charset"] = model.charset.toString();
    file.metadata["input_height"] = std::to_string(spec.inputHeight);
    file.metadata["normalization"] = model.normalization;
    file.metadata["provenance"] = model.provenance;
    for (const nn::Param* p : model.crnn.params())
        file.tensors.push_back(
            {p->name, toShape(p->shape), {p->value.data(), p->value.data() + p->value.size()}});
    for (const auto& [name, v] : model.crnn.buffers())
        file.tensors.push_back({name, {v->size()}, {v->data(), v->data() + v->size()}});
    return file;
}

void saveModel(const std::string& path, const Model& model)
{
    writeSafetensorsAtomic(path, modelToSafetensors(model));
}

Model loadModel(const std::string& path)
{
    return modelFromSafetensors(readSafetensors(path), path);
}

Model loadModelFromBytes(std::string_view bytes, const std::string& sourceName)
{
    return modelFromSafetensors(readSafetensorsFromBytes(bytes, sourceName), sourceName);
}

Model loadModelWithLanguageModel(const std::string& path, const std::string& lmPath,
                                 std::string* lmProblem, std::string* lmUsed)
{
    Model model = loadModel(path);
    attachLanguageModel(model, path, lmPath, lmProblem, lmUsed);
    return model;
}

std::shared_ptr<const LanguageModel> loadLanguageModelFor(const Charset& charset,
                                                          const std::string& file)
{
    auto lm = std::make_shared<LanguageModel>(loadLanguageModel(file));
    if (lm->charset.toString() != charset.toString())
        throw nn::EngineError("language model '" + file + "' was built for another charset ("
                              + std::to_string(lm->charset.size()) + " classes) than the model ("
                              + std::to_string(charset.size()) + " classes)");
    return lm;
}

void attachLanguageModel(Model& model, const std::string& modelPath, const std::string& lmPath,
                         std::string* lmProblem, std::string* lmUsed)
{
    model.languageModel.reset();
    if (lmProblem)
        lmProblem->clear();
    if (lmUsed)
        lmUsed->clear();
    if (lmPath == "-")
        return;
    const std::string file = lmPath.empty() ? languageModelPathFor(modelPath) : lmPath;
    std::error_code ec;
    if (lmPath.empty() && !std::filesystem::is_regular_file(file, ec))
        return;  // no language model beside the model: fine
    try {
        model.languageModel = loadLanguageModelFor(model.charset, file);
        if (lmUsed)
            *lmUsed = file;
    } catch (const nn::EngineError& e) {
        if (lmProblem)
            *lmProblem = e.what();
    }
}

}  // namespace inklens::model
