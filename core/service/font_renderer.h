#pragma once
// Handwriting fonts (TTF, OTF, WOFF, WOFF2 through Qt's FreeType) rendered as text lines
// for synthetic training data: each letter drawn from its outline with a little size,
// angle and baseline jitter, the line slanted and turned slightly, gray ink on gray paper,
// x-height a quarter to a third of the picture's height. The picture is meant for
// imaging::normalizeLine, the path scans take.
//
// Loading needs a QGuiApplication (QRawFont); after loading, a HandwritingFont holds only
// glyph outlines (QPainterPath) and is immutable, so render() may run on any thread.
//
// Fonts come from files: the npm @fontsource fonts that scripts/fetch-fonts.sh puts in
// third_party/fonts/ and Debian's fonts-dkg-handwriting. A fixed group of families is
// held out (heldOutFamilies()): never used for training, only to measure how the model
// does on a hand it has not seen.

#include "nn/param.h"
#include "training/synth.h"

#include <QHash>
#include <QImage>
#include <QPainterPath>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace inklens::service {

struct FontRenderOptions
{
    int height = 96;           // picture height in pixels
    float xHeightMin = 0.25f;  // x-height as a fraction of the height
    float xHeightMax = 0.31f;
    float centreMin = 0.48f;  // centre of the x band, fraction of the height
    float centreMax = 0.56f;
    float rotationDeg = 1.2f;  // max |angle| of the line (less on long lines)
    float slant = 0.18f;       // max |shear| added to the font's own
    float letterJitter = 1.f;  // scales the per-letter size/angle/offset jitter (0: none)
    float boldMax = 0.06f;     // extra stroke width, fraction of the x-height
    bool paperNoise = true;
};

class HandwritingFont
{
public:
    // Loads a font file (needs a QGuiApplication). nullptr and *error on failure.
    static std::shared_ptr<const HandwritingFont> load(const QString& path,
                                                       QString* error = nullptr);

    QString path() const { return m_path; }
    QString id() const { return m_id; }          // file base name, e.g. "caveat-400"
    QString family() const { return m_family; }  // "Caveat"
    bool heldOut() const;
    bool sameOutlines(const HandwritingFont& other) const;  // same glyph outlines (a few letters)
    bool supports(char32_t c) const;                        // spaces always
    bool supports(const QString& text) const;

    // The text as a Format_Grayscale8 picture, dark ink on light paper; a null image when
    // the text is empty or has characters the font lacks. Deterministic for the Rng state.
    QImage render(const QString& text, nn::Rng& rng, const FontRenderOptions& options = {}) const;

private:
    struct Glyph
    {
        QPainterPath path;  // at kUnitsPerEm pixels per em, origin on the baseline
        qreal advance = 0;
    };
    QString m_path, m_id, m_family;
    QHash<char32_t, Glyph> m_glyphs;
    qreal m_xHeight = 0;  // at kUnitsPerEm
    qreal m_space = 0;
};

// The held-out families (see the top of this file).
QStringList heldOutFamilies();

enum class FontGroup { Train, HeldOut, All };

// Font files (ttf, otf, woff, woff2) in the folders, sorted by file name, duplicates
// (same file name) dropped.
QStringList findFontFiles(const QStringList& dirs);

// The folders searched by default: $INKLENS_FONT_DIR (colon separated), third_party/fonts
// of the checkout (searched upwards from `from`, e.g. the executable's folder, and from
// extraDirs), and Debian's fonts-dkg-handwriting folder. Only folders that exist.
QStringList defaultFontDirs(const QString& from = {}, const QStringList& extraDirs = {});

// Loads the fonts of a group; unreadable files are reported in *errors (if given).
// Skipped: fonts-dkg-handwriting's oblique files (dkgIt, dkgBI: their sheared outlines run
// into the neighbouring letters; the renderer slants the upright ones itself) and files
// whose outlines repeat an already loaded font of the same family.
std::vector<std::shared_ptr<const HandwritingFont>> loadFonts(const QStringList& files,
                                                              FontGroup group,
                                                              QStringList* errors = nullptr);

// The font as a writer for training::SyntheticGenerator: renders at about 2.5 times the
// line height (random in [2, 3]) for the normalizer to scale down.
training::FontStyle fontStyle(std::shared_ptr<const HandwritingFont> font, int lineHeight,
                              FontRenderOptions options = {});

}  // namespace inklens::service
