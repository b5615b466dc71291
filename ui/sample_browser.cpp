#include "sample_browser.h"

#include "file_dialogs.h"

#include "imaging/ink.h"
#include "service/inkml.h"
#include "service/line_loader.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>
#include <exception>
#include <utility>

namespace inklens::ui {

namespace {
constexpr int kThumbHeight = 40;
constexpr int kThumbMaxWidth = 360;
constexpr int kIdRole = Qt::UserRole;
constexpr int kDrawnRole = Qt::UserRole + 1;  // the thumbnail is shown (or cannot be)
// A large store (issue #17: 10,000 samples) is neither drawn nor held whole: the loader
// draws the newest kFirstThumbnails, the rest are drawn when they are scrolled into view
// (a worker, a batch of the rows in view), and at most kMaxThumbnails are held (those
// farthest from the view are dropped). The table is filled kFillChunk rows per turn of
// the event loop (some 20 ms each), so the window never stalls on it.
constexpr int kFirstThumbnails = 60;
constexpr int kMaxThumbnails = 400;
constexpr int kFillChunk = 500;

// The sample as a small picture: ink drawn as the network reads it, or the line picture.
QImage thumbnailOf(const service::Sample& s)
{
    QImage image;
    if (s.kind == service::Sample::Kind::Ink) {
        if (const auto doc = service::readInkMl(s.data)) {
            try {
                imaging::RasterOptions o;
                o.height = kThumbHeight;
                o.threads = 1;
                image = service::lineImageToQImage(imaging::inkToLine(doc->ink, o));
            } catch (const std::exception&) {
                image = QImage();
            }
        }
    } else {
        image = QImage::fromData(s.data);
        if (!image.isNull())
            image = image.scaledToHeight(kThumbHeight, Qt::SmoothTransformation);
    }
    if (image.width() > kThumbMaxWidth)
        image = image.copy(0, 0, kThumbMaxWidth, image.height());
    return image;
}
}  // namespace

SampleBrowser::SampleBrowser(const QString& path, QWidget* parent)
    : QDialog(parent),
      m_path(path.isEmpty() ? service::SampleStore::defaultPath() : path),
      m_maxThumbnails(kMaxThumbnails)
{
    setObjectName(QStringLiteral("sampleBrowser"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setIconSize(QSize(kThumbMaxWidth, kThumbHeight));
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(kThumbHeight + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(PictureColumn, 280);
    m_table->setColumnWidth(RecognizedColumn, 170);
    m_table->setColumnWidth(SourceColumn, 140);
    m_table->setColumnWidth(DateColumn, 130);
    m_table->horizontalHeader()->setSectionResizeMode(ExcludedColumn,
                                                      QHeaderView::ResizeToContents);
    // The column's width from the rows in view only: from every row, the delegate's size
    // hints of 10,000 rows took some 0.4 s of the GUI thread after each chunk of the filling.
    m_table->horizontalHeader()->setResizeContentsPrecision(0);
    m_table->setWordWrap(false);
    m_counts = new QLabel(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828"));
    m_message->hide();

    m_exclude = new QPushButton(this);
    m_include = new QPushButton(this);
    m_delete = new QPushButton(this);
    m_import = new QPushButton(this);
    m_export = new QPushButton(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_close = buttons->button(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter edits or commits a text; it never closes the dialog by a default button.
    for (QPushButton* b : {m_exclude, m_include, m_delete, m_import, m_export, m_close})
        b->setAutoDefault(false);
    auto* row = new QHBoxLayout;
    for (QPushButton* b : {m_exclude, m_include, m_delete})
        row->addWidget(b);
    row->addStretch(1);
    row->addWidget(m_import);
    row->addWidget(m_export);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_counts);
    layout->addWidget(m_message);
    layout->addLayout(row);
    layout->addWidget(buttons);

    connect(m_exclude, &QPushButton::clicked, this, [this] { setExcluded(selectedIds(), true); });
    connect(m_include, &QPushButton::clicked, this, [this] { setExcluded(selectedIds(), false); });
    connect(m_delete, &QPushButton::clicked, this, &SampleBrowser::askDelete);
    connect(m_import, &QPushButton::clicked, this, &SampleBrowser::askImport);
    connect(m_export, &QPushButton::clicked, this, &SampleBrowser::askExport);
    connect(m_table, &QTableWidget::itemChanged, this, &SampleBrowser::onItemChanged);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SampleBrowser::updateButtons);
    connect(&m_loader, &QFutureWatcher<std::vector<Row>>::finished, this, [this] {
        if (m_reloadAgain) {
            m_reloadAgain = false;
            refresh();
            return;
        }
        fill(m_loader.result());
    });
    connect(&m_thumbnailer, &QFutureWatcher<std::vector<Thumbnail>>::finished, this,
            &SampleBrowser::showThumbnails);
    m_thumbnailTimer.setSingleShot(true);
    m_thumbnailTimer.setInterval(80);  // scrolling: the rows where it stops
    connect(&m_thumbnailTimer, &QTimer::timeout, this, &SampleBrowser::requestThumbnails);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, &m_thumbnailTimer,
            qOverload<>(&QTimer::start));
    connect(&m_transfer, &QFutureWatcher<Transfer>::finished, this, [this] {
        const Transfer t = m_transfer.result();
        if (t.count < 0)
            showError(t.exported ? tr("The samples were not exported: %1").arg(t.error)
                                 : tr("The samples were not imported: %1").arg(t.error));
        else if (!t.exported && t.skipped > 0)
            showError(tr("Files that could not be read were skipped: %1.").arg(t.skipped));
        if (!t.exported && t.count > 0)
            emit samplesChanged();
        updateButtons();
        emit transferDone(t.count, t.error);
        refresh();
    });

    retranslateUi();
    resize(1100, 600);
    refresh();
}

SampleBrowser::~SampleBrowser()
{
    m_loader.waitForFinished();
    m_transfer.waitForFinished();
    m_thumbnailer.waitForFinished();
}

bool SampleBrowser::busy() const
{
    return m_loader.isRunning() || m_transfer.isRunning() || m_filled < m_rows.size();
}

std::vector<SampleBrowser::Row> SampleBrowser::readRows(const QString& path, QString* error)
{
    std::vector<Row> rows;
    QString notice;
    auto store = service::SampleStore::open(path, error, &notice);
    if (!store)
        return rows;
    for (service::Sample& s : store->samples(false)) {
        Row r;
        r.sample = std::move(s);
        rows.push_back(std::move(r));
    }
    // The newest first: they are in view when the table is shown.
    for (std::size_t i = 0; i < rows.size() && i < std::size_t(kFirstThumbnails); ++i) {
        Row& r = rows[rows.size() - 1 - i];
        if (const auto s = store->sample(r.sample.id))
            r.thumbnail = thumbnailOf(*s);
        r.drawn = true;
    }
    if (!notice.isEmpty() && error)
        *error = notice;
    return rows;
}

void SampleBrowser::refresh()
{
    if (m_loader.isRunning()) {
        m_reloadAgain = true;
        return;
    }
    m_loadError.clear();
    updateButtons();
    m_loader.setFuture(QtConcurrent::run([path = m_path, error = &m_loadError] {
        return readRows(path, error);  // m_loadError is read only after finished()
    }));
}

void SampleBrowser::fill(std::vector<Row> rows)
{
    m_selectedBeforeFill = selectedIds();
    m_rows = std::move(rows);
    m_filled = 0;
    ++m_fillGeneration;
    m_thumbnailed.clear();
    {
        const QSignalBlocker blocker(m_table);
        m_table->setRowCount(int(m_rows.size()));
    }
    fillChunk(m_fillGeneration);
}

void SampleBrowser::fillChunk(quint64 generation)
{
    if (generation != m_fillGeneration)
        return;  // a newer fill took over
    const QSignalBlocker blocker(m_table);
    m_filling = true;
    // Newest first: the corrections just made are at the top.
    const std::size_t end = std::min(m_rows.size(), m_filled + std::size_t(kFillChunk));
    for (; m_filled < end; ++m_filled) {
        const int i = int(m_filled);
        const Row& r = m_rows[m_rows.size() - 1 - m_filled];
        const service::Sample& s = r.sample;
        auto* picture = new QTableWidgetItem;
        picture->setData(kIdRole, s.id);
        picture->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        if (r.drawn)
            setThumbnail(picture, r.thumbnail);
        picture->setToolTip(s.kind == service::Sample::Kind::Ink ? tr("Ink") : tr("Picture"));
        m_table->setItem(i, PictureColumn, picture);
        auto* text = new QTableWidgetItem(s.text);
        text->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable);
        text->setToolTip(tr("Double-click to correct the text"));
        m_table->setItem(i, TextColumn, text);
        auto readOnly = [](const QString& t) {
            auto* item = new QTableWidgetItem(t);
            item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
            item->setToolTip(t);
            return item;
        };
        m_table->setItem(i, RecognizedColumn, readOnly(s.recognized));
        // A file's name (the whole path in the tooltip); "canvas", "picture" as they are.
        auto* source = readOnly(s.source.contains(QLatin1Char('/'))
                                    ? s.source.section(QLatin1Char('/'), -1)
                                    : s.source);
        source->setToolTip(QDir::toNativeSeparators(s.source));
        m_table->setItem(i, SourceColumn, source);
        m_table->setItem(
            i, DateColumn,
            readOnly(QLocale().toString(s.created.toLocalTime(), QLocale::ShortFormat)));
        auto* excluded = new QTableWidgetItem;
        excluded->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        excluded->setCheckState(s.excluded ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(i, ExcludedColumn, excluded);
    }
    m_filling = false;
    if (m_filled < m_rows.size()) {
        updateCounts();
        QTimer::singleShot(0, this, [this, generation] { fillChunk(generation); });
        return;
    }
    m_rows.clear();  // the table holds it all now
    m_rows.shrink_to_fit();
    m_filled = 0;
    for (qint64 id : std::exchange(m_selectedBeforeFill, {}))
        if (const int r = rowOf(id); r >= 0)
            m_table->selectionModel()->select(m_table->model()->index(r, 0),
                                              QItemSelectionModel::Select
                                                  | QItemSelectionModel::Rows);
    if (!m_loadError.isEmpty())
        showError(m_loadError);
    updateCounts();
    updateButtons();
    emit loaded();
    requestThumbnails();
}

void SampleBrowser::setThumbnail(QTableWidgetItem* picture, const QImage& thumbnail)
{
    picture->setData(kDrawnRole, true);
    if (thumbnail.isNull()) {
        picture->setText(tr("(cannot be shown)"));
        return;
    }
    picture->setData(Qt::DecorationRole, QPixmap::fromImage(thumbnail));
    m_thumbnailed.emplace_back(picture->row(), picture->data(kIdRole).toLongLong());
}

// The rows in view (and a screen above and below) not drawn yet, to a worker; one batch
// at a time (the rows in view when it is over are asked next).
void SampleBrowser::requestThumbnails()
{
    if (m_thumbnailer.isRunning() || busy()) {
        m_thumbnailTimer.start();
        return;
    }
    const auto [first, last] = rowsNearView();
    std::vector<std::pair<int, qint64>> wanted;  // row, id
    for (int r = first; r <= last; ++r)
        if (const QTableWidgetItem* item = m_table->item(r, PictureColumn);
            item && !item->data(kDrawnRole).toBool())
            wanted.emplace_back(r, item->data(kIdRole).toLongLong());
    dropFarThumbnails(first, last);
    if (wanted.empty())
        return;
    m_thumbnailer.setFuture(QtConcurrent::run([path = m_path, wanted] {
        std::vector<Thumbnail> out;
        QString error;
        auto store = service::SampleStore::open(path, &error);
        for (const auto& [row, id] : wanted) {
            const auto s = store ? store->sample(id) : std::nullopt;
            out.push_back({row, id, s ? thumbnailOf(*s) : QImage()});
        }
        return out;
    }));
}

void SampleBrowser::showThumbnails()
{
    for (const Thumbnail& t : m_thumbnailer.result()) {
        const int row = idAt(t.row) == t.id ? t.row : rowOf(t.id);  // rows may have gone
        if (QTableWidgetItem* item = row >= 0 ? m_table->item(row, PictureColumn) : nullptr) {
            const QSignalBlocker blocker(m_table);
            setThumbnail(item, t.image);
        }
    }
    requestThumbnails();  // scrolled on meanwhile
}

std::pair<int, int> SampleBrowser::rowsNearView() const
{
    const int height = m_table->viewport()->height();
    int first = m_table->rowAt(0), last = m_table->rowAt(height - 1);
    if (first < 0)
        first = 0;
    if (last < 0)
        last = m_table->rowCount() - 1;
    const int page = std::max(1, last - first + 1);
    return {std::max(0, first - page), std::min(m_table->rowCount() - 1, last + page)};
}

// Beyond m_maxThumbnails the oldest drawn outside [first, last] are dropped (drawn again
// when they come back into view).
void SampleBrowser::dropFarThumbnails(int first, int last)
{
    if (int(m_thumbnailed.size()) <= m_maxThumbnails)
        return;
    const QSignalBlocker blocker(m_table);
    std::deque<std::pair<int, qint64>> kept;
    while (!m_thumbnailed.empty()) {
        const auto [hint, id] = m_thumbnailed.front();
        m_thumbnailed.pop_front();
        const int row = idAt(hint) == id ? hint : rowOf(id);  // rows move when one is deleted
        if (row < 0)
            continue;
        if ((row >= first && row <= last)
            || int(m_thumbnailed.size() + kept.size()) < m_maxThumbnails) {
            kept.emplace_back(row, id);
            continue;
        }
        QTableWidgetItem* item = m_table->item(row, PictureColumn);
        item->setData(Qt::DecorationRole, QVariant());
        item->setData(kDrawnRole, false);
    }
    m_thumbnailed = std::move(kept);
}

qint64 SampleBrowser::idAt(int row) const
{
    const QTableWidgetItem* item = m_table->item(row, PictureColumn);
    return item ? item->data(kIdRole).toLongLong() : -1;
}

int SampleBrowser::rowOf(qint64 id) const
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (idAt(r) == id)
            return r;
    return -1;
}

QList<qint64> SampleBrowser::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        ids.append(idAt(index.row()));
    return ids;
}

bool SampleBrowser::ensureStore()
{
    if (m_store)
        return true;
    QString error;
    m_store = service::SampleStore::open(m_path, &error);
    if (!m_store)
        showError(tr("The samples cannot be opened: %1").arg(error));
    return m_store.has_value();
}

void SampleBrowser::showError(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

bool SampleBrowser::relabel(qint64 id, const QString& text)
{
    QString error;
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        showError(tr("A sample needs a text; delete it instead."));
    } else if (ensureStore() && m_store->relabel(id, t, &error)) {
        showError({});
        if (const int r = rowOf(id); r >= 0) {
            const QSignalBlocker blocker(m_table);
            m_table->item(r, TextColumn)->setText(t);
        }
        emit samplesChanged();
        return true;
    } else if (!error.isEmpty()) {
        showError(tr("The text was not changed: %1").arg(error));
    }
    // Back to what the store has.
    if (const int r = rowOf(id); r >= 0 && m_store)
        if (const auto s = m_store->sample(id)) {
            const QSignalBlocker blocker(m_table);
            m_table->item(r, TextColumn)->setText(s->text);
        }
    return false;
}

bool SampleBrowser::setExcluded(const QList<qint64>& ids, bool excluded)
{
    if (ids.isEmpty() || !ensureStore())
        return false;
    bool ok = true;
    for (qint64 id : ids) {
        QString error;
        const bool done = m_store->setExcluded(id, excluded, &error);
        if (!done) {
            showError(tr("The sample was not changed: %1").arg(error));
            ok = false;
        }
        if (const int r = rowOf(id); r >= 0) {
            const QSignalBlocker blocker(m_table);
            const auto s = m_store->sample(id);
            m_table->item(r, ExcludedColumn)
                ->setCheckState(s && s->excluded ? Qt::Checked : Qt::Unchecked);
        }
    }
    if (ok)
        showError({});
    updateCounts();
    emit samplesChanged();
    return ok;
}

bool SampleBrowser::removeSamples(const QList<qint64>& ids)
{
    if (ids.isEmpty() || !ensureStore())
        return false;
    bool ok = true;
    for (qint64 id : ids) {
        QString error;
        if (!m_store->remove(id, &error)) {
            showError(tr("The sample was not deleted: %1").arg(error));
            ok = false;
            continue;
        }
        if (const int r = rowOf(id); r >= 0)
            m_table->removeRow(r);
    }
    if (ok)
        showError({});
    updateCounts();
    updateButtons();
    emit samplesChanged();
    return ok;
}

void SampleBrowser::onItemChanged(QTableWidgetItem* item)
{
    if (m_filling)
        return;
    const qint64 id = idAt(item->row());
    if (item->column() == TextColumn)
        relabel(id, item->text());
    else if (item->column() == ExcludedColumn)
        setExcluded({id}, item->checkState() == Qt::Checked);
}

void SampleBrowser::askDelete()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete Samples"),
        tr("Delete the selected samples (%1)? This cannot be undone; excluding keeps a sample "
           "out of fine-tuning without losing it.")
            .arg(ids.size()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        removeSamples(ids);
}

void SampleBrowser::exportFolder(const QString& dir)
{
    if (m_transfer.isRunning())
        return;
    showError({});
    m_transfer.setFuture(QtConcurrent::run([path = m_path, dir] {
        Transfer t;
        t.exported = true;
        if (auto store = service::SampleStore::open(path, &t.error))
            t.count = store->exportFolder(dir, &t.error);
        return t;
    }));
    updateButtons();
}

void SampleBrowser::importFolder(const QString& dir)
{
    if (m_transfer.isRunning())
        return;
    showError({});
    m_transfer.setFuture(QtConcurrent::run([path = m_path, dir] {
        Transfer t;
        if (auto store = service::SampleStore::open(path, &t.error))
            t.count = store->importFolder(dir, &t.error, &t.skipped);
        return t;
    }));
    updateButtons();
}

void SampleBrowser::askImport()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Import Samples from a Ground-Truth Folder"), FileDialogs::lastFolder());
    if (!dir.isEmpty()) {
        FileDialogs::rememberFolder(dir + QStringLiteral("/."));
        importFolder(dir);
    }
}

void SampleBrowser::askExport()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Export Samples as a Ground-Truth Folder"), FileDialogs::lastFolder());
    if (!dir.isEmpty()) {
        FileDialogs::rememberFolder(dir + QStringLiteral("/."));
        exportFolder(dir);
    }
}

