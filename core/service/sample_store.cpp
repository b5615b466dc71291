#include "service/sample_store.h"

#include "service/inkml.h"
#include "service/page_formats.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <atomic>

namespace inklens::service {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SampleStore", text);
}

QString kindName(Sample::Kind kind)
{
    return kind == Sample::Kind::Ink ? QStringLiteral("ink") : QStringLiteral("image");
}

QString nextConnectionName()
{
    static std::atomic_int counter{0};
    return QStringLiteral("inklens-samples-%1").arg(counter.fetch_add(1));
}

constexpr int kSchemaVersion = 1;

// True when the file is an SQLite database by its first bytes (or is empty: SQLite
// starts an empty file as a new database).
bool looksLikeSqlite(const QString& path)
{
    QFile f(path);
    if (!f.exists() || f.size() == 0)
        return true;
    if (!f.open(QIODevice::ReadOnly))
        return true;  // opening will tell what is wrong
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

// Opens the connection and checks the database; an empty string when it is usable,
// else why not. corrupt tells a damaged database from one that cannot be opened at all.
QString openAndCheck(const QString& path, const QString& connection, bool* corrupt)
{
    *corrupt = false;
    if (!looksLikeSqlite(path)) {
        *corrupt = true;
        return tr("not an SQLite database");
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    if (!db.open())
        return db.lastError().text();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) {
        *corrupt = true;
        return q.lastError().text();
    }
    if (q.value(0).toString() != QStringLiteral("ok")) {
        *corrupt = true;
        return q.value(0).toString();
    }
    q.finish();
    const QString create = QStringLiteral(
        "CREATE TABLE IF NOT EXISTS samples ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " kind TEXT NOT NULL,"
        " data BLOB NOT NULL,"
        " text TEXT NOT NULL,"
        " recognized TEXT NOT NULL DEFAULT '',"
        " source TEXT NOT NULL DEFAULT '',"
        " created TEXT NOT NULL,"
        " excluded INTEGER NOT NULL DEFAULT 0)");
    if (!q.exec(create))
        return q.lastError().text();
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return q.lastError().text();
    const int version = q.value(0).toInt();
    q.finish();
    if (version > kSchemaVersion)
        return tr("written by a newer InkLens (format %1)").arg(version);
    if (version < kSchemaVersion
        && !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)))
        return q.lastError().text();
    return {};
}

void closeConnection(const QString& connection)
{
    if (connection.isEmpty() || !QSqlDatabase::contains(connection))
        return;
    QSqlDatabase::database(connection, false).close();
    QSqlDatabase::removeDatabase(connection);
}

Sample sampleFrom(const QSqlQuery& q, bool withData)
{
    Sample s;
    s.id = q.value(0).toLongLong();
    s.kind = q.value(1).toString() == QStringLiteral("image") ? Sample::Kind::Image
                                                              : Sample::Kind::Ink;
    if (withData)
        s.data = q.value(2).toByteArray();
    s.text = q.value(3).toString();
    s.recognized = q.value(4).toString();
    s.source = q.value(5).toString();
    s.created = QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs);  // "...Z": UTC
    s.excluded = q.value(7).toInt() != 0;
    return s;
}

// saveAtomically: Qt 6.4's QSaveFile::commit() alone would miss a full disk.
bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    QString why;
    if (!saveAtomically(path, bytes, &why)) {
        if (error)
            *error = tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    }
    return true;
}
}  // namespace

