#include "font_renderer.h"

#include "model/charset.h"

#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QRawFont>
#include <QSet>
#include <QTransform>

#include <algorithm>
#include <cmath>

namespace inklens::service {

namespace {

constexpr qreal kUnitsPerEm = 200;  // outlines are kept at this pixel size
constexpr float kPi = 3.14159265f;

// The characters a font is asked for: the default charset, all of printable ASCII, and
// the spacing accents used to compose letters.
std::u32string repertoire()
{
    std::u32string chars;
    const model::Charset cs = model::Charset::defaultLatin();
    for (int l = 1; l < cs.size(); ++l)
        chars += cs.charOf(l);
    for (char32_t c = 0x21; c < 0x7F; ++c)
        if (!cs.contains(c))
            chars += c;
    chars += U'\u00A8';  // diaeresis, to compose Ÿ
    return chars;
}

QString fromU32(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

}  // namespace

// Font files never used: fonts-dkg-handwriting's oblique variants are its upright
// outlines sheared around the origin, so letters run into their neighbours (the g reaches
// back over two letters); the renderer slants the upright ones itself.
const QStringList& excludedFontIds()
{
    static const QStringList ids = {QStringLiteral("dkgIt"), QStringLiteral("dkgBI")};
    return ids;
}

QStringList heldOutFamilies()
{
    // Fixed: one print and one cursive hand. Never change it lightly: models trained
    // with other fonts are compared on these.
    return {QStringLiteral("Indie Flower"), QStringLiteral("Cedarville Cursive")};
}

std::shared_ptr<const HandwritingFont> HandwritingFont::load(const QString& path, QString* error)
{
    QRawFont raw(path, kUnitsPerEm, QFont::PreferNoHinting);
    if (!raw.isValid()) {
        if (error)
            *error = QStringLiteral("%1: not a font Qt can load").arg(path);
        return nullptr;
    }
    auto font = std::make_shared<HandwritingFont>();
    font->m_path = path;
    font->m_id = QFileInfo(path).completeBaseName();
    font->m_family = raw.familyName();
    for (char32_t c : repertoire()) {
        if (!raw.supportsCharacter(uint(c)))
            continue;
        const QList<quint32> idx = raw.glyphIndexesForString(fromU32(c));
        if (idx.size() != 1 || idx[0] == 0)
            continue;
        Glyph g;
        g.path = raw.pathForGlyph(idx[0]);
        g.path.setFillRule(Qt::WindingFill);  // TrueType's rule: overlapping contours stay ink
        const QList<QPointF> adv = raw.advancesForGlyphIndexes(idx);
        g.advance = adv.isEmpty() ? 0 : adv[0].x();
        if (g.path.isEmpty() || g.advance <= 0)
            continue;
        font->m_glyphs.insert(c, g);
    }
    // Letters the Latin subset lacks, composed from a base letter and a spacing accent
    // (the @fontsource "latin" files stop at U+00FF but for Œ œ; Ÿ is in "latin-ext").
    struct Composed
    {
        char32_t c, base, accent;
    };
    for (const Composed& k : {Composed{U'Ÿ', U'Y', U'\u00A8'}}) {
        const auto base = font->m_glyphs.constFind(k.base);
        const auto accent = font->m_glyphs.constFind(k.accent);
        if (font->m_glyphs.contains(k.c) || base == font->m_glyphs.cend()
            || accent == font->m_glyphs.cend())
            continue;
        const QRectF b = base->path.boundingRect(), a = accent->path.boundingRect();
        Glyph g = *base;
        const qreal gap = 0.06 * kUnitsPerEm;
        g.path.addPath(
            accent->path.translated(b.center().x() - a.center().x(), b.top() - gap - a.bottom()));
        font->m_glyphs.insert(k.c, g);
    }
    {
        const QList<quint32> idx = raw.glyphIndexesForString(QStringLiteral(" "));
        const QList<QPointF> adv = idx.isEmpty() ? QList<QPointF>{}
                                                 : raw.advancesForGlyphIndexes(idx);
        font->m_space = adv.isEmpty() || adv[0].x() <= 0 ? 0.25 * kUnitsPerEm : adv[0].x();
    }
    // x-height: the median top of the short lower-case letters (one letter's top, 'x' with
    // a flourish, or a descent below the baseline would mislead).
    {
        std::vector<qreal> tops;
        for (char32_t c : std::u32string(U"acemnorsuvwxz"))
            if (const auto it = font->m_glyphs.constFind(c); it != font->m_glyphs.cend())
                tops.push_back(-it->path.boundingRect().top());
        if (!tops.empty()) {
            std::nth_element(tops.begin(), tops.begin() + std::ptrdiff_t(tops.size() / 2),
                             tops.end());
            font->m_xHeight = tops[tops.size() / 2];
        }
    }
    if (font->m_xHeight <= 0)
        font->m_xHeight = raw.xHeight();
    if (font->m_glyphs.size() < 52 || font->m_xHeight <= 0) {
        if (error)
            *error = QStringLiteral("%1: no Latin letters").arg(path);
        return nullptr;
    }
    return font;
}

bool HandwritingFont::sameOutlines(const HandwritingFont& other) const
{
    for (char32_t c : std::u32string(U"agkRQ"))
        if (m_glyphs.value(c).path != other.m_glyphs.value(c).path)
            return false;
    return true;
}

bool HandwritingFont::heldOut() const
{
    return heldOutFamilies().contains(m_family, Qt::CaseInsensitive);
}

bool HandwritingFont::supports(char32_t c) const
{
    return c == U' ' || m_glyphs.contains(c);
}

bool HandwritingFont::supports(const QString& text) const
{
    for (char32_t c : text.toUcs4())
        if (!supports(c))
            return false;
    return true;
}

QImage HandwritingFont::render(const QString& text, nn::Rng& rng, const FontRenderOptions& o) const
{
    const QList<uint> chars = text.toUcs4();
    bool anyInk = false;
    for (uint c : chars) {
        if (!supports(char32_t(c)))
            return {};
        anyInk |= c != U' ';
    }
    if (!anyInk || o.height < 8)
        return {};

    // Every draw in a fixed order, one statement each.
    const int H = o.height;
    const qreal xh = rng.uniform(o.xHeightMin, o.xHeightMax) * H;
    const qreal k = xh / m_xHeight;
    const qreal centre = rng.uniform(o.centreMin, o.centreMax) * H;
    const qreal baseline = centre + 0.5 * xh;
    const qreal letterSpacing = rng.uniform(-0.04f, 0.1f) * xh;
    const qreal wordSpacing = rng.uniform(0.75f, 1.5f);
    const float jitter = std::max(0.f, o.letterJitter);
    const qreal sizeJitter = rng.uniform(0.f, 0.05f) * jitter;
    const qreal angleJitter = rng.uniform(0.f, 3.f) * jitter;
    const qreal offsetJitter = rng.uniform(0.f, 0.04f) * jitter * xh;
    const qreal shear = rng.uniform(-o.slant, o.slant);
    const qreal driftAmp = rng.uniform(0.f, 0.05f) * xh;
    const qreal driftWave = rng.uniform(8.f, 25.f) * xh;
    const qreal driftPhase = rng.uniform(0.f, 2 * kPi);
    const float boldDraw = rng.uniform();
    const qreal bold = boldDraw < 0.5f ? 0.0 : rng.uniform(0.f, o.boldMax) * xh;
    const int inkGray = 10 + rng.below(100);
    const int paperGray = 205 + rng.below(50);
    const float noiseSd = o.paperNoise ? rng.uniform(0.f, 7.f) : 0.f;
    const float angleDraw = rng.uniform(-1.f, 1.f);

    // Letters one by one, each slightly resized, turned and moved.
    QPainterPath line;
    line.setFillRule(Qt::WindingFill);  // letters that overlap (joins) stay ink
    qreal x = 0;
    qreal inkRight = -1e9;  // right end of the ink so far
    bool newWord = false;
    for (uint c : chars) {
        if (c == U' ') {
            // The font's space, kept within what hands do (half to one x-height).
            const qreal space = std::clamp(m_space, 0.5 * m_xHeight, 1.0 * m_xHeight);
            x += space * k * wordSpacing * std::max(0.5f, 1.f + 0.15f * rng.normal());
            newWord = true;
            continue;
        }
        const Glyph& g = *m_glyphs.constFind(char32_t(c));
        const qreal s = std::clamp(1.0 + sizeJitter * rng.normal(), 0.85, 1.15);
        const qreal angle = angleJitter * rng.normal();
        const qreal dy = offsetJitter * rng.normal()
                         + driftAmp * std::sin(2 * kPi * x / driftWave + driftPhase);
        QTransform t;
        t.translate(x, baseline + dy);
        t.rotate(angle);
        t.scale(k * s, k * s);
        QPainterPath placed = t.map(g.path);
        QRectF box = placed.boundingRect();
        // Script fonts reach back past their advance: keep words visibly apart.
        const qreal minGap = 0.3 * xh * wordSpacing;
        if (newWord && box.left() < inkRight + minGap) {
            const qreal shift = inkRight + minGap - box.left();
            placed.translate(shift, 0);
            box.translate(shift, 0);
            x += shift;
        }
        newWord = false;
        inkRight = std::max(inkRight, box.right());
        line.addPath(placed);
        x += g.advance * k * s + letterSpacing * (1.0 + 0.3 * rng.normal());
    }
    // The line slanted and turned around its middle; less turn on long lines, so that it
    // stays inside the picture.
    const QRectF raw = line.boundingRect();
    const qreal halfWidth = std::max<qreal>(1, raw.width() / 2);
    const qreal maxAngle = std::min<qreal>(o.rotationDeg,
                                           std::atan(0.06 * H / halfWidth) * 180 / kPi);
    QTransform g;
    g.translate(raw.center().x(), baseline);
    g.rotate(angleDraw * maxAngle);
    g.shear(-shear, 0);
    g.translate(-raw.center().x(), -baseline);
    line = g.map(line);
    const QRectF box = line.boundingRect();
    const qreal margin = 0.5 * xh;
    const int W = std::max(8, int(std::ceil(box.width() + 2 * margin)));
    if (W > 30000)
        return {};
    line.translate(margin - box.left(), 0);

    QImage img(W, H, QImage::Format_Grayscale8);
    img.fill(QColor(paperGray, paperGray, paperGray));
    {
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing, true);
        const QColor ink(inkGray, inkGray, inkGray);
        p.setBrush(ink);
        if (bold > 0.05)
            p.setPen(QPen(ink, bold, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        else
            p.setPen(Qt::NoPen);
        p.drawPath(line);
    }
    if (noiseSd > 0.5f) {
        for (int yy = 0; yy < H; ++yy) {
            uchar* row = img.scanLine(yy);
            for (int xx = 0; xx < W; ++xx)
                row[xx] = uchar(
                    std::clamp(int(std::lround(float(row[xx]) + noiseSd * rng.normal())), 0, 255));
        }
    }
    return img;
}

QStringList findFontFiles(const QStringList& dirs)
{
    QStringList files;
    QSet<QString> names;
    const QStringList filters = {QStringLiteral("*.ttf"), QStringLiteral("*.otf"),
                                 QStringLiteral("*.woff"), QStringLiteral("*.woff2")};
    for (const QString& d : dirs) {
        const QDir dir(d);
        for (const QString& f : dir.entryList(filters, QDir::Files, QDir::Name)) {
            const QString base = QFileInfo(f).completeBaseName();
            if (names.contains(base))
                continue;
            names.insert(base);
            files << dir.filePath(f);
        }
    }
    return files;
}

QStringList defaultFontDirs(const QString& from, const QStringList& extraDirs)
{
    QStringList candidates;
    for (const QString& d :
         qEnvironmentVariable("INKLENS_FONT_DIR").split(QLatin1Char(':'), Qt::SkipEmptyParts))
        candidates << d;
    QStringList starts = extraDirs;
    if (!from.isEmpty())
        starts.prepend(from);
    for (const QString& s : starts) {
        QDir dir(s);
        for (int up = 0; up < 6; ++up) {
            const QString f = dir.filePath(QStringLiteral("third_party/fonts"));
            if (QFileInfo(f).isDir()) {
                candidates << f;
                break;
            }
            if (!dir.cdUp())
                break;
        }
    }
    candidates << QStringLiteral(
        "/usr/share/fonts/truetype/fifthhorseman");  // fonts-dkg-handwriting
    QStringList out;
    for (const QString& c : candidates) {
        const QFileInfo fi(c);
        if (!fi.isDir())
            continue;
        const QString canon = fi.canonicalFilePath();
        if (!out.contains(canon))
            out << canon;
    }
    return out;
}

std::vector<std::shared_ptr<const HandwritingFont>> loadFonts(const QStringList& files,
                                                              FontGroup group, QStringList* errors)
{
    std::vector<std::shared_ptr<const HandwritingFont>> out;
    for (const QString& f : files) {
        if (excludedFontIds().contains(QFileInfo(f).completeBaseName()))
            continue;
        QString err;
        auto font = HandwritingFont::load(f, &err);
        if (!font) {
            if (errors)
                *errors << err;
            continue;
        }
        if (!(group == FontGroup::All || (group == FontGroup::HeldOut) == font->heldOut()))
            continue;
        // Files with the same outlines (an "italic" that only sets a flag) are one writer.
        const bool duplicate = std::any_of(out.begin(), out.end(), [&](const auto& other) {
            return other->family() == font->family() && other->sameOutlines(*font);
        });
        if (!duplicate)
            out.push_back(std::move(font));
    }
    return out;
}

training::FontStyle fontStyle(std::shared_ptr<const HandwritingFont> font, int lineHeight,
                              FontRenderOptions options)
{
    training::FontStyle s;
    s.id = "font:" + font->id().toStdString();
    s.supports = [font](char32_t c) { return font->supports(c); };
    s.render = [font, lineHeight, options](const std::string& text, nn::Rng& rng) -> cv::Mat {
        FontRenderOptions o = options;
        o.height = int(std::lround(lineHeight * rng.uniform(2.f, 3.f)));
        const QImage img = font->render(QString::fromStdString(text), rng, o);
        if (img.isNull())
            return {};
        cv::Mat m(img.height(), img.width(), CV_8UC1);
        for (int y = 0; y < img.height(); ++y)
            std::copy_n(img.constScanLine(y), img.width(), m.ptr<uchar>(y));
        return m;
    };
    return s;
}

}  // namespace inklens::service
