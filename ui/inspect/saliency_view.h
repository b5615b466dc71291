#pragma once
// Which pixels a character depends on, over the ink (a passive view of a SaliencyMap made
// by SaliencyRunner, see core/model/saliency.h):
//   Gradient   |d log p(character) / d pixel| in inference mode, as heat over the ink
//              (inferno, 0 .. the 99th percentile), and its sum down each column;
//   Occlusion  the drop of log p(character) when a band of columns is blanked, per band
//              (positive: the band supports the character; negative: it hinders it).
// The title says which of the two is shown.

#include "inspect_view.h"

#include "model/saliency.h"

#include <vector>

namespace inklens::ui::inspect {

class SaliencyView : public ColumnView
{
    Q_OBJECT
public:
    explicit SaliencyView(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const model::Model> model);  // class names
    // The map and the index of the character it explains; null clears it.
    void setSaliency(std::shared_ptr<const model::SaliencyMap> map, int character);
    std::shared_ptr<const model::SaliencyMap> saliency() const { return m_map; }
    int saliencyCharacter() const { return m_character; }
    // Shown instead of the map while there is none ("Computing…", "Select a character").
    void setStatus(const QString& text);
    QString status() const { return m_status; }

    QString exportName() const override { return QStringLiteral("saliency"); }

    // Per image column: the sum of |gradient| down the column, or the occlusion drop.
    std::vector<float> columnProfile() const;
    // The colour scale's upper end (99th percentile of |gradient|, or max |drop|).
    float scaleMax() const;
    QRectF heatRect() const;
    QRectF profileRect() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    int contentHeight(const ColumnAxis& axis) const override;
    void recognitionChanged() override;

private:
    void ensureImage() const;
    int titleTop(const ColumnAxis& axis) const { return headerHeight(axis) + 6; }
    int heatTop(const ColumnAxis& axis) const;
    static constexpr int kProfileHeight = 70;

    std::shared_ptr<const model::Model> m_model;
    std::shared_ptr<const model::SaliencyMap> m_map;
    int m_character = -1;
    QString m_status;
    mutable QImage m_heat;  // ARGB, width x height of the map
    mutable std::vector<float> m_profile;
    mutable float m_scale = 0;
    mutable bool m_dirty = true;
};

}  // namespace inklens::ui::inspect