std::optional<SampleStore> SampleStore::open(const QString& path, QString* error, QString* notice)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = tr("Cannot create the folder %1 for the samples.")
                         .arg(QDir::toNativeSeparators(info.absolutePath()));
        return std::nullopt;
    }
    QString connection = nextConnectionName();
    bool corrupt = false;
    QString why = openAndCheck(path, connection, &corrupt);
    if (!why.isEmpty() && corrupt) {
        // Never deleted: renamed aside, and a new database started.
        closeConnection(connection);
        const QString aside =
            path + QStringLiteral(".corrupt-")
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-hhmmss"));
        if (!QFile::rename(path, aside)) {
            if (error)
                *error = tr("The sample database %1 is damaged (%2) and cannot be set aside.")
                             .arg(QDir::toNativeSeparators(path), why);
            return std::nullopt;
        }
        for (const char* suffix : {"-journal", "-wal", "-shm"})
            QFile::rename(path + QLatin1String(suffix), aside + QLatin1String(suffix));
        if (notice)
            *notice = tr("The sample database was damaged (%1); it was kept as %2 and a new "
                         "one started.")
                          .arg(why, QDir::toNativeSeparators(aside));
        connection = nextConnectionName();
        why = openAndCheck(path, connection, &corrupt);
    }
    if (!why.isEmpty()) {
        closeConnection(connection);
        if (error)
            *error = tr("Cannot open the sample database %1: %2")
                         .arg(QDir::toNativeSeparators(path), why);
        return std::nullopt;
    }
    return SampleStore(path, connection);
}

QString SampleStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/samples.sqlite");
}

SampleStore::SampleStore(QString path, QString connection)
    : m_path(std::move(path)), m_connection(std::move(connection))
{
}

SampleStore::SampleStore(SampleStore&& other) noexcept
    : m_path(std::move(other.m_path)), m_connection(std::move(other.m_connection))
{
    other.m_connection.clear();
}

SampleStore& SampleStore::operator=(SampleStore&& other) noexcept
{
    if (this != &other) {
        closeConnection(m_connection);
        m_path = std::move(other.m_path);
        m_connection = std::move(other.m_connection);
        other.m_connection.clear();
    }
    return *this;
}

SampleStore::~SampleStore()
{
    closeConnection(m_connection);
}

std::optional<qint64> SampleStore::add(const Sample& sample, QString* error)
{
    if (sample.data.isEmpty() || sample.text.trimmed().isEmpty()) {
        if (error)
            *error = tr("A sample needs its ink or picture and a text.");
        return std::nullopt;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO samples (kind, data, text, recognized, source, created,"
                             " excluded) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    const QDateTime created =
        sample.created.isValid() ? sample.created.toUTC() : QDateTime::currentDateTimeUtc();
    q.addBindValue(kindName(sample.kind));
    q.addBindValue(sample.data);
    // A null QString binds as NULL: the columns want ''.
    const auto notNull = [](const QString& t) { return t.isNull() ? QStringLiteral("") : t; };
    q.addBindValue(sample.text);
    q.addBindValue(notNull(sample.recognized));
    q.addBindValue(notNull(sample.source));
    q.addBindValue(created.toString(Qt::ISODateWithMs));
    q.addBindValue(sample.excluded ? 1 : 0);
    if (!q.exec()) {  // one statement: its own transaction
        if (error)
            *error = tr("Cannot store the sample in %1: %2")
                         .arg(QDir::toNativeSeparators(m_path), q.lastError().text());
        return std::nullopt;
    }
    return q.lastInsertId().toLongLong();
}

std::vector<Sample> SampleStore::samples(bool withData) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    std::vector<Sample> out;
    if (!q.exec(QStringLiteral("SELECT id, kind, %1, text, recognized, source, created, excluded"
                               " FROM samples ORDER BY id")
                    .arg(withData ? QStringLiteral("data") : QStringLiteral("NULL"))))
        return out;
    while (q.next())
        out.push_back(sampleFrom(q, withData));
    return out;
}

std::optional<Sample> SampleStore::sample(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, kind, data, text, recognized, source, created, excluded"
                             " FROM samples WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return sampleFrom(q, true);
}

int SampleStore::count(bool includeExcluded) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(includeExcluded ? QStringLiteral("SELECT COUNT(*) FROM samples")
                                : QStringLiteral("SELECT COUNT(*) FROM samples WHERE excluded = 0"))
        || !q.next())
        return 0;
    return q.value(0).toInt();
}

