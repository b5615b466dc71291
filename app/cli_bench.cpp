#include "cli.h"

#include "engine_bench.h"

namespace inklens::cli {
int runBench(const QStringList& args)
{
    std::vector<std::string> a;
    for (const QString& s : args)
        a.push_back(s.toStdString());
    return inklens::bench::benchMain(a);
}
}  // namespace inklens::cli
