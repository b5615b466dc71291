#pragma once
// The window's status bar: what the recognizer is doing and with what. Follows the
// recognition service's signals by itself and formats them:
//
//   [state: Loading the model... | No model | Reading... | Ready]   [stage times]  [Words: list]  [Model: file]
//
// plus passing messages (a list in use or dropped, a language model that did not load, a
// file saved). "Reading..." appears only when a reading has run for kBusyShownAfterMs:
// ink is read at every pen lift, and a state that blinks at each stroke is noise. The parts are QLabels named "statusLabel", "stageTimesLabel",
// "wordListLabel" and "modelLabel".
#include "service/recognition_service.h"

#include <QStatusBar>
#include <QString>

#include <optional>

class QLabel;
class QTimer;

namespace inklens::ui {

class StatusBar : public QStatusBar
{
    Q_OBJECT
public:
    static constexpr int kBusyShownAfterMs = 250;
    void setBusyShownAfter(int ms);  // (tests)

    // service: outlives the status bar; its state is read at every change.
    explicit StatusBar(const service::RecognitionService& service, QWidget* parent = nullptr);

    // The times of the result shown (none: nothing is shown, the times are cleared).
    void setStageTimes(const std::optional<service::StageTimes>& times);
    // "Saved FILE" for a few seconds.
    void showSaved(const QString& path);

    // The texts shown (for tests and tools).
    QString stateText() const;
    QString stageTimesText() const;
    QString modelText() const;
    QString wordListText() const;

    // Formatting of the stage times: "normalize 1.2 ms · network 3.4 ms · decode 0.5 ms",
    // and its tooltip with the total and the wait. In the current language and locale.
    static QString stageTimesSummary(const service::StageTimes& times);
    static QString stageTimesDetail(const service::StageTimes& times);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();

    const service::RecognitionService& m_service;
    std::optional<service::StageTimes> m_times;
    int m_wordListWords = 0;  // in the list in use

    QTimer* m_busyTimer = nullptr;  // runs while a reading has not yet been shown as one
    QLabel* m_stateLabel = nullptr;
    QLabel* m_timesLabel = nullptr;
    QLabel* m_wordListLabel = nullptr;
    QLabel* m_modelLabel = nullptr;
};

}  // namespace inklens::ui
