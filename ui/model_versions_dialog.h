#pragma once
// Tools > Model Versions...: the bundled model and every fine-tuned version the user kept
// (service::ModelVersions), with their provenance (base, samples, date, CER before and
// after on the held-out samples and the general set); the one in use is marked. Restore
// makes the selected version the model in use (the recognition service loads it from its
// file; the settings remember it); Roll Back returns to the bundled model. A version whose
// file does not load is listed with the reason and cannot be restored; nothing is deleted.
// The folder is read off the GUI thread (every file is validated).

#include "service/model_versions.h"

#include <QDialog>
#include <QFutureWatcher>

#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace inklens::service {
class RecognitionService;
}

namespace inklens::ui {

class ModelVersionsDialog : public QDialog
{
    Q_OBJECT
public:
    ModelVersionsDialog(service::RecognitionService& service, QWidget* parent = nullptr);
    ~ModelVersionsDialog() override;

    void setVersionsDir(const QString& dir);  // default: ModelVersions::defaultDir()
    // Reads the folder again (asynchronously; listed() when done).
    void refresh();
    const std::vector<service::ModelVersion>& versions() const { return m_versions; }

    // Makes versions()[index] the model in use; false when it is damaged.
    bool restore(int index);
    // The bundled model in use again.
    void rollBack();

    QTreeWidget* tree() const { return m_tree; }
    QPushButton* restoreButton() const { return m_restore; }
    QPushButton* rollBackButton() const { return m_rollBack; }

signals:
    void listed();
    void statusMessage(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void fill();
    void updateButtons();

    service::RecognitionService& m_service;
    QString m_dir;
    std::vector<service::ModelVersion> m_versions;
    QFutureWatcher<std::vector<service::ModelVersion>> m_watcher;
    bool m_refreshAgain = false;

    QLabel* m_intro = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_detail = nullptr;
    QPushButton* m_restore = nullptr;
    QPushButton* m_rollBack = nullptr;
    QPushButton* m_close = nullptr;
};

}  // namespace inklens::ui