namespace {
bool changeOne(const QString& connection, const QString& sql, const QVariantList& values,
               QString* error)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        if (error)
            *error = tr("Cannot change the sample: %1").arg(q.lastError().text());
        return false;
    }
    if (q.numRowsAffected() != 1) {
        if (error)
            *error = tr("No such sample.");
        return false;
    }
    return true;
}
}  // namespace

bool SampleStore::relabel(qint64 id, const QString& text, QString* error)
{
    if (text.trimmed().isEmpty()) {
        if (error)
            *error = tr("A sample needs its ink or picture and a text.");
        return false;
    }
    return changeOne(m_connection, QStringLiteral("UPDATE samples SET text = ? WHERE id = ?"),
                     {text, id}, error);
}

bool SampleStore::setExcluded(qint64 id, bool excluded, QString* error)
{
    return changeOne(m_connection, QStringLiteral("UPDATE samples SET excluded = ? WHERE id = ?"),
                     {excluded ? 1 : 0, id}, error);
}

bool SampleStore::remove(qint64 id, QString* error)
{
    return changeOne(m_connection, QStringLiteral("DELETE FROM samples WHERE id = ?"), {id},
                     error);
}

int SampleStore::exportFolder(const QString& dir, QString* error) const
{
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(dir));
        return -1;
    }
    int written = 0;
    for (const Sample& s : samples(true)) {
        if (s.excluded)
            continue;
        const QString base = QDir(dir).filePath(QStringLiteral("sample_%1").arg(s.id, 6, 10,
                                                                                 QLatin1Char('0')));
        const QString suffix = s.kind == Sample::Kind::Ink ? QStringLiteral(".inkml")
                                                           : QStringLiteral(".png");
        if (!writeAtomically(base + suffix, s.data, error)
            || !writeAtomically(base + QStringLiteral(".gt.txt"), s.text.toUtf8() + '\n', error))
            return -1;
        ++written;
    }
    return written;
}

int SampleStore::importFolder(const QString& dir, QString* error, int* skipped)
{
    const QDir folder(dir);
    if (!folder.exists()) {
        if (error)
            *error = tr("No folder %1.").arg(QDir::toNativeSeparators(dir));
        return -1;
    }
    int added = 0, bad = 0;
    const QStringList files = folder.entryList(
        {QStringLiteral("*.inkml"), QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction()) {  // all of the folder or nothing
        if (error)
            *error = tr("Cannot store the samples: %1").arg(db.lastError().text());
        return -1;
    }
    for (const QString& name : files) {
        const QString base = name.left(name.lastIndexOf(QLatin1Char('.')));
        QFile gt(folder.filePath(base + QStringLiteral(".gt.txt")));
        QFile data(folder.filePath(name));
        if (!gt.open(QIODevice::ReadOnly) || !data.open(QIODevice::ReadOnly)
            || data.size() > kMaxSampleFileBytes || gt.size() > kMaxSampleTextBytes) {
            ++bad;
            continue;
        }
        Sample s;
        s.kind = name.endsWith(QStringLiteral(".png")) ? Sample::Kind::Image : Sample::Kind::Ink;
        s.data = data.readAll();
        s.text = QString::fromUtf8(gt.readAll()).trimmed();
        s.source = folder.filePath(name);
        const bool readable = s.kind == Sample::Kind::Ink ? readInkMl(s.data).has_value()
                                                          : !QImage::fromData(s.data).isNull();
        if (!readable) {
            ++bad;
            continue;
        }
        QString why;
        if (!add(s, &why)) {
            if (s.data.isEmpty() || s.text.isEmpty()) {
                ++bad;
                continue;
            }
            db.rollback();
            if (error)
                *error = why;
            return -1;
        }
        ++added;
    }
    if (!db.commit()) {
        db.rollback();
        if (error)
            *error = tr("Cannot store the samples: %1").arg(db.lastError().text());
        return -1;
    }
    if (skipped)
        *skipped = bad;
    return added;
}

}  // namespace inklens::service
