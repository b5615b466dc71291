#pragma once
// When and what the window reads: the ink on the canvas as soon as the pen lifts, or the
// picture in the image view, whichever tab is shown. Keeps the newest result and the last
// failure; the views are fed from its signals.
//
//   pen down        -> service.cancel(): the stale pass stops, its result never arrives;
//                      nothing is emitted, so the views keep the last text (no flicker)
//   pen lifts       -> at once: service.recognize(ink) (the newest request wins)
//   ink changed otherwise (erase, undo, redo, open) -> at once, likewise
//   ink cleared     -> at once: nothing to read, resultChanged(empty)
//   tab switched, model loaded, option changed -> recognizeNow()
//   no model (none / failed) -> no request; the failure says why
//   ink of several lines     -> read line by line by the service (RecognitionResult::lines);
//                               the canvas shows each line's box until the ink changes
#include "service/recognition_service.h"

#include <QObject>
#include <QString>

class QTabWidget;

namespace inklens::ui {

class ImageView;
class InkCanvas;

class LiveRecognition : public QObject
{
    Q_OBJECT
public:
    // service outlives this; canvas and imageView are pages of sources (the one shown is read).
    LiveRecognition(service::RecognitionService& service, InkCanvas* canvas, ImageView* imageView,
                    QTabWidget* sources, QObject* parent = nullptr);

    // Reads what is shown now (no wait); with nothing to read, clears the result at once.
    void recognizeNow();
    // Stops the running request (the window closes).
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
    void readInk();  // recognizeNow() when the canvas is the tab shown
    void show(const service::RecognitionResult& result);
    void fail(const QString& message);

    service::RecognitionService& m_service;
    InkCanvas* m_canvas;
    ImageView* m_imageView;
    QTabWidget* m_sources;
    bool m_penDown = false;  // a stroke is being drawn: its ink is not complete yet
    service::RecognitionResult m_latest;
    QString m_failure;
};

}  // namespace inklens::ui
