#pragma once
// Writing test input files: the whole of bytes to path (created or truncated), or the
// test fails there.
#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtTest>

namespace inklens::testing {

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(f.write(bytes), bytes.size());
}

}  // namespace inklens::testing
