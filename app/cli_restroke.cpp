// inklens restroke: the scanned lines of ground-truth folders as pen trajectories
// (core/training/restroke: binarize, thin, trace, redraw with a pen model), written as a
// ground-truth folder of InkML files that 'inklens eval --data' and 'inklens train --data'
// read through the canvas' path: NAME.inkml + NAME.gt.txt and a manifest.tsv (file, writer,
// split, flags, text). --writers heldout re-strokes exactly the writers 'inklens train
// --holdout-writers N' never sees. The folder is core/service/restroke_folder's; this file
// parses and prints.
#include "cli.h"
#include "cli_common.h"

#include "nn/tensor.h"
#include "service/restroke_folder.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstdio>

namespace inklens::cli {

int runRestroke(const QStringList& args)
{
    CommandLine command(
        "restroke",
        QStringLiteral(
            "Turn the scanned lines of ground-truth folders into pen ink (InkML): binarize, thin,\n"
            "trace the strokes and redraw them with a pen model (speed, pressure, jitter). Writes\n"
            "NAME.inkml + NAME.gt.txt and manifest.tsv (file writer split flags text). Lines flagged\n"
            "vertical and unreadable lines are skipped, as in training."));
    QCommandLineParser& p = command.parser();
    const QCommandLineOption data(
        QStringLiteral("data"),
        QStringLiteral("Ground-truth folder of scanned lines (repeatable)."),
        QStringLiteral("DIR"));
    const QCommandLineOption writers(
        QStringLiteral("writers"),
        QStringLiteral("Which writers: train (those training uses), heldout (those it never sees: "
                       "a manifest's val rows, else the --holdout-writers first writers) or all."),
        QStringLiteral("SET"));
    const QCommandLineOption holdout(
        QStringLiteral("holdout-writers"),
        QStringLiteral("Writers held out in folders without val rows, as 'inklens train "
                       "--holdout-writers N' (default 15)."),
        QStringLiteral("N"), QStringLiteral("15"));
    const QCommandLineOption limit(
        QStringLiteral("limit"),
        QStringLiteral("At most N lines per folder, spread evenly (0 = all)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("Folder to write (created)."), QStringLiteral("DIR"));
    const QCommandLineOption preview(
        QStringLiteral("preview"),
        QStringLiteral("Also write NAME.png into DIR: the scan, the ink at its size, and the line "
                       "the reader sees."),
        QStringLiteral("DIR"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Threads (0 = all cores)."),
                                     QStringLiteral("T"), QStringLiteral("0"));
    p.addOptions({data, writers, holdout, limit, seed, out, preview, threads});
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    if (!p.isSet(data) || !p.isSet(out) || !p.isSet(writers))
        return command.usageError(QStringLiteral("--data, --writers and --out are required"));
    if (!p.positionalArguments().isEmpty())
        return command.usageError(
            QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));
    const QString set = p.value(writers);
    service::RestrokeWriters which = service::RestrokeWriters::All;
    if (set == QLatin1String("train"))
        which = service::RestrokeWriters::Train;
    else if (set == QLatin1String("heldout"))
        which = service::RestrokeWriters::HeldOut;
    else if (set != QLatin1String("all"))
        return command.usageError(QStringLiteral("--writers takes train, heldout or all"));
    bool okLimit = false, okSeed = false, okHoldout = false, okThreads = false;
    const int maxLines = p.value(limit).toInt(&okLimit);
    const quint64 s = p.value(seed).toULongLong(&okSeed);
    const int nHoldout = p.value(holdout).toInt(&okHoldout);
    const int nThreads = p.value(threads).toInt(&okThreads);
    if (!okLimit || maxLines < 0 || !okSeed || !okHoldout || nHoldout < 0 || !okThreads)
        return command.usageError(
            QStringLiteral("--limit, --seed, --holdout-writers and --threads take numbers >= 0"));

    try {
        nn::setNumThreads(nThreads);
        std::vector<std::string> dirs;
        for (const QString& d : p.values(data))
            dirs.push_back(d.toStdString());
        const auto lines = service::restrokeSelection(dirs, which, nHoldout, maxLines);
        const QDir dir(p.value(out));
        if (!QDir().mkpath(dir.path()))
            return command.failure(QStringLiteral("cannot create %1").arg(dir.path()));
        service::RestrokeFolderOptions folder;
        folder.dir = dir.path();
        folder.seed = s;
        if (p.isSet(preview)) {
            folder.previewDir = p.value(preview);
            if (!QDir().mkpath(folder.previewDir))
                return command.failure(QStringLiteral("cannot create %1").arg(folder.previewDir));
        }
        std::fprintf(stderr, "inklens restroke: %zu lines (%s writers) into %s\n", lines.size(),
                     qPrintable(set), qPrintable(dir.path()));
        const service::RestrokeFolderResult result = service::writeRestrokeFolder(
            lines, folder, [](int done, int total) {
                if (done % 500 == 0)
                    std::fprintf(stderr, "  %d / %d\n", done, total);
            });
        for (const QString& e : result.errors)
            std::fprintf(stderr, "inklens restroke: %s\n", qPrintable(e));
        if (result.failedWrites > 0)
            return command.failure(QStringLiteral("%1 files could not be written in %2")
                                       .arg(result.failedWrites)
                                       .arg(dir.path()));
        std::fprintf(stderr, "inklens restroke: wrote %d lines (%d without ink, %d unreadable)\n",
                     result.written, result.empty, result.unreadable);
        return result.unreadable == 0 && result.written > 0 ? 0 : 1;
    } catch (const std::exception& e) {
        return command.failure(QString::fromUtf8(e.what()));
    }
}

}  // namespace inklens::cli
