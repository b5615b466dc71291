#include "image_view.h"

#include <QEvent>
#include <QPainter>

namespace inklens::ui {

ImageView::ImageView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("imageView"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setMinimumSize(320, 140);
}

void ImageView::setImage(const QImage& image, const QString& name, const QImage& shown)
{
    m_image = image;
    m_name = name;
    m_pixmap = image.isNull() ? QPixmap() : QPixmap::fromImage(shown.isNull() ? image : shown);
    update();
}

void ImageView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        update();
    QWidget::changeEvent(event);
}

void ImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = rect().adjusted(8, 8, -8, -8);
    if (m_pixmap.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(
            area, Qt::AlignCenter | Qt::TextWordWrap,
            tr("Open a picture of one line of handwriting (File > Open) or drop it here."));
        return;
    }
    QSize size = m_pixmap.deviceIndependentSize().toSize();
    if (size.width() > area.width() || size.height() > area.height())
        size.scale(area.size(), Qt::KeepAspectRatio);
    const QRect target(area.left() + (area.width() - size.width()) / 2,
                       area.top() + (area.height() - size.height()) / 2, size.width(),
                       size.height());
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawPixmap(target, m_pixmap);
}

}  // namespace inklens::ui
