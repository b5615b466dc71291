// inklens segment FILE...: the lines of pages found without reading them (no model):
// pictures through service::readPageImage + service::segmentPage (imaging::analyzePage,
// every page of a TIFF), InkML through service::inkPageLines. Every picture is taken as a
// page here (a picture of one line gives that line).
//
//   --format json   (default) one object per page: {"file", ["page"], "width", "height",
//                   "lines": [{"polygon", "baseline", "block"}]} (service::pageJson)
//   --format text   a line per text line: FILE[:N] <TAB> number <TAB> x,y x,y ... (outline)
//                   <TAB> x,y ... (baseline)
//   --format page|hocr|alto   the page's PAGE XML, hOCR or ALTO (empty texts)
//   -o OUT          written to OUT atomically (format from its suffix unless --format);
//                   an existing folder: one file per page, NAME[-pN].SUFFIX
//
// Exit code: 0 when every file was segmented, 1 when any failed, 2 on a usage error.
#include "cli.h"
#include "cli_common.h"

#include "service/documents.h"
#include "service/inkml.h"
#include "service/page_formats.h"
#include "service/page_image.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <cstdio>

namespace inklens::cli {

namespace {

struct Segmented
{
    service::PageReading page;
    int pageNumber = 0;  // from 1 in a multi-page file; 0 otherwise
};

// The pages of FILE, segmented; *error when the file cannot be opened at all.
std::vector<Segmented> segmentFile(const QString& file, QString* error)
{
    std::vector<Segmented> out;
    if (service::isInkMlPath(file)) {
        const std::optional<service::InkDocument> doc = service::readInkMlFile(file, error);
        if (!doc)
            return out;
        Segmented s;
        s.page.isInk = true;
        const cv::Rect2f bounds = doc->ink.bounds();
        s.page.size = QSize(qRound(bounds.width), qRound(bounds.height));
        for (imaging::PageLine& line : service::inkPageLines(doc->ink)) {
            service::PageLineReading l;
            l.line = std::move(line);
            s.page.lines.push_back(std::move(l));
        }
        s.page.file = file;
        out.push_back(std::move(s));
        return out;
    }
    const int count = service::pageImageCount(file, error);
    for (int p = 0; p < count; ++p) {
        Segmented s;
        s.pageNumber = count > 1 ? p + 1 : 0;
        QString detail;
        if (const auto image = service::readPageImage(file, p, &detail))
            s.page = service::segmentPage(*image);
        else
            s.page.error = detail;
        s.page.file = file;
        out.push_back(std::move(s));
    }
    return out;
}

QString pointsText(const std::vector<cv::Point2f>& points)
{
    QStringList out;
    for (const cv::Point2f& p : points)
        out << QStringLiteral("%1,%2").arg(double(p.x), 0, 'f', 1).arg(double(p.y), 0, 'f', 1);
    return out.join(QLatin1Char(' '));
}

QByteArray textOf(const Segmented& s)
{
    const QString name = s.pageNumber > 0
                             ? QStringLiteral("%1:%2").arg(s.page.file).arg(s.pageNumber)
                             : s.page.file;
    QByteArray out;
    for (std::size_t i = 0; i < s.page.lines.size(); ++i)
        out += QStringLiteral("%1\t%2\t%3\t%4\n")
                   .arg(name)
                   .arg(i + 1)
                   .arg(pointsText(s.page.lines[i].line.polygon),
                        pointsText(s.page.lines[i].line.baseline))
                   .toUtf8();
    return out;
}

QByteArray bytesOf(const Segmented& s, service::PageFormat format, QString* error)
{
    switch (format) {
    case service::PageFormat::Json:
        return QJsonDocument(service::pageJson(s.page, false, s.pageNumber))
                   .toJson(QJsonDocument::Compact)
               + '\n';
    case service::PageFormat::Text:
        return textOf(s);
    default:
        return service::pageBytes(s.page, format, error);
    }
}

}  // namespace

int runSegment(const QStringList& args)
{
    CommandLine command(
        "segment",
        QStringLiteral(
            "Find the text lines of pages without reading them (no model needed): each FILE\n"
            "(PNG, JPEG, TIFF: every page, BMP, WebP, InkML) is analysed as a page.\n"
            "Prints one JSON object per page, or the lines in another format; -o writes them.\n"
            "Exit code: 0 all files segmented, 1 some failed, 2 usage error."));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("json (default; one object per page: lines with polygon, baseline), "
                       "text (FILE, number, outline, baseline per line), page (PAGE XML), hocr, "
                       "alto. With -o, the default comes from OUT's suffix."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption outOption(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write to OUT instead of printing (written whole or not at all). An "
                       "existing folder: one file per page, NAME[-pN].SUFFIX."),
        QStringLiteral("OUT"));
    parser.addOptions({formatOption, outOption});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Pictures of pages, InkML ink."),
                                 QStringLiteral("FILE..."));
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return command.usageError(QStringLiteral("no FILE given"));
    const QString out = parser.value(outOption);
    const bool toFolder = !out.isEmpty() && QFileInfo(out).isDir();
    std::optional<service::PageFormat> format = service::PageFormat::Json;
    if (parser.isSet(formatOption)) {
        format = service::pageFormatNamed(parser.value(formatOption));
        if (!format)
            return command.usageError(
                QStringLiteral("unknown --format '%1' (text, json, page, hocr or alto)")
                    .arg(parser.value(formatOption)));
    } else if (!out.isEmpty() && !toFolder) {
        format = service::pageFormatForPath(out);
        if (!format)
            return command.usageError(QStringLiteral("no format for '%1': give --format, or end "
                                                     "the name in .json, .txt, .xml, .hocr or "
                                                     ".alto.xml")
                                          .arg(out));
    }
    const bool oneDocument = *format == service::PageFormat::Json
                             || *format == service::PageFormat::Text;

