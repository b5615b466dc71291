// The sample store's ground-truth folder import (core/service/sample_store.h, importFolder).
// Input: one byte choosing the file kind (even: NAME.inkml, odd: NAME.png), then the file's
// bytes, then optionally "\n=gt=\n" and the NAME.gt.txt text (default "fuzz"). The files
// are written into an empty folder and imported into a store in the scratch folder; the
// result must be one sample added or one skipped, and the store is emptied again.

#include "fuzz_common.h"
#include "service/sample_store.h"

#include <QDir>

#include <cstdint>
#include <cstdlib>
#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace inklens::service;
    inklens::fuzz::initQt();
    if (size < 1)
        return 0;
    static std::optional<SampleStore> store = SampleStore::open(
        inklens::fuzz::scratchDir().filePath(QStringLiteral("samples.sqlite")));
    if (!store)
        std::abort();
    const QByteArray input(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));
    const QByteArray separator("\n=gt=\n");
    const qsizetype at = input.indexOf(separator);
    const QByteArray file = at < 0 ? input : input.left(at);
    const QByteArray gt = at < 0 ? QByteArray("fuzz") : input.mid(at + separator.size());

    QDir folder(inklens::fuzz::scratchDir().filePath(QStringLiteral("import")));
    folder.removeRecursively();
    folder.mkpath(QStringLiteral("."));
    const QString name = data[0] % 2 ? QStringLiteral("line.png") : QStringLiteral("line.inkml");
    if (!inklens::fuzz::writeInput(folder.filePath(name),
                                   reinterpret_cast<const std::uint8_t*>(file.data()),
                                   std::size_t(file.size()))
        || !inklens::fuzz::writeInput(folder.filePath(QStringLiteral("line.gt.txt")),
                                      reinterpret_cast<const std::uint8_t*>(gt.data()),
                                      std::size_t(gt.size())))
        return 0;

    QString error;
    int skipped = 0;
    const int added = store->importFolder(folder.path(), &error, &skipped);
    if (added < 0 || added + skipped != 1)
        std::abort();  // one file in, one sample added or one skipped
    for (const Sample& s : store->samples(false)) {
        if (s.text.isEmpty())
            std::abort();  // empty text is refused, never stored
        store->remove(s.id);
    }
    return 0;
}
