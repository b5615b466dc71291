// The ALTO reader (core/service/alto.h, v2-v4): lines or nullopt and a message.

#include "service/alto.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray xml = QByteArray::fromRawData(reinterpret_cast<const char*>(data),
                                                   qsizetype(size));
    QString error;
    (void)inklens::service::readAlto(xml, &error);
    return 0;
}
