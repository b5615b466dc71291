#include "finetune_dialog.h"

#include "curve_plot.h"

#include "service/recognition_service.h"
#include "service/sample_store.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace inklens::ui {

namespace {
QString percent(double cer)
{
    return cer < 0 ? QStringLiteral("–") : QStringLiteral("%1 %").arg(100 * cer, 0, 'f', 2);
}

// A Format_Grayscale8 line (ink dark on white) as the network's input (ink = 1).
imaging::LineImage lineFromImage(const QImage& image)
{
    imaging::LineImage line;
    if (image.isNull())
        return line;
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    line.height = gray.height();
    line.width = gray.width();
    line.pixels.resize(std::size_t(line.height) * std::size_t(line.width));
    for (int y = 0; y < line.height; ++y) {
        const uchar* row = gray.constScanLine(y);
        for (int x = 0; x < line.width; ++x)
            line.pixels[std::size_t(y) * std::size_t(line.width) + std::size_t(x)] =
                1.f - float(row[x]) / 255.f;
    }
    line.sourceWidth = line.scaledWidth = line.sourceColumns = line.width;
    return line;
}
}  // namespace

FineTuneDialog::FineTuneDialog(service::RecognitionService& service, QWidget* parent)
    : QDialog(parent),
      m_service(service),
      m_job(new service::FineTuningJob(this)),
      m_samplesPath(service::SampleStore::defaultPath()),
      m_versionsDir(service::ModelVersions::defaultDir())
{
    setObjectName(QStringLiteral("fineTuneDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_samplesLabel = new QLabel(this);
    m_samplesLabel->setWordWrap(true);

    m_adapt = new QComboBox(this);
    for (service::Adapt a : {service::Adapt::Output, service::Adapt::Lstm, service::Adapt::All})
        m_adapt->addItem(QString(), int(a));
    m_adapt->setCurrentIndex(m_adapt->findData(int(m_options.adapt)));
    m_minutes = new QDoubleSpinBox(this);
    m_minutes->setRange(0.1, 60);
    m_minutes->setDecimals(1);
    m_minutes->setSingleStep(0.5);
    m_minutes->setValue(m_options.minutes);
    m_watch = new QCheckBox(this);
    m_watch->setChecked(true);
    m_adaptLabel = new QLabel(this);
    m_adaptLabel->setBuddy(m_adapt);
    m_minutesLabel = new QLabel(this);
    m_minutesLabel->setBuddy(m_minutes);
    auto* form = new QFormLayout;
    form->addRow(m_adaptLabel, m_adapt);
    form->addRow(m_minutesLabel, m_minutes);
    form->addRow(QString(), m_watch);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("fineTuneStatus"));
    m_plot = new CurvePlot(this);
    m_lossCurve = m_plot->addCurve(QString(), QColor(0x1f, 0x77, 0xb4), 0);
    m_cerCurve = m_plot->addCurve(QString(), QColor(0xd6, 0x27, 0x28), 1, true);

    auto* scores = new QGridLayout;
    for (int c = 0; c < 3; ++c) {
        m_scoreHeader[c] = new QLabel(this);
        m_scoreHeader[c]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        scores->addWidget(m_scoreHeader[c], 0, c);
    }
    for (int r = 0; r < 2; ++r) {
        m_rowLabel[r] = new QLabel(this);
        scores->addWidget(m_rowLabel[r], r + 1, 0);
        for (int c = 0; c < 2; ++c) {
            m_score[r][c] = new QLabel(percent(-1), this);
            m_score[r][c]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_score[r][c]->setTextInteractionFlags(Qt::TextSelectableByMouse);
            scores->addWidget(m_score[r][c], r + 1, c + 1);
        }
    }
    scores->setColumnStretch(0, 1);
    m_verdict = new QLabel(this);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(this);
    m_startButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_cancelButton = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_keepButton = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_closeButton = m_buttons->addButton(QDialogButtonBox::Close);
    m_startButton->setDefault(true);
    disconnect(m_buttons, nullptr, this, nullptr);
    connect(m_startButton, &QPushButton::clicked, this, &FineTuneDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &FineTuneDialog::cancel);
    connect(m_keepButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!keep(&error))
            m_verdict->setText(tr("The model was not kept: %1").arg(error));
    });
    connect(m_closeButton, &QPushButton::clicked, this, &FineTuneDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_samplesLabel);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_plot, 1);
    layout->addLayout(scores);
    layout->addWidget(m_verdict);
    layout->addWidget(m_buttons);

    connect(m_job, &service::FineTuningJob::progress, this, &FineTuneDialog::onProgress);
    connect(m_job, &service::FineTuningJob::finished, this, &FineTuneDialog::onFinished);
    connect(m_job, &service::FineTuningJob::failed, this, &FineTuneDialog::onFailed);
    connect(m_job, &service::FineTuningJob::snapshot, this,
            [this](std::shared_ptr<const model::Model> m,
                   std::shared_ptr<const model::Recognition> r, const QImage& line) {
        if (m_watch->isChecked())
            emit snapshot(std::move(m), std::move(r), line);
    });
    connect(&m_service, &service::RecognitionService::modelLoaded, this,
            &FineTuneDialog::updateState);

    retranslateUi();
    updateSampleCount();
    updateState();
    resize(sizeHint().expandedTo(QSize(560, 520)));
}

