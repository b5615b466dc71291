#pragma once
// Tools > Fine-tune...: learn the user's handwriting from their corrected samples (issue
// #15). The user chooses what adapts and for how long; the run (service::FineTuningJob:
// service::fineTune on its own thread, on a copy of the model in use) shows its progress
// and live loss and held-out CER curves and can be cancelled. At the end the CER before and
// after on the user's held-out samples and on the general set stand side by side; "Keep"
// is offered only when the guard accepts (otherwise the dialog says why). Keeping saves a
// version (service::ModelVersions) and makes it the active model: the recognition service
// loads it from its file (the one model-loading path) and the settings remember it.
//
// Watch it learn: while it trains, snapshot() hands out copies of the model being trained
// with their reading of the watched line (the window's current line, else a held-out
// sample), for the inspection views; watchEnded() when the run is over.

#include "service/fine_tuning_job.h"
#include "service/model_versions.h"

#include <QDialog>
#include <QImage>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace inklens::service {
class RecognitionService;
}

namespace inklens::ui {

class CurvePlot;

class FineTuneDialog : public QDialog
{
    Q_OBJECT
public:
    // service: the application's (its model is the base; a kept version is loaded into it).
    explicit FineTuneDialog(service::RecognitionService& service, QWidget* parent = nullptr);
    ~FineTuneDialog() override;

    // Where the samples and the versions are (defaults: SampleStore::defaultPath(),
    // ModelVersions::defaultDir()); for tests.
    void setSamplesPath(const QString& path);
    void setVersionsDir(const QString& dir);
    // The options of the next run besides what the dialog sets (adapt, minutes): defaults
    // are the service's (what `inklens finetune` runs); tests set budgets and general sets.
    service::FineTuningOptions& options() { return m_options; }
    // The line to watch (a Format_Grayscale8 line as the network read it, ink dark on
    // white: MainWindow::latestLineImage()); null: a held-out sample.
    void setWatchLine(const QImage& line);
    // Counts the usable samples again (after the sample browser changed them).
    void refreshSamples();

    void start();
    void cancel();
    // While it runs: cancels, and closes once the run has stopped.
    void reject() override;
    bool running() const;
    // The last run's result (null before one ended); Keep is enabled when it is better.
    std::shared_ptr<const service::FineTuningResult> result() const { return m_result; }
    // Saves the result as a version, loads it into the service and remembers it as the
    // active model. false and *error when nothing was kept.
    bool keep(QString* error = nullptr);

    // For tests and screenshots.
    QProgressBar* progressBar() const { return m_progress; }
    CurvePlot* plot() const { return m_plot; }
    QPushButton* startButton() const { return m_startButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QPushButton* keepButton() const { return m_keepButton; }
    QLabel* verdictLabel() const { return m_verdict; }
    QCheckBox* watchBox() const { return m_watch; }
    QComboBox* adaptBox() const { return m_adapt; }
    QDoubleSpinBox* minutesBox() const { return m_minutes; }

signals:
    void snapshot(std::shared_ptr<const inklens::model::Model> model,
                  std::shared_ptr<const inklens::model::Recognition> recognition,
                  const QImage& lineImage);
    void watchEnded();
    void versionKept(const inklens::service::ModelVersion& version);
    void statusMessage(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateState();
    void updateSampleCount();
    void onProgress(int step, double loss, double heldOutCer, double elapsed, double fraction);
    void onFinished(std::shared_ptr<const service::FineTuningResult> result);
    void onFailed(const QString& message);
    void showScores();

    service::RecognitionService& m_service;
    service::FineTuningJob* m_job = nullptr;
    service::FineTuningOptions m_options;
    QString m_samplesPath;
    QString m_versionsDir;
    QImage m_watchLine;
    std::shared_ptr<const service::FineTuningResult> m_result;
    service::FineTuningOptions m_runOptions;  // of the run that gave m_result
    QString m_runBasePath;
    bool m_closeWhenDone = false;
    bool m_kept = false;
    int m_samples = 0, m_heldOut = 0;

    QLabel* m_intro = nullptr;
    QLabel* m_samplesLabel = nullptr;
    QLabel* m_adaptLabel = nullptr;
    QComboBox* m_adapt = nullptr;
    QLabel* m_minutesLabel = nullptr;
    QDoubleSpinBox* m_minutes = nullptr;
    QCheckBox* m_watch = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    CurvePlot* m_plot = nullptr;
    int m_lossCurve = -1, m_cerCurve = -1;
    QLabel* m_scoreHeader[3] = {};
    QLabel* m_rowLabel[2] = {};
    QLabel* m_score[2][2] = {};
    QLabel* m_verdict = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_keepButton = nullptr;
    QPushButton* m_closeButton = nullptr;
};

}  // namespace inklens::ui
