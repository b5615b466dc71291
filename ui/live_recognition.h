#pragma once
// When and what the window reads: the ink on the canvas once the pen has rested, or the
// picture in the image view, whichever tab is shown. Keeps the newest result and the last
// failure; the views are fed from its signals.
//
//   pen down        -> service.cancel() (nothing waits behind the running request)
//   pen lifts       -> kDelayMs quiet -> service.recognize(ink)
//   ink cleared     -> at once: nothing to read, resultChanged(empty)
//   tab switched, model loaded, option changed -> recognizeNow()
//   no model (none / failed) -> no request; the failure says why
#include "service/recognition_service.h"

#include <QObject>
#include <QString>
#include <QTimer>

class QTabWidget;

namespace inklens::ui {

class ImageView;
class InkCanvas;

class LiveRecognition : public QObject
{
    Q_OBJECT
public:
    // Quiet time after the pen lifts before the ink is recognized.
    static constexpr int kDelayMs = 300;

    // service outlives this; canvas and imageView are pages of sources (the one shown is read).
    LiveRecognition(service::RecognitionService& service, InkCanvas* canvas, ImageView* imageView,
                    QTabWidget* sources, QObject* parent = nullptr);

    // Reads what is shown now (no wait); with nothing to read, clears the result at once.
    void recognizeNow();
    // Stops the pending wait and the running request (the window closes).
    void stop();

    // The newest result shown (recognition null when nothing is shown).
    const service::RecognitionResult& latest() const { return m_latest; }
    // The last recognition or model failure, in the current language; empty after a result.
    QString failure() const { return m_failure; }

signals:
    // A new result is shown, or (recognition null) nothing is.
    void resultChanged(const inklens::service::RecognitionResult& result);
    // Recognition failed or the model is missing: the message to show instead of a text.
    void failed(const QString& message);

private:
    void show(const service::RecognitionResult& result);
    void fail(const QString& message);

    service::RecognitionService& m_service;
    InkCanvas* m_canvas;
    ImageView* m_imageView;
    QTabWidget* m_sources;
    QTimer m_timer;
    service::RecognitionResult m_latest;
    QString m_failure;
};

}  // namespace inklens::ui
