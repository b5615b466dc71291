#pragma once
// Architecture presets for new models and the overrides 'inklens train' applies to them
// (--arch, --height, --conv, --lstm). Qt-free; bad names and values throw nn::EngineError
// with a message naming them.

#include "model/spec.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inklens::model {

// The preset names, the default (line32) first: line32, line40, crnn-ref.
std::vector<std::string> presetNames();

// The spec of a preset with numClasses = classes. Throws nn::EngineError naming the
// unknown preset and the known ones.
//   crnn-ref: CrnnSpec::crnnRef() (ReLU, no batch norm, height 32)
//   line32, line40: crnn-ref's layout with batch norm and leaky ReLU, height 32 or 40
CrnnSpec presetSpec(std::string_view name, int classes);

// Changes to a spec; what is unset (or empty) keeps the spec's value.
struct SpecOverrides
{
    std::optional<int> inputHeight;
    std::vector<int> convChannels;  // one entry per conv block (see overrideSpec)
    std::vector<int> lstmHidden;    // one entry per BiLSTM layer
};

// Applies the overrides and validates the result (nn::EngineError naming the first
// inconsistency, e.g. "pools reduce the height to zero"). Conv blocks keep the kernel,
// batch norm and pools of the block at the same index; blocks beyond the spec's copy its
// last block without pooling. Nothing else changes.
void overrideSpec(CrnnSpec& spec, const SpecOverrides& overrides);

// "8,16,32" -> {8, 16, 32}. Throws nn::EngineError "WHAT: 'TEXT' is not a list of positive
// integers" for anything else (empty items, signs, zero, trailing text, overflow).
std::vector<int> parsePositiveList(std::string_view text, std::string_view what);

}  // namespace inklens::model
