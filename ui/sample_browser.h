#pragma once
// Tools > Samples...: the user's corrected samples (service::SampleStore) to review before
// fine-tuning: each with its picture (the ink drawn as the network reads it, or the line
// picture), the corrected text (editable: relabel), what the model had read, where it came
// from, when, and whether it is excluded from fine-tuning. Exclude / include, delete (after
// a confirmation), and ground-truth folders (NAME.png|inkml + NAME.gt.txt) in and out.
// Reading the store, drawing the pictures and the folder transfers run off the GUI thread
// (each with its own connection to the database); edits of single samples are one quick
// transaction each, on the GUI thread. A large store stays light: the table is filled a
// chunk at a time, pictures are drawn when their rows come into view, and only a few
// hundred are held.

#include "service/sample_store.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>
#include <QList>
#include <QTimer>

#include <deque>
#include <optional>
#include <utility>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace inklens::ui {

class SampleBrowser : public QDialog
{
    Q_OBJECT
public:
    enum Column {
        PictureColumn,
        TextColumn,
        RecognizedColumn,
        SourceColumn,
        DateColumn,
        ExcludedColumn,
        ColumnCount
    };

    // path empty: SampleStore::defaultPath(). Starts reading the store.
    explicit SampleBrowser(const QString& path = {}, QWidget* parent = nullptr);
    ~SampleBrowser() override;

    QString path() const { return m_path; }
    // At most this many pictures are held (default 400); for tests.
    void setMaxThumbnails(int count) { m_maxThumbnails = count; }
    // Reads the store again (asynchronously; loaded() when the table is filled).
    void refresh();
    bool busy() const;

    // The sample shown in a row, by id (-1: none).
    qint64 idAt(int row) const;
    int rowOf(qint64 id) const;
    QList<qint64> selectedIds() const;

    // Edits (GUI thread; the table follows). false and a message in the dialog on failure.
    bool relabel(qint64 id, const QString& text);
    bool setExcluded(const QList<qint64>& ids, bool excluded);
    bool removeSamples(const QList<qint64>& ids);  // no question asked

    // Folder transfers off the GUI thread; transferDone(count, error) when over (count -1:
    // failed, error says why), then the table is read again.
    void exportFolder(const QString& dir);
    void importFolder(const QString& dir);

    QTableWidget* table() const { return m_table; }
    QLabel* countLabel() const { return m_counts; }

signals:
    void loaded();
    void transferDone(int count, const QString& error);
    void samplesChanged();  // relabelled, excluded, deleted or imported

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row
    {
        service::Sample sample;  // without its data
        QImage thumbnail;
        bool drawn = false;  // thumbnail made (null: the sample cannot be shown)
    };
    struct Thumbnail
    {
        int row = -1;
        qint64 id = -1;
        QImage image;  // null: cannot be shown
    };
    struct Transfer
    {
        int count = -1;
        int skipped = 0;
        QString error;
        bool exported = false;
    };
    static std::vector<Row> readRows(const QString& path, QString* error);

    bool ensureStore();
    void fill(std::vector<Row> rows);
    void fillChunk(quint64 generation);
    void setThumbnail(QTableWidgetItem* picture, const QImage& thumbnail);
    void requestThumbnails();
    void showThumbnails();
    std::pair<int, int> rowsNearView() const;  // first, last row
    void dropFarThumbnails(int first, int last);
    void updateCounts();
    void updateButtons();
    void retranslateUi();
    void askDelete();
    void askImport();
    void askExport();
    void onItemChanged(QTableWidgetItem* item);
    void showError(const QString& message);

    QString m_path;
    std::optional<service::SampleStore> m_store;  // the GUI thread's connection
    QFutureWatcher<std::vector<Row>> m_loader;
    QFutureWatcher<Transfer> m_transfer;
    QFutureWatcher<std::vector<Thumbnail>> m_thumbnailer;
    QTimer m_thumbnailTimer;
    std::vector<Row> m_rows;  // being filled into the table
    std::size_t m_filled = 0;
    quint64 m_fillGeneration = 0;
    QList<qint64> m_selectedBeforeFill;
    int m_maxThumbnails;
    std::deque<std::pair<int, qint64>> m_thumbnailed;  // row, id of the pictures held, oldest first
    QString m_loadError;
    bool m_reloadAgain = false;
    bool m_filling = false;

    QLabel* m_intro = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_exclude = nullptr;
    QPushButton* m_include = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_close = nullptr;
};

}  // namespace inklens::ui
