#pragma once
// The convolution kernels of a model, one grid per conv block, each kernel k x k cells of
// zoom() pixels (twice that for block 0). Block 0 reads the ink itself: its kernels are shown as they are (signed
// weights, blue-white-red around 0). Deeper blocks have cin kernels per output channel,
// summarized per tap (setSummary):
//   L2Norm      sqrt(sum_ci w[co, ci, y, x]^2): where a filter looks, whatever the sign
//               (viridis, the block's min .. max);
//   MeanKernel  mean_ci w[co, ci, y, x]: the average signed pattern (diverging).
// Each block has its own colour scale and legend (symmetric around 0 for signed values).
// Clicking a kernel selects its channel (channelSelected, and the selection model's
// channel); a selected channel of a deeper block is also shown in full below its block:
// all its cin input kernels. Weights are the trained (unfolded) ones, before batch norm.
// Ctrl + wheel zooms.

#include "inspect_view.h"

#include <vector>

namespace inklens::ui::inspect {

class FilterView : public InspectView
{
    Q_OBJECT
public:
    enum class Summary { L2Norm, MeanKernel };

    explicit FilterView(QWidget* parent = nullptr);

    // Copies the kernels it shows; null clears the view.
    void setModel(std::shared_ptr<const model::Model> model);
    void setSummary(Summary summary);
    Summary summary() const { return m_summary; }
    void setZoom(int pixelsPerTap);  // clamped to 2..48
    int zoom() const { return m_zoom; }
    int layerCount() const { return int(m_layers.size()); }

    QString exportName() const override { return QStringLiteral("filters"); }
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    // Geometry, for tests and tooltips: where kernel (layer, channel) is drawn for the
    // current width (an empty rect when there is none), and the kernel under a point.
    QRect kernelRect(int layer, int channel) const;
    bool kernelAt(const QPoint& pos, int* layer, int* channel) const;
    // The value drawn at tap (y, x) of the kernel (after summarizing) and its colour scale.
    float kernelValue(int layer, int channel, int y, int x) const;

signals:
    void channelSelected(int layer, int channel);
    void zoomChanged(int pixelsPerTap);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void selectionChanged() override;

private:
    struct Layer
    {
        int cout = 0, cin = 0, k = 0;
        bool batchNorm = false;
        std::vector<float> weights;  // (cout, cin, k, k)
        std::vector<float> shown;    // (cout, k, k): the kernel or its summary
        bool signedValues = true;    // diverging scale (else viridis from 0)
        float lo = 0, hi = 0;
    };
    struct Grid
    {  // layout of one block for a width
        int titleTop = 0, top = 0, columns = 1, cell = 0;
        int detailTop = -1, detailColumns = 1;  // the selected channel's input kernels
        int bottom = 0;
    };
    void summarize();
    std::vector<Grid> layout(int width) const;
    int selectedChannel(int layer) const;
    int tapSize(int layer) const;  // pixels per kernel tap
    void paintKernel(QPainter& p, const QRect& r, const float* taps, int k, const Layer& l,
                     float lo, float hi) const;

    std::shared_ptr<const model::Model> m_model;
    std::vector<Layer> m_layers;
    Summary m_summary = Summary::L2Norm;
    int m_zoom = 8;
    int m_localLayer = -1, m_localChannel = -1;  // selection when there is no selection model
    int m_shownLayer = -1, m_shownChannel = -1;  // the channel last drawn as selected
};

}  // namespace inklens::ui::inspect