FineTuneDialog::~FineTuneDialog() = default;

void FineTuneDialog::setSamplesPath(const QString& path)
{
    m_samplesPath = path;
    updateSampleCount();
    updateState();
}

void FineTuneDialog::setVersionsDir(const QString& dir)
{
    m_versionsDir = dir;
}

void FineTuneDialog::setWatchLine(const QImage& line)
{
    m_watchLine = line;
}

void FineTuneDialog::refreshSamples()
{
    updateSampleCount();
    updateState();
}

bool FineTuneDialog::running() const
{
    return m_job->running();
}

void FineTuneDialog::updateSampleCount()
{
    m_samples = service::FineTuningJob::usableSamples(m_samplesPath, &m_heldOut,
                                                      m_options.holdOutEvery);
    m_samplesLabel->setText(
        m_samples < 2
            ? tr("Corrected samples to learn from: %1. Fine-tuning needs at least 2: correct a "
                 "few readings first (F2 or a double click on the text), or import a folder in "
                 "Tools > Samples.")
                  .arg(m_samples)
            : tr("Corrected samples to learn from: %1, of which %2 are held out to check the "
                 "result.")
                  .arg(m_samples)
                  .arg(m_heldOut));
}

void FineTuneDialog::start()
{
    if (running())
        return;
    const auto base = m_service.model();
    if (!base) {
        m_verdict->setText(tr("There is no model to fine-tune."));
        return;
    }
    updateSampleCount();
    service::FineTuningInput input;
    input.base = base;
    input.samplesPath = m_samplesPath;
    input.options = m_options;
    input.options.adapt = service::Adapt(m_adapt->currentData().toInt());
    input.options.minutes = m_minutes->value();
    if (input.options.maxSteps > 0 && m_options.minutes == 0)
        input.options.minutes = 0;  // a step budget alone (tests)
    input.watchLine = lineFromImage(m_watchLine);
    input.snapshotSeconds = m_watch->isChecked() ? 1.0 : 0;
    m_runOptions = input.options;
    m_runBasePath = m_service.modelState() == service::RecognitionService::ModelState::Ready
                        ? m_service.modelMessage()
                        : QString();
    m_result.reset();
    m_kept = false;
    m_plot->clear();
    m_progress->setValue(0);
    showScores();
    m_verdict->clear();
    m_status->setText(tr("Preparing the samples and the general lines..."));
    m_job->start(std::move(input));
    updateState();
}

void FineTuneDialog::cancel()
{
    if (!running())
        return;
    m_job->cancel();
    m_status->setText(tr("Cancelling..."));
    m_cancelButton->setEnabled(false);
}

void FineTuneDialog::reject()
{
    if (running()) {
        m_closeWhenDone = true;
        cancel();
        return;
    }
    QDialog::reject();
}

void FineTuneDialog::onProgress(int step, double loss, double heldOutCer, double elapsed,
                                double fraction)
{
    m_progress->setValue(int(1000 * std::clamp(fraction, 0.0, 1.0)));
    m_plot->addPoint(m_lossCurve, step, loss);
    if (heldOutCer >= 0)
        m_plot->addPoint(m_cerCurve, step, heldOutCer);
    const auto& cer = m_plot->points(m_cerCurve);
    m_status->setText(tr("Step %1, %2 s: loss %3, held-out CER %4")
                          .arg(step)
                          .arg(elapsed, 0, 'f', 0)
                          .arg(loss, 0, 'f', 3)
                          .arg(cer.isEmpty() ? percent(-1) : percent(cer.back().y())));
}

void FineTuneDialog::onFinished(std::shared_ptr<const service::FineTuningResult> result)
{
    m_result = std::move(result);
    emit watchEnded();
    const service::FineTuningResult& r = *m_result;
    if (r.cancelled) {
        m_status->setText(tr("Cancelled at step %1; the model in use is unchanged.").arg(r.steps));
    } else {
        m_progress->setValue(m_progress->maximum());
        m_status->setText(tr("Done: %1 steps in %2 s.").arg(r.steps).arg(r.seconds, 0, 'f', 0));
    }
    if (!r.cancelled) {
        // The held-out CER from before the first step to after the last.
        const QList<QPointF> during = m_plot->points(m_cerCurve);
        m_plot->clearCurve(m_cerCurve);
        m_plot->addPoint(m_cerCurve, 0, r.heldOutBefore);
        for (const QPointF& p : during)
            m_plot->addPoint(m_cerCurve, p.x(), p.y());
        m_plot->addPoint(m_cerCurve, r.steps, r.heldOutAfter);
    }
    showScores();
    if (r.cancelled)
        m_verdict->setText(tr("Nothing was changed."));
    else if (r.better)
        m_verdict->setText(tr("Better on your held-out samples and not worse on general lines. "
                              "Keep it to use it from now on (you can roll back at any time in "
                              "Tools > Model Versions)."));
    else if (!(r.heldOutAfter < r.heldOutBefore))
        m_verdict->setText(tr("Not offered: it does not read your held-out samples better. Try "
                              "more samples, more minutes or letting more of the model adapt."));
    else
        m_verdict->setText(
            tr("Not offered: it reads general lines worse than allowed (at most %1 points "
               "more). Try adapting less of the model.")
                .arg(100 * m_runOptions.generalMargin, 0, 'f', 1));
    updateState();
    if (m_closeWhenDone) {
        m_closeWhenDone = false;
        QDialog::reject();
    }
}

