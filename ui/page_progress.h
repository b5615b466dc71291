#pragma once
// The status bar's part while a page is opened or read: "Opening the picture" (rows
// decoded, or busy when the decoder tells nothing), "Opening the ink" (percent parsed) or
// "Reading lines" (lines read of lines queued), with a progress bar and a Cancel button.
// Hidden when nothing is going on.
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace inklens::service {
class PageSession;
}

namespace inklens::ui {

class PageProgress : public QWidget
{
    Q_OBJECT
public:
    // session: outlives this; Cancel calls session.cancel().
    explicit PageProgress(service::PageSession& session, QWidget* parent = nullptr);

    QProgressBar* bar() const { return m_bar; }
    QToolButton* cancelButton() const { return m_cancel; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    bool m_opening = false;  // a picture or ink is being opened (else lines are read)
    bool m_ink = false;      // ink (else a picture)

    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

}  // namespace inklens::ui
