#pragma once
// A mouse event sent to a widget as a user's mouse would: the benchmarks that drive the real
// window (ui_latency.cpp, soak.cpp) draw with it.

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QWidget>

namespace inklens::bench {

inline void sendMouse(QWidget* widget, QEvent::Type type, QPoint pos)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    const Qt::MouseButtons buttons = type == QEvent::MouseButtonRelease ? Qt::NoButton
                                                                        : Qt::LeftButton;
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, Qt::NoModifier,
                      QPointingDevice::primaryPointingDevice());
    QCoreApplication::sendEvent(widget, &event);
}

}  // namespace inklens::bench