void FineTuneDialog::onFailed(const QString& message)
{
    emit watchEnded();
    m_status->clear();
    m_verdict->setText(tr("Fine-tuning failed: %1").arg(message));
    updateState();
    if (m_closeWhenDone) {
        m_closeWhenDone = false;
        QDialog::reject();
    }
}

void FineTuneDialog::showScores()
{
    const service::FineTuningResult* r = m_result.get();
    m_score[0][0]->setText(percent(r ? r->heldOutBefore : -1));
    m_score[0][1]->setText(percent(r ? r->heldOutAfter : -1));
    m_score[1][0]->setText(percent(r ? r->generalBefore : -1));
    m_score[1][1]->setText(percent(r ? r->generalAfter : -1));
    if (r && !r->cancelled) {
        const bool heldBetter = r->heldOutAfter < r->heldOutBefore;
        const bool generalOk = r->generalAfter <= r->generalBefore + m_runOptions.generalMargin;
        m_score[0][1]->setStyleSheet(heldBetter ? QStringLiteral("color: #1a7f37")
                                                : QStringLiteral("color: #c62828"));
        m_score[1][1]->setStyleSheet(generalOk ? QStringLiteral("color: #1a7f37")
                                               : QStringLiteral("color: #c62828"));
    } else {
        m_score[0][1]->setStyleSheet({});
        m_score[1][1]->setStyleSheet({});
    }
    m_rowLabel[0]->setText(tr("Your held-out samples (%1)").arg(r ? r->heldOutSamples : m_heldOut));
    m_rowLabel[1]->setText(r ? tr("General lines (%1)").arg(r->generalLines) : tr("General lines"));
}

bool FineTuneDialog::keep(QString* error)
{
    if (!m_result || m_result->cancelled || !m_result->better || m_kept) {
        if (error)
            *error = tr("there is no better model to keep");
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    service::ModelVersions versions(m_versionsDir);
    const auto v = versions.add(*m_result, m_runOptions, m_runBasePath, m_samplesPath, error);
    QApplication::restoreOverrideCursor();
    if (!v)
        return false;
    m_kept = true;
    service::ModelVersions::setActivePath(v->path);
    m_service.loadModel(v->path);
    m_verdict->setText(tr("Kept as %1; it is the model in use now.").arg(v->name));
    emit statusMessage(tr("Fine-tuned model %1 in use.").arg(v->name));
    emit versionKept(*v);
    updateState();
    return true;
}

void FineTuneDialog::updateState()
{
    const bool run = running();
    m_startButton->setEnabled(!run && m_samples >= 2 && m_service.model() != nullptr);
    m_cancelButton->setVisible(run);
    m_cancelButton->setEnabled(run);
    m_keepButton->setEnabled(!run && m_result && !m_result->cancelled && m_result->better
                             && !m_kept);
    m_adapt->setEnabled(!run);
    m_minutes->setEnabled(!run);
}

void FineTuneDialog::retranslateUi()
{
    setWindowTitle(tr("Fine-tune"));
    m_intro->setText(tr("Teach the model your handwriting from the readings you corrected. It "
                        "trains a copy of the model in use, mixed with general lines so that it "
                        "does not forget, and checks the result on samples it did not train "
                        "on. The model in use changes only if you keep the result."));
    m_adaptLabel->setText(tr("&What adapts:"));
    m_adapt->setItemText(0, tr("The output layer (fastest, smallest change)"));
    m_adapt->setItemText(1, tr("The LSTMs and the output layer"));
    m_adapt->setItemText(2, tr("Everything"));
    const int recommended = m_adapt->findData(int(service::FineTuningOptions{}.adapt));
    m_adapt->setItemText(recommended, tr("%1 (recommended)").arg(m_adapt->itemText(recommended)));
    m_minutesLabel->setText(tr("&Minutes:"));
    m_watch->setText(tr("Watch it &learn (the inspection views follow the training)"));
    m_plot->setCurveName(m_lossCurve, tr("loss"));
    m_plot->setCurveName(m_cerCurve, tr("held-out CER"));
    m_plot->setXLabel(tr("step"));
    m_scoreHeader[0]->setText(tr("Character error rate"));
    m_scoreHeader[0]->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_scoreHeader[1]->setText(tr("Before"));
    m_scoreHeader[2]->setText(tr("After"));
    m_startButton->setText(tr("&Start"));
    m_cancelButton->setText(tr("&Cancel"));
    m_keepButton->setText(tr("&Keep"));
    updateSampleCount();
    showScores();
}

void FineTuneDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

}  // namespace inklens::ui