void SampleBrowser::updateCounts()
{
    int excluded = 0;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (const QTableWidgetItem* item = m_table->item(r, ExcludedColumn);
            item && item->checkState() == Qt::Checked)
            ++excluded;
    const int n = m_table->rowCount();
    if (n == 0 && !busy()) {
        m_counts->setText(tr("No samples yet. Correct a reading (F2 or a double click on the "
                             "text) to keep one, or import a ground-truth folder."));
        return;
    }
    m_counts->setText(tr("Samples: %1; used for fine-tuning: %2; excluded: %3.")
                          .arg(n)
                          .arg(n - excluded)
                          .arg(excluded));
}

void SampleBrowser::updateButtons()
{
    const bool transferring = m_transfer.isRunning();
    const bool any = !selectedIds().isEmpty();
    m_exclude->setEnabled(any && !transferring);
    m_include->setEnabled(any && !transferring);
    m_delete->setEnabled(any && !transferring);
    m_import->setEnabled(!transferring);
    m_export->setEnabled(!transferring && m_table->rowCount() > 0);
}

void SampleBrowser::retranslateUi()
{
    setWindowTitle(tr("Samples"));
    m_intro->setText(tr("The readings you corrected, kept to teach the model your handwriting "
                        "(Tools > Fine-tune). Double-click a text to correct it; exclude a "
                        "sample to keep it out of fine-tuning."));
    m_table->setHorizontalHeaderLabels(
        {tr("Sample"), tr("Text"), tr("Read as"), tr("Source"), tr("Date"), tr("Excluded")});
    m_exclude->setText(tr("E&xclude"));
    m_include->setText(tr("&Include"));
    m_delete->setText(tr("&Delete..."));
    m_import->setText(tr("I&mport Folder..."));
    m_export->setText(tr("&Export Folder..."));
    m_exclude->setToolTip(tr("Keep the selected samples out of fine-tuning"));
    m_include->setToolTip(tr("Use the selected samples for fine-tuning again"));
    m_import->setToolTip(tr("Add the lines of a ground-truth folder (NAME.png or NAME.inkml "
                            "with NAME.gt.txt)"));
    m_export->setToolTip(tr("Write the samples not excluded as a ground-truth folder (NAME.png "
                            "or NAME.inkml with NAME.gt.txt), as inklens finetune reads it"));
    updateCounts();
}

void SampleBrowser::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

}  // namespace inklens::ui
