#pragma once
// All inspection views in one widget, for the main window to drop in (e.g. as a dock):
// tabs Alignment (CtcView), Decoders, Feature maps, LSTM, Saliency and Filters, each with
// its controls and an Export PNG button, linked through one InspectSelection. Give it the
// model and each new recognition (made with reading::ReadOptions::probe = true to fill the
// feature-map and LSTM tabs); it computes nothing on the GUI thread (decoders and
// saliency run in QtConcurrent tasks).
//
//   inspector->setModel(model);                                // at start and on swap
//   inspector->setRecognition(result, service::lineImageToQImage(...));  // on every result
//   inspector->selection()->setHoveredCharacter(i);            // e.g. from a text panel

#include "inspect_util.h"

#include <QWidget>

#include <memory>

class QAbstractButton;
class QComboBox;
class QLabel;
class QScrollArea;
class QSpinBox;
class QTabWidget;

namespace inklens::ui::inspect {

class CtcView;
class DecoderComparison;
class FeatureMapView;
class FilterView;
class InspectSelection;
class InspectView;
class RnnActivationView;
class SaliencyRunner;
class SaliencyView;

class InspectorWidget : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorWidget(QWidget* parent = nullptr);
    ~InspectorWidget() override;

    void setModel(std::shared_ptr<const model::Model> model);
    // lineImage: the line the network read (inspect_util.h: dark ink on light paper,
    // inputWidth x inputHeight; service::lineImageToQImage makes one). Clears the selection.
    void setRecognition(std::shared_ptr<const model::Recognition> recognition,
                        const QImage& lineImage);

    InspectSelection* selection() const { return m_selection; }
    // Pixels per image column in the column views; 0 fits the line to the width.
    void setColumnZoom(double pixelsPerColumn);

    enum Page { AlignmentPage, DecodersPage, FeatureMapsPage, LstmPage, SaliencyPage, FiltersPage };
    void setCurrentPage(Page page);
    QTabWidget* tabs() const { return m_tabs; }
    CtcView* ctcView() const { return m_ctc; }
    DecoderComparison* decoderComparison() const { return m_decoders; }
    FeatureMapView* featureMapView() const { return m_featureMaps; }
    RnnActivationView* rnnActivationView() const { return m_rnn; }
    SaliencyView* saliencyView() const { return m_saliency; }
    FilterView* filterView() const { return m_filters; }
    SaliencyRunner* saliencyRunner() const { return m_runner; }

signals:
    // What the user points at in any view (indices into Recognition::chars; -1 = none).
    void characterHovered(int index);
    void characterSelected(int index);
    void columnHovered(int column);
    void channelSelected(int layer, int channel);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* makePage(InspectView* view, QWidget* controls, bool scroll = true);
    void retranslateUi();
    void updateStatus();
    void selectedCharacterChanged(int index);
    void requestSaliency();
    void fillLayerBox();

    std::shared_ptr<const model::Model> m_model;
    std::shared_ptr<const model::Recognition> m_rec;
    QImage m_line;
    std::shared_ptr<const std::vector<float>> m_pixels;  // from m_line, made on demand
    bool m_saliencyPending = false;
    quint64 m_saliencyGeneration = 0;  // the request whose result is awaited (0: none)
    int m_saliencyCharacter = -1;      // the character it explains

    InspectSelection* m_selection = nullptr;
    SaliencyRunner* m_runner = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_zoomLabel = nullptr;
    QComboBox* m_zoom = nullptr;

    CtcView* m_ctc = nullptr;
    DecoderComparison* m_decoders = nullptr;
    FeatureMapView* m_featureMaps = nullptr;
    RnnActivationView* m_rnn = nullptr;
    SaliencyView* m_saliency = nullptr;
    FilterView* m_filters = nullptr;

    // page controls (kept for retranslation)
    QLabel* m_ctcRowsLabel = nullptr;
    QSpinBox* m_ctcRows = nullptr;
    QLabel* m_layerLabel = nullptr;
    QComboBox* m_layer = nullptr;
    QLabel* m_tilesLabel = nullptr;
    QSpinBox* m_tiles = nullptr;
    QComboBox* m_normalization = nullptr;
    QLabel* m_sortLabel = nullptr;
    QComboBox* m_sort = nullptr;
    QLabel* m_rowHeightLabel = nullptr;
    QSpinBox* m_rowHeight = nullptr;
    QLabel* m_methodLabel = nullptr;
    QComboBox* m_method = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QComboBox* m_summary = nullptr;
    QLabel* m_filterZoomLabel = nullptr;
    QSpinBox* m_filterZoom = nullptr;
    QList<QAbstractButton*> m_exportButtons;
};

}  // namespace inklens::ui::inspect
