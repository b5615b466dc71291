#pragma once
// The prologue every inklens command shares: its parser ("inklens NAME" in the usage line,
// a description, --help), parsing with the same answers everywhere, and the messages:
//   --help             the help text on stdout, exit code 0
//   a usage error      "inklens NAME: MESSAGE" and "Run 'inklens NAME --help' for usage."
//                      on stderr, exit code 2
//   a failure          "inklens NAME: MESSAGE" on stderr, exit code 1
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace inklens::cli {

class CommandLine
{
public:
    CommandLine(const char* name, const QString& description);

    QCommandLineParser& parser() { return m_parser; }
    const QCommandLineParser& parser() const { return m_parser; }

    // Parses the arguments after the command's name. Nothing when the command should go on;
    // otherwise the exit code (0 after the help, 2 after a usage error, both printed).
    std::optional<int> parse(const QStringList& args);

    int usageError(const QString& message) const;  // prints, returns 2
    int failure(const QString& message) const;     // prints, returns 1
    // "inklens NAME ARGS..." as given (for a model's provenance).
    QString commandLine() const { return m_commandLine.join(QLatin1Char(' ')); }

private:
    QString m_name;
    QCommandLineParser m_parser;
    QStringList m_commandLine;
};

// PARSER's help text with "inklens NAME" ("inklens" alone for the top level) as the program in
// its usage line, whatever path the program was started by.
QString helpText(const QCommandLineParser& parser, const QString& name);

// The usage-error message of the command NAME ("inklens" alone for the top level); returns 2.
int usageError(const QString& name, const QString& message);

QStringList toQStringList(const std::vector<std::string>& strings);

}  // namespace inklens::cli
