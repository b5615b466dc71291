#pragma once
// The BiLSTM hidden states (Probe::lstmForward / lstmBackward) as heatmaps of hidden
// units (rows) x frames (columns), one per layer and direction, under the ink: frame f
// spans image columns [f*R, (f+1)*R). h = o * tanh(c) lies in (-1, 1): blue-white-red,
// white at 0. Units can be sorted (setSortMode):
//   Natural      unit index;
//   Variance     variance over the line's frames, largest first;
//   Correlation  Pearson correlation over frames with the posterior p_t(label) of a
//                chosen class (setCorrelationLabel), most positive first.
// The sort key of each unit is drawn as a bar right of its row.

#include "inspect_view.h"

#include <vector>

namespace inklens::ui::inspect {

class RnnActivationView : public ColumnView
{
    Q_OBJECT
public:
    enum class SortMode { Natural, Variance, Correlation };

    explicit RnnActivationView(QWidget* parent = nullptr);

    // Optional: names the class of the correlation in the titles.
    void setModel(std::shared_ptr<const model::Model> model);
    void setSortMode(SortMode mode);
    SortMode sortMode() const { return m_sortMode; }
    // The class whose posterior the units are correlated with; -1: none (then
    // Correlation keeps the natural order).
    void setCorrelationLabel(int label);
    int correlationLabel() const { return m_label; }
    void setRowHeight(int pixels);  // per hidden unit, >= 1
    int rowHeight() const { return m_rowHeight; }

    QString exportName() const override { return QStringLiteral("lstm_activations"); }

    // Sections: index 2*layer + direction (0 forward, 1 backward).
    int sectionCount() const;
    // Units top to bottom, and the sort key of each unit (by unit index).
    std::vector<int> unitOrder(int section) const;
    std::vector<float> sortKeys(int section) const;
    // Geometry for the current width: the heatmap of a section, and the (section, unit)
    // under a point (false outside the heatmaps).
    QRectF heatmapRect(int section) const;
    bool unitAt(const QPointF& pos, int* section, int* unit) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    int contentHeight(const ColumnAxis& axis) const override;
    int rightMargin() const override { return 64; }
    void recognitionChanged() override;
    void contentHovered(const QPointF& pos, int column) override;

private:
    struct Section
    {
        const nn::Mat* states = nullptr;  // (T, H)
        int layer = 0;
        bool backward = false;
        std::vector<int> order;
        std::vector<float> keys;
        QImage image;  // T x H, rows in `order`
    };
    void ensureSections() const;
    int sectionTop(int section, const ColumnAxis& axis) const;
    int titleHeight() const;

    std::shared_ptr<const model::Model> m_model;
    SortMode m_sortMode = SortMode::Natural;
    int m_label = -1;
    int m_rowHeight = 2;
    mutable std::vector<Section> m_sections;
    mutable bool m_dirty = true;
};

}  // namespace inklens::ui::inspect
