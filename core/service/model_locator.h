#pragma once
// Where the recognition model comes from when the user names none: the one search order
// shared by the command line and the window.
//
//   1. $INKLENS_MODEL
//   2. <applicationDirPath>/../share/inklens/models/default.safetensors
//      (the installed layout, and the build tree: build/bin/inklens + build/share/...)
//   3. INKLENS_SOURCE_MODEL, the model in the source tree (a compile-time path)

#include <QString>
#include <QStringList>

namespace inklens::service {

// The candidate paths in search order, whether or not they exist. Candidate 2 needs a
// QCoreApplication and is left out without one; candidate 1 when the variable is unset.
QStringList modelSearchPath();

// The first candidate that is an existing file, or an empty string. *searched (if given)
// receives the candidates, separated by ", " (with "$INKLENS_MODEL (unset)" first when
// the variable is unset), for an error message.
QString defaultModelPath(QString* searched = nullptr);

// The message for "nothing found": "no model found; searched: A, B, C; pass --model FILE",
// translated (context "inklens::service") when the application has a translator.
QString noModelMessage(const QString& searched);

}  // namespace inklens::service
