#include "cli_common.h"

#include <cstdio>

namespace inklens::cli {

CommandLine::CommandLine(const char* name, const QString& description)
    : m_name(QString::fromUtf8(name))
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
}

std::optional<int> CommandLine::parse(const QStringList& args)
{
    m_commandLine = QStringList{QStringLiteral("inklens ") + m_name} + args;
    if (!m_parser.parse(m_commandLine))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(helpText(m_parser, m_name)));
        return 0;
    }
    return std::nullopt;
}

int CommandLine::usageError(const QString& message) const
{
    return cli::usageError(m_name, message);
}

int CommandLine::failure(const QString& message) const
{
    std::fprintf(stderr, "inklens %s: %s\n", qPrintable(m_name), qPrintable(message));
    return 1;
}

QString helpText(const QCommandLineParser& parser, const QString& name)
{
    // Qt's usage line names the program as started ("Usage: build/bin/inklens [options] ...").
    QString help = parser.helpText();
    const QLatin1String usage("Usage: ");
    const qsizetype programEnd = help.indexOf(QLatin1String(" [options]"));
    const qsizetype lineEnd = help.indexOf(QLatin1Char('\n'));
    if (help.startsWith(usage) && programEnd > 0 && programEnd < lineEnd) {
        const QString command = name.isEmpty() ? QStringLiteral("inklens")
                                               : QStringLiteral("inklens ") + name;
        help.replace(usage.size(), programEnd - usage.size(), command);
    }
    return help;
}

int usageError(const QString& name, const QString& message)
{
    const QString command = name.isEmpty() ? QStringLiteral("inklens")
                                           : QStringLiteral("inklens ") + name;
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", qPrintable(command),
                 qPrintable(message), qPrintable(command));
    return 2;
}

QStringList toQStringList(const std::vector<std::string>& strings)
{
    QStringList out;
    for (const std::string& s : strings)
        out << QString::fromStdString(s);
    return out;
}

}  // namespace inklens::cli
