#include "model_versions_dialog.h"

#include "service/model_locator.h"
#include "service/recognition_service.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace inklens::ui {

namespace {
constexpr int kInUseRole = Qt::UserRole + 1;

QString percent(double cer)
{
    return cer < 0 ? QStringLiteral("–") : QStringLiteral("%1 %").arg(100 * cer, 0, 'f', 1);
}

QString beforeAfter(double before, double after)
{
    return before < 0 && after < 0 ? QString()
                                   : QStringLiteral("%1 → %2").arg(percent(before), percent(after));
}

// What adapted, as the fine-tuning dialog names it.
QString adaptText(const QString& adapt)
{
    if (adapt == QLatin1String("output"))
        return ModelVersionsDialog::tr("the output layer");
    if (adapt == QLatin1String("lstm"))
        return ModelVersionsDialog::tr("the LSTMs and the output layer");
    if (adapt == QLatin1String("all"))
        return ModelVersionsDialog::tr("everything");
    return adapt;
}

bool samePath(const QString& a, const QString& b)
{
    return !a.isEmpty() && !b.isEmpty()
           && QFileInfo(a).absoluteFilePath() == QFileInfo(b).absoluteFilePath();
}
}  // namespace

ModelVersionsDialog::ModelVersionsDialog(service::RecognitionService& service, QWidget* parent)
    : QDialog(parent), m_service(service), m_dir(service::ModelVersions::defaultDir())
{
    setObjectName(QStringLiteral("modelVersionsDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_tree = new QTreeWidget(this);
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(6);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(this);
    m_restore = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_rollBack = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const int row = m_tree->indexOfTopLevelItem(m_tree->currentItem());
        if (row == 0)
            rollBack();
        else if (row > 0)
            restore(row - 1);
    });
    connect(m_rollBack, &QPushButton::clicked, this, &ModelVersionsDialog::rollBack);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ModelVersionsDialog::updateButtons);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, m_restore, &QPushButton::click);
    connect(&m_watcher, &QFutureWatcher<std::vector<service::ModelVersion>>::finished, this,
            [this] {
        m_versions = m_watcher.result();
        if (m_refreshAgain) {
            m_refreshAgain = false;
            refresh();
            return;
        }
        fill();
        emit listed();
    });
    connect(&m_service, &service::RecognitionService::modelLoaded, this,
            &ModelVersionsDialog::fill);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_detail);
    layout->addWidget(buttons);
    retranslateUi();
    resize(760, 360);
    refresh();
}

ModelVersionsDialog::~ModelVersionsDialog()
{
    m_watcher.waitForFinished();
}

void ModelVersionsDialog::setVersionsDir(const QString& dir)
{
    m_dir = dir;
    refresh();
}

void ModelVersionsDialog::refresh()
{
    if (m_watcher.isRunning()) {
        m_refreshAgain = true;
        return;
    }
    m_watcher.setFuture(
        QtConcurrent::run([dir = m_dir] { return service::ModelVersions(dir).list(); }));
}

