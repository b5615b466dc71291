#include "presets.h"

#include <charconv>

namespace inklens::model {

using nn::EngineError;

std::vector<std::string> presetNames()
{
    return {"line32", "line40", "crnn-ref"};
}

CrnnSpec presetSpec(std::string_view name, int classes)
{
    CrnnSpec s = CrnnSpec::crnnRef();
    s.numClasses = classes;
    if (name == "crnn-ref")
        return s;
    if (name != "line32" && name != "line40")
        throw EngineError("unknown architecture '" + std::string(name)
                          + "' (line32, line40 or crnn-ref)");
    // line32 is the default: it read best in the controlled comparison of
    // scripts/compare-architectures.sh (docs/model.md); the bundled model is line40.
    s.inputHeight = name == "line32" ? 32 : 40;
    s.activation = nn::Activation::LeakyReLU;
    for (auto& c : s.convs)
        c.batchNorm = true;
    return s;
}

void overrideSpec(CrnnSpec& spec, const SpecOverrides& overrides)
{
    if (overrides.inputHeight)
        spec.inputHeight = *overrides.inputHeight;
    if (!overrides.convChannels.empty()) {
        if (spec.convs.empty())
            throw EngineError("invalid model spec: needs 1..32 conv blocks");
        std::vector<ConvBlockSpec> convs;
        for (std::size_t i = 0; i < overrides.convChannels.size(); ++i) {
            ConvBlockSpec c = i < spec.convs.size() ? spec.convs[i] : spec.convs.back();
            if (i >= spec.convs.size())
                c.poolH = c.poolW = 1;
            c.channels = overrides.convChannels[i];
            convs.push_back(c);
        }
        spec.convs = std::move(convs);
    }
    if (!overrides.lstmHidden.empty())
        spec.lstmHidden = overrides.lstmHidden;
    spec.validate();
}

std::vector<int> parsePositiveList(std::string_view text, std::string_view what)
{
    const auto fail = [&] {
        throw EngineError(std::string(what) + ": '" + std::string(text)
                          + "' is not a list of positive integers");
    };
    std::vector<int> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        std::string_view item = text.substr(start, comma == std::string_view::npos ? text.npos
                                                                                   : comma - start);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        int v = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || end != item.data() + item.size() || v < 1)
            fail();
        out.push_back(v);
        if (comma == std::string_view::npos)
            return out;
        start = comma + 1;
    }
}

}  // namespace inklens::model
