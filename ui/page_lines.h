#pragma once
// The lines of a page as a list: number, confidence and text, the text editable (the
// user's correction, undoable on the document's stack). Lines read with low confidence
// are highlighted; lines not read yet say so. Selecting a row selects the line on the page
// and the other way round (setSelectedId).
#include <QTableWidget>

namespace inklens::service {
class PageDocument;
}

namespace inklens::ui {

class PageLineList : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { NumberColumn, ConfidenceColumn, TextColumn };

    explicit PageLineList(QWidget* parent = nullptr);

    // document: outlives the list (or is reset with setDocument(nullptr)).
    void setDocument(service::PageDocument* document);
    quint64 selectedId() const;
    void setSelectedId(quint64 id);  // no signal

signals:
    void lineChosen(quint64 id);  // by the user

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void updateRow(int row);
    void retranslate();

    service::PageDocument* m_document = nullptr;
    bool m_filling = false;  // itemChanged from rebuild/updateRow, not the user
};

}  // namespace inklens::ui
