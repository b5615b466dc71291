#pragma once
// Numbers read from page files (ALTO, PAGE XML, hOCR: service/alto.h, page_formats.h).
// A coordinate or size is taken when it is finite and within +-kMaxPageCoordinate pixels
// (a page at 600 dpi is under 10,000 px high; the bound keeps every sum, size and
// whole-pixel conversion within int), else it is treated as missing. A confidence is
// clamped to 0..1 (NaN: 0). Found by fuzz/fuzz_alto and fuzz_page_xml: WIDTH="1e99" made
// qRound overflow. Point lists ("x y x y ..." in ALTO and hOCR, "x,y x,y ..." in PAGE) are
// read by one function for all three formats.

#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <opencv2/core/types.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace inklens::service {

inline constexpr float kMaxPageCoordinate = 1'000'000.f;

inline std::optional<float> pageCoordinate(const QString& text)
{
    bool ok = false;
    const float v = text.toFloat(&ok);
    if (!ok || !(std::abs(v) <= kMaxPageCoordinate))
        return std::nullopt;
    return v;
}

inline double pageConfidence(double c)
{
    return c >= 0 ? std::min(c, 1.0) : 0.0;
}

// "x1 y1 x2 y2 ..." with spaces and/or commas between numbers -> points; empty when an odd
// count of numbers or any number is malformed.
inline std::vector<cv::Point2f> parsePagePoints(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    const QStringList numbers = text.split(separators, Qt::SkipEmptyParts);
    if (numbers.size() % 2 != 0)
        return {};
    std::vector<cv::Point2f> out;
    out.reserve(std::size_t(numbers.size() / 2));
    for (qsizetype i = 0; i + 1 < numbers.size(); i += 2) {
        const auto x = pageCoordinate(numbers[i]), y = pageCoordinate(numbers[i + 1]);
        if (!x || !y)
            return {};
        out.emplace_back(*x, *y);
    }
    return out;
}

// The smallest axis-aligned rectangle holding the points (empty for none).
inline cv::Rect2f pageBounds(const std::vector<cv::Point2f>& points)
{
    if (points.empty())
        return {};
    float x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
    for (const cv::Point2f& p : points) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace inklens::service
