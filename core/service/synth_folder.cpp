#include "synth_folder.h"

#include "service/inkml.h"
#include "service/line_loader.h"
#include "service/page_formats.h"
#include "training/dataset.h"

#include <QDir>
#include <QFile>

#include <mutex>

namespace inklens::service {

training::SynthOptions synthOptions(int height, std::uint64_t seed, bool heldOut,
                                    float hersheyShare, int writers, bool augment)
{
    training::SynthOptions so;
    so.height = height;
    so.seed = heldOut ? training::mixSeed(seed, 0x68656c646f7574ull) : seed;
    so.hersheyWeight = hersheyShare;
    so.hersheyWriters = writers;
    so.firstWriter = heldOut ? kHeldOutFirstWriter : 0;
    so.augment = augment;
    return so;
}

std::vector<std::shared_ptr<const training::HersheyFont>> loadHersheyFonts(const std::string& dir)
{
    std::vector<std::shared_ptr<const training::HersheyFont>> fonts;
    for (const auto& path : training::HersheyFont::handwritingFontPaths(dir))
        fonts.push_back(std::make_shared<training::HersheyFont>(training::HersheyFont::load(path)));
    return fonts;
}

FontWriters loadFontWriters(const QStringList& dirs, FontGroup group, int lineHeight)
{
    FontWriters out;
    for (const auto& font : loadFonts(findFontFiles(dirs), group, &out.errors)) {
        out.styles.push_back(fontStyle(font, lineHeight));
        out.names << font->id();
    }
    return out;
}

SynthFolderResult writeSynthFolder(const training::SyntheticGenerator& generator,
                                   const SynthFolderOptions& options,
                                   const std::function<void(int done, int total)>& progress)
{
    const QDir dir(options.dir);
    const int n = options.count;
    std::vector<training::ManifestRow> rows(static_cast<std::size_t>(std::max(n, 0)));
    std::vector<char> ok(rows.size(), 0);
    int done = 0, failedWrites = 0;
    std::mutex mutex;
#pragma omp parallel for schedule(dynamic, 8)
    for (int i = 0; i < n; ++i) {
        const std::uint64_t index = options.first + std::uint64_t(i);
        const training::SynthSample smp = generator.sample(index);
        bool failed = false;
        if (smp.ok()) {
            training::ManifestRow& r = rows[std::size_t(i)];
            const QString name = QStringLiteral("%1").arg(qulonglong(index), 6, 10,
                                                          QLatin1Char('0'));
            const QString file =
                name + (options.inkml ? QStringLiteral(".inkml") : QStringLiteral(".png"));
            r.file = file.toStdString();
            r.writer = smp.writer;
            r.split = options.split;
            r.flags = "synth-" + smp.source + (smp.augmented ? ",augmented" : "");
            r.text = smp.text;
            const bool written = options.inkml ? writeInkMlFile(dir.filePath(file), smp.ink)
                                               : saveGrayPng(training::lineToGray(smp.image),
                                                             dir.filePath(file));
            ok[std::size_t(i)] = written
                                 && saveAtomically(dir.filePath(name + QStringLiteral(".gt.txt")),
                                                   QByteArray::fromStdString(r.text + '\n'));
            failed = !ok[std::size_t(i)];
        }
        std::lock_guard lock(mutex);
        failedWrites += failed;
        ++done;
        if (progress)
            progress(done, n);
    }
    SynthFolderResult result;
    result.failedWrites = failedWrites;
    if (failedWrites > 0)
        return result;
    std::vector<training::ManifestRow> manifest;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (ok[i])
            manifest.push_back(std::move(rows[i]));
    training::writeManifest(QFile::encodeName(dir.path()).toStdString(), manifest,
                            options.first > 0);
    result.written = int(manifest.size());
    return result;
}

}  // namespace inklens::service
