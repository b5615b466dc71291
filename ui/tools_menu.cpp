#include "tools_menu.h"

#include "finetune_dialog.h"
#include "inspection_docks.h"
#include "main_window.h"
#include "model_versions_dialog.h"
#include "sample_browser.h"
#include "status_bar.h"

#include "service/recognition_service.h"

#include <QAction>
#include <QEvent>
#include <QMenuBar>

namespace inklens::ui {

namespace {
template<class Dialog>
void bringUp(Dialog* dialog)
{
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}
}  // namespace

ToolsMenu::ToolsMenu(MainWindow* window, service::RecognitionService& service,
                     InspectionDocks* docks)
    : QMenu(window), m_window(window), m_service(service), m_docks(docks)
{
    setObjectName(QStringLiteral("toolsMenu"));
    m_samples = addAction(QString());
    m_samples->setObjectName(QStringLiteral("samplesAction"));
    m_fineTune = addAction(QString());
    m_fineTune->setObjectName(QStringLiteral("fineTuneAction"));
    m_versions = addAction(QString());
    m_versions->setObjectName(QStringLiteral("modelVersionsAction"));
    connect(m_samples, &QAction::triggered, this, &ToolsMenu::showSamples);
    connect(m_fineTune, &QAction::triggered, this, &ToolsMenu::showFineTune);
    connect(m_versions, &QAction::triggered, this, &ToolsMenu::showVersions);
    window->menuBar()->addMenu(this);
    retranslate();
}

SampleBrowser* ToolsMenu::showSamples()
{
    if (!m_browser) {
        m_browser = new SampleBrowser(m_samplesPath, m_window);
        m_browser->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_browser, &SampleBrowser::samplesChanged, this, [this] {
            if (m_tuner && !m_tuner->running())
                m_tuner->refreshSamples();
        });
    }
    bringUp(m_browser.data());
    return m_browser;
}

FineTuneDialog* ToolsMenu::showFineTune()
{
    if (!m_tuner) {
        m_tuner = new FineTuneDialog(m_service, m_window);
        m_tuner->setAttribute(Qt::WA_DeleteOnClose);
        if (!m_samplesPath.isEmpty())
            m_tuner->setSamplesPath(m_samplesPath);
        if (!m_versionsDir.isEmpty())
            m_tuner->setVersionsDir(m_versionsDir);
        m_tuner->setWatchLine(m_window->latestLineImage());
        connect(m_window, &MainWindow::recognitionChanged, m_tuner,
                [tuner = m_tuner.data()](auto, const QImage& line) { tuner->setWatchLine(line); });
        connect(m_tuner, &FineTuneDialog::statusMessage, m_window->statusBarWidget(),
                [this](const QString& text) {
            m_window->statusBarWidget()->showMessage(text, 8000);
        });
        connect(m_tuner, &FineTuneDialog::snapshot, this,
                [this](std::shared_ptr<const model::Model> m,
                       std::shared_ptr<const model::Recognition> r, const QImage& line) {
            if (!m_watching && m_docks)
                m_docks->setShown(true);
            m_watching = true;
            emit inspect(std::move(m), std::move(r), line);
        });
        connect(m_tuner, &FineTuneDialog::watchEnded, this, [this] {
            if (!m_watching)
                return;
            m_watching = false;
            emit inspect(m_service.model(), m_window->latestRecognition(),
                         m_window->latestLineImage());
        });
        connect(m_tuner, &FineTuneDialog::versionKept, this, [this] {
            if (m_versionsDialog)
                m_versionsDialog->refresh();
        });
    }
    bringUp(m_tuner.data());
    return m_tuner;
}

ModelVersionsDialog* ToolsMenu::showVersions()
{
    if (!m_versionsDialog) {
        m_versionsDialog = new ModelVersionsDialog(m_service, m_window);
        m_versionsDialog->setAttribute(Qt::WA_DeleteOnClose);
        if (!m_versionsDir.isEmpty())
            m_versionsDialog->setVersionsDir(m_versionsDir);
        connect(m_versionsDialog, &ModelVersionsDialog::statusMessage, m_window->statusBarWidget(),
                [this](const QString& text) {
            m_window->statusBarWidget()->showMessage(text, 8000);
        });
    }
    bringUp(m_versionsDialog.data());
    return m_versionsDialog;
}

void ToolsMenu::retranslate()
{
    setTitle(tr("&Tools"));
    m_samples->setText(tr("&Samples..."));
    m_samples->setStatusTip(tr("Review the corrected samples: relabel, exclude, delete, import "
                               "and export them"));
    m_fineTune->setText(tr("&Fine-tune..."));
    m_fineTune->setStatusTip(tr("Teach the model your handwriting from your corrected samples"));
    m_versions->setText(tr("Model &Versions..."));
    m_versions->setStatusTip(tr("Use a fine-tuned model you kept, or go back to the bundled one"));
}

void ToolsMenu::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}

}  // namespace inklens::ui
