#include "synth.h"

#include "training/restroke.h"

#include "nn/tensor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace inklens::training {

cv::Mat lineToGray(const imaging::LineImage& line)
{
    cv::Mat out(line.height, line.width, CV_8UC1);
    for (int y = 0; y < line.height; ++y) {
        auto* row = out.ptr<unsigned char>(y);
        for (int x = 0; x < line.width; ++x) {
            const float v = std::clamp(
                line.pixels[std::size_t(y) * std::size_t(line.width) + std::size_t(x)], 0.f, 1.f);
            row[x] = static_cast<unsigned char>(std::lround(255.f * (1.f - v)));
        }
    }
    return out;
}

SyntheticGenerator::SyntheticGenerator(std::shared_ptr<const TextSource> text,
                                       std::vector<std::shared_ptr<const HersheyFont>> hershey,
                                       std::vector<FontStyle> fonts, SynthOptions options)
    : m_text(std::move(text)),
      m_hershey(std::move(hershey)),
      m_fonts(std::move(fonts)),
      m_opt(options)
{
    if (!m_text)
        throw nn::EngineError("SyntheticGenerator: no text source");
    m_hershey.erase(std::remove(m_hershey.begin(), m_hershey.end(), nullptr), m_hershey.end());
    m_fonts.erase(std::remove_if(m_fonts.begin(), m_fonts.end(),
                                 [](const FontStyle& f) { return !f.render; }),
                  m_fonts.end());
    if (m_hershey.empty() && m_fonts.empty())
        throw nn::EngineError("SyntheticGenerator: neither Hershey fonts nor handwriting fonts");
    if (m_opt.height < 8)
        throw nn::EngineError("SyntheticGenerator: line height below 8");
    m_opt.hersheyWriters = std::max(1, m_opt.hersheyWriters);
}

HersheyStyle SyntheticGenerator::writerStyle(int writer) const
{
    nn::Rng rng(mixSeed(0x48657273686579ull, std::uint64_t(writer)));  // "Hershey"
    return HersheyStyle::random(rng);
}

const HersheyFont& SyntheticGenerator::writerFont(int writer) const
{
    return *m_hershey[std::size_t(writer) % m_hershey.size()];
}

std::string SyntheticGenerator::writerId(int writer) const
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "w%05d", writer);
    return "hershey:" + writerFont(writer).name() + ":" + buf;
}

imaging::LineImage SyntheticGenerator::hersheyLine(int writer, const std::string& text,
                                                   nn::Rng& rng, imaging::Ink* inkOut) const
{
    const HersheyStyle style = writerStyle(writer);
    // The writer's pen and how large it writes in its line (fixed per writer too).
    nn::Rng wr(mixSeed(0x70656eull, std::uint64_t(writer)));
    imaging::RasterOptions ro;
    ro.height = m_opt.height;
    float xHeight = wr.uniform(m_opt.xHeightMin, m_opt.xHeightMax);
    ro.centre = wr.uniform(0.49f, 0.55f);
    ro.penWidth = wr.uniform(m_opt.penMin, m_opt.penMax);
    ro.pressureGain = wr.uniform(0.2f, 1.f);
    // Per line: a little variation around the writer's habits.
    HersheyStyle s = style;
    s.slant += 0.05f * rng.normal();
    s.rotationDeg += 0.4f * rng.normal();
    xHeight = std::clamp(xHeight * (1.f + 0.04f * rng.normal()), 0.18f, 0.36f);
    constexpr float kUnits = 20.f;  // ink units per x-height
    imaging::Ink ink = hersheyInk(writerFont(writer), text, s, rng, kUnits);
    if (inkOut)
        *inkOut = ink;
    // The rasterizer scales the ink's estimated x-height (imaging::inkXHeight) to
    // ro.xHeight of the height; the estimate is not exactly the font's x-height (capitals
    // and digits make it larger), so it is measured here in x-heights.
    const float bandInXHeights = imaging::inkXHeight(ink).height() / kUnits;
    ro.xHeight = std::clamp(xHeight * bandInXHeights, 0.08f, 0.6f);
    // The pen width is relative to that band: keep it 0.75 * penWidth of the x-height.
    ro.penWidth *= 0.75f / std::max(0.4f, bandInXHeights);
    return imaging::inkToLine(ink, ro);
}

SynthSample SyntheticGenerator::sample(std::uint64_t index) const
{
    nn::Rng rng(mixSeed(m_opt.seed, index));
    SynthSample out;
    for (int attempt = 0; attempt < 6 && !out.ok(); ++attempt) {
        const bool useHershey = m_fonts.empty()
                                || (!m_hershey.empty()
                                    && rng.uniform() < std::clamp(m_opt.hersheyWeight, 0.f, 1.f));
        if (useHershey) {
            const int writer = m_opt.firstWriter + rng.below(m_opt.hersheyWriters);
            const HersheyFont& font = writerFont(writer);
            const std::string text = m_text->next(rng,
                                                  [&font](char32_t c) { return font.supports(c); });
            if (text.empty())
                continue;
            out.image = hersheyLine(writer, text, rng, &out.ink);
            out.text = text;
            out.writer = writerId(writer);
            out.source = "hershey";
        } else {
            const FontStyle& f = m_fonts[std::size_t(rng.below(int(m_fonts.size())))];
            const std::string text = m_text->next(rng, f.supports);
            if (text.empty())
                continue;
            const cv::Mat gray = f.render(text, rng);
            if (gray.empty() || gray.type() != CV_8UC1)
                continue;
            if (m_opt.fontInk) {
                RestrokeOptions ro;
                std::uint64_t id = 0xcbf29ce484222325ull;  // FNV-1a of the font's id: its pen
                for (const char c : f.id)
                    id = (id ^ std::uint8_t(c)) * 0x100000001b3ull;
                ro.writerSeed = mixSeed(0x666f6e74ull, id);
                out.ink = restrokeLine(gray, ro, rng.next());
                if (out.ink.empty())
                    continue;
                imaging::RasterOptions raster;  // as the reader draws ink
                raster.height = m_opt.height;
                raster.deskew = true;
                out.image = imaging::inkToLine(out.ink, raster);
                out.source = "font-ink";
            } else {
                imaging::NormalizeOptions n;
                n.height = m_opt.height;
                out.image = imaging::normalizeLine(gray, n);
                out.source = "font";
            }
            out.text = text;
            out.writer = f.id;
        }
    }
    if (out.ok() && m_opt.augment) {
        out.image = augmentLine(out.image, rng, m_opt.augmentation);
        out.augmented = true;
    }
    return out;
}

LineSample SyntheticGenerator::lineSample(std::uint64_t index, const model::Charset& charset) const
{
    SynthSample s = sample(index);
    LineSample l;
    l.image = std::move(s.image);
    l.labels = charset.encode(s.text);
    l.text = charset.decode(l.labels);
    char buf[40];
    std::snprintf(buf, sizeof buf, "synth-%llu", static_cast<unsigned long long>(index));
    l.id = buf;
    return l;
}

std::vector<LineSample> SyntheticGenerator::lineSamples(std::uint64_t first, int count,
                                                        const model::Charset& charset) const
{
    std::vector<LineSample> out(std::size_t(std::max(0, count)));
#pragma omp parallel for schedule(dynamic, 4)
    for (int i = 0; i < count; ++i)
        out[std::size_t(i)] = lineSample(first + std::uint64_t(i), charset);
    out.erase(
        std::remove_if(out.begin(), out.end(),
                       [](const LineSample& l) { return l.image.empty() || l.labels.empty(); }),
        out.end());
    return out;
}

}  // namespace inklens::training
