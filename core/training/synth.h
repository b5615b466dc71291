#pragma once
// Synthetic handwriting lines for training: texts from a TextSource, written either as
// Hershey pen trajectories (hersheyInk -> imaging::inkToLine, the canvas' rasterizer) or
// by a handwriting font through a callback (core/service/font_renderer renders with Qt;
// core/training stays Qt-free) whose gray picture goes through imaging::normalizeLine,
// the path of scans. Optionally augmented (training::augmentLine).
//
// sample(i) depends only on the options' seed and i: a data set is the same whatever the
// thread count or the order the samples are made in. The generator is immutable after
// construction and sample() is thread-safe (as long as the font callbacks are).

#include "imaging/ink.h"
#include "imaging/line_image.h"
#include "model/charset.h"
#include "nn/param.h"
#include "training/augment.h"
#include "training/hershey.h"
#include "training/text_source.h"
#include "training/trainer.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace inklens::training {

// A font writer, provided by a layer that can render fonts.
struct FontStyle
{
    std::string id;                          // writer id, e.g. "font:caveat-400"
    std::function<bool(char32_t)> supports;  // empty: every character
    // Gray CV_8UC1, dark ink on light paper, the x-height about a quarter of the picture's
    // height; an empty Mat when the text cannot be drawn. Must be thread-safe.
    std::function<cv::Mat(const std::string& text, nn::Rng& rng)> render;
};

struct SynthOptions
{
    int height = 40;  // the output line height (the model's input height)
    std::uint64_t seed = 1;
    float hersheyWeight = 0.5f;  // share of Hershey samples when there are fonts (1 without)
    int hersheyWriters = 400;    // Hershey writer styles: ids firstWriter .. firstWriter+N-1
    int firstWriter = 0;         // e.g. 100000 for writers never used in training
    bool augment = false;        // training::augmentLine after rendering
    AugmentOptions augmentation;
    // Hershey ink (per writer): the x-height as a fraction of the line height (the
    // rasterizer's core band is set from it), and the pen width (fraction of the core).
    float xHeightMin = 0.25f, xHeightMax = 0.30f;
    float penMin = 0.07f, penMax = 0.14f;
    // Font lines as ink: the rendered line re-stroked (restrokeLine: outlines -> centre
    // lines -> strokes, with a pen model of the font writer) and drawn as the canvas's ink;
    // SynthSample::ink holds the strokes.
    bool fontInk = false;
};

struct SynthSample
{
    imaging::LineImage image;  // options.height rows, ink = 1
    std::string text;          // normalized, in the TextSource's charset
    std::string writer;        // "hershey:cursive:w0042" or a FontStyle id
    std::string source;        // "hershey", "font" or "font-ink"
    imaging::Ink ink;          // the pen trajectory (Hershey, font-ink); empty for fonts
    bool augmented = false;
    bool ok() const { return !image.empty() && !text.empty(); }
};

class SyntheticGenerator
{
public:
    SyntheticGenerator(std::shared_ptr<const TextSource> text,
                       std::vector<std::shared_ptr<const HersheyFont>> hershey,
                       std::vector<FontStyle> fonts, SynthOptions options);

    // Sample number index of the data set (deterministic, thread-safe). Retries a few
    // texts when one renders to nothing; ok() is false only when nothing could be made.
    SynthSample sample(std::uint64_t index) const;

    // The sample as the trainer takes it (labels from the charset; text as decodable).
    LineSample lineSample(std::uint64_t index, const model::Charset& charset) const;
    // count samples from first, both cores (OpenMP); failed ones are left out.
    std::vector<LineSample> lineSamples(std::uint64_t first, int count,
                                        const model::Charset& charset) const;

    // One Hershey line of a given writer and text, without augmentation.
    imaging::LineImage hersheyLine(int writer, const std::string& text, nn::Rng& rng,
                                   imaging::Ink* inkOut = nullptr) const;
    // The style and font of a Hershey writer (fixed by its id, not by the seed).
    HersheyStyle writerStyle(int writer) const;
    const HersheyFont& writerFont(int writer) const;
    std::string writerId(int writer) const;

    const SynthOptions& options() const { return m_opt; }
    bool hasHershey() const { return !m_hershey.empty(); }
    bool hasFonts() const { return !m_fonts.empty(); }
    const std::vector<FontStyle>& fonts() const { return m_fonts; }

private:
    std::shared_ptr<const TextSource> m_text;
    std::vector<std::shared_ptr<const HersheyFont>> m_hershey;
    std::vector<FontStyle> m_fonts;
    SynthOptions m_opt;
};

// Independent streams per sample (nn/param.h).
using nn::mixSeed;

// A normalized line as an 8-bit gray picture, dark ink on white (for PNG files).
cv::Mat lineToGray(const imaging::LineImage& line);

}  // namespace inklens::training
