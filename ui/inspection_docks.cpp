#include "inspection_docks.h"

#include "actions.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSignalBlocker>

#include <algorithm>

namespace inklens::ui {

InspectionDocks::InspectionDocks(QMainWindow* window, QMenu* menu)
    : QObject(window),
      m_window(window),
      m_menu(menu),
      m_toggle(
          makeAction(window, "inspectorAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)))
{
    m_toggle->setCheckable(true);
    m_toggle->setEnabled(false);
    m_menu->setEnabled(false);
    connect(m_toggle, &QAction::triggered, this, &InspectionDocks::setShown);
    retranslate();
}

QDockWidget* InspectionDocks::add(QWidget* view, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(view->windowTitle(), m_window);
    dock->setObjectName(QStringLiteral("dock_") + view->objectName());
    dock->setWidget(view);
    connect(view, &QWidget::windowTitleChanged, dock, &QDockWidget::setWindowTitle);
    // Where the user left it, if the saved state knows it (restoreDockWidget() must come
    // first: it also succeeds for a dock just added); else in area, hidden.
    if (!m_window->restoreDockWidget(dock)) {
        m_window->addDockWidget(area, dock);
        dock->hide();
    }
    connect(dock->toggleViewAction(), &QAction::toggled, this, &InspectionDocks::updateToggle);
    m_docks.append(dock);
    m_menu->addAction(dock->toggleViewAction());
    m_menu->setEnabled(true);
    m_toggle->setEnabled(true);
    updateToggle();
    return dock;
}

void InspectionDocks::setShown(bool shown)
{
    for (QDockWidget* dock : std::as_const(m_docks)) {
        dock->setVisible(shown);
        if (shown)
            dock->raise();  // the current tab if it shares an area with other docks
    }
    updateToggle();
}

bool InspectionDocks::anyShown() const
{
    return std::any_of(m_docks.begin(), m_docks.end(),
                       [](const QDockWidget* d) { return d->toggleViewAction()->isChecked(); });
}

void InspectionDocks::updateToggle()
{
    const QSignalBlocker quiet(m_toggle);
    m_toggle->setChecked(anyShown());
}

void InspectionDocks::retranslate()
{
    m_toggle->setText(tr("I&nspector"));
    m_toggle->setStatusTip(tr("Show or hide the inspection views: how the network reads the line"));
}

}  // namespace inklens::ui
