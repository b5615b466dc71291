#pragma once
// Ink files: W3C InkML (https://www.w3.org/TR/InkML/) read into imaging::Ink and written
// from it. Qt Core only (QXmlStreamReader / QXmlStreamWriter).
//
// Reading takes InkML as other tools write it:
//  - channels in the order the trace format declares them (<traceFormat> under <ink>, in a
//    <context>, an <inkSource>, or <definitions> referenced by contextRef/traceFormatRef);
//    without one, X Y. X and Y are required; T (time) and F (force) are used when present;
//    other channels (tilt, azimuth, ...) are read and dropped;
//  - intermittent channels, and the value prefixes ! (explicit), ' (first difference) and
//    " (second difference), which stay in force for the channel until another prefix;
//    T / F booleans and ? / * (value unknown: the channel's previous value);
//  - any unit and scale: X and Y are kept as they are (0-1 floats, digitizer units,
//    centimetres); the rasterizer normalizes the size from the ink itself. A Y channel
//    with orientation="-ve" is flipped so that y points down;
//  - T in ms unless its units say "s", "us" or "ns", made relative to the first point;
//    F scaled to 0..1 by the channel's min/max, else by the largest value when any
//    exceeds 1; without F the pressure is 0.5;
//  - traces inside <traceGroup>s in document order; type="penUp" traces are skipped.
//
// Malformed input never crashes and never throws: the functions return no document and
// a message naming the problem and its line ("line 7: trace 2, point 3: ...").

#include "imaging/ink.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace inklens::service {

struct InkDocument
{
    imaging::Ink ink;
    QString truth;  // the text of <annotation type="truth"> under <ink>, when present
};

struct InkMlLimits
{
    qint64 maxBytes = 256LL * 1024 * 1024;  // larger files are refused before reading
    qint64 maxPoints = 10'000'000;          // over all traces
};

// For a reader on a worker thread (the window's, service::PageSession): stop is polled
// after each trace and every 65,536 points (set: no document, *error "cancelled");
// progress(characters parsed, characters in all) is called after each trace.
struct InkMlWatch
{
    const std::atomic_bool* stop = nullptr;
    std::function<void(qint64 done, qint64 total)> progress;
};

// Parses InkML. Returns the ink, or nullopt and *error (if given). A document without a
// single point ("<ink/>") is an error too: there is nothing to recognize or show.
std::optional<InkDocument> readInkMl(const QByteArray& xml, QString* error = nullptr,
                                     const InkMlLimits& limits = {}, const InkMlWatch& watch = {});

// Reads a file; messages start with nothing about the path (the caller knows it).
std::optional<InkDocument> readInkMlFile(const QString& path, QString* error = nullptr,
                                         const InkMlLimits& limits = {},
                                         const InkMlWatch& watch = {});

// InkML with one context (channels X Y in the ink's own units, T in ms, F in 0..1) and one
// <trace> per stroke; truth (if not empty) as <annotation type="truth">.
QByteArray writeInkMl(const imaging::Ink& ink, const QString& truth = {});

// Writes atomically (QSaveFile): a failed save leaves an existing file untouched.
bool writeInkMlFile(const QString& path, const imaging::Ink& ink, QString* error = nullptr,
                    const QString& truth = {});

}  // namespace inklens::service
