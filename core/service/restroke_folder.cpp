#include "restroke_folder.h"

#include "nn/param.h"
#include "nn/tensor.h"
#include "service/documents.h"
#include "service/line_loader.h"
#include "service/page_formats.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <mutex>
#include <set>

namespace inklens::service {

std::vector<training::GroundTruthLine> restrokeSelection(const std::vector<std::string>& dirs,
                                                         RestrokeWriters writers,
                                                         int holdoutWriters, int limit)
{
    std::vector<training::GroundTruthLine> out;
    for (const std::string& dir : dirs) {
        // One folder at a time: its held-out writers are its own, as in training, and the
        // limit applies to each.
        training::DatasetSplit split = training::splitGroundTruth({dir}, holdoutWriters);
        std::vector<training::GroundTruthLine> lines;
        if (writers != RestrokeWriters::HeldOut)
            for (auto& l : split.train) {
                l.split = "train";
                lines.push_back(std::move(l));
            }
        if (writers != RestrokeWriters::Train)
            for (auto& l : split.val) {
                l.split = "val";
                lines.push_back(std::move(l));
            }
        for (auto& l : training::spreadEvenly(std::move(lines), limit))
            out.push_back(std::move(l));
    }
    return out;
}

namespace {

std::uint64_t writerSeed(std::uint64_t seed, const std::string& writer)
{
    // A stable number from the writer id (FNV-1a), mixed with the seed.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : writer)
        h = (h ^ c) * 1099511628211ull;
    return nn::mixSeed(seed, h) | 1;  // never 0 (0 means "from the line's seed")
}

}  // namespace

RestrokeFolderResult writeRestrokeFolder(const std::vector<training::GroundTruthLine>& lines,
                                         const RestrokeFolderOptions& options,
                                         const std::function<void(int done, int total)>& progress)
{
    const QDir dir(options.dir);
    const int n = int(lines.size());
    // Names: the picture's base name; a repeated one gets "_2", "_3", ...
    std::vector<QString> names(lines.size());
    std::set<QString> taken;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const QString base =
            QFileInfo(QString::fromStdString(lines[i].imagePath)).completeBaseName();
        QString name = base;
        for (int k = 2; taken.count(name); ++k)
            name = base + QStringLiteral("_%1").arg(k);
        taken.insert(name);
        names[i] = name;
    }
    std::vector<training::ManifestRow> rows(lines.size());
    std::vector<char> ok(lines.size(), 0);
    RestrokeFolderResult result;
    int done = 0;
    std::mutex mutex;
#pragma omp parallel for schedule(dynamic, 4)
    for (int i = 0; i < n; ++i) {
        const training::GroundTruthLine& line = lines[std::size_t(i)];
        const QString name = names[std::size_t(i)];
        QString error;
        bool isEmpty = false, writeFailed = false;
        const QImage img = loadGrayImage(QString::fromStdString(line.imagePath), &error);
        if (!img.isNull()) {
            try {
                training::RestrokeOptions ro = options.restroke;
                ro.writerSeed = writerSeed(options.seed, line.writer);
                const cv::Mat gray = grayMat(img);
                training::RestrokeTrace trace;
                const imaging::Ink ink = training::restrokeLine(
                    gray, ro, nn::mixSeed(options.seed, std::uint64_t(i)), &trace);
                if (ink.empty()) {
                    isEmpty = true;
                } else {
                    const QString file = name + QStringLiteral(".inkml");
                    const QString truth = QString::fromStdString(
                        training::cleanGroundTruth(line.text, line.flags));
                    const QString gt = dir.filePath(name + QStringLiteral(".gt.txt"));
                    QString why;  // saveInkDocument's message does not name the file
                    if (!saveInkDocument(dir.filePath(file), ink, &why, truth)) {
                        writeFailed = true;
                        error = QStringLiteral("cannot write %1: %2").arg(dir.filePath(file), why);
                    } else if (!saveAtomically(gt, QByteArray::fromStdString(line.text + '\n'),
                                               &why)) {
                        writeFailed = true;
                        error = QStringLiteral("cannot write %1: %2").arg(gt, why);
                    } else {
                        training::ManifestRow& r = rows[std::size_t(i)];
                        r.file = file.toStdString();
                        r.writer = line.writer;
                        r.split = line.split;
                        const bool noFlags = line.flags.empty() || line.flags == "-";
                        r.flags = noFlags ? "restroke" : line.flags + ",restroke";
                        r.text = line.text;
                        ok[std::size_t(i)] = 1;
                    }
                    if (!options.previewDir.isEmpty())
                        saveGrayPng(
                            training::restrokePreview(gray, ink, trace.strokeWidth, &trace),
                            QDir(options.previewDir).filePath(name + QStringLiteral(".png")));
                }
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
        }
        std::lock_guard lock(mutex);
        if (!ok[std::size_t(i)] && !isEmpty) {
            ++(writeFailed ? result.failedWrites : result.unreadable);
            result.errors << QStringLiteral("%1: %2").arg(QString::fromStdString(line.imagePath),
                                                          error);
        }
        result.empty += isEmpty;
        ++done;
        if (progress)
            progress(done, n);
    }
    if (result.failedWrites > 0)
        return result;
    std::vector<training::ManifestRow> manifest;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (ok[i])
            manifest.push_back(std::move(rows[i]));
    training::writeManifest(QFile::encodeName(dir.path()).toStdString(), manifest, false);
    result.written = int(manifest.size());
    return result;
}

}  // namespace inklens::service
