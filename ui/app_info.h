#pragma once
// The application's names and version, in one place. QSettings, QStandardPaths,
// window titles and the About box all read what setApplicationInfo() sets.
#include <QString>

namespace inklens::ui {

// Sets organization "InkLens", application "InkLens", the display name and the
// version. Call once at start, before any QSettings or QStandardPaths use.
// Safe to call before or without a QGuiApplication.
void setApplicationInfo();

// The project version from CMake, e.g. "0.1.0".
QString applicationVersion();

// The text of Help > About InkLens (rich text, in the current language): the version,
// what InkLens is, the training data's credits and licences, the Qt versions, the
// engine's kernels on this CPU (nn/kernels.h).
QString aboutText();

}  // namespace inklens::ui
