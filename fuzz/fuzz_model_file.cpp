// The model-file loader (core/model/model_file.h): safetensors header and tensors, the
// spec JSON, the charset, every shape check. Any input either loads or throws
// nn::EngineError; anything else (another exception, a crash, a huge allocation) is a bug.

#include "model/model_file.h"
#include "nn/tensor.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto model = inklens::model::loadModelFromBytes(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.safetensors");
        (void)model;
    } catch (const inklens::nn::EngineError&) { }
    return 0;
}
