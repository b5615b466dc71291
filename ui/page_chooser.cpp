#include "page_chooser.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace inklens::ui {

PageChooser::PageChooser(QWidget* parent)
    : QWidget(parent),
      m_previous(new QToolButton(this)),
      m_label(new QLabel(this)),
      m_next(new QToolButton(this))
{
    setObjectName(QStringLiteral("pageChooser"));
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_next->setObjectName(QStringLiteral("nextPage"));
    m_label->setObjectName(QStringLiteral("pageOfPages"));
    m_previous->setArrowType(Qt::LeftArrow);
    m_next->setArrowType(Qt::RightArrow);
    m_previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    m_next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    m_previous->setAutoRaise(true);
    m_next->setAutoRaise(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(2);
    layout->addWidget(m_previous);
    layout->addWidget(m_label);
    layout->addWidget(m_next);
    connect(m_previous, &QToolButton::clicked, this, [this] {
        if (m_index > 0)
            emit pageRequested(m_index - 1);
    });
    connect(m_next, &QToolButton::clicked, this, [this] {
        if (m_index + 1 < m_count)
            emit pageRequested(m_index + 1);
    });
    setPage(0, 0);
}

void PageChooser::setPage(int index, int count)
{
    m_index = index;
    m_count = count;
    m_previous->setEnabled(index > 0);
    m_next->setEnabled(index + 1 < count);
    setVisible(count > 1);
    retranslate();
}

void PageChooser::retranslate()
{
    m_label->setText(tr("Page %1 of %2").arg(m_index + 1).arg(m_count));
    m_previous->setToolTip(tr("Previous page of the file (Ctrl+Page Up)"));
    m_next->setToolTip(tr("Next page of the file (Ctrl+Page Down)"));
}

void PageChooser::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

}  // namespace inklens::ui
