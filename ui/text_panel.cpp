#include "text_panel.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QHelpEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMouseEvent>
#include <QScrollBar>
#include <QStringList>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QToolTip>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace inklens::ui {

std::vector<double> alternativeShares(const std::vector<model::Alternative>& nbest)
{
    std::vector<double> shares;
    if (nbest.empty())
        return shares;
    double top = -std::numeric_limits<double>::infinity();
    for (const auto& a : nbest)
        top = std::max(top, double(a.score));
    double sum = 0;
    for (const auto& a : nbest) {
        shares.push_back(std::isfinite(top) ? std::exp(double(a.score) - top) : 1.0);
        sum += shares.back();
    }
    for (double& s : shares)
        s /= sum;
    return shares;
}

namespace {
QString alternativeText(const model::Alternative& alternative)
{
    const QString text = QString::fromStdString(alternative.text);
    return text.isEmpty() ? TextPanel::tr("(nothing)") : text;
}
QString percent(double share)  // 52 %, 7.4 %
{
    return QLocale().toString(share * 100, 'f', share < 0.1 ? 1 : 0);
}
}  // namespace

QString alternativeToolTip(const model::Alternative& alternative, double share)
{
    const QLocale locale;
    QStringList lines{
        alternativeText(alternative),
        TextPanel::tr("%1 % of the likelihood of the listed readings").arg(percent(share)),
        TextPanel::tr("log-probability %1 (network)")
            .arg(locale.toString(alternative.logProb, 'f', 2))};
    if (alternative.score != alternative.logProb)
        lines << TextPanel::tr("ranking score %1 (network plus language model / word list)")
                     .arg(locale.toString(alternative.score, 'f', 2));
    return lines.join(QLatin1Char('\n'));
}

std::vector<bool> lowConfidenceMask(const model::Recognition& recognition, float threshold)
{
    std::vector<bool> mask;
    mask.reserve(recognition.chars.size());
    for (const auto& c : recognition.chars)
        mask.push_back(c.confidence < threshold);
    return mask;
}

namespace {
enum Column { TextColumn, ShareColumn };
}

TextPanel::TextPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("textPanel"));
    m_textLabel = new QLabel(this);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("recognizedText"));
    m_text->setOpenLinks(false);
    m_text->setUndoRedoEnabled(false);  // shown again and again: no history to keep
    m_text->setMinimumHeight(60);
    QFont big = m_text->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    m_text->document()->setDefaultFont(big);
    m_textLabel->setBuddy(m_text);
    m_text->viewport()->setMouseTracking(true);
    m_text->viewport()->installEventFilter(this);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("confidenceLegend"));
    m_legend->setWordWrap(true);
    m_legend->setForegroundRole(QPalette::PlaceholderText);

    m_alternativesLabel = new QLabel(this);
    m_alternatives = new QTreeWidget(this);
    m_alternatives->setObjectName(QStringLiteral("alternatives"));
    m_alternatives->setColumnCount(2);
    m_alternatives->setRootIsDecorated(false);
    m_alternatives->setHeaderHidden(true);
    m_alternatives->setUniformRowHeights(true);
    m_alternatives->setTextElideMode(Qt::ElideMiddle);
    m_alternatives->header()->setStretchLastSection(false);
    m_alternatives->header()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_alternatives->header()->setSectionResizeMode(ShareColumn, QHeaderView::ResizeToContents);
    m_alternativesLabel->setBuddy(m_alternatives);
    connect(m_alternatives, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        chooseAlternative(m_alternatives->indexOfTopLevelItem(item));
    });
    connect(m_alternatives, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        chooseAlternative(m_alternatives->indexOfTopLevelItem(item));
    });

    m_editor = new QLineEdit(this);
    m_editor->setObjectName(QStringLiteral("correctionEditor"));
    m_editor->setFont(big);
    m_editor->setClearButtonEnabled(true);
    m_editor->installEventFilter(this);  // Escape
    m_editor->hide();
    connect(m_editor, &QLineEdit::returnPressed, this, [this] {
        QString typed = m_editor->text().trimmed();
        m_editor->hide();
        if (!m_recognition || typed.isEmpty())
            return;
        if (m_editLine >= 0) {  // one line of several
            QStringList lines = text().split(QLatin1Char('\n'));
            if (m_editLine >= lines.size())
                return;
            lines[m_editLine] = typed;
            typed = lines.join(QLatin1Char('\n'));
        }
        if (typed == text())
            return;
        m_corrected = typed;
        showText();
        emit corrected(typed, QString::fromStdString(m_recognition->text));
    });
    auto* edit = new QAction(this);
    edit->setObjectName(QStringLiteral("editTextAction"));
    edit->setShortcut(Qt::Key_F2);
    edit->setShortcutContext(Qt::WindowShortcut);
    connect(edit, &QAction::triggered, this, &TextPanel::editText);
    addAction(edit);

    auto* left = new QVBoxLayout;
    left->addWidget(m_textLabel);
    left->addWidget(m_text, 1);
    left->addWidget(m_editor);
    left->addWidget(m_legend);
    auto* right = new QVBoxLayout;
    right->addWidget(m_alternativesLabel);
    right->addWidget(m_alternatives, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);  // room for a line's alternatives, not just their first word

    retranslateUi();
    showText();
}

