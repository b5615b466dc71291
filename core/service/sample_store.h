#pragma once
// The user's corrected samples (issue #15): every correction of a reading stores the ink
// or the line picture with the corrected text, where it came from and when, in one SQLite
// database in the user's data folder. The fine-tuning reads its samples from here; the
// sample browser lists, relabels, excludes and deletes them; ground-truth folders
// (NAME.inkml | NAME.png + NAME.gt.txt, what `inklens train --data` reads) go in and out.
// Qt Core + Sql (the SQLite driver).
//
// Nothing is lost: every change is one transaction (SQLite's journal: a process killed in
// the middle leaves the database as before the change); a database that is not SQLite or
// fails SQLite's integrity check is never deleted: it is renamed aside
// (samples.sqlite.corrupt-YYYYMMDD-hhmmss) and a new one started, and open() says so.

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace inklens::service {

struct Sample
{
    enum class Kind { Ink, Image };

    qint64 id = 0;           // given by the store
    Kind kind = Kind::Ink;
    QByteArray data;         // InkML (ink) or PNG (a line picture)
    QString text;            // the text as the user corrected it
    QString recognized;      // what the model had read (empty when unknown)
    QString source;          // where it came from: "canvas", a file, "FILE line N", ...
    QDateTime created;       // UTC; set by add() when null
    bool excluded = false;   // kept, but not used for fine-tuning
};

// What one sample may weigh on import: a line's ink or picture, and its text.
inline constexpr qint64 kMaxSampleFileBytes = 64LL * 1024 * 1024;
inline constexpr qint64 kMaxSampleTextBytes = 1024 * 1024;

class SampleStore
{
public:
    // Opens (creating it and its folder when missing) the database at path. nullopt and
    // *error when it cannot be opened or created (a read-only folder, a full disk). A
    // corrupt database is set aside, a new one opened, and *notice says where the old
    // one went.
    static std::optional<SampleStore> open(const QString& path, QString* error = nullptr,
                                           QString* notice = nullptr);
    // <AppDataLocation>/samples.sqlite
    static QString defaultPath();

    SampleStore(SampleStore&& other) noexcept;
    SampleStore& operator=(SampleStore&& other) noexcept;
    SampleStore(const SampleStore&) = delete;
    SampleStore& operator=(const SampleStore&) = delete;
    ~SampleStore();

    QString path() const { return m_path; }

    // The new sample's id, or nullopt and *error. Empty data or text is refused.
    std::optional<qint64> add(const Sample& sample, QString* error = nullptr);
    // Oldest first; withData false leaves Sample::data empty (the browser's list).
    std::vector<Sample> samples(bool withData = true) const;
    std::optional<Sample> sample(qint64 id) const;
    int count(bool includeExcluded = true) const;

    bool relabel(qint64 id, const QString& text, QString* error = nullptr);
    bool setExcluded(qint64 id, bool excluded, QString* error = nullptr);
    bool remove(qint64 id, QString* error = nullptr);

    // Writes every sample that is not excluded as NAME.inkml | NAME.png + NAME.gt.txt
    // (NAME = sample_<id>), each file atomically. The number written, or -1 and *error.
    int exportFolder(const QString& dir, QString* error = nullptr) const;
    // Adds every NAME.inkml / NAME.png with a NAME.gt.txt of the folder (source: the
    // file's path). The number added, or -1 and *error; files that cannot be read, and
    // files larger than kMaxSampleFileBytes (texts: kMaxSampleTextBytes), are skipped
    // unread and counted in *skipped.
    int importFolder(const QString& dir, QString* error = nullptr, int* skipped = nullptr);

private:
    SampleStore(QString path, QString connection);
    QString m_path;
    QString m_connection;  // the QSqlDatabase connection's name, one per store
};

}  // namespace inklens::service
