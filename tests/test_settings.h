#pragma once
// Widget tests never touch the user's settings: QStandardPaths' test mode, and QSettings
// (native and INI) in a temporary folder the test owns. Call from initTestCase().
#include "app_info.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace inklens::testing {

inline void isolateSettings(const QTemporaryDir& dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    inklens::ui::setApplicationInfo();
    QVERIFY(QSettings().fileName().startsWith(dir.path()));
}

}  // namespace inklens::testing
