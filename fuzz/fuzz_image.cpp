// The image loader wrappers (core/service/page_image.h: pageImageCount, readPageImage;
// core/service/line_loader.h: loadGrayImage) on the input written as a file: PNG (streamed
// for large pages), JPEG, TIFF (first and last page), BMP, WebP, anything else refused
// with a message.

#include "fuzz_common.h"
#include "service/line_loader.h"
#include "service/page_image.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace inklens::service;
    inklens::fuzz::initQt();
    // No suffix: the format is found from the content, as for a misnamed file.
    const QString path = inklens::fuzz::scratchDir().filePath(QStringLiteral("input"));
    if (!inklens::fuzz::writeInput(path, data, size))
        return 0;
    QString error;
    const int pages = pageImageCount(path, &error);
    if (pages >= 1) {
        (void)readPageImage(path, 0, &error);
        if (pages > 1)
            (void)readPageImage(path, pages - 1, &error);
    }
    (void)loadGrayImage(path, &error);
    return 0;
}
