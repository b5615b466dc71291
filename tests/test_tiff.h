#pragma once
// A multi-page TIFF written by hand (Qt writes one page per file), for the tests of
// multi-page files.
#include <QByteArray>
#include <QImage>
#include <QList>

#include <iterator>

namespace inklens::testing {

// A baseline TIFF (little-endian, 8-bit gray, uncompressed) with one page per picture
// (Format_Grayscale8).
inline QByteArray multiPageTiff(const QList<QImage>& pages)
{
    QByteArray out("II*\0\0\0\0\0", 8);
    auto put16 = [&](quint16 v) { out.append(char(v & 0xff)).append(char(v >> 8)); };
    auto put32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            out.append(char((v >> (8 * i)) & 0xff));
    };
    auto patch32 = [&](qsizetype at, quint32 v) {
        for (int i = 0; i < 4; ++i)
            out[at + i] = char((v >> (8 * i)) & 0xff);
    };
    qsizetype nextOffsetAt = 4;
    for (const QImage& page : pages) {
        const quint32 dataAt = quint32(out.size());
        for (int y = 0; y < page.height(); ++y)
            out.append(reinterpret_cast<const char*>(page.constScanLine(y)), page.width());
        if (out.size() % 2)
            out.append('\0');
        patch32(nextOffsetAt, quint32(out.size()));
        struct Entry
        {
            quint16 tag, type;
            quint32 value;
        };
        const Entry entries[] = {{256, 4, quint32(page.width())},
                                 {257, 4, quint32(page.height())},
                                 {258, 3, 8},
                                 {259, 3, 1},
                                 {262, 3, 1},
                                 {273, 4, dataAt},
                                 {277, 3, 1},
                                 {278, 4, quint32(page.height())},
                                 {279, 4, quint32(page.width() * page.height())}};
        put16(quint16(std::size(entries)));
        for (const Entry& e : entries) {
            put16(e.tag);
            put16(e.type);
            put32(1);
            if (e.type == 3) {
                put16(quint16(e.value));
                put16(0);
            } else {
                put32(e.value);
            }
        }
        nextOffsetAt = out.size();
        put32(0);
    }
    return out;
}

}  // namespace inklens::testing