TextPanel::~TextPanel() = default;

void TextPanel::setRecognition(std::shared_ptr<const model::Recognition> recognition,
                               std::pair<int, int> inspected)
{
    const qsizetype linesBefore = text().count(QLatin1Char('\n'));
    m_recognition = std::move(recognition);
    m_inspected = inspected;
    m_message.clear();
    m_chosen = 0;
    m_corrected.clear();
    // A paragraph shown again with as many lines (a page's lines read meanwhile): the line
    // being corrected stays in the editor.
    if (!(editing() && m_editLine >= 0 && m_recognition
          && text().count(QLatin1Char('\n')) == linesBefore))
        m_editor->hide();
    fillAlternatives();
    showText();
}

void TextPanel::setMessage(const QString& message)
{
    m_message = message;
    showText();
}

QString TextPanel::text() const
{
    if (!m_recognition)
        return {};
    if (!m_corrected.isEmpty())
        return m_corrected;
    if (m_chosen > 0 && std::size_t(m_chosen) < m_recognition->nbest.size())
        return QString::fromStdString(m_recognition->nbest[std::size_t(m_chosen)].text);
    return QString::fromStdString(m_recognition->text);
}

void TextPanel::chooseAlternative(int index)
{
    if (!m_recognition || index < 0
        || std::size_t(index) >= std::max<std::size_t>(1, m_recognition->nbest.size()))
        return;
    if (index == m_chosen && m_corrected.isEmpty())
        return;
    m_chosen = index;
    m_corrected.clear();
    if (QTreeWidgetItem* item = m_alternatives->topLevelItem(index))
        m_alternatives->setCurrentItem(item);
    showText();
    if (index > 0)  // an alternative accepted: a correction
        emit corrected(text(), QString::fromStdString(m_recognition->text));
}

void TextPanel::editText()
{
    // The inspected line: its first character's line in text().
    int line = 0;
    if (m_recognition && m_chosen == 0 && m_corrected.isEmpty()) {
        const auto& chars = m_recognition->chars;
        const int first = std::min<int>(m_inspected.first, int(chars.size()));
        line = int(std::count_if(chars.begin(), chars.begin() + first,
                                 [](const model::RecognizedChar& c) { return c.text == "\n"; }));
    }
    editLine(line);
}

void TextPanel::editLine(int line)
{
    if (!m_recognition || !m_message.isEmpty())
        return;
    const QStringList lines = text().split(QLatin1Char('\n'));
    m_editLine = lines.size() > 1 ? std::clamp(line, 0, int(lines.size()) - 1) : -1;
    m_editor->setPlaceholderText(
        m_editLine < 0
            ? tr("The right text (Enter keeps it, Escape cancels)")
            : tr("The right text of line %1 (Enter keeps it, Escape cancels)").arg(m_editLine + 1));
    m_editor->setText(m_editLine < 0 ? text() : lines[m_editLine]);
    m_editor->show();
    m_editor->setFocus(Qt::ShortcutFocusReason);
    m_editor->selectAll();
}

