#include "page_lines.h"

#include "page_view.h"
#include "service/page_document.h"

#include <QEvent>
#include <QHeaderView>
#include <QSignalBlocker>

namespace inklens::ui {

PageLineList::PageLineList(QWidget* parent) : QTableWidget(parent)
{
    setObjectName(QStringLiteral("pageLineList"));
    setColumnCount(3);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::AnyKeyPressed);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(NumberColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(ConfidenceColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    connect(this, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_filling || !m_document || item->column() != TextColumn)
            return;
        const int row = item->row();
        if (row < m_document->count())
            m_document->setText(m_document->at(row).id, item->text());
    });
    connect(this, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (!m_filling && m_document && row >= 0 && row < m_document->count())
            emit lineChosen(m_document->at(row).id);
    });
    retranslate();
}

void PageLineList::setDocument(service::PageDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &service::PageDocument::linesChanged, this, &PageLineList::rebuild);
        connect(m_document, &service::PageDocument::lineUpdated, this, [this](quint64 id) {
            if (const int row = m_document->rowOf(id); row >= 0)
                updateRow(row);
        });
        connect(m_document, &QObject::destroyed, this, [this] { m_document = nullptr; });
    }
    rebuild();
}

quint64 PageLineList::selectedId() const
{
    const int row = currentRow();
    return m_document && row >= 0 && row < m_document->count() ? m_document->at(row).id : 0;
}

void PageLineList::setSelectedId(quint64 id)
{
    m_filling = true;
    const int row = m_document ? m_document->rowOf(id) : -1;
    if (row < 0) {
        clearSelection();
        setCurrentCell(-1, -1);
    } else {
        setCurrentCell(row, TextColumn);
        scrollToItem(item(row, TextColumn));
    }
    m_filling = false;
}

void PageLineList::rebuild()
{
    const quint64 selected = selectedId();
    m_filling = true;
    setRowCount(m_document ? m_document->count() : 0);
    for (int row = 0; row < rowCount(); ++row)
        updateRow(row);
    m_filling = false;
    setSelectedId(selected);
}

void PageLineList::updateRow(int row)
{
    const bool filling = m_filling;
    m_filling = true;
    const service::PageDocLine& line = m_document->at(row);
    auto cell = [this, row](int column) {
        QTableWidgetItem* it = item(row, column);
        if (!it) {
            it = new QTableWidgetItem;
            setItem(row, column, it);
        }
        return it;
    };
    QTableWidgetItem* number = cell(NumberColumn);
    number->setText(QString::number(row + 1));
    number->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    QTableWidgetItem* confidence = cell(ConfidenceColumn);
    confidence->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    confidence->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QTableWidgetItem* text = cell(TextColumn);
    text->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable);
    QFont font = text->font();
    font.setItalic(!line.read && !line.corrected);
    text->setFont(font);
    if (line.corrected) {
        confidence->setText(tr("edited"));
        text->setToolTip(tr("Your text. Read: %1").arg(line.text));
    } else if (line.read) {
        confidence->setText(QStringLiteral("%1 %").arg(qRound(line.confidence * 100)));
        text->setToolTip({});
    } else {
        confidence->setText(QStringLiteral("…"));
        text->setToolTip(tr("Not read yet"));
    }
    text->setText(line.shownText());
    const bool low = isLowConfidence(line);
    const QBrush background = low ? QBrush(QColor(255, 226, 190)) : QBrush();
    for (QTableWidgetItem* it : {number, confidence, text}) {
        it->setBackground(background);
        it->setForeground(low ? QBrush(Qt::black) : QBrush());
    }
    confidence->setToolTip(low ? tr("Low confidence: check this line") : QString());
    m_filling = filling;
}

void PageLineList::retranslate()
{
    setHorizontalHeaderLabels({tr("#"), tr("Confidence"), tr("Text")});
    setToolTip(tr("The text of each line. Double-click a text (or start typing) to correct it."));
    if (m_document) {
        for (int row = 0; row < rowCount(); ++row)
            updateRow(row);
    }
}

void PageLineList::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QTableWidget::changeEvent(event);
}

}  // namespace inklens::ui
