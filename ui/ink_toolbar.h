#pragma once
// The Ink tool bar: the actions it is given (null: a separator) and the canvas' pen
// width, a spin box ("penWidthSpin") whose value is remembered (QSettings
// "canvas/penWidth"). The width only changes how strokes look on the screen.
#include <QList>
#include <QToolBar>

class QAction;
class QLabel;
class QSpinBox;

namespace inklens::ui {

class InkCanvas;

class InkToolBar : public QToolBar
{
    Q_OBJECT
public:
    static constexpr int kDefaultPenWidth = 3;

    // canvas: outlives the tool bar. Applies the saved pen width.
    InkToolBar(InkCanvas* canvas, const QList<QAction*>& actions, QWidget* parent = nullptr);

    QSpinBox* penWidthSpin() const { return m_penWidthSpin; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* m_penWidthLabel = nullptr;
    QSpinBox* m_penWidthSpin = nullptr;
};

}  // namespace inklens::ui
