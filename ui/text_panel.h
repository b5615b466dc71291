#pragma once
// The text panel: what the network read. A passive view of one Recognition snapshot:
// the decoded text with its doubtful characters marked (a wavy underline below the
// confidence threshold), the N-best alternatives with their shares, one of which the
// user may pick to replace the text. The alternatives sit beside the text; a long one is
// elided in the middle (its start and end stay readable) and shown whole in its tool tip.

#include "model/recognizer.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <utility>
#include <vector>

class QLabel;
class QLineEdit;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace inklens::ui {

// Each alternative's share of the listed readings' likelihood: exp(score) normalized over
// the list (a softmax of the decoder's ranking scores: network, language model and word
// list together, Alternative::score). The list is ordered by score, so the shares never
// increase down the list. Empty in, empty out.
std::vector<double> alternativeShares(const std::vector<model::Alternative>& nbest);

// The tool tip of an alternative: its whole text, its share and its log-probabilities.
QString alternativeToolTip(const model::Alternative& alternative, double share);

// Whether each character of the recognition counts as doubtful: confidence < threshold.
std::vector<bool> lowConfidenceMask(const model::Recognition& recognition, float threshold);

class TextPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr float kDefaultThreshold = 0.5f;

    explicit TextPanel(QWidget* parent = nullptr);
    ~TextPanel() override;

    // Shows a recognition (null: nothing, the text is cleared). Resets the choice to the
    // best reading. inspected: the characters the inspection views show (first, count; -1:
    // to the end), for several lines joined into one text (RecognitionResult::paragraph):
    // characterHovered() counts from the first of them and reports no other.
    void setRecognition(std::shared_ptr<const model::Recognition> recognition,
                        std::pair<int, int> inspected = {0, -1});
    std::shared_ptr<const model::Recognition> recognition() const { return m_recognition; }
    // A line shown instead of a text (no model, an error); cleared by setRecognition().
    void setMessage(const QString& message);

    // The text shown: the best reading, the alternative the user picked, or the text the
    // user corrected it to.
    QString text() const;
    int chosenAlternative() const { return m_chosen; }  // 0 = the best reading
    void chooseAlternative(int index);                  // as a click on the list does

    float confidenceThreshold() const { return m_threshold; }
    void setConfidenceThreshold(float threshold);

    // Puts text() on the clipboard.
    void copyText() const;

    // Lets the user correct the text (F2 or a double click on it): an editor below it,
    // Enter keeps the text typed (corrected()), Escape leaves it as it was. A text of
    // several lines (a paragraph, a page) is corrected a line at a time: the line double-
    // clicked, else (F2) the inspected line's, else the first; corrected() gives the whole
    // text with that line replaced. The editor stays open while a paragraph of as many
    // lines is shown again (lines of a page arriving).
    void editText();
    void editLine(int line);  // 0-based line of text(); ignored for a text of one line
    bool editing() const;
    int editedLine() const { return m_editLine; }          // -1: the whole text
    QString correctedText() const { return m_corrected; }  // empty: not corrected

signals:
    void textChanged(const QString& text);
    // The user corrected the reading: typed a text, or picked an alternative (text), where
    // the recognizer had read `recognized` (its best reading).
    void corrected(const QString& text, const QString& recognized);
    // The character under the mouse, an index into Recognition::chars (-1: none), while
    // the best reading is shown: for the inspection views to highlight its columns (of
    // several lines: into the inspected line's, see setRecognition).
    void characterHovered(int index);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslateUi();
    // A run of characters of one format; the text shown is lines (blocks) of runs.
    struct TextRun
    {
        enum Format { Plain, Doubtful, Placeholder, Message };
        QString text;
        Format format = Plain;
        bool operator==(const TextRun&) const = default;
    };
    void showText();
    void showBlocks(std::vector<std::vector<TextRun>> blocks);  // into the document
    void fillAlternatives();
    void hover(int index);
    int charAt(QPoint viewportPos) const;  // index into chars of the best reading shown, -1

    QLabel* m_textLabel;
    QTextBrowser* m_text;
    QLabel* m_legend;
    QLabel* m_alternativesLabel;
    QTreeWidget* m_alternatives;
    QLineEdit* m_editor;
    int m_editLine = -1;
    QString m_corrected;

    std::shared_ptr<const model::Recognition> m_recognition;
    QString m_message;
    int m_chosen = 0;
    std::vector<std::vector<TextRun>> m_blocks;  // what the document holds
    std::vector<int> m_charStarts;               // document position of each shown character
    int m_hovered = -1;
    std::pair<int, int> m_inspected{0, -1};
    float m_threshold = kDefaultThreshold;
};

}  // namespace inklens::ui
