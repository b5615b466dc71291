// The PAGE XML and hOCR readers (core/service/page_formats.h): lines or nullopt and a
// message.

#include "service/page_formats.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray xml = QByteArray::fromRawData(reinterpret_cast<const char*>(data),
                                                   qsizetype(size));
    QString error;
    (void)inklens::service::readPageXml(xml, &error);
    (void)inklens::service::readHocr(xml, &error);
    return 0;
}
