#include "inspector_widget.h"

#include "ctc_view.h"
#include "decoder_comparison.h"
#include "feature_map_view.h"
#include "filter_view.h"
#include "inspect_selection.h"
#include "rnn_activation_view.h"
#include "saliency_runner.h"
#include "saliency_view.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace inklens::ui::inspect {

namespace {
constexpr int kOcclusionBand = 4;     // image columns blanked at a time
constexpr int kOcclusionWindow = 96;  // bands tried on each side of the character
}  // namespace

InspectorWidget::InspectorWidget(QWidget* parent) : QWidget(parent)
{
    m_selection = new InspectSelection(this);
    m_runner = new SaliencyRunner(this);

    m_ctc = new CtcView;
    m_decoders = new DecoderComparison;
    m_featureMaps = new FeatureMapView;
    m_rnn = new RnnActivationView;
    m_saliency = new SaliencyView;
    m_filters = new FilterView;
    for (InspectView* v : std::initializer_list<InspectView*>{m_ctc, m_decoders, m_featureMaps,
                                                              m_rnn, m_saliency, m_filters})
        v->setSelectionModel(m_selection);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 0);
    m_zoomLabel = new QLabel(this);
    m_zoom = new QComboBox(this);
    m_zoom->setObjectName(QStringLiteral("columnZoom"));
    for (int z : {0, 1, 2, 3, 4})
        m_zoom->addItem(QString(), z);
    m_zoomLabel->setBuddy(m_zoom);
    top->addWidget(m_zoomLabel);
    top->addWidget(m_zoom);
    top->addStretch(1);
    layout->addLayout(top);

    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("inspectStatus"));
    m_status->setContentsMargins(6, 2, 6, 4);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    // Alignment
    {
        auto* controls = new QWidget;
        auto* row = new QHBoxLayout(controls);
        m_ctcRowsLabel = new QLabel(controls);
        m_ctcRows = new QSpinBox(controls);
        m_ctcRows->setRange(2, 200);
        m_ctcRows->setValue(m_ctc->maxRows());
        m_ctcRowsLabel->setBuddy(m_ctcRows);
        row->addWidget(m_ctcRowsLabel);
        row->addWidget(m_ctcRows);
        connect(m_ctcRows, &QSpinBox::valueChanged, m_ctc, &CtcView::setMaxRows);
        m_tabs->addTab(makePage(m_ctc, controls), QString());
    }
    // Decoders
    m_tabs->addTab(makePage(m_decoders, new QWidget, false), QString());
    // Feature maps
    {
        auto* controls = new QWidget;
        auto* row = new QHBoxLayout(controls);
        m_layerLabel = new QLabel(controls);
        m_layer = new QComboBox(controls);
        m_layer->setObjectName(QStringLiteral("featureLayer"));
        m_layerLabel->setBuddy(m_layer);
        m_tilesLabel = new QLabel(controls);
        m_tiles = new QSpinBox(controls);
        m_tiles->setRange(1, 16);
        m_tiles->setValue(m_featureMaps->tilesPerRow());
        m_tilesLabel->setBuddy(m_tiles);
        m_normalization = new QComboBox(controls);
        m_normalization->addItems({QString(), QString()});
        row->addWidget(m_layerLabel);
        row->addWidget(m_layer);
        row->addSpacing(8);
        row->addWidget(m_tilesLabel);
        row->addWidget(m_tiles);
        row->addSpacing(8);
        row->addWidget(m_normalization);
        connect(m_layer, &QComboBox::currentIndexChanged, this, [this](int i) {
            if (i >= 0)
                m_featureMaps->setLayer(i);
        });
        connect(m_tiles, &QSpinBox::valueChanged, m_featureMaps, &FeatureMapView::setTilesPerRow);
        connect(m_normalization, &QComboBox::currentIndexChanged, this, [this](int i) {
            m_featureMaps->setNormalization(i == 1 ? FeatureMapView::Normalization::PerLayer
                                                   : FeatureMapView::Normalization::PerChannel);
        });
        m_tabs->addTab(makePage(m_featureMaps, controls), QString());
    }
    // LSTM
    {
        auto* controls = new QWidget;
        auto* row = new QHBoxLayout(controls);
        m_sortLabel = new QLabel(controls);
        m_sort = new QComboBox(controls);
        m_sort->setObjectName(QStringLiteral("lstmSort"));
        m_sort->addItems({QString(), QString(), QString()});
        m_sortLabel->setBuddy(m_sort);
        m_rowHeightLabel = new QLabel(controls);
        m_rowHeight = new QSpinBox(controls);
        m_rowHeight->setRange(1, 12);
        m_rowHeight->setValue(m_rnn->rowHeight());
        m_rowHeightLabel->setBuddy(m_rowHeight);
        row->addWidget(m_sortLabel);
        row->addWidget(m_sort);
        row->addSpacing(8);
        row->addWidget(m_rowHeightLabel);
        row->addWidget(m_rowHeight);
        connect(m_sort, &QComboBox::currentIndexChanged, this, [this](int i) {
            m_rnn->setSortMode(i == 1   ? RnnActivationView::SortMode::Variance
                               : i == 2 ? RnnActivationView::SortMode::Correlation
                                        : RnnActivationView::SortMode::Natural);
        });
        connect(m_rowHeight, &QSpinBox::valueChanged, m_rnn, &RnnActivationView::setRowHeight);
        m_tabs->addTab(makePage(m_rnn, controls), QString());
    }
    // Saliency
    {
        auto* controls = new QWidget;
        auto* row = new QHBoxLayout(controls);
        m_methodLabel = new QLabel(controls);
        m_method = new QComboBox(controls);
        m_method->setObjectName(QStringLiteral("saliencyMethod"));
        m_method->addItems({QString(), QString()});
        m_methodLabel->setBuddy(m_method);
        row->addWidget(m_methodLabel);
        row->addWidget(m_method);
        connect(m_method, &QComboBox::currentIndexChanged, this, [this] { requestSaliency(); });
        m_tabs->addTab(makePage(m_saliency, controls), QString());
    }
    // Filters
    {
        auto* controls = new QWidget;
        auto* row = new QHBoxLayout(controls);
        m_summaryLabel = new QLabel(controls);
        m_summary = new QComboBox(controls);
        m_summary->addItems({QString(), QString()});
        m_summaryLabel->setBuddy(m_summary);
        m_filterZoomLabel = new QLabel(controls);
        m_filterZoom = new QSpinBox(controls);
        m_filterZoom->setRange(2, 48);
        m_filterZoom->setValue(m_filters->zoom());
        m_filterZoomLabel->setBuddy(m_filterZoom);
        row->addWidget(m_summaryLabel);
        row->addWidget(m_summary);
        row->addSpacing(8);
        row->addWidget(m_filterZoomLabel);
        row->addWidget(m_filterZoom);
        connect(m_summary, &QComboBox::currentIndexChanged, this, [this](int i) {
            m_filters->setSummary(i == 1 ? FilterView::Summary::MeanKernel
                                         : FilterView::Summary::L2Norm);
        });
        connect(m_filterZoom, &QSpinBox::valueChanged, m_filters, &FilterView::setZoom);
        connect(m_filters, &FilterView::zoomChanged, m_filterZoom, &QSpinBox::setValue);
        m_tabs->addTab(makePage(m_filters, controls), QString());
    }

    connect(m_zoom, &QComboBox::currentIndexChanged, this,
            [this] { setColumnZoom(m_zoom->currentData().toDouble()); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int page) {
        if (page == SaliencyPage && m_saliencyPending)
            requestSaliency();
    });

    // relays and links
    for (ColumnView* v :
         std::initializer_list<ColumnView*>{m_ctc, m_featureMaps, m_rnn, m_saliency}) {
        connect(v, &ColumnView::characterHovered, this, &InspectorWidget::characterHovered);
        connect(v, &ColumnView::columnHovered, this, &InspectorWidget::columnHovered);
    }
    connect(m_filters, &FilterView::channelSelected, this, &InspectorWidget::channelSelected);
    connect(m_featureMaps, &FeatureMapView::channelSelected, this,
            &InspectorWidget::channelSelected);
    connect(m_selection, &InspectSelection::selectedCharacterChanged, this,
            &InspectorWidget::selectedCharacterChanged);
    connect(m_selection, &InspectSelection::columnChanged, this, &InspectorWidget::updateStatus);
    connect(m_selection, &InspectSelection::channelChanged, this, [this](int layer, int) {
        if (layer >= 0 && layer < m_layer->count())
            m_layer->setCurrentIndex(layer);  // a filter clicked: show its maps
    });
    connect(m_runner, &SaliencyRunner::finished, this,
            [this](quint64 generation, std::shared_ptr<const model::SaliencyMap> map) {
        if (generation != m_saliencyGeneration)
            return;
        m_saliency->setStatus(QString());
        m_saliency->setSaliency(std::move(map), m_saliencyCharacter);
    });
    connect(m_runner, &SaliencyRunner::progress, this,
            [this](quint64 generation, int done, int total) {
        if (generation == m_saliencyGeneration)
            m_saliency->setStatus(tr("Occluding column bands: %1 of %2…").arg(done).arg(total));
    });
    connect(m_runner, &SaliencyRunner::failed, this,
            [this](quint64 generation, const QString& message) {
        if (generation == m_saliencyGeneration)
            m_saliency->setStatus(tr("Saliency failed: %1").arg(message));
    });

    retranslateUi();
    updateStatus();
}

