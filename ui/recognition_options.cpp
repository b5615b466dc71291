#include "recognition_options.h"

#include "file_dialogs.h"
#include "language.h"

#include "service/recognition_service.h"
#include "service/writing_language.h"

#include <QAction>
#include <QActionGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace inklens::ui {

namespace {
// QSettings keys (the window's before this class existed: users keep their settings).
const QString kLanguageModelKey = QStringLiteral("recognition/languageModel");
const QString kDeskewKey = QStringLiteral("recognition/deskew");
const QString kWordListKey = QStringLiteral("recognition/wordList");
const QString kWordListFolderKey = QStringLiteral("files/wordListFolder");
const QString kWritingLanguageKey = QStringLiteral("recognition/writingLanguage");
const QString kUiLanguageKey = QStringLiteral("ui/language");  // language_menu.cpp's
const QString kSystemDictionary = QStringLiteral("/usr/share/dict");
}  // namespace

RecognitionOptions::RecognitionOptions(service::RecognitionService& service, QWidget* dialogParent,
                                       QObject* parent)
    : QObject(parent), m_service(service), m_dialogParent(dialogParent)
{
    const QSettings settings;

    m_languageModelAction = new QAction(this);
    m_languageModelAction->setObjectName(QStringLiteral("languageModelAction"));
    m_languageModelAction->setCheckable(true);
    m_languageModelAction->setChecked(settings.value(kLanguageModelKey, true).toBool());
    m_languageModelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    const auto model = m_service.model();
    m_languageModelAvailable = model && model->languageModel;
    m_languageModelAction->setEnabled(m_languageModelAvailable);  // only with a model that has one

    m_deskewAction = new QAction(this);
    m_deskewAction->setObjectName(QStringLiteral("deskewAction"));
    m_deskewAction->setCheckable(true);
    m_deskewAction->setChecked(settings.value(kDeskewKey, true).toBool());

    m_wordListAction = new QAction(this);
    m_wordListAction->setObjectName(QStringLiteral("wordListAction"));
    m_wordListAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));

    m_noWordListAction = new QAction(this);
    m_noWordListAction->setObjectName(QStringLiteral("noWordListAction"));
    m_noWordListAction->setEnabled(!m_service.wordList().isEmpty());  // only while a list is in use

    m_languageWordListAction = new QAction(this);
    m_languageWordListAction->setObjectName(QStringLiteral("languageWordListAction"));

    m_writingLanguageGroup = new QActionGroup(this);
    m_writingLanguageGroup->setExclusive(true);
    const QStringList choices = QStringList{service::kAutomaticLanguage}
                                + service::writingLanguages();
    for (const QString& code : choices) {
        auto* a = new QAction(service::writingLanguageName(code), m_writingLanguageGroup);
        a->setObjectName(QStringLiteral("writingLanguageAction_") + code);
        a->setCheckable(true);
        a->setData(code);
        connect(a, &QAction::triggered, this, [this, code] { setWritingLanguage(code); });
    }
    const QString language = savedWritingLanguage();
    m_writingLanguage = language;
    for (QAction* a : m_writingLanguageGroup->actions())
        a->setChecked(a->data().toString() == language);
    m_service.setWritingLanguage(language);  // before the model arrives: no second load

    applyToService();
    // Read on the recognition thread once the model is there.
    const QString wordList = settings.value(kWordListKey).toString();
    if (!wordList.isEmpty())
        m_service.setWordList(wordList);

    auto toggled = [this](const QString& key, bool on) {
        QSettings().setValue(key, on);
        applyToService();
        emit changed();
    };
    connect(m_languageModelAction, &QAction::toggled, this,
            [toggled](bool on) { toggled(kLanguageModelKey, on); });
    connect(m_deskewAction, &QAction::toggled, this,
            [toggled](bool on) { toggled(kDeskewKey, on); });
    connect(m_wordListAction, &QAction::triggered, this, &RecognitionOptions::wordListDialog);
    connect(m_noWordListAction, &QAction::triggered, this, &RecognitionOptions::clearWordList);
    connect(m_languageWordListAction, &QAction::triggered, this,
            &RecognitionOptions::useWritingLanguageWordList);

    connect(&m_service, &service::RecognitionService::modelLoaded, this,
            [this](const std::shared_ptr<const model::Model>& loaded) {
        m_languageModelAvailable = loaded && loaded->languageModel;
        m_languageModelAction->setEnabled(m_languageModelAvailable);
    });
    connect(&m_service, &service::RecognitionService::wordListLoaded, this,
            [this](const QString& path) {
        m_wordListChosen = false;
        m_noWordListAction->setEnabled(!path.isEmpty());
        QSettings().setValue(kWordListKey, path);
        emit changed();
    });
    connect(&m_service, &service::RecognitionService::wordListFailed, this,
            [this](const QString& message) {
        const bool chosen = m_wordListChosen;
        m_wordListChosen = false;
        // A remembered list that no longer loads is forgotten; a list just chosen leaves the
        // one in use (the service's) in place.
        QSettings().setValue(kWordListKey, m_service.wordList());
        emit wordListFailed(message, chosen);
        if (!chosen)
            emit statusMessage(message, 15000);
        else if (m_dialogParent)
            QMessageBox::warning(m_dialogParent, tr("Word list not used"), message);
    });

    retranslate();
}

