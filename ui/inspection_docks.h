#pragma once
// The main window's inspection docks: each inspection view (ui/inspect/) in a dock titled
// by the view (kept in sync), its own toggle listed in a menu (View > Inspection), and one
// Inspector action (tool bar, View menu, Ctrl+Shift+I) that shows or hides them all.
//
// The docks start hidden unless the saved window state shows them: writing gets the whole
// width of the window (a dock beside the canvas left it a third of it at the default
// size), and the inspector is one click away. Whether and where the user shows them is
// saved with the window state (QMainWindow::saveState; docks are named "dock_" + the
// view's objectName()).

#include <QList>
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QWidget;

namespace inklens::ui {

class InspectionDocks : public QObject
{
    Q_OBJECT
public:
    // window: owns this and the docks; menu: gets each dock's toggle, enabled once a view
    // is there. add() views after the window has restored its state (restoreState).
    InspectionDocks(QMainWindow* window, QMenu* menu);

    // Checkable: checked while any inspection dock is shown; disabled until a view is added.
    QAction* toggleAction() const { return m_toggle; }

    // Puts view in a new dock in area, where the saved state had it, else hidden.
    QDockWidget* add(QWidget* view, Qt::DockWidgetArea area);
    const QList<QDockWidget*>& docks() const { return m_docks; }

    // Shows (and raises) or hides every inspection dock.
    void setShown(bool shown);
    bool anyShown() const;

    void retranslate();

private:
    void updateToggle();

    QMainWindow* m_window;
    QMenu* m_menu;
    QAction* m_toggle;
    QList<QDockWidget*> m_docks;
};

}  // namespace inklens::ui