InspectorWidget::~InspectorWidget() = default;

QWidget* InspectorWidget::makePage(InspectView* view, QWidget* controls, bool scroll)
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* bar = controls->layout() ? qobject_cast<QHBoxLayout*>(controls->layout())
                                   : new QHBoxLayout(controls);
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addStretch(1);
    auto* exportButton = new QToolButton(controls);
    connect(exportButton, &QToolButton::clicked, view, &InspectView::exportPngInteractive);
    m_exportButtons << exportButton;
    bar->addWidget(exportButton);
    layout->addWidget(controls);
    if (scroll) {
        auto* area = new QScrollArea(page);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        area->setWidget(view);
        layout->addWidget(area, 1);
    } else {
        view->setParent(page);
        layout->addWidget(view, 1);
    }
    return page;
}

void InspectorWidget::retranslateUi()
{
    m_tabs->setTabText(AlignmentPage, tr("Alignment"));
    m_tabs->setTabText(DecodersPage, tr("Decoders"));
    m_tabs->setTabText(FeatureMapsPage, tr("Feature maps"));
    m_tabs->setTabText(LstmPage, tr("LSTM"));
    m_tabs->setTabText(SaliencyPage, tr("Saliency"));
    m_tabs->setTabText(FiltersPage, tr("Filters"));
    m_zoomLabel->setText(tr("&Columns:"));
    m_zoom->setItemText(0, tr("Fit to width"));
    for (int i = 1; i < m_zoom->count(); ++i)
        m_zoom->setItemText(i, tr("%1 px per column").arg(m_zoom->itemData(i).toInt()));
    m_ctcRowsLabel->setText(tr("&Classes shown:"));
    m_layerLabel->setText(tr("&Layer:"));
    m_tilesLabel->setText(tr("&Tiles per row:"));
    m_normalization->setItemText(0, tr("Scale each channel to its max"));
    m_normalization->setItemText(1, tr("One scale for the layer"));
    m_sortLabel->setText(tr("&Sort units:"));
    m_sort->setItemText(0, tr("By index"));
    m_sort->setItemText(1, tr("By variance"));
    m_sort->setItemText(2, tr("By correlation with the selected character"));
    m_rowHeightLabel->setText(tr("&Row height:"));
    m_methodLabel->setText(tr("&Method:"));
    m_method->setItemText(0, tr("Gradient (backward pass)"));
    m_method->setItemText(1, tr("Occlusion (%1-column bands within ±%2 columns, forward passes)")
                                 .arg(kOcclusionBand)
                                 .arg(kOcclusionWindow));
    m_summaryLabel->setText(tr("&Deeper layers:"));
    m_summary->setItemText(0, tr("L2 norm over input channels"));
    m_summary->setItemText(1, tr("Mean kernel over input channels"));
    m_filterZoomLabel->setText(tr("&Zoom:"));
    m_filterZoom->setSuffix(tr(" px"));
    for (QAbstractButton* b : m_exportButtons) {
        b->setText(tr("Export PNG…"));
        b->setToolTip(tr("Save this view as a PNG image"));
    }
    fillLayerBox();
    updateStatus();
}

void InspectorWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void InspectorWidget::fillLayerBox()
{
    int count = 0;
    if (m_rec && m_rec->probe)
        count = int(m_rec->probe->convMaps.size());
    else if (m_model)
        count = int(m_model->crnn.spec().convs.size());
    const QSignalBlocker blocker(m_layer);
    const int current = std::max(0, m_layer->currentIndex());
    m_layer->clear();
    for (int b = 0; b < count; ++b) {
        QString text = tr("conv%1").arg(b);
        if (m_rec && m_rec->probe) {
            const nn::Tensor4& t = m_rec->probe->convMaps[std::size_t(b)];
            text += tr(" · %1 channels").arg(t.c);
        }
        m_layer->addItem(text);
    }
    if (count > 0) {
        m_layer->setCurrentIndex(std::min(current, count - 1));
        m_featureMaps->setLayer(m_layer->currentIndex());
    }
}

void InspectorWidget::setModel(std::shared_ptr<const model::Model> model)
{
    m_model = std::move(model);
    m_filters->setModel(m_model);
    m_ctc->setModel(m_model);
    m_decoders->setModel(m_model);
    m_rnn->setModel(m_model);
    m_saliency->setModel(m_model);
    m_saliency->setSaliency(nullptr, -1);
    fillLayerBox();
    requestSaliency();  // the old map explained another model
    updateStatus();
}

