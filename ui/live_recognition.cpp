#include "live_recognition.h"

#include "image_view.h"
#include "ink_canvas.h"

#include <QTabWidget>

namespace inklens::ui {

LiveRecognition::LiveRecognition(service::RecognitionService& service, InkCanvas* canvas,
                                 ImageView* imageView, QTabWidget* sources, QObject* parent)
    : QObject(parent),
      m_service(service),
      m_canvas(canvas),
      m_imageView(imageView),
      m_sources(sources)
{
    // A new stroke cancels what is running (the text shown stays until the next result);
    // the ink is read as soon as the pen lifts. A word of several strokes thus starts a read
    // at every pen-up and stops it at the next pen-down: the service runs one request at a
    // time and skips stale ones, so nothing piles up. Erasing reads after every stroke it
    // removes, likewise.
    connect(m_canvas, &InkCanvas::strokeStarted, this, [this] {
        m_penDown = true;
        m_service.cancel();
    });
    connect(m_canvas, &InkCanvas::strokeFinished, this, [this] {
        m_penDown = false;
        readInk();
    });
    connect(m_canvas, &InkCanvas::inkChanged, this, [this] {
        if (!m_penDown)  // the new stroke's own change comes before strokeFinished
            readInk();
    });
    connect(m_sources, &QTabWidget::currentChanged, this, &LiveRecognition::recognizeNow);

    using Service = service::RecognitionService;
    connect(&m_service, &Service::recognized, this, &LiveRecognition::show);
    connect(&m_service, &Service::failed, this, [this](quint64, const QString& message) {
        fail(tr("Recognition failed: %1").arg(message));
    });
    connect(&m_service, &Service::modelLoaded, this, [this] {
        m_failure.clear();
        recognizeNow();  // what is shown now
    });
    connect(&m_service, &Service::modelFailed, this, [this](const QString& message) {
        if (m_service.modelState() == Service::ModelState::Failed)  // else the previous model stays
            fail(tr("Recognition is off: %1\nWriting, opening and saving ink still work.")
                     .arg(message));
    });
}

void LiveRecognition::recognizeNow()
{
    using State = service::RecognitionService::ModelState;
    const State state = m_service.modelState();
    if (state == State::None || state == State::Failed) {
        m_service.cancel();
        return;  // the failure says why
    }
    const bool ink = m_sources->currentWidget() == m_canvas;
    if (ink ? m_canvas->isEmpty() : m_imageView->image().isNull()) {
        m_service.cancel();
        show({});
    } else if (ink) {
        m_service.recognize(m_canvas->ink());
    } else {
        m_service.recognize(m_imageView->image());
    }
}

void LiveRecognition::readInk()
{
    if (m_sources->currentWidget() == m_canvas)
        recognizeNow();
}

void LiveRecognition::stop()
{
    m_service.cancel();
}

void LiveRecognition::show(const service::RecognitionResult& result)
{
    m_latest = result;
    std::vector<QRectF> boxes;  // ink read line by line: where each line was found
    for (const service::InkLineResult& line : result.lines)
        boxes.push_back(line.box);
    m_canvas->setLineBoxes(std::move(boxes));
    if (result.recognition)
        m_failure.clear();
    emit resultChanged(m_latest);
    if (!m_latest.recognition && !m_failure.isEmpty())
        emit failed(m_failure);  // shown again in place of the cleared text
}

void LiveRecognition::fail(const QString& message)
{
    m_failure = message;
    emit failed(m_failure);
}

}  // namespace inklens::ui
