#include "language_menu.h"

#include "language.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QSettings>

namespace inklens::ui {

namespace {
const QString kLanguageKey = QStringLiteral("ui/language");
}  // namespace

LanguageMenu::LanguageMenu(Translator& translator, QWidget* parent)
    : QMenu(parent), m_translator(translator)
{
    setObjectName(QStringLiteral("languageMenu"));
    m_group = new QActionGroup(this);
    m_group->setExclusive(true);
    m_systemAction = new QAction(m_group);
    m_systemAction->setObjectName(QStringLiteral("languageAction_system"));
    m_systemAction->setData(QString());
    m_systemAction->setCheckable(true);
    addAction(m_systemAction);
    addSeparator();
    for (const Language& language : supportedLanguages()) {
        auto* action = new QAction(language.nativeName, m_group);
        action->setObjectName(QStringLiteral("languageAction_") + language.code);
        action->setData(language.code);
        action->setCheckable(true);
        addAction(action);
    }
    connect(m_group, &QActionGroup::triggered, this,
            [this](QAction* action) { setLanguage(action->data().toString()); });
    retranslate();
}

void LanguageMenu::setLanguage(const QString& setting)
{
    m_translator.setLanguage(setting);
    const QString saved = m_translator.setting();
    QSettings().setValue(kLanguageKey, saved);
    for (QAction* action : m_group->actions()) {
        if (action->data().toString() == saved)
            action->setChecked(true);
    }
}

void LanguageMenu::restore()
{
    setLanguage(QSettings().value(kLanguageKey).toString());
}

void LanguageMenu::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}

void LanguageMenu::retranslate()
{
    setTitle(tr("&Language"));
    m_systemAction->setText(tr("&System Default"));
    m_systemAction->setStatusTip(tr("Use the language of the desktop"));
}

}  // namespace inklens::ui
