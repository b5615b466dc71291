#pragma once
// "Page N of M" with Previous and Next, for a file of several pictures (a multi-page
// TIFF): the document area shows it in the corner of its tabs while such a file is open.
// Passive: it says which page is asked for (pageRequested); the area opens it and calls
// setPage.
#include <QWidget>

class QLabel;
class QToolButton;

namespace inklens::ui {

class PageChooser : public QWidget
{
    Q_OBJECT
public:
    explicit PageChooser(QWidget* parent = nullptr);

    // index: 0-based; hidden when count < 2.
    void setPage(int index, int count);
    int index() const { return m_index; }
    int count() const { return m_count; }

signals:
    void pageRequested(int index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QToolButton* m_previous;
    QLabel* m_label;
    QToolButton* m_next;
    int m_index = 0, m_count = 0;
};

}  // namespace inklens::ui
