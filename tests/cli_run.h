#pragma once
// Runs the built inklens executable (INKLENS_BIN) in a child process, for the CLI tests:
// its exit code (-1 when it crashed or timed out) and output. INKLENS_MODEL is removed
// from the inherited environment; `env` adds variables.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtGlobal>

namespace inklens::testing {

struct CliRun
{
    int exitCode = -1;
    QByteArray out, err;

    // stdout as JSON lines; an empty list (and a warning) on a line that is not one object.
    QList<QJsonObject> objects() const
    {
        QList<QJsonObject> list;
        for (const QByteArray& line : out.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                qWarning("not a JSON object: %s", line.constData());
                return {};
            }
            list << doc.object();
        }
        return list;
    }
};

inline CliRun runInklens(const QStringList& args, const QMap<QString, QString>& env = {},
                         int timeoutMs = 180'000)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("INKLENS_MODEL"));
    for (auto it = env.begin(); it != env.end(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(INKLENS_BIN), args);
    CliRun r;
    if (!process.waitForFinished(timeoutMs)) {
        qWarning("inklens %s did not finish", qPrintable(args.join(QLatin1Char(' '))));
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

}  // namespace inklens::testing
