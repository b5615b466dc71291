#include "decoder_comparison.h"

#include "ctc/edit_distance.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace inklens::ui::inspect {

std::vector<bool> differingCharacters(const std::u32string& a, const std::u32string& b)
{
    const std::size_t n = a.size();
    std::vector<bool> out(n, false);
    for (const ctc::EditStep& e : ctc::editAlignmentBackwards(a, b)) {
        if (e.kind == ctc::EditStep::Substitute || e.kind == ctc::EditStep::Delete)
            out[e.i] = true;
        else if (e.kind == ctc::EditStep::Insert && n > 0)
            out[e.i > 0 ? e.i - 1 : 0] = true;  // inserted in b: mark the neighbour in a
    }
    return out;
}

namespace {
QString markedHtml(const QString& text, const QString& other)
{
    const std::u32string a = text.toStdU32String(), b = other.toStdU32String();
    const std::vector<bool> diff = differingCharacters(a, b);
    QString html;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const QString c = QString::fromUcs4(&a[i], 1).toHtmlEscaped();
        html += diff[i] ? QStringLiteral("<span style=\"background:#ffd59a\">%1</span>").arg(c) : c;
    }
    return html.isEmpty() ? QStringLiteral("&nbsp;") : html;
}
}  // namespace

DecoderComparison::DecoderComparison(QWidget* parent) : InspectView(parent)
{
    setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(this);

    auto* controls = new QHBoxLayout;
    m_beamWidth = new QSpinBox(this);
    m_beamWidth->setRange(1, 256);
    m_beamWidth->setValue(m_options.beamWidth);
    m_beamWidth->setObjectName(QStringLiteral("beamWidth"));
    m_nbest = new QSpinBox(this);
    m_nbest->setRange(1, 50);
    m_nbest->setValue(m_options.nbest);
    m_nbest->setObjectName(QStringLiteral("nbest"));
    controls->addWidget(new QLabel(tr("Beam width:"), this));
    controls->addWidget(m_beamWidth);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("N-best:"), this));
    controls->addWidget(m_nbest);
    controls->addSpacing(12);
    m_useLm = new QCheckBox(tr("Language model"), this);
    m_useLm->setObjectName(QStringLiteral("useLanguageModel"));
    m_useLm->setChecked(true);
    m_useLm->setEnabled(false);  // until a model with a language model is set
    m_useLm->setToolTip(
        tr("Rank the beam's hypotheses with the model's character language model too"));
    controls->addWidget(m_useLm);
    controls->addStretch(1);
    layout->addLayout(controls);

    auto* panes = new QHBoxLayout;
    auto* greedyBox = new QGroupBox(tr("Greedy (best path)"), this);
    auto* greedyLayout = new QVBoxLayout(greedyBox);
    m_greedyText = new QLabel(greedyBox);
    m_greedyText->setTextFormat(Qt::RichText);
    m_greedyText->setWordWrap(true);
    // wrap at spaces; a text without any (a model reading noise) is clipped rather than
    // widening the view
    m_greedyText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_greedyText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_greedyText->setFont(big);
    m_greedyInfo = new QLabel(greedyBox);
    m_greedyInfo->setWordWrap(true);
    greedyLayout->addWidget(m_greedyText);
    greedyLayout->addWidget(m_greedyInfo);
    greedyLayout->addStretch(1);
    panes->addWidget(greedyBox, 1);

    auto* beamBox = m_beamBox = new QGroupBox(tr("Prefix beam search"), this);
    auto* beamLayout = new QVBoxLayout(beamBox);
    m_beamText = new QLabel(beamBox);
    m_beamText->setTextFormat(Qt::RichText);
    m_beamText->setWordWrap(true);
    m_beamText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_beamText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_beamText->setFont(big);
    m_nbestList = new QTreeWidget(beamBox);
    m_nbestList->setRootIsDecorated(false);
    m_nbestList->setHeaderLabels(
        {tr("#"), tr("Text"), tr("log P"), tr("Δ score"), tr("Share"), tr("log P (LM)")});
    m_nbestList->setColumnHidden(5, true);
    m_nbestList->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_nbestList->header()->setStretchLastSection(false);
    m_nbestList->setMinimumHeight(120);
    beamLayout->addWidget(m_beamText);
    beamLayout->addWidget(m_nbestList, 1);
    panes->addWidget(beamBox, 1);
    layout->addLayout(panes, 1);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    connect(m_beamWidth, &QSpinBox::valueChanged, this, [this](int v) {
        m_options.beamWidth = v;
        start();
    });
    connect(m_nbest, &QSpinBox::valueChanged, this, [this](int v) {
        m_options.nbest = v;
        start();
    });
    connect(m_useLm, &QCheckBox::toggled, this, [this] { start(); });
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        const Result r = m_watcher.result();
        if (r.generation == m_generation)
            show(r);
    });
    start();
}

DecoderComparison::~DecoderComparison() = default;  // a running task owns its inputs

void DecoderComparison::setModel(std::shared_ptr<const model::Model> model)
{
    const bool hadLm = m_model && m_model->languageModel;
    m_model = std::move(model);
    const bool hasLm = m_model && m_model->languageModel;
    m_useLm->setEnabled(hasLm);
    if (hadLm != hasLm && m_rec)
        start();  // the beam's reading may change
    else if (m_ready)
        show(m_result);
}