void InspectorWidget::setRecognition(std::shared_ptr<const model::Recognition> recognition,
                                     const QImage& lineImage)
{
    m_runner->cancel();
    m_rec = std::move(recognition);
    m_line = lineImage;
    m_pixels.reset();
    m_selection->clear();  // character indices belong to the old recognition
    m_ctc->setRecognition(m_rec, lineImage);
    m_featureMaps->setRecognition(m_rec, lineImage);
    m_rnn->setRecognition(m_rec, lineImage);
    m_rnn->setCorrelationLabel(-1);
    m_saliency->setRecognition(m_rec, lineImage);
    m_saliency->setStatus(QString());
    m_decoders->setRecognition(m_rec);
    fillLayerBox();
    updateStatus();
}

void InspectorWidget::setColumnZoom(double pixelsPerColumn)
{
    for (ColumnView* v :
         std::initializer_list<ColumnView*>{m_ctc, m_featureMaps, m_rnn, m_saliency})
        v->setColumnZoom(pixelsPerColumn);
    const int i = m_zoom->findData(pixelsPerColumn);
    if (i >= 0 && i != m_zoom->currentIndex()) {
        const QSignalBlocker blocker(m_zoom);
        m_zoom->setCurrentIndex(i);
    }
}

void InspectorWidget::setCurrentPage(Page page)
{
    m_tabs->setCurrentIndex(page);
}

void InspectorWidget::updateStatus()
{
    const int column = m_selection->column();
    if (m_rec && column >= 0) {
        m_status->setText(columnSummary(*m_rec, m_model ? &m_model->charset : nullptr, column, 4));
    } else if (m_rec) {
        m_status->setText(tr(
            "Hover the ink to see the likely characters at a column; click a character to select it."));
    } else {
        m_status->setText(tr("Write or open a line to inspect how the network reads it."));
    }
}

void InspectorWidget::selectedCharacterChanged(int index)
{
    const bool valid = m_rec && index >= 0 && index < int(m_rec->chars.size());
    m_rnn->setCorrelationLabel(valid ? m_rec->chars[std::size_t(index)].label : -1);
    emit characterSelected(index);
    requestSaliency();
}

void InspectorWidget::requestSaliency()
{
    if (m_tabs->currentIndex() != SaliencyPage) {
        m_runner->cancel();
        m_saliencyGeneration = 0;
        m_saliencyPending = true;  // computed when the page is shown
        return;
    }
    m_saliencyPending = false;
    const int index = m_selection->selectedCharacter();
    m_saliency->setSaliency(nullptr, -1);
    m_saliencyGeneration = 0;
    if (!m_rec || index < 0 || index >= int(m_rec->chars.size())) {
        m_runner->cancel();
        m_saliency->setStatus(QString());
        return;
    }
    if (!m_model || m_model->crnn.spec().inputHeight != m_rec->inputHeight
        || m_model->crnn.spec().widthReduction() != m_rec->widthReduction) {
        m_saliency->setStatus(tr("The model does not match this recognition."));
        return;
    }
    if (m_line.width() != m_rec->inputWidth || m_line.height() != m_rec->inputHeight) {
        m_saliency->setStatus(
            tr("The line image is not the network's input (%1×%2 pixels expected).")
                .arg(m_rec->inputWidth)
                .arg(m_rec->inputHeight));
        return;
    }
    // The pixels the network read (the reader's output), or those of the picture shown.
    if (!m_pixels)
        m_pixels = m_rec->input
                       ? m_rec->input
                       : std::make_shared<const std::vector<float>>(pixelsFromLineImage(m_line));
    const auto& c = m_rec->chars[std::size_t(index)];
    SaliencyRunner::Request request;
    request.model = m_model;
    request.pixels = m_pixels;
    request.width = m_rec->inputWidth;
    request.height = m_rec->inputHeight;
    const int frames = m_model->crnn.spec().framesFor(m_rec->inputWidth);
    request.target.label = c.label;
    request.target.firstFrame = std::clamp(c.firstFrame, 0, frames - 1);
    request.target.lastFrame = std::clamp(c.lastFrame, request.target.firstFrame, frames - 1);
    request.method = m_method->currentIndex() == 1 ? model::SaliencyMethod::Occlusion
                                                   : model::SaliencyMethod::Gradient;
    // One forward pass of the whole line per band: only the bands near the character.
    request.occlusion.band = kOcclusionBand;
    request.occlusion.firstColumn = c.firstColumn - kOcclusionWindow;
    request.occlusion.endColumn = c.lastColumn + 1 + kOcclusionWindow;
    m_saliency->setStatus(request.method == model::SaliencyMethod::Gradient
                              ? tr("Computing the gradient…")
                              : tr("Occluding column bands…"));
    m_saliencyCharacter = index;
    m_saliencyGeneration = m_runner->compute(std::move(request));
}

}  // namespace inklens::ui::inspect
