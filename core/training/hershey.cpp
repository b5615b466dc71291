#include "hershey.h"

#include "model/charset.h"
#include "nn/tensor.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace inklens::training {

namespace {

constexpr float kPi = 3.14159265f;

using Strokes = std::vector<std::vector<cv::Point2f>>;

struct Box
{
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    void add(cv::Point2f p)
    {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
        y1 = std::max(y1, p.y);
    }
    bool valid() const { return x1 >= x0; }
    float cx() const { return 0.5f * (x0 + x1); }
    float cy() const { return 0.5f * (y0 + y1); }
};

Box boxOf(const Strokes& s)
{
    Box b;
    for (const auto& st : s)
        for (auto p : st)
            b.add(p);
    return b;
}

Box boxOf(const std::vector<cv::Point2f>& st)
{
    Box b;
    for (auto p : st)
        b.add(p);
    return b;
}

template<class F>
Strokes mapped(const Strokes& s, F f)
{
    Strokes out = s;
    for (auto& st : out)
        for (auto& p : st)
            p = f(p);
    return out;
}

void append(Strokes& to, const Strokes& from)
{
    to.insert(to.end(), from.begin(), from.end());
}

// A polyline in (x, y) pairs.
std::vector<cv::Point2f> poly(std::initializer_list<float> xy, float sx, float sy, float dx,
                              float dy)
{
    std::vector<cv::Point2f> out;
    for (auto it = xy.begin(); it != xy.end() && std::next(it) != xy.end(); it += 2)
        out.emplace_back(*it * sx + dx, *std::next(it) * sy + dy);
    return out;
}

std::vector<cv::Point2f> arc(float cx, float cy, float rx, float ry, float a0Deg, float a1Deg,
                             int n)
{
    std::vector<cv::Point2f> out;
    for (int i = 0; i <= n; ++i) {
        const float a = (a0Deg + (a1Deg - a0Deg) * float(i) / float(n)) * kPi / 180.f;
        out.emplace_back(cx + rx * std::cos(a), cy - ry * std::sin(a));
    }
    return out;
}

enum class Accent { Acute, Grave, Circumflex, Diaeresis, Tilde, Ring, Cedilla };

// The accent's strokes in x-height units: (0, 0) is its bottom centre, y up is negative.
Strokes accentShape(Accent a)
{
    switch (a) {
    case Accent::Acute:
        return {poly({0.17f, -0.32f, -0.1f, 0.f}, 1, 1, 0, 0)};
    case Accent::Grave:
        return {poly({-0.16f, -0.32f, 0.1f, 0.f}, 1, 1, 0, 0)};
    case Accent::Circumflex:
        return {poly({-0.22f, 0.f, 0.f, -0.27f, 0.22f, 0.f}, 1, 1, 0, 0)};
    case Accent::Diaeresis:
        return {poly({-0.17f, -0.06f, -0.14f, -0.1f}, 1, 1, 0, 0),
                poly({0.14f, -0.06f, 0.17f, -0.1f}, 1, 1, 0, 0)};
    case Accent::Tilde:
        return {poly({-0.26f, -0.03f, -0.17f, -0.17f, -0.06f, -0.16f, 0.05f, -0.08f, 0.15f, -0.04f,
                      0.26f, -0.18f},
                     1, 1, 0, 0)};
    case Accent::Ring:
        return {arc(0.f, -0.12f, 0.12f, 0.12f, 90.f, 450.f, 12)};
    case Accent::Cedilla:  // below: (0, 0) is the top, y down positive
        return {
            poly({0.f, 0.f, 0.f, 0.14f, 0.14f, 0.21f, 0.13f, 0.33f, -0.08f, 0.37f}, 1, 1, 0, 0)};
    }
    return {};
}

struct Composition
{
    char32_t c;
    char base;
    Accent accent;
};

constexpr Composition kCompositions[] = {
    {U'à', 'a', Accent::Grave},      {U'á', 'a', Accent::Acute},
    {U'â', 'a', Accent::Circumflex}, {U'ä', 'a', Accent::Diaeresis},
    {U'ã', 'a', Accent::Tilde},      {U'å', 'a', Accent::Ring},
    {U'ç', 'c', Accent::Cedilla},    {U'è', 'e', Accent::Grave},
    {U'é', 'e', Accent::Acute},      {U'ê', 'e', Accent::Circumflex},
    {U'ë', 'e', Accent::Diaeresis},  {U'ì', 'i', Accent::Grave},
    {U'í', 'i', Accent::Acute},      {U'î', 'i', Accent::Circumflex},
    {U'ï', 'i', Accent::Diaeresis},  {U'ñ', 'n', Accent::Tilde},
    {U'ò', 'o', Accent::Grave},      {U'ó', 'o', Accent::Acute},
    {U'ô', 'o', Accent::Circumflex}, {U'ö', 'o', Accent::Diaeresis},
    {U'õ', 'o', Accent::Tilde},      {U'ù', 'u', Accent::Grave},
    {U'ú', 'u', Accent::Acute},      {U'û', 'u', Accent::Circumflex},
    {U'ü', 'u', Accent::Diaeresis},  {U'ý', 'y', Accent::Acute},
    {U'ÿ', 'y', Accent::Diaeresis},  {U'À', 'A', Accent::Grave},
    {U'Á', 'A', Accent::Acute},      {U'Â', 'A', Accent::Circumflex},
    {U'Ä', 'A', Accent::Diaeresis},  {U'Ã', 'A', Accent::Tilde},
    {U'Å', 'A', Accent::Ring},       {U'Ç', 'C', Accent::Cedilla},
    {U'È', 'E', Accent::Grave},      {U'É', 'E', Accent::Acute},
    {U'Ê', 'E', Accent::Circumflex}, {U'Ë', 'E', Accent::Diaeresis},
    {U'Ì', 'I', Accent::Grave},      {U'Í', 'I', Accent::Acute},
    {U'Î', 'I', Accent::Circumflex}, {U'Ï', 'I', Accent::Diaeresis},
    {U'Ñ', 'N', Accent::Tilde},      {U'Ò', 'O', Accent::Grave},
    {U'Ó', 'O', Accent::Acute},      {U'Ô', 'O', Accent::Circumflex},
    {U'Ö', 'O', Accent::Diaeresis},  {U'Õ', 'O', Accent::Tilde},
    {U'Ù', 'U', Accent::Grave},      {U'Ú', 'U', Accent::Acute},
    {U'Û', 'U', Accent::Circumflex}, {U'Ü', 'U', Accent::Diaeresis},
    {U'Ý', 'Y', Accent::Acute},      {U'Ÿ', 'Y', Accent::Diaeresis},
};

// A stroke that is a dot or a short mark above the x-height (the dot of i and j).
bool isHighMark(const std::vector<cv::Point2f>& st, float baseline, float xHeight)
{
    const Box b = boxOf(st);
    return b.valid() && b.y1 < baseline - 1.08f * xHeight
           && std::hypot(b.x1 - b.x0, b.y1 - b.y0) < 0.6f * xHeight;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Parsing

HersheyFont HersheyFont::parse(std::string_view jhf, std::string name)
{
    HersheyFont font;
    font.m_name = std::move(name);
    std::vector<std::string> lines;
    {
        std::string cur;
        for (char ch : jhf) {
            if (ch == '\n') {
                lines.push_back(cur);
                cur.clear();
            } else if (ch != '\r') {
                cur += ch;
            }
        }
        if (!cur.empty())
            lines.push_back(cur);
    }
    auto fail = [&](std::size_t line, const std::string& what) {
        throw nn::EngineError("Hershey font " + font.m_name + ", line " + std::to_string(line + 1)
                              + ": " + what);
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.find_first_not_of(' ') == std::string::npos)
            continue;
        if (line.size() < 10)
            fail(i, "too short for a glyph");
        int count = 0;
        const std::string countField = line.substr(5, 3);
        bool digits = false;
        for (char ch : countField) {
            if (ch == ' ' && !digits)
                continue;
            if (ch < '0' || ch > '9')
                fail(i, "bad vertex count '" + countField + "'");
            digits = true;
            count = count * 10 + (ch - '0');
        }
        if (!digits || count < 1)
            fail(i, "bad vertex count '" + countField + "'");
        std::string data = line.substr(8);
        const std::size_t first = i;
        while (data.size() < std::size_t(2 * count) && i + 1 < lines.size())
            data += lines[++i];  // wrapped glyph
        if (data.size() < std::size_t(2 * count))
            fail(first, "glyph data shorter than its " + std::to_string(count) + " vertices");
        HersheyGlyph g;
        g.left = float(data[0] - 'R');
        g.right = float(data[1] - 'R');
        std::vector<cv::Point2f> stroke;
        for (int k = 1; k < count; ++k) {
            const char a = data[std::size_t(2 * k)], b = data[std::size_t(2 * k + 1)];
            if (a == ' ' && b == 'R') {
                if (!stroke.empty())
                    g.strokes.push_back(std::move(stroke));
                stroke.clear();
                continue;
            }
            if (a < ' ' || b < ' ' || a > '~' || b > '~')
                fail(first, "bad coordinate character");
            stroke.emplace_back(float(a - 'R'), float(b - 'R'));
        }
        if (!stroke.empty())
            g.strokes.push_back(std::move(stroke));
        font.m_ascii.push_back(std::move(g));
    }
    if (font.m_ascii.empty())
        throw nn::EngineError("Hershey font " + font.m_name + ": no glyphs");
    font.measure();
    font.compose();
    return font;
}

HersheyFont HersheyFont::load(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw nn::EngineError("cannot read Hershey font " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string base = path.substr(path.find_last_of('/') + 1);
    if (const auto dot = base.rfind('.'); dot != std::string::npos)
        base = base.substr(0, dot);
    return parse(ss.str(), base);
}

std::vector<std::string> HersheyFont::handwritingFontPaths(const std::string& dir)
{
    std::vector<std::string> out;
    for (const char* name : {"cursive", "scripts", "futural", "rowmans"}) {
        const std::string path = dir + "/" + name + ".jhf";
        if (std::ifstream(path).good())
            out.push_back(path);
    }
    return out;
}

const HersheyGlyph* HersheyFont::glyph(char32_t c) const
{
    if (c >= 32 && c < 32 + char32_t(m_ascii.size())) {
        const HersheyGlyph& g = m_ascii[c - 32];
        return g.empty() && c != U' ' ? nullptr : &g;
    }
    const auto it = m_extra.find(c);
    return it == m_extra.end() ? nullptr : &it->second;
}

void HersheyFont::measure()
{
    auto box = [&](char c) {
        const HersheyGlyph* g = glyph(char32_t(c));
        return g ? boxOf(g->strokes) : Box{};
    };
    const Box x = box('x'), h = box('H');
    if (x.valid() && x.y1 > x.y0) {
        m_baseline = x.y1;
        m_xHeight = x.y1 - x.y0;
    }
    if (h.valid() && h.y1 > h.y0)
        m_capHeight = std::max(m_xHeight, m_baseline - h.y0);
    if (const Box p = box('p'); p.valid() && p.y1 > m_baseline)
        m_descender = p.y1 - m_baseline;
    // Script fonts: n starts at its left margin and ends at its right one, both above
    // the baseline (the connecting strokes).
    if (const HersheyGlyph* n = glyph(U'n'); n && !n->strokes.empty()) {
        const cv::Point2f a = n->strokes.front().front(), b = n->strokes.back().back();
        const float tol = 0.2f * m_xHeight;
        m_joined = std::abs(a.x - n->left) < tol && std::abs(b.x - n->right) < tol
                   && a.y < m_baseline - tol && b.y < m_baseline - tol;
    }
}

// ---------------------------------------------------------------------------------------
// Composed glyphs

void HersheyFont::compose()
{
    const float X = m_xHeight, B = m_baseline, C = m_capHeight;
    // Script fonts lean: an accent sits further right the higher it is.
    const float fontSlant = m_joined ? 0.3f : 0.f;

    auto ascii = [&](char c) -> const HersheyGlyph* { return glyph(char32_t(c)); };

    for (const Composition& comp : kCompositions) {
        const HersheyGlyph* base = ascii(comp.base);
        if (!base)
            continue;
        HersheyGlyph g;
        g.left = base->left;
        g.right = base->right;
        const bool upper = comp.base >= 'A' && comp.base <= 'Z';
        const bool dotless = comp.base == 'i' || comp.base == 'j';
        for (const auto& st : base->strokes)
            if (!(dotless && isHighMark(st, B, X)))
                g.strokes.push_back(st);
        // The letter's body: its ink in the top part of the x band (lower case) or of the
        // capital, which skips entry and exit strokes of script glyphs.
        const float bandTop = upper ? B - C : B - X;
        const float bandBottom = upper ? B - 0.45f * C : B - 0.45f * X;
        Box body;
        for (const auto& st : g.strokes)
            for (auto p : st)
                if (p.y >= bandTop - 0.3f * X && p.y <= bandBottom)
                    body.add(p);
        const Box all = boxOf(g.strokes);
        if (!body.valid())
            body = all;
        if (!body.valid())
            continue;
        const float scale = (upper ? 0.85f : 1.f) * X;
        if (comp.accent == Accent::Cedilla) {
            Box foot;  // the ink near the baseline
            for (const auto& st : g.strokes)
                for (auto p : st)
                    if (p.y >= B - 0.3f * X && p.y <= B + 0.1f * X)
                        foot.add(p);
            if (!foot.valid())
                foot = all;
            const float ax = foot.cx() - fontSlant * 0.1f * X, ay = B;
            append(g.strokes, mapped(accentShape(comp.accent), [&](cv::Point2f p) {
                       return cv::Point2f(ax + p.x * scale, ay + p.y * scale);
                   }));
        } else {
            const float top = upper ? std::min(all.y0, B - C) : std::min(body.y0, B - X);
            const float gap = (upper ? 0.16f : 0.26f) * X;
            const float ay = top - gap;
            const float ax = body.cx() + fontSlant * (body.cy() - ay);
            append(g.strokes, mapped(accentShape(comp.accent), [&](cv::Point2f p) {
                       return cv::Point2f(ax + p.x * scale, ay + p.y * scale);
                   }));
        }
        m_extra[comp.c] = std::move(g);
    }

    // Two glyphs side by side, the second moved left by overlap * the first's advance.
    auto pair = [&](char a, char b, float overlap) -> HersheyGlyph {
        const HersheyGlyph *ga = ascii(a), *gb = ascii(b);
        if (!ga || !gb)
            return {};
        HersheyGlyph g;
        g.left = ga->left;
        const float dx = (ga->right - ga->left) * (1.f - overlap) + ga->left - gb->left;
        g.strokes = ga->strokes;
        append(g.strokes,
               mapped(gb->strokes, [&](cv::Point2f p) { return cv::Point2f(p.x + dx, p.y); }));
        g.right = gb->right + dx;
        return g;
    };
    auto put = [&](char32_t c, HersheyGlyph g) {
        if (!g.empty())
            m_extra[c] = std::move(g);
    };
    const bool j = m_joined;
    put(U'æ', pair('a', 'e', j ? 0.15f : 0.3f));
    put(U'œ', pair('o', 'e', j ? 0.15f : 0.3f));
    put(U'Æ', pair('A', 'E', 0.35f));
    put(U'Œ', pair('O', 'E', 0.3f));

    // ’ : the apostrophe glyph.
    if (const HersheyGlyph* q = ascii('\''))
        put(U'’', *q);
    // – : a longer hyphen.
    if (const HersheyGlyph* h = ascii('-')) {
        const Box b = boxOf(h->strokes);
        HersheyGlyph g = *h;
        g.strokes = mapped(h->strokes, [&](cv::Point2f p) {
            return cv::Point2f(b.cx() + (p.x - b.cx()) * 1.5f, p.y);
        });
        const float grow = 0.25f * (b.x1 - b.x0);
        g.left -= grow;
        g.right += grow;
        put(U'–', g);
    }
    // … : three dots.
    if (const HersheyGlyph* d = ascii('.')) {
        HersheyGlyph g;
        const float adv = 0.35f * X;
        g.left = d->left;
        for (int i = 0; i < 3; ++i)
            append(g.strokes, mapped(d->strokes, [&](cv::Point2f p) {
                       return cv::Point2f(p.x + adv * float(i), p.y);
                   }));
        g.right = d->right + 2 * adv;
        put(U'…', g);
    }
    // « » : two small angle brackets centred on the x band.
    for (const auto& [c, src] : {std::pair{U'«', '<'}, std::pair{U'»', '>'}}) {
        const HersheyGlyph* a = ascii(src);
        if (!a)
            continue;
        const Box b = boxOf(a->strokes);
        const float s = 0.55f * X / std::max(1.f, b.y1 - b.y0);
        HersheyGlyph g;
        const float dx = 0.32f * X;
        for (int i = 0; i < 2; ++i)
            append(g.strokes, mapped(a->strokes, [&](cv::Point2f p) {
                       return cv::Point2f((p.x - b.x0) * s + dx * float(i),
                                          (p.y - b.cy()) * s + B - 0.5f * X);
                   }));
        g.left = -0.15f * X;
        g.right = (b.x1 - b.x0) * s + dx + 0.15f * X;
        put(c, g);
    }
    // ¿ ¡ : ? and ! turned half a turn around the middle of the x band.
    for (const auto& [c, src] : {std::pair{U'¿', '?'}, std::pair{U'¡', '!'}}) {
        const HersheyGlyph* a = ascii(src);
        if (!a)
            continue;
        const Box b = boxOf(a->strokes);
        const float yc = B - 0.5f * X;
        HersheyGlyph g = *a;
        g.strokes = mapped(
            a->strokes, [&](cv::Point2f p) { return cv::Point2f(2 * b.cx() - p.x, 2 * yc - p.y); });
        for (auto& st : g.strokes)
            std::reverse(st.begin(), st.end());
        std::reverse(g.strokes.begin(), g.strokes.end());  // the dot first, as written
        put(c, g);
    }
    // ° : a small circle at the top.
    {
        HersheyGlyph g;
        const float r = 0.2f * X;
        g.strokes = {arc(0.f, B - C + r, r, r, 90.f, 450.f, 14)};
        g.left = -2.2f * r;
        g.right = 2.2f * r;
        put(U'°', g);
    }
    // § : two small s stacked.
    if (const HersheyGlyph* s = ascii('s')) {
        const Box b = boxOf(s->strokes);
        const float k = 0.55f * C / std::max(1.f, b.y1 - b.y0);
        HersheyGlyph g;
        for (int i = 0; i < 2; ++i) {
            const float yc = B - C * (i == 0 ? 0.7f : 0.32f);
            append(g.strokes, mapped(s->strokes, [&](cv::Point2f p) {
                       return cv::Point2f((p.x - b.cx()) * k, (p.y - b.cy()) * k + yc);
                   }));
        }
        const float w = (b.x1 - b.x0) * k;
        g.left = -0.5f * w - 0.2f * X;
        g.right = 0.5f * w + 0.2f * X;
        put(U'§', g);
    }
    // € : an open circle with two bars.
    {
        HersheyGlyph g;
        const float ry = 0.5f * C, rx = 0.4f * C, cx = 0.1f * C, cy = B - 0.5f * C;
        g.strokes.push_back(arc(cx, cy, rx, ry, 55.f, 305.f, 18));
        g.strokes.push_back(poly({-0.42f, -0.6f, 0.18f, -0.6f}, C, C, 0, B));
        g.strokes.push_back(poly({-0.42f, -0.4f, 0.14f, -0.4f}, C, C, 0, B));
        g.left = -0.55f * C;
        g.right = 0.6f * C;
        put(U'€', g);
    }
    // £
    {
        HersheyGlyph g;
        g.strokes.push_back(poly({0.32f, -0.82f, 0.26f, -0.96f, 0.1f, -1.f, -0.05f, -0.93f, -0.1f,
                                  -0.72f, -0.06f, -0.42f, -0.08f, -0.15f, -0.26f, 0.f, 0.34f, 0.f},
                                 C, C, 0, B));
        g.strokes.push_back(poly({-0.26f, -0.45f, 0.18f, -0.45f}, C, C, 0, B));
        g.left = -0.45f * C;
        g.right = 0.5f * C;
        put(U'£', g);
    }
    // ß : a tall stem with the right side of a B.
    {
        HersheyGlyph g;
        const float k = std::min(C, 2.1f * X);
        g.strokes.push_back(
            poly({-0.2f,  0.12f,  -0.2f,  -0.7f, -0.15f, -0.9f, -0.02f, -1.f,  0.12f,
                  -0.98f, 0.22f,  -0.86f, 0.2f,  -0.7f,  0.06f, -0.6f,  0.24f, -0.52f,
                  0.32f,  -0.32f, 0.28f,  -0.1f, 0.15f,  0.f,   0.f,    -0.02f},
                 k, k, 0, B));
        g.left = -0.35f * k;
        g.right = 0.45f * k;
        put(U'ß', g);
    }
}

// ---------------------------------------------------------------------------------------
// Styles and ink

HersheyStyle HersheyStyle::random(nn::Rng& rng)
{
    HersheyStyle s;
    s.slant = std::clamp(0.15f + 0.15f * rng.normal(), -0.2f, 0.5f);
    s.spacing = rng.uniform(-0.04f, 0.15f);
    s.letterGap = rng.uniform(0.12f, 0.32f);
    s.glyphRotation = rng.uniform(0.5f, 3.f);
    s.shapeJitter = rng.uniform(0.01f, 0.06f);
    s.wordSpacing = rng.uniform(0.55f, 1.3f);
    s.wordSpacing = std::max(s.wordSpacing, 2.2f * s.letterGap);  // words apart more than letters
    s.widthScale = rng.uniform(0.8f, 1.2f);
    s.ascender = rng.uniform(1.5f, 2.1f);
    s.descender = rng.uniform(0.5f, 0.9f);
    s.sizeJitter = rng.uniform(0.01f, 0.06f);
    s.letterJitter = rng.uniform(0.f, 0.05f);
    s.baselineDrift = rng.uniform(0.f, 0.12f);
    s.driftWavelength = rng.uniform(6.f, 25.f);
    s.rotationDeg = std::clamp(0.7f * rng.normal(), -2.f, 2.f);
    s.pointJitter = rng.uniform(0.005f, 0.025f);
    s.smoothing = rng.uniform(0.02f, 0.09f);
    s.speed = rng.uniform(3.f, 10.f);
    s.pressure = rng.uniform(0.35f, 0.75f);
    s.pressureVariation = rng.uniform(0.03f, 0.2f);
    s.joinLetters = rng.uniform() < 0.85f;
    s.dotsLater = rng.uniform();
    s.sampleRate = rng.uniform(60.f, 200.f);  // drawn last: the earlier fields stay as they were
    return s;
}

namespace {

struct PenStroke
{
    std::vector<cv::Point2f> points;  // x-height units
};

// Resamples a polyline to points about step apart (keeps the corners' neighbourhood).
std::vector<cv::Point2f> resample(const std::vector<cv::Point2f>& in, float step)
{
    if (in.size() < 2)
        return in;
    std::vector<cv::Point2f> out{in.front()};
    float carry = 0;
    for (std::size_t i = 1; i < in.size(); ++i) {
        const cv::Point2f a = in[i - 1], b = in[i];
        const float len = std::hypot(b.x - a.x, b.y - a.y);
        if (len <= 1e-6f)
            continue;
        float t = step - carry;
        while (t < len) {
            out.push_back(a + (b - a) * (t / len));
            t += step;
        }
        carry = len - (t - step);
    }
    if (std::hypot(out.back().x - in.back().x, out.back().y - in.back().y) > 1e-4f)
        out.push_back(in.back());
    return out;
}

// Gaussian smoothing of a sequence (replicated ends), sigma in samples.
template<class T>
std::vector<T> smooth(const std::vector<T>& v, float sigma)
{
    if (sigma < 0.3f || v.size() < 3)
        return v;
    const int r = std::max(1, int(std::ceil(2.5f * sigma)));
    std::vector<float> k(std::size_t(2 * r + 1));
    float sum = 0;
    for (int i = -r; i <= r; ++i)
        sum += k[std::size_t(i + r)] = std::exp(-0.5f * float(i * i) / (sigma * sigma));
    std::vector<T> out(v.size());
    const int n = int(v.size());
    for (int i = 0; i < n; ++i) {
        T acc{};
        for (int j = -r; j <= r; ++j)
            acc += v[std::size_t(std::clamp(i + j, 0, n - 1))] * (k[std::size_t(j + r)] / sum);
        out[std::size_t(i)] = acc;
    }
    return out;
}

// Smooth noise of unit standard deviation, correlated over about `corr` samples.
std::vector<float> smoothNoise(std::size_t n, float corr, nn::Rng& rng)
{
    std::vector<float> v(n);
    for (auto& x : v)
        x = rng.normal();
    if (corr < 0.3f)
        return v;
    v = smooth(v, corr);
    const float gain = std::sqrt(2.f * std::sqrt(kPi) * corr);  // restores sd 1 after smoothing
    for (auto& x : v)
        x *= gain;
    return v;
}

// The points a device reporting `rate` times a second gives of a timed path: one every
// 1 / rate seconds from the first (positions and pressure interpolated), and the last.
std::vector<imaging::InkPoint> sampleAtRate(const std::vector<imaging::InkPoint>& p, float rate)
{
    if (p.size() < 2 || !(rate > 0))
        return p;
    std::vector<imaging::InkPoint> out{p.front()};
    const float dt = 1.f / rate;
    std::size_t i = 1;
    for (float t = p.front().t + dt; t < p.back().t - 0.25f * dt; t += dt) {
        while (i + 1 < p.size() && p[i].t < t)
            ++i;
        const auto& a = p[i - 1];
        const auto& b = p[i];
        const float u = b.t > a.t ? std::clamp((t - a.t) / (b.t - a.t), 0.f, 1.f) : 1.f;
        out.push_back({a.x + u * (b.x - a.x), a.y + u * (b.y - a.y), t,
                       a.pressure + u * (b.pressure - a.pressure)});
    }
    out.push_back(p.back());
    return out;
}

// Appends next to prev when the pen can go on without lifting: next starts within
// `connect` of prev's end (a straight move), or on prev's path within `retrace` of its
// end (the pen goes back along it first). Lengths in x-heights.
bool continueStroke(std::vector<cv::Point2f>& prev, const std::vector<cv::Point2f>& next,
                    float connect, float retrace)
{
    if (prev.empty() || next.empty())
        return false;
    const cv::Point2f s = next.front();
    const cv::Point2f d = s - prev.back();
    if (std::hypot(d.x, d.y) < connect) {
        prev.insert(prev.end(), next.begin() + (std::hypot(d.x, d.y) < 0.02f ? 1 : 0), next.end());
        return true;
    }
    // Walk back along prev from its end, up to `retrace`, looking for a point near s.
    float walked = 0;
    std::vector<cv::Point2f> back;
    for (std::size_t i = prev.size() - 1; i > 0 && walked <= retrace; --i) {
        const cv::Point2f a = prev[i], b = prev[i - 1];
        const cv::Point2f ab = b - a;
        const float len2 = ab.dot(ab);
        const float t = len2 > 0 ? std::clamp((s - a).dot(ab) / len2, 0.f, 1.f) : 0.f;
        const cv::Point2f q = a + ab * t;
        if (std::hypot(s.x - q.x, s.y - q.y) < 0.06f && walked + t * std::sqrt(len2) <= retrace) {
            prev.insert(prev.end(), back.begin(), back.end());
            prev.push_back(q);
            prev.insert(prev.end(), next.begin() + 1, next.end());
            return true;
        }
        walked += std::sqrt(len2);
        back.push_back(b);
    }
    return false;
}

}  // namespace

imaging::Ink hersheyInk(const HersheyFont& font, std::string_view utf8, const HersheyStyle& st,
                        nn::Rng& rng, float unitsPerXHeight)
{
    const std::u32string text = model::decodeUtf8(utf8);
    const float X = font.xHeight(), B = font.baseline();
    const bool join = font.joined() && st.joinLetters;
    const float phase = rng.uniform(0.f, 2 * kPi);
    auto drift = [&](float x) {
        return st.baselineDrift
               * (std::sin(2 * kPi * x / st.driftWavelength + phase)
                  + 0.35f * std::sin(2 * kPi * x / (0.37f * st.driftWavelength) + 1.7f * phase));
    };
    // Zone proportions: y in x-heights above (negative) or below the baseline; the
    // font's capitals and descenders brought to the writer's.
    const float capX = font.capHeight() / X, descX = font.descender() / X;
    const float ascScale = capX > 1.05f ? (st.ascender - 1.f) / (capX - 1.f) : 1.f;
    const float descScale = descX > 0.05f ? st.descender / descX : 1.f;
    auto zone = [&](float yRel) {
        if (yRel < -1.f)
            return -1.f + (yRel + 1.f) * ascScale;
        if (yRel > 0.f)
            return yRel * descScale;
        return yRel;
    };

    std::vector<PenStroke> strokes;  // in writing order
    std::vector<PenStroke> marks;    // dots and accents of the current word, written after it
    bool prevJoinable = false;       // the last stroke may continue into the next letter
    float cursor = 0;
    auto flushMarks = [&] {
        for (auto& m : marks)
            strokes.push_back(std::move(m));
        marks.clear();
    };
    for (char32_t c : text) {
        if (c == U' ' || model::isSpaceChar(c)) {
            flushMarks();
            cursor += st.wordSpacing * std::max(0.4f, 1.f + 0.15f * rng.normal());
            prevJoinable = false;
            continue;
        }
        const HersheyGlyph* g = font.glyph(c);
        if (!g || g->empty())
            continue;
        const float s = std::clamp(1.f + st.sizeJitter * rng.normal(), 0.8f, 1.25f);
        const float dy = st.letterJitter * rng.normal();
        const float sx = st.widthScale * s / X;
        const bool letter = (c >= U'a' && c <= U'z') || c >= 0xC0;
        const bool lower = (c >= U'a' && c <= U'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7)
                           || c == U'œ';
        // Where the glyph starts and how far the pen moves on: script fonts by their
        // margins (the connecting strokes meet) for lower case, otherwise by the ink
        // plus the writer's gap (Hershey's margins are typographic, wider than a hand's).
        float origin = g->left, advance = (g->right - g->left) * sx;
        if (!font.joined() || !lower) {
            float x0 = 1e30f, x1 = -1e30f;
            for (const auto& src : g->strokes)
                for (auto p : src)
                    x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
            origin = x0;
            advance = (x1 - x0) * sx + st.letterGap * std::max(0.4f, 1.f + 0.15f * rng.normal());
        }
        // The letter's own shape: turned, sheared and bent a little (about the middle
        // of the x band), so no two letters are the same.
        const float angle = st.glyphRotation * kPi / 180.f * rng.normal();
        const float shearJ = 0.06f * rng.normal();
        const float ca = std::cos(angle), sa = std::sin(angle);
        const float pivotX = 0.5f * advance;
        const float w1 = st.shapeJitter * rng.normal(), w2 = st.shapeJitter * rng.normal();
        const float ph1 = rng.uniform(0.f, 2 * kPi), ph2 = rng.uniform(0.f, 2 * kPi);
        auto place = [&](cv::Point2f p) {
            float x = (p.x - origin) * sx, y = zone((p.y - B) / X) * s;
            x += w1 * std::sin(2 * kPi * y / 1.3f + ph1);
            y += w2 * std::sin(2 * kPi * x / 1.1f + ph2);
            float rx = x - pivotX, ry = y + 0.5f;
            rx -= shearJ * ry;
            x = pivotX + rx * ca - ry * sa;
            y = -0.5f + rx * sa + ry * ca;
            x += cursor;
            return cv::Point2f(x, y + dy + drift(x));
        };
        bool first = true;
        bool sameLetterOpen = false;  // strokes.back() is this letter's and may go on
        for (const auto& src : g->strokes) {
            PenStroke ps;
            for (auto p : src)
                ps.points.push_back(place(p));
            const bool mark = g->strokes.size() > 1 && isHighMark(src, B, X);
            if (mark && rng.uniform() < st.dotsLater) {
                marks.push_back(std::move(ps));
                continue;
            }
            // Script letters: continue the previous letter's exit stroke.
            if (first && join && letter && prevJoinable && !strokes.empty()) {
                auto& last = strokes.back().points;
                const cv::Point2f d = ps.points.front() - last.back();
                if (std::hypot(d.x, d.y) < 0.45f) {
                    last.insert(last.end(),
                                ps.points.begin() + (std::hypot(d.x, d.y) < 0.02f ? 1 : 0),
                                ps.points.end());
                    first = false;
                    sameLetterOpen = true;
                    continue;
                }
            }
            // Within a letter, a writer keeps the pen down where the font lifts it only to
            // go on from where it is (the next stroke starts close by) or from a point just
            // drawn (m, n, h, r: back up the stem, then the arch).
            if (!first && !mark && sameLetterOpen && !strokes.empty()
                && continueStroke(strokes.back().points, ps.points, join ? 0.45f : 0.12f, 0.85f)) {
                continue;
            }
            sameLetterOpen = !mark;
            first = false;
            strokes.push_back(std::move(ps));
        }
        prevJoinable = letter && !g->strokes.empty() && !isHighMark(g->strokes.back(), B, X);
        cursor += advance + st.spacing * (1.f + 0.3f * rng.normal());
    }
    flushMarks();

    // Slant and rotation, then the pen: resampling, smooth jitter, smoothing.
    const float rot = st.rotationDeg * kPi / 180.f;
    const float cr = std::cos(rot), sr = std::sin(rot);
    constexpr float kStep = 0.04f;  // x-heights between resampled points
    imaging::Ink ink;
    float t = 0;
    cv::Point2f penAt;
    bool havePen = false;
    for (auto& ps : strokes) {
        for (auto& p : ps.points) {
            const float x = p.x - st.slant * p.y;  // y up is negative
            p = cv::Point2f(x * cr - p.y * sr, x * sr + p.y * cr);
        }
        std::vector<cv::Point2f> pts = resample(ps.points, kStep);
        if (pts.size() == 1)  // a dot: a tiny stroke
            pts.push_back(pts[0] + cv::Point2f(0.02f, -0.02f));
        const std::size_t n = pts.size();
        const auto nx = smoothNoise(n, 0.25f / kStep, rng);
        const auto ny = smoothNoise(n, 0.25f / kStep, rng);
        for (std::size_t i = 0; i < n; ++i)
            pts[i] += cv::Point2f(nx[i], ny[i]) * st.pointJitter;
        pts = smooth(pts, st.smoothing / kStep);
        const auto np = smoothNoise(n, 0.5f / kStep, rng);

        // Time: a pen lift, then speed slowed by curvature.
        if (havePen) {
            const cv::Point2f d = pts.front() - penAt;
            t += 0.06f + std::hypot(d.x, d.y) / (1.5f * st.speed);
        }
        float length = 0;
        for (std::size_t i = 1; i < n; ++i)
            length += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
        imaging::Stroke out;
        out.points.reserve(n);
        float along = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0) {
                const cv::Point2f d = pts[i] - pts[i - 1];
                const float len = std::hypot(d.x, d.y);
                float turn = 0;
                if (i + 1 < n) {
                    const cv::Point2f e = pts[i + 1] - pts[i];
                    const float a = std::atan2(d.y, d.x), b = std::atan2(e.y, e.x);
                    turn = std::abs(std::remainder(b - a, 2 * kPi));
                }
                // Slower in curves, and while the pen sets off and comes to rest (the
                // end ramps only with device sampling, so that fixed spacing stays as it was).
                const float ends = st.sampleRate > 0 ? std::min(
                                       {1.f, 0.3f + along / 0.3f, 0.3f + (length - along) / 0.3f})
                                                     : 1.f;
                const float v = st.speed * ends * (0.35f + 0.65f * std::exp(-turn / 0.15f));
                t += len / v;
                along += len;
            }
            const float ramp = std::min(
                {1.f, along / 0.25f + 0.3f, (length - along) / 0.25f + 0.4f});
            const float p = st.pressure * (0.55f + 0.45f * ramp)
                            + st.pressureVariation * np[i] * 0.5f;
            imaging::InkPoint ip;
            ip.x = pts[i].x * unitsPerXHeight;
            ip.y = pts[i].y * unitsPerXHeight;
            ip.t = t;
            ip.pressure = std::clamp(p, 0.05f, 1.f);
            out.points.push_back(ip);
        }
        penAt = pts.back();
        havePen = true;
        if (st.sampleRate > 0)
            out.points = sampleAtRate(out.points, st.sampleRate);
        ink.strokes.push_back(std::move(out));
    }
    return ink;
}

}  // namespace inklens::training
