// The language-model loader (core/model/lm_file.h, .lm files): safetensors, metadata,
// packed n-gram tables. Loads or throws nn::EngineError; nothing else.

#include "model/lm_file.h"
#include "nn/tensor.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto lm = inklens::model::loadLanguageModelFromBytes(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.lm");
        (void)lm;
    } catch (const inklens::nn::EngineError&) { }
    return 0;
}
