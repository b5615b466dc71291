#include "page_progress.h"

#include "service/page_session.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace inklens::ui {

PageProgress::PageProgress(service::PageSession& session, QWidget* parent)
    : QWidget(parent),
      m_label(new QLabel(this)),
      m_bar(new QProgressBar(this)),
      m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("pageProgress"));
    m_bar->setObjectName(QStringLiteral("pageProgressBar"));
    m_cancel->setObjectName(QStringLiteral("pageCancelButton"));
    m_bar->setMaximumWidth(220);
    m_bar->setFormat(QStringLiteral("%v / %m"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, &session, &service::PageSession::cancel);
    connect(&session, &service::PageSession::openingProgress, this,
            [this, &session](int done, int total) {
        m_opening = true;
        m_ink = session.openingInk();
        retranslate();
        if (total > 0) {
            m_bar->setFormat(QStringLiteral("%p %"));
            m_bar->setRange(0, total);
            m_bar->setValue(done);
        } else {
            m_bar->setRange(0, 0);  // busy
        }
        show();
    });
    connect(&session, &service::PageSession::opened, this, [this] {
        m_opening = false;
        hide();
    });
    connect(&session, &service::PageSession::progress, this, [this](int done, int total) {
        m_opening = false;
        retranslate();
        m_bar->setFormat(QStringLiteral("%v / %m"));
        m_bar->setRange(0, std::max(total, 1));
        m_bar->setValue(done);
        setVisible(done < total);
    });
    connect(&session, &service::PageSession::finished, this, &QWidget::hide);
    connect(&session, &service::PageSession::inkOpened, this, [this] {
        m_opening = false;
        hide();
    });
    retranslate();
    hide();
}

void PageProgress::retranslate()
{
    m_label->setText(!m_opening ? tr("Reading lines")
                     : m_ink    ? tr("Opening the ink")
                                : tr("Opening the picture"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(!m_opening ? tr("Stop reading the page's lines (those read stay)")
                         : m_ink    ? tr("Stop opening the ink")
                                    : tr("Stop opening the picture"));
}

void PageProgress::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

}  // namespace inklens::ui
