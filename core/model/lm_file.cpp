#include "model/lm_file.h"

#include "model/safetensors.h"
#include "nn/tensor.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace inklens::model {

namespace {

constexpr const char* kFormat = "inklens-char-lm";
constexpr int kVersion = 1;

// Floats per row of a "<name><len>.symbols" tensor: three 8-bit symbols per float.
int packedWidth(int len)
{
    return (len + 2) / 3;
}

}  // namespace

void saveLanguageModel(const std::string& path, const LanguageModel& model)
{
    const ctc::CharNgramLm& lm = model.lm;
    if (lm.empty())
        throw nn::EngineError("cannot save an empty language model to '" + path + "'");
    SafetensorsFile file;
    file.metadata["format"] = kFormat;
    file.metadata["format_version"] = std::to_string(kVersion);
    file.metadata["order"] = std::to_string(lm.order());
    file.metadata["charset"] = model.charset.toString();
    file.metadata["provenance"] = model.provenance;
    // Grouped by length, each group sorted by key: the file does not depend on hash order.
    auto write = [&](const std::unordered_map<std::uint64_t, float>& table,
                     const std::string& prefix, const std::string& valueName, int minLen,
                     int maxLen) {
        std::map<int, std::map<std::uint64_t, float>> byLength;
        for (const auto& [k, v] : table)
            byLength[ctc::CharNgramLm::keyLength(k)].emplace(k, v);
        for (int len = minLen; len <= maxLen; ++len) {
            const auto& group = byLength[len];
            const int packed = packedWidth(len);
            TensorEntry symbols{prefix + std::to_string(len) + ".symbols",
                                {std::int64_t(group.size()), packed},
                                {}};
            TensorEntry values{
                prefix + std::to_string(len) + "." + valueName, {std::int64_t(group.size())}, {}};
            for (const auto& [k, v] : group) {
                for (int j = 0; j < packed; ++j) {
                    int word = 0;  // symbols 3j, 3j+1, 3j+2 in bits 0-7, 8-15, 16-23
                    for (int i = 3 * j; i < std::min(len, 3 * j + 3); ++i)
                        word |= ctc::CharNgramLm::keySymbol(k, i) << (8 * (i - 3 * j));
                    symbols.data.push_back(float(word));  // < 2^24: exact in a float
                }
                values.data.push_back(v);
            }
            if (len > 0)
                file.tensors.push_back(std::move(symbols));
            file.tensors.push_back(std::move(values));
        }
    };
    write(lm.aTable(), "ngram", "a", 1, lm.order());
    write(lm.gammaTable(), "context", "gamma", 0, lm.order() - 1);
    writeSafetensorsAtomic(path, file);
}

LanguageModel loadLanguageModel(const std::string& path)
{
    return languageModelFromSafetensors(readSafetensors(path), path);
}

LanguageModel loadLanguageModelFromBytes(std::string_view bytes, const std::string& sourceName)
{
    return languageModelFromSafetensors(readSafetensorsFromBytes(bytes, sourceName), sourceName);
}

LanguageModel languageModelFromSafetensors(const SafetensorsFile& file, const std::string& path)
{
    const auto fail = [&](const std::string& what) {
        return nn::EngineError("language model '" + path + "': " + what);
    };
    const auto meta = [&](const char* key) {
        const auto it = file.metadata.find(key);
        if (it == file.metadata.end())
            throw fail(std::string("metadata '") + key + "' is missing");
        return it->second;
    };
    if (meta("format") != kFormat)
        throw fail("not an InkLens language model (format '" + meta("format") + "')");
    if (meta("format_version") != std::to_string(kVersion))
        throw fail("format version " + meta("format_version")
                   + " is not supported (this build reads " + std::to_string(kVersion) + ")");
    int order = 0;
    try {
        std::size_t used = 0;
        order = std::stoi(meta("order"), &used);
        if (used != meta("order").size())
            order = 0;
    } catch (const std::exception&) {
        order = 0;
    }
    if (order < 1 || order > ctc::CharNgramLm::kMaxOrder)
        throw fail("order '" + meta("order") + "' is not in 1.."
                   + std::to_string(ctc::CharNgramLm::kMaxOrder));
    LanguageModel out;
    try {
        out.charset = Charset::fromString(meta("charset"));
    } catch (const nn::EngineError& e) {
        throw fail(std::string("bad charset: ") + e.what());
    }
    out.provenance = file.metadata.count("provenance") ? file.metadata.at("provenance") : "{}";
    const int numLabels = out.charset.size();

    auto read =
        [&](const std::string& prefix, const std::string& valueName, int minLen, int maxLen) {
        std::unordered_map<std::uint64_t, float> table;
        for (int len = minLen; len <= maxLen; ++len) {
            const std::string base = prefix + std::to_string(len);
            const TensorEntry* values = file.find(base + "." + valueName);
            if (!values)
                throw fail("tensor '" + base + "." + valueName + "' is missing");
            if (values->shape.size() != 1)
                throw fail("tensor '" + values->name + "' must be one-dimensional");
            const std::int64_t n = values->shape[0];
            const TensorEntry* symbols = len > 0 ? file.find(base + ".symbols") : nullptr;
            if (len > 0 && !symbols)
                throw fail("tensor '" + base + ".symbols' is missing");
            const int packed = packedWidth(len);
            if (symbols
                && (symbols->shape.size() != 2 || symbols->shape[0] != n
                    || symbols->shape[1] != packed))
                throw fail("tensor '" + symbols->name + "' must have shape [" + std::to_string(n)
                           + ", " + std::to_string(packed) + "]");
            table.reserve(table.size() + std::size_t(n));
            for (std::int64_t r = 0; r < n; ++r) {
                int s[ctc::CharNgramLm::kMaxOrder] = {};
                for (int j = 0; j < packed; ++j) {
                    const float f = symbols->data[std::size_t(r * packed + j)];
                    const int count = std::min(len, 3 * j + 3) - 3 * j;
                    if (!(f >= 0.f && f < float(1 << (8 * count))) || f != std::floor(f))
                        throw fail("tensor '" + symbols->name + "' holds " + std::to_string(f)
                                   + ", not " + std::to_string(count) + " packed symbols");
                    for (int i = 0; i < count; ++i) {
                        s[3 * j + i] = (int(f) >> (8 * i)) & 0xff;
                        if (s[3 * j + i] >= numLabels)
                            throw fail("tensor '" + symbols->name + "' holds symbol "
                                       + std::to_string(s[3 * j + i]) + ", outside the charset (0.."
                                       + std::to_string(numLabels - 1) + ")");
                    }
                }
                if (!table.emplace(ctc::CharNgramLm::key(s, len), values->data[std::size_t(r)])
                         .second)
                    throw fail("tensor '" + base + ".symbols' lists a sequence twice");
            }
        }
        return table;
    };
    auto a = read("ngram", "a", 1, order);
    auto gamma = read("context", "gamma", 0, order - 1);
    try {
        out.lm = ctc::CharNgramLm::fromTables(order, numLabels, std::move(a), std::move(gamma));
    } catch (const nn::EngineError& e) {
        throw fail(e.what());
    }
    return out;
}

std::string languageModelPathFor(const std::string& modelPath)
{
    const std::string suffix = ".safetensors";
    if (modelPath.size() > suffix.size()
        && modelPath.compare(modelPath.size() - suffix.size(), suffix.size(), suffix) == 0)
        return modelPath.substr(0, modelPath.size() - suffix.size()) + ".lm";
    return modelPath + ".lm";
}

}  // namespace inklens::model
