#pragma once
// What every fuzz target shares: a QCoreApplication (Qt's image and SQL plugins are found
// through it) and a private temporary folder for targets whose code under test reads files.
// Each target defines LLVMFuzzerTestOneInput; libFuzzer (scripts/fuzz.sh) or
// replay_main.cpp (the ctest replays of fuzz/corpus and fuzz/regressions) calls it.

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace inklens::fuzz {

inline void initQt()
{
    static int argc = 1;
    static char name[] = "inklens-fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = QCoreApplication::instance() ? nullptr
                                                                : new QCoreApplication(argc, argv);
    (void)app;
}

// A folder that lives as long as the process (removed at exit).
inline const QTemporaryDir& scratchDir()
{
    static QTemporaryDir dir;
    return dir;
}

// Writes the input to `path` (replacing it); false when it cannot.
inline bool writeInput(const QString& path, const std::uint8_t* data, std::size_t size)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(reinterpret_cast<const char*>(data), qint64(size)) == qint64(size);
}

}  // namespace inklens::fuzz
