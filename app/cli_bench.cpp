#include "cli.h"
#include "cli_common.h"

#include "engine_bench.h"

namespace inklens::cli {
int runBench(const QStringList& args)
{
    // The common prologue (help, unknown options); bench/engine_bench.cpp reads the values.
    CommandLine command(
        "bench", QStringLiteral(
                     "Time the engine on the crnn-ref architecture (the protocol of the "
                     "shared PyTorch reference: the kernels in use, the median, then one JSON line "
                     "{\"times_ms\": [...], \"kernels\": {...}}), or compare its outputs "
                     "with PyTorch's (--check)."));
    auto value = [](const char* name, const char* help, const char* valueName) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help),
                                  QString::fromLatin1(valueName));
    };
    command.parser().addOptions({
        QCommandLineOption(QStringLiteral("crnn-ref"),
                           QStringLiteral("Run the crnn-ref architecture.")),
        value("mode", "infer (default) or train.", "MODE"),
        value("batch", "Lines per batch.", "N"),
        value("width", "Line width in pixels.", "W"),
        value("threads", "Threads (0 = all cores).", "T"),
        value("iters", "Timed iterations.", "I"),
        value("warmup", "Untimed iterations first.", "K"),
        value("target-len", "Label length (train).", "L"),
        QCommandLineOption(QStringLiteral("json"),
                           QStringLiteral("Print only the JSON line (timings and kernels).")),
        QCommandLineOption(QStringLiteral("as-unknown-cpu"),
                           QStringLiteral("Run as on a CPU that OpenBLAS does not know: load its "
                                          "generic Prescott kernels first, then let InkLens "
                                          "choose.")),
        value("check",
              "Compare with PyTorch's crnn-ref outputs in the folder of save_reference.py.", "DIR"),
    });
    if (const auto exitCode = command.parse(args))
        return *exitCode;
    std::vector<std::string> a;
    for (const QString& s : args)
        a.push_back(s.toStdString());
    return inklens::bench::benchMain(a);
}
}  // namespace inklens::cli