bool TextPanel::editing() const
{
    return m_editor->isVisible();
}

void TextPanel::setConfidenceThreshold(float threshold)
{
    m_threshold = std::clamp(threshold, 0.f, 1.f);
    retranslateUi();
    showText();
}

void TextPanel::copyText() const
{
    QGuiApplication::clipboard()->setText(text());
}

void TextPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_blocks.clear();  // the formats change: everything laid out again
        showText();
    }
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        fillAlternatives();
        showText();
    }
    QWidget::changeEvent(event);
}

bool TextPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        m_editor->hide();  // left as it was
        return true;
    }
    if (watched == m_text->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        // The line double-clicked (each line of a paragraph is a block of the document).
        const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
        const QTextCursor at = m_text->cursorForPosition(pos);
        if (text().contains(QLatin1Char('\n')) && !at.isNull())
            editLine(at.blockNumber());
        else
            editText();
        return true;
    }
    if (watched == m_text->viewport()) {
        if (event->type() == QEvent::MouseMove && !m_charStarts.empty()) {
            hover(charAt(static_cast<QMouseEvent*>(event)->position().toPoint()));
        } else if (event->type() == QEvent::ToolTip) {
            const auto* help = static_cast<QHelpEvent*>(event);
            const int index = m_charStarts.empty() ? -1 : charAt(help->pos());
            if (index >= 0 && std::size_t(index) < m_recognition->chars.size()) {
                const float confidence = m_recognition->chars[std::size_t(index)].confidence;
                QToolTip::showText(
                    help->globalPos(),
                    tr("confidence %1 %").arg(QLocale().toString(std::lround(confidence * 100))),
                    m_text->viewport());
            } else {
                QToolTip::hideText();
            }
            return true;
        } else if (event->type() == QEvent::Leave) {
            hover(-1);
        }
    }
    return QWidget::eventFilter(watched, event);
}

int TextPanel::charAt(QPoint viewportPos) const
{
    const QPointF docPos(viewportPos.x() + m_text->horizontalScrollBar()->value(),
                         viewportPos.y() + m_text->verticalScrollBar()->value());
    const int at = m_text->document()->documentLayout()->hitTest(docPos, Qt::ExactHit);
    if (at < 0)
        return -1;
    const auto it = std::upper_bound(m_charStarts.begin(), m_charStarts.end(), at);
    return int(it - m_charStarts.begin()) - 1;
}

void TextPanel::hover(int index)
{
    if (index == m_hovered)
        return;
    m_hovered = index;
    // Only the inspected line's characters, counted from its first.
    const auto [first, count] = m_inspected;
    const bool inside = index >= first && (count < 0 || index < first + count);
    emit characterHovered(index >= 0 && inside ? index - first : -1);
}

void TextPanel::retranslateUi()
{
    m_textLabel->setText(tr("&Text"));
    m_alternativesLabel->setText(tr("&Alternatives"));
    m_alternatives->setToolTip(
        tr("Other readings, most likely first, each with its share of their likelihood as the "
           "decoder ranks them (network, language model and word list together). Click one "
           "to use it."));
    m_legend->setText(tr("Wavy underline: read with a confidence below %1 %. F2 or a double "
                         "click corrects the text.")
                          .arg(QLocale().toString(std::lround(m_threshold * 100))));
    if (!editing())
        m_editor->setPlaceholderText(tr("The right text (Enter keeps it, Escape cancels)"));
}

void TextPanel::fillAlternatives()
{
    m_alternatives->clear();
    if (!m_recognition)
        return;
    const std::vector<double> shares = alternativeShares(m_recognition->nbest);
    for (std::size_t i = 0; i < m_recognition->nbest.size(); ++i) {
        auto* item = new QTreeWidgetItem(m_alternatives);
        item->setText(TextColumn, alternativeText(m_recognition->nbest[i]));
        item->setText(ShareColumn, tr("%1 %").arg(percent(shares[i])));
        item->setTextAlignment(ShareColumn, Qt::AlignRight | Qt::AlignVCenter);
        const QString tip = alternativeToolTip(m_recognition->nbest[i], shares[i]);
        item->setToolTip(TextColumn, tip);
        item->setToolTip(ShareColumn, tip);
    }
    if (QTreeWidgetItem* item = m_alternatives->topLevelItem(m_chosen))
        m_alternatives->setCurrentItem(item);
}

