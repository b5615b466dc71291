#pragma once
// Hershey single-stroke fonts as a source of pen trajectories for synthetic handwriting.
//
// A .jhf file (Debian: hershey-fonts-data, /usr/share/hershey-fonts/*.jhf) holds one glyph
// a line, ASCII 32 upwards in file order: columns 0-4 a glyph number, 5-7 the number of
// coordinate pairs (the margin pair included), then the left and right margins and the
// vertices, each coordinate a character whose code minus 'R' is the value (y down);
// " R" lifts the pen. Long glyphs may be wrapped over several lines.
//
// HersheyFont adds, from the ASCII glyphs, the accented Latin letters of French, German
// and Spanish (a base glyph with an accent drawn above it, or a cedilla below), the
// ligatures æ œ Æ Œ, and € £ ° § « » ’ … – ¿ ¡ ß, so that it covers
// model::Charset::defaultLatin().
//
// hersheyInk() writes a text as an imaging::Ink: glyphs placed with a writer's style
// (slant, letter and word spacing, zone proportions, baseline drift, size jitter), the
// pen path resampled, jittered with smooth noise and smoothed, with timestamps from a
// pen speed that slows in curves and at both ends of a stroke, pressures that rise and
// fall along each stroke, and points taken at the writer's device rate.
// Rasterize it with imaging::inkToLine, the canvas' rasterizer.

#include "imaging/ink.h"
#include "nn/param.h"

#include <opencv2/core.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace inklens::training {

struct HersheyGlyph
{
    float left = 0, right = 0;  // advance = right - left (font units)
    std::vector<std::vector<cv::Point2f>>
        strokes;  // font units, y down, x relative to the glyph origin
    bool empty() const { return strokes.empty(); }
};

class HersheyFont
{
public:
    HersheyFont() = default;

    // Parses .jhf text. Throws nn::EngineError on malformed input (with the line number).
    static HersheyFont parse(std::string_view jhf, std::string name);
    // Reads and parses a file; the name is the file's base name ("cursive").
    static HersheyFont load(const std::string& path);

    // The fonts that look like handwriting (cursive, scripts, futural, rowmans) found in
    // dir (default: Debian's /usr/share/hershey-fonts). Missing files are skipped.
    static std::vector<std::string> handwritingFontPaths(
        const std::string& dir = "/usr/share/hershey-fonts");

    const std::string& name() const { return m_name; }
    int asciiGlyphs() const { return int(m_ascii.size()); }  // glyphs parsed, from U+0020 up

    // The glyph for a character (ASCII, or composed), nullptr when the font has none.
    const HersheyGlyph* glyph(char32_t c) const;
    bool supports(char32_t c) const { return c == U' ' || glyph(c) != nullptr; }

    // Vertical metrics in font units (y down), measured from the glyphs x and H.
    float baseline() const { return m_baseline; }
    float xHeight() const { return m_xHeight; }      // baseline - top of x
    float capHeight() const { return m_capHeight; }  // baseline - top of H
    float descender() const { return m_descender; }  // bottom of p - baseline
    // Script fonts: lower-case glyphs start and end on connecting strokes.
    bool joined() const { return m_joined; }

private:
    void measure();
    void compose();

    std::string m_name;
    std::vector<HersheyGlyph> m_ascii;                   // index = code - 32
    std::unordered_map<char32_t, HersheyGlyph> m_extra;  // composed glyphs
    float m_baseline = 9, m_xHeight = 14, m_capHeight = 21, m_descender = 7;
    bool m_joined = false;
};

// How one writer writes. Lengths are in x-heights.
struct HersheyStyle
{
    float slant = 0.15f;           // shear: x += slant * height above the baseline
    float spacing = 0.05f;         // added to every letter's advance
    float letterGap = 0.25f;       // print fonts: blank between two letters' ink
    float glyphRotation = 2.f;     // per-letter angle (sd, degrees)
    float shapeJitter = 0.03f;     // per-letter bending of the shape (sd)
    float wordSpacing = 0.75f;     // width of a space
    float widthScale = 1.0f;       // horizontal scale of the glyphs
    float ascender = 1.8f;         // height of capitals and ascenders (b d f h k l t), in x-heights
    float descender = 0.7f;        // depth of descenders (g j p q y) below the baseline
    float sizeJitter = 0.04f;      // relative size change per letter (sd)
    float letterJitter = 0.03f;    // vertical offset per letter (sd)
    float baselineDrift = 0.08f;   // amplitude of the slow baseline wave
    float driftWavelength = 12.f;  // in x-heights
    float rotationDeg = 0.f;       // the line's angle
    float pointJitter = 0.012f;    // smooth noise added to the pen path (sd)
    float smoothing = 0.06f;       // Gaussian smoothing of the path (sd, x-heights)
    float speed = 6.f;             // x-heights per second on straight parts
    float pressure = 0.55f;        // mean pressure
    float pressureVariation = 0.12f;
    bool joinLetters = true;  // script fonts: no pen lift between letters of a word
    float dotsLater = 0.5f;   // share of i/j dots and t-bars written after the word
    // The device: points sampled every 1 / sampleRate seconds along the timed path, as a
    // tablet or a mouse reports them (dense where the pen is slow: in curves, at the start
    // and the end of a stroke); 0: a point every 0.04 x-heights.
    float sampleRate = 0.f;

    // A random writer. Deterministic for the Rng state.
    static HersheyStyle random(nn::Rng& rng);
};

// The text as ink in x-height units scaled by unitsPerXHeight (y down; the baseline of the
// first letter at y = 0). Characters the font lacks are skipped. Per-sample variation
// (letter jitter, noise, pressure) comes from rng.
imaging::Ink hersheyInk(const HersheyFont& font, std::string_view utf8, const HersheyStyle& style,
                        nn::Rng& rng, float unitsPerXHeight = 20.f);

}  // namespace inklens::training
