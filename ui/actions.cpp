#include "actions.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QWidget>

namespace inklens::ui {

QAction* makeAction(QWidget* owner, const char* name, const QKeySequence& shortcut,
                    const char* themeIcon, QStyle::StandardPixmap fallback)
{
    auto* action = new QAction(owner);
    if (themeIcon)
        action->setIcon(QIcon::fromTheme(QString::fromLatin1(themeIcon),
                                         owner->style()->standardIcon(fallback)));
    action->setObjectName(QString::fromLatin1(name));
    action->setShortcut(shortcut);
    return action;
}

QMenu* makeMenu(QMenuBar* bar, QMenu* parentMenu, const char* name, const QList<QAction*>& actions)
{
    QMenu* menu = parentMenu ? parentMenu->addMenu(QString()) : bar->addMenu(QString());
    menu->setObjectName(QString::fromLatin1(name));
    for (QAction* action : actions) {
        if (action)
            menu->addAction(action);
        else
            menu->addSeparator();
    }
    return menu;
}

}  // namespace inklens::ui