void DecoderComparison::setLanguageModelEnabled(bool on)
{
    m_useLm->setChecked(on);
}

void DecoderComparison::setRecognition(std::shared_ptr<const model::Recognition> recognition)
{
    m_rec = std::move(recognition);
    start();
}

void DecoderComparison::setBeamOptions(const ctc::BeamOptions& options)
{
    m_options = options;
    const QSignalBlocker b1(m_beamWidth), b2(m_nbest);
    m_beamWidth->setValue(options.beamWidth);
    m_nbest->setValue(options.nbest);
    start();
}

QString DecoderComparison::decode(const std::vector<int>& labels) const
{
    if (m_model)
        return QString::fromStdString(m_model->charset.decode(labels));
    QStringList parts;
    for (int l : labels)
        parts << QStringLiteral("#%1").arg(l);
    return parts.join(QLatin1Char(' '));
}

void DecoderComparison::start()
{
    ++m_generation;
    m_ready = false;
    if (!m_rec || m_rec->logProbs.rows() == 0) {
        m_greedyText->setText(QStringLiteral("&nbsp;"));
        m_beamText->setText(QStringLiteral("&nbsp;"));
        m_greedyInfo->clear();
        m_nbestList->clear();
        m_summary->setText(m_rec ? tr("The line is too short to decode.")
                                 : tr("No recognition yet"));
        return;
    }
    m_summary->setText(tr("Decoding…"));
    const quint64 generation = m_generation;
    ctc::BeamOptions options = m_options;
    auto rec = m_rec;
    auto model = m_model;  // keeps the language model alive while the task runs
    const bool useLm = m_useLm->isChecked() && model && model->languageModel;
    options.lm = useLm ? &model->languageModel->lm : nullptr;
    m_watcher.setFuture(QtConcurrent::run([generation, options, rec, model] {
        Result r;
        r.generation = generation;
        r.usedLm = options.lm != nullptr;
        r.options = options;
        const auto t0 = std::chrono::steady_clock::now();
        r.greedy = ctc::ctcDecodeGreedy(rec->logProbs);
        r.beam = ctc::ctcDecodeBeam(rec->logProbs, options);
        r.ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return r;
    }));
}

void DecoderComparison::show(const Result& r)
{
    m_result = r;
    const QString greedy = decode(r.greedy.best().labels);
    const QString beam = decode(r.beam.best().labels);
    m_greedyText->setText(markedHtml(greedy, beam));
    m_beamText->setText(markedHtml(beam, greedy));
    m_greedyInfo->setText(
        tr("log P(best path) = %1\n(the probability of this one alignment, not of the text)")
            .arg(r.greedy.best().logProb, 0, 'f', 3));
    m_beamBox->setTitle(r.usedLm ? tr("Prefix beam search + language model")
                                 : tr("Prefix beam search"));
    m_nbestList->setColumnHidden(5, !r.usedLm);
    m_nbestList->clear();
    const std::vector<float> scores = rankScores(r);
    const float best = scores.front();
    double total = 0;
    for (float sc : scores)
        total += std::exp(double(sc - best));
    for (std::size_t i = 0; i < r.beam.nbest.size(); ++i) {
        const auto& h = r.beam.nbest[i];
        auto* item = new QTreeWidgetItem(m_nbestList);
        item->setText(0, QString::number(i + 1));
        item->setText(1, decode(h.labels));
        item->setText(2, QString::number(h.logProb, 'f', 3));
        item->setText(3, QString::number(scores[i] - best, 'f', 3));
        item->setText(4, QStringLiteral("%1%").arg(
                             100.0 * std::exp(double(scores[i] - best)) / total, 0, 'f', 1));
        item->setText(5, QString::number(h.lmLogProb, 'f', 3));
        for (int c : {0, 2, 3, 4, 5})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    for (int c : {0, 2, 3, 4, 5})
        m_nbestList->resizeColumnToContents(c);
    const QString agree = greedy == beam ? tr("Greedy and beam search agree.")
                                         : tr("Greedy and beam search differ (highlighted).");
    m_summary->setText(agree + QLatin1Char(' ')
                       + tr("Share: probability relative to the listed hypotheses.")
                       + QLatin1Char(' ') + tr("Decoded in %1 ms.").arg(r.ms, 0, 'f', 1));
    m_ready = true;
    emit decoded();
}

QString DecoderComparison::greedyText() const
{
    return m_ready ? decode(m_result.greedy.best().labels) : QString();
}

float DecoderComparison::greedyLogProb() const
{
    return m_ready ? m_result.greedy.best().logProb : 0.f;
}

QStringList DecoderComparison::beamTexts() const
{
    QStringList out;
    if (m_ready)
        for (const auto& h : m_result.beam.nbest)
            out << decode(h.labels);
    return out;
}

std::vector<float> DecoderComparison::beamLogProbs() const
{
    return m_ready ? rankScores(m_result) : std::vector<float>();
}

std::vector<float> DecoderComparison::rankScores(const Result& r)
{
    std::vector<float> out;
    for (const auto& h : r.beam.nbest)
        out.push_back(h.rankScore);
    return out;
}

}  // namespace inklens::ui::inspect
