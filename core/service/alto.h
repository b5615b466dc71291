#pragma once
// ALTO v4 (https://www.loc.gov/standards/alto/): a read page written as ALTO (one
// TextBlock per block, one TextLine per line with its polygon (Shape/Polygon), BASELINE
// and a String with the text and WC confidence) and ALTO files read back: the exports, and
// the ground truth of ../shared/data/pages for the page evaluation. Qt Core only.

#include "service/page_reading.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace inklens::service {

// The page as ALTO v4 XML (UTF-8). imageFile names the picture in sourceImageInformation.
QByteArray altoXml(const PageReading& page, const QString& imageFile = {});

// Reads an ALTO file (v2-v4): its lines in the file's order (TextLine: Shape/Polygon, or
// HPOS/VPOS/WIDTH/HEIGHT when there is no polygon; BASELINE as points or the v2/v3 single
// number; the text of its String elements joined by spaces; WC as confidence, 0 without it).
// nullopt and *error when the file cannot be read or is not ALTO.
std::optional<PageReading> readAltoFile(const QString& path, QString* error = nullptr);
std::optional<PageReading> readAlto(const QByteArray& xml, QString* error = nullptr);

}  // namespace inklens::service
