#pragma once
// Language menu: "System Default" and one entry per shipped language (its endonym). A
// choice installs the translation (Translator), is remembered (QSettings "ui/language")
// and checks its entry. Entries are named "languageAction_system" and
// "languageAction_<code>".
#include <QMenu>
#include <QString>

class QAction;
class QActionGroup;

namespace inklens::ui {

class Translator;

class LanguageMenu : public QMenu
{
    Q_OBJECT
public:
    // translator: outlives the menu. Does not apply the saved choice: see restore().
    LanguageMenu(Translator& translator, QWidget* parent = nullptr);

    // setting: "" (system default) or a code from supportedLanguages(). Installs the
    // translation, saves the choice and checks its entry.
    void setLanguage(const QString& setting);
    // Applies the saved choice (the system's language when none is saved).
    void restore();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    Translator& m_translator;
    QActionGroup* m_group = nullptr;
    QAction* m_systemAction = nullptr;
};

}  // namespace inklens::ui
