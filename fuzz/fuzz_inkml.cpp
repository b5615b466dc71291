// The InkML reader (core/service/inkml.h): never throws, never crashes; ink it accepts is
// written back by writeInkMl and read again (the round trip must not fail).

#include "fuzz_common.h"
#include "service/inkml.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace inklens::service;
    const QByteArray xml = QByteArray::fromRawData(reinterpret_cast<const char*>(data),
                                                   qsizetype(size));
    QString error;
    const auto doc = readInkMl(xml, &error);
    if (!doc)
        return 0;
    const auto again = readInkMl(writeInkMl(doc->ink, doc->truth), &error);
    if (!again || again->ink.strokes.size() != doc->ink.strokes.size())
        std::abort();  // what InkLens writes, it reads
    return 0;
}
