#include "spec.h"

#include <nlohmann/json.hpp>

#include <initializer_list>

namespace inklens::model {

using nn::EngineError;

CrnnSpec CrnnSpec::crnnRef()
{
    CrnnSpec s;
    s.inputHeight = 32;
    s.convs = {{32, 3, false, 2, 2},
               {64, 3, false, 2, 2},
               {128, 3, false, 1, 1},
               {128, 3, false, 2, 1},
               {256, 3, false, 2, 1}};
    s.lstmHidden = {128, 128};
    s.numClasses = 80;
    return s;
}

void CrnnSpec::validate() const
{
    auto fail = [](const std::string& what) { throw EngineError("invalid model spec: " + what); };
    if (inputHeight < 1 || inputHeight > 512)
        fail("input height " + std::to_string(inputHeight) + " out of range 1..512");
    if (convs.empty() || convs.size() > 32)
        fail("needs 1..32 conv blocks");
    int h = inputHeight;
    for (std::size_t i = 0; i < convs.size(); ++i) {
        const auto& c = convs[i];
        const std::string at = "conv block " + std::to_string(i) + ": ";
        if (c.channels < 1 || c.channels > 4096)
            fail(at + "channels out of range");
        if (c.kernel < 1 || c.kernel > 15 || c.kernel % 2 == 0)
            fail(at + "kernel must be odd, 1..15");
        if (c.poolH < 1 || c.poolW < 1 || c.poolH > 8 || c.poolW > 8)
            fail(at + "pool out of range 1..8");
        h /= c.poolH;
        if (h < 1)
            fail(at + "pools reduce the height to zero");
    }
    if (lstmHidden.empty() || lstmHidden.size() > 8)
        fail("needs 1..8 LSTM layers");
    for (int hdn : lstmHidden)
        if (hdn < 1 || hdn > 4096)
            fail("LSTM hidden size out of range");
    if (numClasses < 2 || numClasses > 100000)
        fail("number of classes out of range");
    // Kept within int (framesFor, the trainer's frame division): 8^32 would overflow it.
    std::int64_t reduction = 1;
    for (const auto& c : convs)
        if ((reduction *= c.poolW) > 4096)
            fail("the pools reduce the width by more than 4096");
}

int CrnnSpec::featureHeight() const
{
    int h = inputHeight;
    for (const auto& c : convs)
        h /= c.poolH;
    return h;
}

int CrnnSpec::widthReduction() const
{
    int r = 1;
    for (const auto& c : convs)
        r *= c.poolW;
    return r;
}

int CrnnSpec::features() const
{
    return convs.back().channels * featureHeight();
}

std::int64_t CrnnSpec::weightCount() const
{
    std::int64_t n = 0, cin = 1;
    for (const auto& c : convs) {
        n += cin * c.channels * c.kernel * c.kernel;
        cin = c.channels;
    }
    std::int64_t in = features();
    for (int h : lstmHidden) {
        n += 2 * 4 * std::int64_t(h) * (in + h);  // both directions, four gates
        in = 2 * std::int64_t(h);
    }
    return n + in * numClasses;
}

int CrnnSpec::framesFor(int width) const
{
    for (const auto& c : convs)
        width /= c.poolW;
    return width;
}

std::string CrnnSpec::toJson() const
{
    nlohmann::json j;
    j["version"] = kVersion;
    j["input_height"] = inputHeight;
    j["activation"] = activation == nn::Activation::ReLU ? "relu" : "leaky_relu";
    auto& cs = j["convs"] = nlohmann::json::array();
    for (const auto& c : convs)
        cs.push_back({{"channels", c.channels},
                      {"kernel", c.kernel},
                      {"batch_norm", c.batchNorm},
                      {"pool", {c.poolH, c.poolW}}});
    j["lstm_hidden"] = lstmHidden;
    j["classes"] = numClasses;
    return j.dump();
}

namespace {

// A key this build does not know would describe a network it does not build (a new key
// comes with a new spec version): refused, not ignored.
void requireKnownKeys(const nlohmann::json& object, std::initializer_list<const char*> known,
                      const char* where)
{
    if (!object.is_object())
        throw EngineError(std::string("model spec: ") + where + " must be an object");
    for (const auto& item : object.items()) {
        bool found = false;
        for (const char* k : known)
            found = found || item.key() == k;
        if (!found)
            throw EngineError("model spec: unknown key '" + item.key() + "' in " + where
                              + " (written by another version of InkLens?)");
    }
}

}  // namespace

CrnnSpec CrnnSpec::fromJson(const std::string& text)
{
    CrnnSpec s;
    try {
        const auto j = nlohmann::json::parse(text);
        requireKnownKeys(j, {"version", "input_height", "activation", "convs", "lstm_hidden", "classes"},
                         "the spec");
        const int version = j.at("version").get<int>();
        if (version != kVersion)
            throw EngineError("unknown model spec version " + std::to_string(version)
                              + " (this build reads " + std::to_string(kVersion) + ")");
        s.inputHeight = j.at("input_height").get<int>();
        const auto act = j.at("activation").get<std::string>();
        if (act == "relu")
            s.activation = nn::Activation::ReLU;
        else if (act == "leaky_relu")
            s.activation = nn::Activation::LeakyReLU;
        else
            throw EngineError("unknown activation '" + act + "' in model spec");
        for (const auto& c : j.at("convs")) {
            requireKnownKeys(c, {"channels", "kernel", "batch_norm", "pool"}, "a conv block");
            ConvBlockSpec b;
            b.channels = c.at("channels").get<int>();
            b.kernel = c.at("kernel").get<int>();
            b.batchNorm = c.at("batch_norm").get<bool>();
            const auto& pool = c.at("pool");
            if (!pool.is_array() || pool.size() != 2)
                throw EngineError("model spec: pool must be [height, width]");
            b.poolH = pool[0].get<int>();
            b.poolW = pool[1].get<int>();
            s.convs.push_back(b);
        }
        s.lstmHidden = j.at("lstm_hidden").get<std::vector<int>>();
        s.numClasses = j.at("classes").get<int>();
    } catch (const nlohmann::json::exception& e) {
        throw EngineError(std::string("model spec is not valid: ") + e.what());
    }
    s.validate();
    return s;
}

}  // namespace inklens::model