// The only place that touches the service's options struct (reading::ReadOptions).
void RecognitionOptions::applyToService()
{
    auto options = m_service.options();
    options.languageModel = m_languageModelAction->isChecked();
    options.deskew = m_deskewAction->isChecked();
    m_service.setOptions(options);
}

bool RecognitionOptions::languageModel() const
{
    return m_languageModelAction->isChecked();
}

void RecognitionOptions::setLanguageModel(bool on)
{
    m_languageModelAction->setChecked(on);
}

bool RecognitionOptions::deskew() const
{
    return m_deskewAction->isChecked();
}

void RecognitionOptions::setDeskew(bool on)
{
    m_deskewAction->setChecked(on);
}

void RecognitionOptions::setWritingLanguage(const QString& code)
{
    if (!service::isWritingLanguageChoice(code))
        return;
    for (QAction* a : m_writingLanguageGroup->actions())
        a->setChecked(a->data().toString() == code);
    QSettings().setValue(kWritingLanguageKey, code);
    if (code == m_writingLanguage)
        return;
    const bool followed = service::isWritingLanguageWordList(m_service.wordList())
                          || (m_writingLanguage == service::kAutomaticLanguage
                              && m_service.wordList().isEmpty());
    m_writingLanguage = code;
    // The model is read again with the language's language model, then the current ink
    // (LiveRecognition reads again at modelLoaded; changed() for the other listeners).
    m_service.setWritingLanguage(code);
    if (followed)
        useWritingLanguageWordList();
    emit changed();
}

QString RecognitionOptions::savedWritingLanguage()
{
    const QSettings settings;
    const QString saved = settings.value(kWritingLanguageKey).toString();
    if (service::isWritingLanguageChoice(saved))
        return saved;
    return service::defaultWritingLanguage(
        resolveLanguage(settings.value(kUiLanguageKey).toString()));
}

QList<QAction*> RecognitionOptions::writingLanguageActions() const
{
    return m_writingLanguageGroup->actions();
}

void RecognitionOptions::addWritingLanguageMenu(QMenu* menu)
{
    m_writingLanguageMenu = menu->addMenu(QString());
    m_writingLanguageMenu->setObjectName(QStringLiteral("writingLanguageMenu"));
    m_writingLanguageMenu->addActions(writingLanguageActions());
    retranslate();
}

void RecognitionOptions::useWritingLanguageWordList()
{
    if (m_writingLanguage == service::kAutomaticLanguage) {
        m_service.setWordList({});  // every language reads with its own list
        return;
    }
    const QString path = service::wordListFileFor(m_writingLanguage);
    if (path.isEmpty()) {
        emit statusMessage(tr("No word list for %1 is installed (Debian: %2)")
                               .arg(service::writingLanguageName(m_writingLanguage),
                                    QStringLiteral("/usr/share/dict")),
                           10000);
        return;
    }
    m_wordListChosen = true;
    m_service.setWordList(path);
}

void RecognitionOptions::chooseWordList(const QString& path)
{
    if (path.isEmpty()) {
        clearWordList();
        return;
    }
    QSettings().setValue(kWordListFolderKey, QFileInfo(path).absolutePath());
    m_wordListChosen = true;
    m_service.setWordList(path);
}

void RecognitionOptions::clearWordList()
{
    m_wordListChosen = false;
    m_service.setWordList({});
}

QString RecognitionOptions::wordList() const
{
    return m_service.wordList();
}

QString RecognitionOptions::wordListFolder(const QString& fallback)
{
    const QString folder = QSettings().value(kWordListFolderKey).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        return folder;
    return QFileInfo(kSystemDictionary).isDir() ? kSystemDictionary : fallback;
}

void RecognitionOptions::wordListDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        m_dialogParent, tr("Choose a Word List"), wordListFolder(FileDialogs::lastFolder()),
        QStringList{tr("All files (*)"), tr("Text files (*.txt)")}.join(QStringLiteral(";;")));
    if (!path.isEmpty())
        chooseWordList(path);
}

void RecognitionOptions::retranslate()
{
    m_languageModelAction->setText(tr("Use the &Language Model"));
    m_languageModelAction->setStatusTip(tr(
        "Let a model of letter sequences choose between readings the network finds equally likely"));
    m_deskewAction->setText(tr("Level &Skewed Lines"));
    m_deskewAction->setStatusTip(
        tr("Straighten a line written uphill or downhill before reading it"));
    m_wordListAction->setText(tr("Use a &Word List..."));
    m_wordListAction->setStatusTip(
        tr("Prefer the words of a list (a text file, one or more words per line): a "
           "word outside it is still read when the ink leaves no doubt"));
    m_noWordListAction->setText(tr("&No Word List"));
    m_noWordListAction->setStatusTip(tr("Read any sequence of letters again"));
    m_languageWordListAction->setText(tr("Use the Writing Language's Wo&rd List"));
    m_languageWordListAction->setStatusTip(
        tr("Prefer the words of the writing language's list (installed in /usr/share/dict); "
           "it changes with the language"));
    for (QAction* a : m_writingLanguageGroup->actions())
        if (a->data().toString() == service::kAutomaticLanguage) {
            a->setText(tr("&Automatic"));
            a->setStatusTip(tr("Read each line with every language's language model and word "
                               "list, and keep the best reading"));
        }
    if (m_writingLanguageMenu) {
        m_writingLanguageMenu->setTitle(tr("Wr&iting Language"));
        m_writingLanguageMenu->menuAction()->setStatusTip(
            tr("The language of the writing: its language model and word list help the reading"));
    }
}

}  // namespace inklens::ui
