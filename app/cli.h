#pragma once
// Subcommands of the inklens executable. Each takes the arguments after the
// subcommand name and returns the process exit code.
#include <QStringList>

namespace inklens::cli {
int runBench(const QStringList& args);  // app/cli_bench.cpp
}
