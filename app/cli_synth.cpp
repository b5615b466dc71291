// inklens synth: writes a ground-truth folder of synthetic handwriting lines (Hershey pen
// trajectories and handwriting fonts, core/training/synth) that `inklens train --data`
// and `inklens eval --data` read as they are: NAME.png + NAME.gt.txt and a manifest.tsv
// (file, writer, split, flags, text). Deterministic for a seed, whatever the threads.
// The writers and the folder are core/service/synth_folder's; this file parses and prints.
#include "cli.h"
#include "cli_common.h"

#include "nn/tensor.h"
#include "service/font_renderer.h"
#include "service/synth_folder.h"
#include "training/synth.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

#include <cstdio>
#include <memory>

#ifndef INKLENS_SOURCE_DIR
#define INKLENS_SOURCE_DIR ""
#endif

namespace inklens::cli {

int runSynth(const QStringList& args)
{
    CommandLine command(
        "synth",
        QStringLiteral(
            "Write synthetic handwriting lines as a ground-truth folder (NAME.png + NAME.gt.txt, manifest.tsv).\n"
            "Writers: Hershey single-stroke fonts (Debian hershey-fonts-data) with random writer styles, and\n"
            "handwriting fonts (scripts/fetch-fonts.sh; fonts-dkg-handwriting). The held-out font families (%1)\n"
            "are only written with --fonts heldout, whose rows are marked split=val.")
            .arg(service::heldOutFamilies().join(QStringLiteral(", "))));
    QCommandLineParser& p = command.parser();
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("Folder to write (created)."), QStringLiteral("DIR"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Number of lines."),
                                   QStringLiteral("N"));
    const QCommandLineOption height(QStringLiteral("height"),
                                    QStringLiteral("Line height in pixels."), QStringLiteral("H"),
                                    QStringLiteral("40"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption start(QStringLiteral("start"),
                                   QStringLiteral("Index of the first line (continue a data set)."),
                                   QStringLiteral("I"), QStringLiteral("0"));
    const QCommandLineOption fonts(
        QStringLiteral("fonts"),
        QStringLiteral("Handwriting fonts: train (default), heldout or none."),
        QStringLiteral("GROUP"), QStringLiteral("train"));
    const QCommandLineOption hershey(
        QStringLiteral("hershey"),
        QStringLiteral("Share of Hershey lines, 0..1 (default: 0.5; 1 without fonts; 0 with "
                       "--fonts heldout)."),
        QStringLiteral("W"));
    const QCommandLineOption writers(QStringLiteral("writers"),
                                     QStringLiteral("Number of Hershey writer styles."),
                                     QStringLiteral("N"), QStringLiteral("400"));
    const QCommandLineOption words(
        QStringLiteral("words"),
        QStringLiteral("Word list, one word a line (repeatable; default: Debian's "
                       "/usr/share/dict american-english, french, ngerman, spanish)."),
        QStringLiteral("FILE"));
    const QCommandLineOption fontDir(
        QStringLiteral("font-dir"),
        QStringLiteral("Folder of font files (repeatable; default: third_party/fonts, "
                       "$INKLENS_FONT_DIR, fonts-dkg-handwriting)."),
        QStringLiteral("DIR"));
    const QCommandLineOption hersheyDir(
        QStringLiteral("hershey-dir"), QStringLiteral("Folder of Hershey .jhf fonts."),
        QStringLiteral("DIR"), QStringLiteral("/usr/share/hershey-fonts"));
    const QCommandLineOption augment(
        QStringLiteral("augment"),
        QStringLiteral("Apply the trainer's augmentation before saving (usually not: the "
                       "trainer augments on the fly)."));
    const QCommandLineOption inkml(
        QStringLiteral("inkml"),
        QStringLiteral(
            "Write the Hershey lines as pen trajectories (NAME.inkml), which "
            "'recognize' and 'eval' read through the canvas' path; implies --hershey 1."));
    const QCommandLineOption fontInk(
        QStringLiteral("font-ink"),
        QStringLiteral("Handwriting fonts as ink: each font line re-stroked (outlines -> centre "
                       "lines -> pen strokes, as 'restroke' does) and drawn as the canvas's ink; "
                       "with --inkml written as NAME.inkml like the Hershey lines."));
    const QCommandLineOption langWeights(
        QStringLiteral("lang-weights"),
        QStringLiteral(
            "Relative weights of the word lists' languages, e.g. en=2,fr=1,de=0.5,es=0.5 "
            "(default: every language alike)."),
        QStringLiteral("LANG=W,..."));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Threads (0 = all cores)."),
                                     QStringLiteral("T"), QStringLiteral("0"));
    p.addOptions({out, count, height, seed, start, fonts, hershey, writers, words, fontDir,
                  hersheyDir, augment, inkml, fontInk, langWeights, threads});
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    if (!p.isSet(out) || !p.isSet(count))
        return command.usageError(QStringLiteral("--out and --count are required"));
    bool okCount = false, okHeight = false, okSeed = false, okStart = false, okWriters = false;
    const int n = p.value(count).toInt(&okCount);
    const int h = p.value(height).toInt(&okHeight);
    const quint64 s = p.value(seed).toULongLong(&okSeed);
    const qint64 first = p.value(start).toLongLong(&okStart);
    const int nWriters = p.value(writers).toInt(&okWriters);
    const QString group = p.value(fonts);
    if (!okCount || n < 0 || !okHeight || h < 8 || h > 512 || !okSeed || !okStart || first < 0
        || !okWriters || nWriters < 1)
        return command.usageError(QStringLiteral(
            "--count, --height (8..512), --seed, --start and --writers take numbers"));
    if (group != QLatin1String("train") && group != QLatin1String("heldout")
        && group != QLatin1String("none"))
        return command.usageError(QStringLiteral("--fonts takes train, heldout or none"));
    const bool heldOut = group == QLatin1String("heldout");
    float hersheyShare = heldOut ? 0.f : 0.5f;
    if (p.isSet(hershey)) {
        bool ok = false;
        hersheyShare = p.value(hershey).toFloat(&ok);
        if (!ok || hersheyShare < 0 || hersheyShare > 1)
            return command.usageError(QStringLiteral("--hershey takes a share between 0 and 1"));
    }
    const bool asInk = p.isSet(inkml);
    const bool fontsAsInk = p.isSet(fontInk);
    if (asInk && !fontsAsInk)
        hersheyShare = 1.f;  // only Hershey lines have pen trajectories then

    try {
        nn::setNumThreads(p.value(threads).toInt());
        const model::Charset charset = model::Charset::defaultLatin();

        // Texts.
        std::vector<std::string> lists;
        if (p.isSet(words)) {
            for (const QString& f : p.values(words))
                lists.push_back(f.toStdString());
        } else {
            lists = training::TextSource::debianWordLists();
        }
        training::TextSourceOptions textOptions;
        if (p.isSet(langWeights))
            textOptions.languageWeights = training::parseLanguageWeights(
                p.value(langWeights).toStdString());
        auto text = std::make_shared<training::TextSource>(charset, lists, textOptions);
        for (const auto& m : text->missingLists())
            std::fprintf(stderr, "inklens synth: word list not found: %s\n", m.c_str());
        if (p.isSet(words) && text->wordCount() == 0) {
            std::fprintf(stderr, "inklens synth: no usable word in the --words lists\n");
            return 1;
        }

        // Hershey fonts.
        std::vector<std::shared_ptr<const training::HersheyFont>> hersheyFonts;
        if (hersheyShare > 0) {
            hersheyFonts = service::loadHersheyFonts(p.value(hersheyDir).toStdString());
            if (hersheyFonts.empty()) {
                std::fprintf(
                    stderr,
                    "inklens synth: no Hershey fonts in %s (Debian: apt-get install hershey-fonts-data)\n",
                    qPrintable(p.value(hersheyDir)));
                if (hersheyShare >= 1 || group == QLatin1String("none"))
                    return 1;
            }
        }

        // Handwriting fonts.
        std::vector<training::FontStyle> fontStyles;
        QStringList fontNames;
        if (group != QLatin1String("none") && hersheyShare < 1) {
            QStringList dirs = p.values(fontDir);
            if (dirs.isEmpty()) {
                QStringList from;
                if (*INKLENS_SOURCE_DIR)
                    from << QString::fromUtf8(INKLENS_SOURCE_DIR);
                from << QDir::currentPath();
                dirs = service::defaultFontDirs(QCoreApplication::applicationDirPath(), from);
            }
            service::FontWriters loaded = service::loadFontWriters(
                dirs, heldOut ? service::FontGroup::HeldOut : service::FontGroup::Train, h);
            for (const QString& e : loaded.errors)
                std::fprintf(stderr, "inklens synth: %s\n", qPrintable(e));
            fontStyles = std::move(loaded.styles);
            fontNames = loaded.names;
            if (fontStyles.empty()) {
                std::fprintf(
                    stderr,
                    "inklens synth: no %s handwriting fonts found in %s (run scripts/fetch-fonts.sh)\n",
                    heldOut ? "held-out" : "training", qPrintable(dirs.join(QStringLiteral(", "))));
                if (hersheyFonts.empty())
                    return 1;
            }
        }
        if (hersheyFonts.empty() && fontStyles.empty()) {
            std::fprintf(stderr,
                         "inklens synth: nothing to write with (--hershey 0 and no fonts)\n");
            return 1;
        }

        training::SynthOptions synthOptions = service::synthOptions(h, s, heldOut, hersheyShare,
                                                                    nWriters, p.isSet(augment));
        synthOptions.fontInk = fontsAsInk;
        const training::SyntheticGenerator gen(text, hersheyFonts, fontStyles, synthOptions);

        const QDir dir(p.value(out));
        if (!QDir().mkpath(dir.path())) {
            std::fprintf(stderr, "inklens synth: cannot create %s\n", qPrintable(dir.path()));
            return 1;
        }
        std::string hersheyNames;
        for (const auto& f : hersheyFonts)
            hersheyNames += (hersheyNames.empty() ? "" : ",") + f->name();
        std::fprintf(
            stderr,
            "inklens synth: %d lines of height %d into %s; Hershey: %s (share %.2f); fonts: %s\n",
            n, h, qPrintable(dir.path()), hersheyNames.empty() ? "none" : hersheyNames.c_str(),
            double(hersheyShare),
            fontNames.isEmpty() ? "none" : qPrintable(fontNames.join(QLatin1Char(','))));

        service::SynthFolderOptions folder;
        folder.dir = dir.path();
        folder.first = std::uint64_t(first);
        folder.count = n;
        folder.inkml = asInk;
        folder.split = heldOut ? "val" : "train";
        // The manifest: rows of earlier runs into the same folder (--start) are kept.
        const service::SynthFolderResult result = service::writeSynthFolder(
            gen, folder, [](int done, int total) {
                if (done % 2000 == 0)
                    std::fprintf(stderr, "  %d / %d\n", done, total);
            });
        if (result.failedWrites > 0) {
            std::fprintf(stderr, "inklens synth: %d files could not be written in %s\n",
                         result.failedWrites, qPrintable(dir.path()));
            return 1;
        }
        const int written = result.written;
        std::fprintf(stderr, "inklens synth: wrote %d lines (%d could not be made)\n", written,
                     n - written);
        return written == n ? 0 : 1;
    } catch (const std::exception& e) {
        return command.failure(QString::fromUtf8(e.what()));
    }
}

}  // namespace inklens::cli
