#pragma once
// The Recognition menu's options: the language model on or off, skew correction, the word
// list. Owns them, remembers them (QSettings, keys under "recognition/"), pushes them to
// the recognition service, and offers them as QActions the window only puts in its menu.
//
//   action toggled -> setting saved -> service.setOptions() -> changed() (read again)
//   Use a Word List... -> file dialog -> service.setWordList(path)
//   service.wordListLoaded / wordListFailed -> setting saved, No Word List enabled
//   service.modelLoaded -> the language-model action enabled when the model has one
//   Writing Language > X -> setting saved -> service.setWritingLanguage(X) (the model's
//   language model becomes X's), a word list that followed the language becomes X's
//   -> changed()
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QActionGroup;
class QMenu;
class QWidget;

namespace inklens::service {
class RecognitionService;
}

namespace inklens::ui {

class RecognitionOptions : public QObject
{
    Q_OBJECT
public:
    // service: outlives this. Reads the saved options and applies them to the service
    // (a remembered word list is read once a model is there). dialogParent: the window
    // the word-list file dialog belongs to (null: none).
    RecognitionOptions(service::RecognitionService& service, QWidget* dialogParent,
                       QObject* parent = nullptr);

    // The actions, in menu order: language model, skew correction, (separator), word
    // list..., the writing language's word list, no word list. Named "languageModelAction",
    // "deskewAction", "wordListAction", "languageWordListAction", "noWordListAction"; texts
    // in the current language.
    QAction* languageModelAction() const { return m_languageModelAction; }
    QAction* deskewAction() const { return m_deskewAction; }
    QAction* wordListAction() const { return m_wordListAction; }
    QAction* noWordListAction() const { return m_noWordListAction; }
    QAction* languageWordListAction() const { return m_languageWordListAction; }

    bool languageModel() const;  // the user's choice (the model may have none)
    void setLanguageModel(bool on);
    // Whether the loaded model has a language model (the action is enabled only then).
    bool languageModelAvailable() const { return m_languageModelAvailable; }
    bool deskew() const;
    void setDeskew(bool on);

    // The language of the writing (service/writing_language.h): "en", "fr", "de", "es".
    // Remembered ("recognition/writingLanguage"); the first time, the user-interface
    // language's when InkLens reads it, English otherwise. Its actions (checkable, one
    // checked) are named "writingLanguageAction_<code>".
    QString writingLanguage() const { return m_writingLanguage; }
    // The remembered language (or that default), for a service set up before the window
    // (so that the model is read once, with the right language model).
    static QString savedWritingLanguage();
    void setWritingLanguage(const QString& code);
    QList<QAction*> writingLanguageActions() const;
    // Adds the Writing Language submenu ("writingLanguageMenu") at the end of `menu`.
    void addWritingLanguageMenu(QMenu* menu);
    // The list of the writing language (Debian's in /usr/share/dict, when installed): it
    // then follows the language. Empty path: as clearWordList().
    void useWritingLanguageWordList();

    // The user picked a list (what the file dialog does): read on the recognition thread;
    // wordListFailed(message, true) when it does not load. Empty path: as clearWordList().
    void chooseWordList(const QString& path);
    void clearWordList();
    QString wordList() const;  // the list in use (the service's), empty = none

    // Where the word-list dialog starts: the folder of the last list chosen, else
    // /usr/share/dict when it exists, else `fallback`.
    static QString wordListFolder(const QString& fallback);

    // Sets the action texts in the current language (call on QEvent::LanguageChange).
    void retranslate();

signals:
    // An option that changes the reading changed: what is shown should be read again.
    void changed();
    // A word list did not load. chosenByUser: just picked in the dialog (a warning box is
    // shown over dialogParent); otherwise the list remembered from last time (it is
    // forgotten, and statusMessage() says why).
    void wordListFailed(const QString& message, bool chosenByUser);
    // A passing message for the status bar (QStatusBar::showMessage).
    void statusMessage(const QString& message, int timeoutMs);

private:
    void applyToService();  // the one place that writes the service's options struct
    void wordListDialog();

    service::RecognitionService& m_service;
    QWidget* m_dialogParent = nullptr;
    bool m_languageModelAvailable = false;
    bool m_wordListChosen = false;  // the user just chose a list: a failure gets a dialog

    QAction* m_languageModelAction = nullptr;
    QAction* m_deskewAction = nullptr;
    QAction* m_wordListAction = nullptr;
    QAction* m_noWordListAction = nullptr;
    QAction* m_languageWordListAction = nullptr;
    QActionGroup* m_writingLanguageGroup = nullptr;
    QPointer<QMenu> m_writingLanguageMenu;
    QString m_writingLanguage;
};

}  // namespace inklens::ui