void TextPanel::showText()
{
    m_charStarts.clear();
    hover(-1);
    // What is to be shown: blocks (lines) of runs of one format each.
    std::vector<std::vector<TextRun>> blocks(1);
    const auto add = [&](const QString& text, TextRun::Format format) {
        const QStringList pieces = text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < pieces.size(); ++i) {
            if (i > 0)
                blocks.emplace_back();
            if (pieces[i].isEmpty())
                continue;
            std::vector<TextRun>& runs = blocks.back();
            if (!runs.empty() && runs.back().format == format)
                runs.back().text += pieces[i];
            else
                runs.push_back({pieces[i], format});
        }
    };
    const QString shown = text();
    if (!m_message.isEmpty() || !m_recognition) {
        add(m_message, TextRun::Message);
    } else if (shown.isEmpty()) {
        add(tr("(nothing recognized)"), TextRun::Placeholder);
    } else if (m_chosen > 0 || !m_corrected.isEmpty() || m_recognition->chars.empty()) {
        add(shown, TextRun::Plain);  // no per-character confidences
    } else {
        // Runs of doubtful or plain characters (a page's text has thousands of characters);
        // a character's confidence is its tool tip (eventFilter).
        const std::vector<bool> low = lowConfidenceMask(*m_recognition, m_threshold);
        QString run;
        bool runLow = false;
        int position = 0;
        for (std::size_t i = 0; i < m_recognition->chars.size(); ++i) {
            if (low[i] != runLow) {
                add(run, runLow ? TextRun::Doubtful : TextRun::Plain);
                run.clear();
                runLow = low[i];
            }
            const QString c = QString::fromStdString(m_recognition->chars[i].text);
            m_charStarts.push_back(position);
            position += int(c.size());
            run += c;
        }
        add(run, runLow ? TextRun::Doubtful : TextRun::Plain);
    }
    showBlocks(std::move(blocks));
    emit textChanged(shown);
}

// Only the lines that differ from what is shown are laid out again, in one edit (a page's
// text is shown again after each line read: one line changed of many, each perhaps long);
// a text of another number of lines is replaced whole, still in one edit.
void TextPanel::showBlocks(std::vector<std::vector<TextRun>> blocks)
{
    if (blocks == m_blocks)
        return;
    QTextCharFormat formats[4];
    formats[TextRun::Placeholder].setForeground(palette().color(QPalette::PlaceholderText));
    formats[TextRun::Message] = formats[TextRun::Placeholder];  // a notice: the normal size
    formats[TextRun::Message].setFontPointSize(font().pointSizeF());
    formats[TextRun::Doubtful].setUnderlineStyle(QTextCharFormat::WaveUnderline);
    formats[TextRun::Doubtful].setUnderlineColor(QColor(0xd0, 0x20, 0x20));
    formats[TextRun::Doubtful].setBackground(QColor(0xff, 0xd8, 0xd0));
    formats[TextRun::Doubtful].setForeground(QColor(0x80, 0x00, 0x00));

    QTextDocument* doc = m_text->document();
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    const auto insert = [&](const std::vector<TextRun>& runs) {
        if (runs.empty())  // an empty line: the format of what is typed there
            cursor.setCharFormat(formats[TextRun::Plain]);
        for (const TextRun& run : runs)
            cursor.insertText(run.text, formats[run.format]);
    };
    if (blocks.size() != m_blocks.size() || doc->blockCount() != int(m_blocks.size())) {
        cursor.select(QTextCursor::Document);
        cursor.removeSelectedText();
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (i > 0)
                cursor.insertBlock();
            insert(blocks[i]);
        }
    } else {
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (blocks[i] == m_blocks[i])
                continue;
            const QTextBlock block = doc->findBlockByNumber(int(i));
            cursor.setPosition(block.position());
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
            insert(blocks[i]);
        }
    }
    cursor.endEditBlock();
    m_blocks = std::move(blocks);
}

}  // namespace inklens::ui
