#pragma once
// A read page (PageReading) written as plain text, PAGE XML, hOCR, ALTO (service/alto.h)
// or JSON, and the PAGE XML and hOCR written back into lines (ALTO's reader is readAlto):
// the window's Export, `inklens segment -o` and `inklens recognize --json`. Qt Core only.
//
//   format   suffix                       lines carry
//   Text     .txt                         the text, one line per line, reading order
//   Page     .xml, .page.xml              PAGE 2019: TextRegion per block, TextLine with
//                                         Coords and Baseline points (whole pixels, >= 0),
//                                         TextEquiv conf + Unicode
//   Hocr     .hocr, .html, .htm           ocr_page > ocr_carea > ocr_line, title: bbox,
//                                         baseline (slope, offset), poly, x_wconf (0-100);
//                                         x_baseline keeps every baseline point
//   Alto     .alto, .alto.xml             ALTO v4 (altoXml)
//   Json     .json                        {"file", "text", "lines": [{"text", "polygon",
//                                         "baseline", "confidence"}]} (pageJson)
//
// Files are written atomically (QSaveFile): a failure (full disk, read-only folder) leaves
// any previous file as it was. Messages in the application's language.

#include "service/page_reading.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace inklens::service {

enum class PageFormat { Text, Page, Hocr, Alto, Json };

// "text", "page", "hocr", "alto", "json" (any case); nullopt for another name.
std::optional<PageFormat> pageFormatNamed(const QString& name);
QString pageFormatName(PageFormat format);
// By the file's suffix (table above); nullopt when the suffix is none of them.
std::optional<PageFormat> pageFormatForPath(const QString& path);
// The suffix a file of the format gets (without the dot): txt, xml, hocr, alto.xml, json.
QString pageFormatSuffix(PageFormat format);

// ---- writers (UTF-8) -----------------------------------------------------------------
// imageFile: the picture the page was read from, named in the file (default: page.file's
// file name).
QByteArray pageText(const PageReading& page);
QByteArray pageXml(const PageReading& page, const QString& imageFile = {});
QByteArray hocr(const PageReading& page, const QString& imageFile = {});
// withText false: the lines' geometry only (what `inklens segment` finds). pageNumber
// (1-based) is added as "page" when > 0 (a page of a multi-page file).
QJsonObject pageJson(const PageReading& page, bool withText = true, int pageNumber = 0);
// Any of the formats; empty and *error when the format cannot be written (ALTO before
// its writer exists).
QByteArray pageBytes(const PageReading& page, PageFormat format, QString* error = nullptr,
                     const QString& imageFile = {});

// Writes the page to path atomically, in `format` or else the one its suffix names (an
// unknown suffix is refused). false and *error (naming the file and why) when it fails.
bool writePageFile(const QString& path, const PageReading& page, std::optional<PageFormat> format,
                   QString* error = nullptr);

// ---- readers -------------------------------------------------------------------------
// Lines in the file's order; nullopt and *error when the file is not of the format or
// damaged.
std::optional<PageReading> readPageXml(const QByteArray& xml, QString* error = nullptr);
std::optional<PageReading> readHocr(const QByteArray& html, QString* error = nullptr);
// A file in any of the formats with lines (PAGE XML, hOCR, ALTO), recognised by content.
std::optional<PageReading> readPageFile(const QString& path, QString* error = nullptr);

}  // namespace inklens::service
