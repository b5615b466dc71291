#pragma once
// The main window: lays out the views and wires menus to them. It holds no
// recognition logic; the views and services it hosts do the work.
#include <QMainWindow>
#include <QString>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;

namespace inklens::ui {

class Translator;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // translator: the application's, outlives the window. The constructor
    // applies the saved language and restores the saved geometry and state.
    explicit MainWindow(Translator& translator, QWidget* parent = nullptr);
    ~MainWindow() override;

    // setting: "" (system default) or a code from supportedLanguages().
    // Installs the translation, saves the choice and checks its menu entry.
    void setLanguage(const QString& setting);

    // The text of Help > About InkLens (rich text, in the current language).
    static QString aboutText();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void retranslateUi();
    void showAbout();
    void readSettings();
    void writeSettings() const;

    Translator& m_translator;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;

    QAction* m_quitAction = nullptr;
    QAction* m_statusBarAction = nullptr;
    QAction* m_fullScreenAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_systemLanguageAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;

    QLabel* m_canvasPlaceholder = nullptr;  // replaced by the ink canvas
    QLabel* m_statusLabel = nullptr;
};

}  // namespace inklens::ui