void ModelVersionsDialog::fill()
{
    using State = service::RecognitionService::ModelState;
    const QString inUse = m_service.modelState() == State::Ready
                              ? m_service.modelMessage()
                              : service::ModelVersions::activePath();
    const QString current = m_tree->currentItem()
                                ? m_tree->currentItem()->data(0, Qt::UserRole).toString()
                                : QString();
    m_tree->clear();
    QTreeWidgetItem* select = nullptr;
    const QString bundled = service::defaultModelPath();
    auto* first = new QTreeWidgetItem(m_tree);
    first->setText(0, tr("Bundled model"));
    first->setData(0, Qt::UserRole, bundled);
    first->setToolTip(0, QDir::toNativeSeparators(bundled));
    bool anyInUse = false;
    for (const service::ModelVersion& v : m_versions) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, v.name);
        item->setData(0, Qt::UserRole, v.path);
        item->setToolTip(0, QDir::toNativeSeparators(v.path));
        item->setText(1, QLocale().toString(v.created.toLocalTime(), QLocale::ShortFormat));
        if (!v.ok()) {
            item->setText(5, tr("damaged: %1").arg(v.error));
            item->setToolTip(5, v.error);
            item->setForeground(5, QColor(0xc6, 0x28, 0x28));
            continue;
        }
        item->setText(2, v.trainingSamples >= 0
                             ? QString::number(v.trainingSamples + std::max(0, v.heldOutSamples))
                             : QString());
        item->setText(3, beforeAfter(v.heldOutBefore, v.heldOutAfter));
        item->setText(4, beforeAfter(v.generalBefore, v.generalAfter));
        if (samePath(v.path, inUse)) {
            item->setText(5, tr("in use"));
            item->setData(0, kInUseRole, true);
            anyInUse = true;
            select = item;
        }
        if (v.path == current)
            select = select ? select : item;
    }
    if (!anyInUse) {
        const bool bundledInUse = samePath(bundled, inUse) || inUse.isEmpty();
        first->setText(5, bundledInUse ? tr("in use") : QString());
        first->setData(0, kInUseRole, bundledInUse);
        if (!select)
            select = first;
    }
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* item = m_tree->topLevelItem(c);
        if (item->data(0, kInUseRole).toBool()) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int k = 0; k < m_tree->columnCount(); ++k)
                item->setFont(k, bold);
        }
    }
    m_tree->setCurrentItem(select);
    updateButtons();
}

void ModelVersionsDialog::updateButtons()
{
    const int row = m_tree->indexOfTopLevelItem(m_tree->currentItem());
    const bool damaged = row > 0 && !m_versions[std::size_t(row - 1)].ok();
    const bool inUse = m_tree->currentItem() && m_tree->currentItem()->data(0, kInUseRole).toBool();
    m_restore->setEnabled(row >= 0 && !damaged && !inUse);
    const bool bundledInUse = m_tree->topLevelItemCount() > 0
                              && m_tree->topLevelItem(0)->data(0, kInUseRole).toBool();
    m_rollBack->setEnabled(!bundledInUse);
    if (row > 0) {
        const service::ModelVersion& v = m_versions[std::size_t(row - 1)];
        m_detail->setText(
            v.ok() ? tr("Fine-tuned from %1 (what adapted: %2) on %3 training and %4 held-out "
                        "samples; general set: %5.")
                         .arg(QDir::toNativeSeparators(v.baseModel), adaptText(v.adapt))
                         .arg(v.trainingSamples)
                         .arg(v.heldOutSamples)
                         .arg(v.generalSet)
                   : tr("This file does not load (%1). It is left where it is: %2")
                         .arg(v.error, QDir::toNativeSeparators(v.path)));
    } else {
        m_detail->setText(tr("The model that comes with InkLens. It is never changed."));
    }
}

bool ModelVersionsDialog::restore(int index)
{
    if (index < 0 || index >= int(m_versions.size()) || !m_versions[std::size_t(index)].ok())
        return false;
    const service::ModelVersion& v = m_versions[std::size_t(index)];
    service::ModelVersions::setActivePath(v.path);
    m_service.loadModel(v.path);
    emit statusMessage(tr("Model %1 in use.").arg(v.name));
    return true;
}

void ModelVersionsDialog::rollBack()
{
    service::ModelVersions::setActivePath({});
    m_service.loadModel();  // service::defaultModelPath()
    emit statusMessage(tr("The bundled model is in use again."));
}

void ModelVersionsDialog::retranslateUi()
{
    setWindowTitle(tr("Model Versions"));
    m_intro->setText(tr("Every fine-tuned model you kept, newest first. Restore one to use it, "
                        "or roll back to the model that comes with InkLens."));
    m_tree->setHeaderLabels({tr("Model"), tr("Date"), tr("Samples"), tr("Your samples' CER"),
                             tr("General CER"), tr("State")});
    m_restore->setText(tr("&Restore"));
    m_rollBack->setText(tr("Roll &Back to the Bundled Model"));
    fill();
}

void ModelVersionsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

}  // namespace inklens::ui