    bool allDone = true;
    QByteArray collected;  // -o FILE
    int pagesCollected = 0;
    for (const QString& file : files) {
        QString error;
        const std::vector<Segmented> pages = segmentFile(file, &error);
        if (pages.empty()) {
            std::fprintf(stderr, "inklens segment: %s: %s\n", qUtf8Printable(file),
                         qUtf8Printable(error));
            allDone = false;
            continue;
        }
        for (const Segmented& s : pages) {
            const QString name = s.pageNumber > 0
                                     ? QStringLiteral("%1:%2").arg(file).arg(s.pageNumber)
                                     : file;
            if (!s.page.ok()) {
                std::fprintf(stderr, "inklens segment: %s: %s\n", qUtf8Printable(name),
                             qUtf8Printable(s.page.error));
                allDone = false;
                continue;
            }
            QString detail;
            const QByteArray bytes = bytesOf(s, *format, &detail);
            if (bytes.isEmpty() && !detail.isEmpty()) {
                std::fprintf(stderr, "inklens segment: %s: %s\n", qUtf8Printable(name),
                             qUtf8Printable(detail));
                allDone = false;
                continue;
            }
            if (toFolder) {
                QString base = QFileInfo(file).completeBaseName();
                if (s.pageNumber > 0)
                    base += QStringLiteral("-p%1").arg(s.pageNumber);
                const QString path = QDir(out).filePath(base + QLatin1Char('.')
                                                        + service::pageFormatSuffix(*format));
                if (!service::writePageFile(path, s.page, *format, &detail)) {
                    std::fprintf(stderr, "inklens segment: %s\n", qUtf8Printable(detail));
                    allDone = false;
                }
            } else if (!out.isEmpty()) {
                collected += bytes;
                ++pagesCollected;
            } else {
                std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
                std::fflush(stdout);
            }
        }
    }
    if (!out.isEmpty() && !toFolder) {
        if (!oneDocument && pagesCollected > 1)
            return command.failure(QStringLiteral("%1 pages do not fit in one %2 file: give -o a "
                                                  "folder")
                                       .arg(pagesCollected)
                                       .arg(service::pageFormatName(*format)));
        QSaveFile save(out);
        if (!save.open(QIODevice::WriteOnly) || save.write(collected) != collected.size()
            || !save.commit())
            return command.failure(
                QStringLiteral("%1 cannot be written: %2").arg(out, save.errorString()));
    }
    return allDone ? 0 : 1;
}

}  // namespace inklens::cli
