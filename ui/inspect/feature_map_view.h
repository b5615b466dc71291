#pragma once
// The conv feature maps of one block (Probe::convMaps, after the activation, before the
// pool): every channel as a tile, tiles in a grid of tilesPerRow() columns under the ink.
// Each tile spans the line's columns (map column j covers image columns [j*S, (j+1)*S),
// see inspect_util.h), so with one tile per row every channel lines up with the ink and
// the highlighted character's columns run through all of them; with several tiles per
// row each tile is a small copy of the line and is highlighted the same way.
// Colours: viridis from 0 to the channel's own max (PerChannel) or the block's max
// (PerLayer). Clicking a tile selects its channel: it is then drawn large over the ink
// (above the grid); clicking it again deselects.

#include "inspect_view.h"

#include <vector>

namespace inklens::ui::inspect {

class FeatureMapView : public ColumnView
{
    Q_OBJECT
public:
    enum class Normalization { PerChannel, PerLayer };

    explicit FeatureMapView(QWidget* parent = nullptr);

    void setLayer(int block);
    int layer() const { return m_layer; }
    int layerCount() const;          // conv blocks in the probe (0 without one)
    void setTilesPerRow(int tiles);  // >= 1
    int tilesPerRow() const { return m_tilesPerRow; }
    void setNormalization(Normalization normalization);
    Normalization normalization() const { return m_normalization; }

    QString exportName() const override { return QStringLiteral("feature_maps"); }

    // Geometry for the current width: a channel's tile, the axis inside it, the channel
    // under a point (-1 when none), the enlarged channel's rect (empty when none).
    QRectF tileRect(int channel) const;
    ColumnAxis tileAxis(int channel) const;
    int channelAt(const QPointF& pos) const;
    QRectF overlayRect() const;
    // Image columns per map column for the current layer (S_b).
    int columnStride() const;

signals:
    void channelSelected(int layer, int channel);

protected:
    void paintEvent(QPaintEvent* event) override;
    int contentHeight(const ColumnAxis& axis) const override;
    void recognitionChanged() override;
    int contentColumnAt(const QPointF& pos) const override;
    void contentPressed(const QPointF& pos, int column) override;
    void contentHovered(const QPointF& pos, int column) override;
    void selectionChanged() override;

private:
    struct Layout
    {
        int titleTop = 0;
        int overlayTop = -1, overlayHeight = 0;  // the enlarged channel, when one is selected
        int gridTop = 0, tileHeight = 0, rowGap = 2, colGap = 6;
        double tileWidth = 0;
        int rows = 0, bottom = 0;
    };
    Layout layoutFor(const ColumnAxis& axis) const;
    const nn::Tensor4* map() const;
    int selectedChannel() const;
    void ensureImage() const;
    QImage overlayImage(int channel) const;

    int m_layer = 0;
    int m_tilesPerRow = 1;
    Normalization m_normalization = Normalization::PerChannel;
    int m_localChannel = -1;   // when there is no selection model
    int m_layoutChannel = -1;  // the selected channel the geometry was computed for
    mutable QImage m_image;    // W_b x (C * H_b): channel c in rows [c*H_b, (c+1)*H_b)
    mutable std::vector<float> m_channelMax;
    mutable bool m_dirty = true;
};

}  // namespace inklens::ui::inspect
