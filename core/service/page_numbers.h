#pragma once
// Numbers read from page files (ALTO, PAGE XML, hOCR: service/alto.h, page_formats.h).
// A coordinate or size is taken when it is finite and within +-kMaxPageCoordinate pixels
// (a page at 600 dpi is under 10,000 px high; the bound keeps every sum, size and
// whole-pixel conversion within int), else it is treated as missing. A confidence is
// clamped to 0..1 (NaN: 0). Found by fuzz/fuzz_alto and fuzz_page_xml: WIDTH="1e99" made
// qRound overflow.

#include <QString>

#include <algorithm>
#include <cmath>
#include <optional>

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

}  // namespace inklens::service
