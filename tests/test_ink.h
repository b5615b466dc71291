#pragma once
// Ink of a given text, as the canvas records it: Hershey pen trajectories
// (training::hersheyInk, a plain writer) in pixels, quantized to quarter pixels and
// pressures to hundredths, so that an InkML file holds exactly the same points. Empty when
// the Hershey fonts (hershey-fonts-data) are not installed.

#include "imaging/ink.h"
#include "nn/param.h"
#include "training/hershey.h"

#include <cmath>
#include <string>

namespace inklens::testing {

inline imaging::Ink textInk(const std::string& text, std::uint64_t seed = 3)
{
    const auto fonts = training::HersheyFont::handwritingFontPaths();
    std::string path;
    for (const auto& p : fonts)
        if (p.find("futural") != std::string::npos || path.empty())
            path = p;
    if (path.empty())
        return {};
    const training::HersheyFont font = training::HersheyFont::load(path);
    training::HersheyStyle style;
    style.slant = 0.1f;
    nn::Rng rng(seed);
    imaging::Ink ink = training::hersheyInk(font, text, style, rng, 20.f);
    for (auto& s : ink.strokes)
        for (auto& p : s.points) {
            p.x = std::round(p.x * 4.f) / 4.f + 200.f;
            p.y = std::round(p.y * 4.f) / 4.f + 200.f;
            p.t = std::round(p.t * 1000.f) / 1000.f;
            p.pressure = std::round(p.pressure * 100.f) / 100.f;
        }
    return ink;
}

}  // namespace inklens::testing
