#pragma once
// The status bar's part while a page is read: "Reading lines" with a progress bar (lines
// read of lines queued) and a Cancel button. Hidden when nothing is being read.
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

    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

}  // namespace inklens::ui
