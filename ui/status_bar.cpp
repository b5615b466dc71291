#include "status_bar.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QTimer>
#include <QLabel>
#include <QLocale>

namespace inklens::ui {

StatusBar::StatusBar(const service::RecognitionService& service, QWidget* parent)
    : QStatusBar(parent), m_service(service)
{
    setObjectName(QStringLiteral("statusBar"));
    auto label = [this](const char* name) {
        auto* l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        return l;
    };
    m_stateLabel = label("statusLabel");
    addWidget(m_stateLabel, 1);
    m_timesLabel = label("stageTimesLabel");
    addPermanentWidget(m_timesLabel);
    m_wordListLabel = label("wordListLabel");
    addPermanentWidget(m_wordListLabel);
    m_modelLabel = label("modelLabel");
    addPermanentWidget(m_modelLabel);

    using Service = service::RecognitionService;
    m_busyTimer = new QTimer(this);
    m_busyTimer->setSingleShot(true);
    m_busyTimer->setInterval(kBusyShownAfterMs);
    connect(m_busyTimer, &QTimer::timeout, this, &StatusBar::refresh);
    connect(&service, &Service::busyChanged, this, [this](bool busy) {
        if (busy)
            m_busyTimer->start();
        else
            m_busyTimer->stop();
        refresh();
    });
    connect(&service, &Service::modelLoaded, this, &StatusBar::refresh);
    connect(&service, &Service::modelFailed, this, &StatusBar::refresh);
    connect(&service, &Service::languageModelFailed, this, [this](const QString& message) {
        showMessage(tr("Reading without a language model: %1").arg(message), 15000);
    });
    connect(&service, &Service::wordListLoaded, this, [this](const QString& path, int words) {
        m_wordListWords = words;
        if (path.isEmpty())
            showMessage(tr("Reading without a word list"), 5000);
        else
            showMessage(tr("Reading with the word list %1 (%n words)", nullptr, words)
                            .arg(QFileInfo(path).fileName()),
                        5000);
        refresh();
    });
    refresh();
}

void StatusBar::setStageTimes(const std::optional<service::StageTimes>& times)
{
    m_times = times;
    refresh();
}

void StatusBar::setBusyShownAfter(int ms)
{
    m_busyTimer->setInterval(ms);
}

void StatusBar::showSaved(const QString& path)
{
    showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
}

QString StatusBar::stateText() const
{
    return m_stateLabel->text();
}

QString StatusBar::stageTimesText() const
{
    return m_timesLabel->text();
}

QString StatusBar::modelText() const
{
    return m_modelLabel->text();
}

QString StatusBar::wordListText() const
{
    return m_wordListLabel->text();
}

QString StatusBar::stageTimesSummary(const service::StageTimes& t)
{
    const QLocale locale;
    return tr("normalize %1 ms \u00b7 network %2 ms \u00b7 decode %3 ms")
        .arg(locale.toString(t.normalizeMs, 'f', 1), locale.toString(t.networkMs, 'f', 1),
             locale.toString(t.decodeMs, 'f', 1));
}

QString StatusBar::stageTimesDetail(const service::StageTimes& t)
{
    const QLocale locale;
    return tr("From the request to the text shown: %1 ms (waiting %2 ms)")
        .arg(locale.toString(t.totalMs, 'f', 1), locale.toString(t.waitMs, 'f', 1));
}

void StatusBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange)
        refresh();
    QStatusBar::changeEvent(event);
}

void StatusBar::refresh()
{
    using State = service::RecognitionService::ModelState;
    const State state = m_service.modelState();
    if (state == State::Loading)
        m_stateLabel->setText(tr("Loading the model..."));
    else if (state != State::Ready)
        m_stateLabel->setText(tr("No model: recognition is off"));
    else if (m_service.busy() && !m_busyTimer->isActive())
        m_stateLabel->setText(tr("Reading..."));
    else
        m_stateLabel->setText(tr("Ready"));

    const bool ready = state == State::Ready;
    m_modelLabel->setText(
        ready ? tr("Model: %1").arg(QFileInfo(m_service.modelMessage()).fileName()) : QString());
    m_modelLabel->setToolTip(ready ? QDir::toNativeSeparators(m_service.modelMessage())
                                   : QString());

    const QString wordList = m_service.wordList();
    m_wordListLabel->setVisible(!wordList.isEmpty());
    m_wordListLabel->setText(
        wordList.isEmpty() ? QString() : tr("Words: %1").arg(QFileInfo(wordList).fileName()));
    m_wordListLabel->setToolTip(
        wordList.isEmpty()
            ? QString()
            : tr("%1: %n words", nullptr, m_wordListWords).arg(QDir::toNativeSeparators(wordList)));

    m_timesLabel->setText(m_times ? stageTimesSummary(*m_times) : QString());
    m_timesLabel->setToolTip(m_times ? stageTimesDetail(*m_times) : QString());
}

}  // namespace inklens::ui
