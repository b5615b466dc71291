#pragma once
// Building blocks of the window's menus: a named action with a shortcut and a theme icon
// (falling back to the style's), and a named menu filled from a list (null = separator).
// Object names let tests and saveState() find them; texts are set on retranslation.

#include <QKeySequence>
#include <QList>
#include <QStyle>

class QAction;
class QMenu;
class QMenuBar;
class QWidget;

namespace inklens::ui {

QAction* makeAction(QWidget* owner, const char* name, const QKeySequence& shortcut = {},
                    const char* themeIcon = nullptr,
                    QStyle::StandardPixmap fallback = QStyle::SP_CustomBase);

// parentMenu null: a menu of the menu bar.
QMenu* makeMenu(QMenuBar* bar, QMenu* parentMenu, const char* name, const QList<QAction*>& actions);

}  // namespace inklens::ui
