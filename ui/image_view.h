#pragma once
// A picture of a text line (an opened image), shown whole: scaled to fit, aspect kept,
// centred. Passive: it shows what it is given and a hint when it has nothing.
#include <QImage>
#include <QPixmap>
#include <QString>
#include <QWidget>

namespace inklens::ui {

class ImageView : public QWidget
{
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);

    // null image: the hint. shown: what to draw when given (a smaller copy of a large
    // picture, made off the GUI thread); image is what is read.
    void setImage(const QImage& image, const QString& name = {}, const QImage& shown = {});
    QImage image() const { return m_image; }
    QString name() const { return m_name; }

    QSize sizeHint() const override { return {960, 260}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QImage m_image;
    QPixmap m_pixmap;  // made on the GUI thread from m_image
    QString m_name;
};

}  // namespace inklens::ui
