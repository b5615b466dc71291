#include "ink_toolbar.h"

#include "ink_canvas.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

namespace inklens::ui {

namespace {
const QString kPenWidthKey = QStringLiteral("canvas/penWidth");
}  // namespace

InkToolBar::InkToolBar(InkCanvas* canvas, const QList<QAction*>& actions, QWidget* parent)
    : QToolBar(parent)
{
    setObjectName(QStringLiteral("inkToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction* action : actions) {
        if (action)
            addAction(action);
        else
            addSeparator();
    }
    addSeparator();
    m_penWidthLabel = new QLabel(this);
    m_penWidthLabel->setContentsMargins(4, 0, 4, 0);
    m_penWidthSpin = new QSpinBox(this);
    m_penWidthSpin->setObjectName(QStringLiteral("penWidthSpin"));
    m_penWidthSpin->setRange(1, 20);
    m_penWidthSpin->setValue(QSettings().value(kPenWidthKey, kDefaultPenWidth).toInt());
    canvas->setPenWidth(m_penWidthSpin->value());
    m_penWidthLabel->setBuddy(m_penWidthSpin);
    connect(m_penWidthSpin, &QSpinBox::valueChanged, canvas, [canvas](int width) {
        canvas->setPenWidth(width);
        QSettings().setValue(kPenWidthKey, width);
    });
    addWidget(m_penWidthLabel);
    addWidget(m_penWidthSpin);
    retranslate();
}

void InkToolBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QToolBar::changeEvent(event);
}

void InkToolBar::retranslate()
{
    setWindowTitle(tr("Ink"));
    m_penWidthLabel->setText(tr("&Pen width:"));
    m_penWidthSpin->setSuffix(tr(" px"));
    m_penWidthSpin->setToolTip(
        tr("Width of the strokes on the screen; it does not change what the network reads"));
}

}  // namespace inklens::ui
