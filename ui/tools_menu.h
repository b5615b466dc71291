#pragma once
// The Tools menu (issue #15): Samples... (SampleBrowser), Fine-tune... (FineTuneDialog) and
// Model Versions... (ModelVersionsDialog), each a window of its own (one at a time, not
// modal: the inspection docks stay usable). It adds itself to the main window's menu bar
// and wires the dialogs: status messages to the status bar; the fine-tuning watches the
// window's current line, and its snapshots go out through inspect() for the inspection
// views (the docks are shown when the first one arrives); when the run is over, inspect()
// hands back the model in use and the window's latest reading.

#include <QImage>
#include <QMenu>
#include <QPointer>

#include <memory>

namespace inklens::model {
struct Model;
struct Recognition;
}  // namespace inklens::model

namespace inklens::service {
class RecognitionService;
}

namespace inklens::ui {

class FineTuneDialog;
class InspectionDocks;
class MainWindow;
class ModelVersionsDialog;
class SampleBrowser;

class ToolsMenu : public QMenu
{
    Q_OBJECT
public:
    ToolsMenu(MainWindow* window, service::RecognitionService& service, InspectionDocks* docks);

    QAction* samplesAction() const { return m_samples; }
    QAction* fineTuneAction() const { return m_fineTune; }
    QAction* versionsAction() const { return m_versions; }

    // Shows (creating it when needed) and returns the dialog.
    SampleBrowser* showSamples();
    FineTuneDialog* showFineTune();
    ModelVersionsDialog* showVersions();

    // Where the samples and versions are (defaults: the user's data folder); for tests.
    void setSamplesPath(const QString& path) { m_samplesPath = path; }
    void setVersionsDir(const QString& dir) { m_versionsDir = dir; }

signals:
    // For the inspection views: a model and its reading of a line (see FineTuneDialog).
    void inspect(std::shared_ptr<const inklens::model::Model> model,
                 std::shared_ptr<const inklens::model::Recognition> recognition,
                 const QImage& lineImage);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    MainWindow* m_window;
    service::RecognitionService& m_service;
    InspectionDocks* m_docks;
    QString m_samplesPath, m_versionsDir;
    QAction* m_samples = nullptr;
    QAction* m_fineTune = nullptr;
    QAction* m_versions = nullptr;
    QPointer<SampleBrowser> m_browser;
    QPointer<FineTuneDialog> m_tuner;
    QPointer<ModelVersionsDialog> m_versionsDialog;
    bool m_watching = false;  // a snapshot of this run was shown
};

}  // namespace inklens::ui
