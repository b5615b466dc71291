#include "inkml.h"

#include "service/page_formats.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QList>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <vector>

namespace inklens::service {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kInkMlNamespace = QStringLiteral("http://www.w3.org/2003/InkML");

struct Channel
{
    QString name;
    QString units;
    double min = kNaN, max = kNaN;
    bool negative = false;  // orientation="-ve"
};

struct TraceFormat
{
    QList<Channel> regular, intermittent;

    int size() const { return int(regular.size() + intermittent.size()); }
    const Channel& at(int i) const
    {
        return i < regular.size() ? regular[i] : intermittent[i - regular.size()];
    }
    int indexOf(const QString& name) const
    {
        for (int i = 0; i < size(); ++i)
            if (at(i).name == name)
                return i;
        return -1;
    }
    QString names() const
    {
        QStringList list;
        for (int i = 0; i < size(); ++i)
            list << at(i).name;
        return list.join(QLatin1Char(' '));
    }
    static TraceFormat xy()
    {
        TraceFormat f;
        Channel x, y;
        x.name = QStringLiteral("X");
        y.name = QStringLiteral("Y");
        f.regular = {x, y};
        return f;
    }
};

struct ContextDef
{
    QString contextRef, traceFormatRef, inkSourceRef;
    std::optional<TraceFormat> format;  // declared inside the context (or its inline inkSource)
};

// One point as read, before the document-wide scaling of time and pressure.
struct RawPoint
{
    double x = 0, y = 0;
    double t = kNaN;                  // seconds
    double f = kNaN;                  // raw force
    double fMin = kNaN, fMax = kNaN;  // the F channel's declared range
};

struct ParseError
{
    QString message;
};

// "#ctx0" and "ctx0" name the same thing (a same-document URI reference).
QString refId(QStringView ref)
{
    return (ref.startsWith(QLatin1Char('#')) ? ref.mid(1) : ref).trimmed().toString();
}

QString elementId(const QXmlStreamAttributes& attributes)
{
    for (const QXmlStreamAttribute& a : attributes) {
        if (a.qualifiedName() == QLatin1String("xml:id")
            || a.qualifiedName() == QLatin1String("id"))
            return a.value().toString();
    }
    return {};
}

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')
           || c == QLatin1Char('\r');
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Seconds per unit of a T channel; InkML writers use ms unless they say otherwise.
double secondsPerUnit(const QString& units)
{
    const QString u = units.trimmed().toLower();
    if (u == QLatin1String("s") || u == QLatin1String("sec"))
        return 1.0;
    if (u == QLatin1String("us") || u == QStringLiteral("\u00b5s"))
        return 1e-6;
    if (u == QLatin1String("ns"))
        return 1e-9;
    return 1e-3;
}

class Parser
{
public:
    Parser(const QByteArray& xml, const InkMlLimits& limits, const InkMlWatch& watch)
        : m_xml(xml), m_limits(limits), m_watch(watch), m_size(xml.size())
    { }

    InkDocument run()
    {
        if (!m_xml.readNextStartElement())
            throwXmlErrorOr(QStringLiteral("not an InkML file: no root element"));
        if (m_xml.name() != QLatin1String("ink"))
            throw ParseError{
                QStringLiteral("not an InkML file: the root element is <%1>, not <ink>")
                    .arg(m_xml.name().toString())};
        parseInk();
        if (m_xml.hasError())
            throwXmlErrorOr({});
        return finish();
    }

private:
    enum class Mode { Explicit, First, Second };

    [[noreturn]] void fail(const QString& message, qint64 line = -1) const
    {
        throw ParseError{
            QStringLiteral("line %1: %2").arg(line >= 0 ? line : m_xml.lineNumber()).arg(message)};
    }

    void throwXmlErrorOr(const QString& fallback) const
    {
        if (m_xml.hasError())
            throw ParseError{QStringLiteral("not well-formed XML at line %1, column %2: %3")
                                 .arg(m_xml.lineNumber())
                                 .arg(m_xml.columnNumber())
                                 .arg(m_xml.errorString())};
        if (!fallback.isEmpty())
            throw ParseError{fallback};
    }

    void parseInk()
    {
        while (m_xml.readNextStartElement()) {
            const QStringView name = m_xml.name();
            if (name == QLatin1String("definitions")) {
                parseDefinitions();
            } else if (name == QLatin1String("context")) {
                // A context outside <definitions> becomes the current one.
                const QString id = elementId(m_xml.attributes());
                ContextDef context = parseContext();
                if (!id.isEmpty())
                    m_contexts.insert(id, context);
                m_current = resolve(context, 0);
            } else if (name == QLatin1String("traceFormat")) {
                const QString id = elementId(m_xml.attributes());
                m_current = parseTraceFormat();
                if (!id.isEmpty())
                    m_formats.insert(id, m_current);
            } else if (name == QLatin1String("trace")) {
                parseTrace(QString());
            } else if (name == QLatin1String("traceGroup")) {
                parseTraceGroup(QString());
            } else if (name == QLatin1String("annotation")
                       && m_xml.attributes().value(QLatin1String("type"))
                              == QLatin1String("truth")) {
                m_truth = m_xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            } else {
                m_xml.skipCurrentElement();
            }
        }
    }

    void parseDefinitions()
    {
        while (m_xml.readNextStartElement()) {
            const QStringView name = m_xml.name();
            const QString id = elementId(m_xml.attributes());
            if (name == QLatin1String("context")) {
                ContextDef context = parseContext();
                if (!id.isEmpty())
                    m_contexts.insert(id, context);
            } else if (name == QLatin1String("traceFormat")) {
                TraceFormat format = parseTraceFormat();
                if (!id.isEmpty())
                    m_formats.insert(id, format);
            } else if (name == QLatin1String("inkSource")) {
                std::optional<TraceFormat> format = parseInkSource();
                if (!id.isEmpty() && format)
                    m_inkSources.insert(id, *format);
            } else {
                m_xml.skipCurrentElement();  // brushes, timestamps, traces for views, ...
            }
        }
    }

    ContextDef parseContext()
    {
        ContextDef context;
        const QXmlStreamAttributes attributes = m_xml.attributes();
        context.contextRef = refId(attributes.value(QLatin1String("contextRef")));
        context.traceFormatRef = refId(attributes.value(QLatin1String("traceFormatRef")));
        context.inkSourceRef = refId(attributes.value(QLatin1String("inkSourceRef")));
        std::optional<TraceFormat> fromSource;
        while (m_xml.readNextStartElement()) {
            const QStringView name = m_xml.name();
            if (name == QLatin1String("traceFormat")) {
                const QString id = elementId(m_xml.attributes());
                context.format = parseTraceFormat();
                if (!id.isEmpty())
                    m_formats.insert(id, *context.format);
            } else if (name == QLatin1String("inkSource")) {
                const QString id = elementId(m_xml.attributes());
                fromSource = parseInkSource();
                if (!id.isEmpty() && fromSource)
                    m_inkSources.insert(id, *fromSource);
            } else {
                m_xml.skipCurrentElement();
            }
        }
        if (!context.format && fromSource)
            context.format = fromSource;
        return context;
    }

    std::optional<TraceFormat> parseInkSource()
    {
        std::optional<TraceFormat> format;
        while (m_xml.readNextStartElement()) {
            if (m_xml.name() == QLatin1String("traceFormat")) {
                const QString id = elementId(m_xml.attributes());
                format = parseTraceFormat();
                if (!id.isEmpty())
                    m_formats.insert(id, *format);
            } else {
                m_xml.skipCurrentElement();
            }
        }
        return format;
    }

    Channel parseChannel()
    {
        const QXmlStreamAttributes a = m_xml.attributes();
        Channel c;
        c.name = a.value(QLatin1String("name")).trimmed().toString();
        if (c.name.isEmpty())
            fail(QStringLiteral("a <channel> has no name"));
        c.units = a.value(QLatin1String("units")).toString();
        bool ok = false;
        const double min = a.value(QLatin1String("min")).toDouble(&ok);
        if (ok && std::isfinite(min))
            c.min = min;
        const double max = a.value(QLatin1String("max")).toDouble(&ok);
        if (ok && std::isfinite(max))
            c.max = max;
        c.negative = a.value(QLatin1String("orientation")).trimmed() == QLatin1String("-ve");
        m_xml.skipCurrentElement();
        return c;
    }

    TraceFormat parseTraceFormat()
    {
        const qint64 line = m_xml.lineNumber();
        TraceFormat format;
        while (m_xml.readNextStartElement()) {
            if (m_xml.name() == QLatin1String("channel")) {
                format.regular << parseChannel();
            } else if (m_xml.name() == QLatin1String("intermittentChannels")) {
                while (m_xml.readNextStartElement()) {
                    if (m_xml.name() == QLatin1String("channel"))
                        format.intermittent << parseChannel();
                    else
                        m_xml.skipCurrentElement();
                }
            } else {
                m_xml.skipCurrentElement();
            }
        }
        for (int i = 0; i < format.size(); ++i)
            for (int j = 0; j < i; ++j)
                if (format.at(i).name == format.at(j).name)
                    fail(QStringLiteral("the trace format declares channel %1 twice")
                             .arg(format.at(i).name),
                         line);
        if (format.size() == 0)
            return TraceFormat::xy();  // an empty declaration: the default
        return format;
    }

    TraceFormat resolve(const ContextDef& context, int depth) const
    {
        if (depth > 16)
            fail(QStringLiteral("contexts refer to each other in a loop"));
        if (context.format)
            return *context.format;
        if (!context.traceFormatRef.isEmpty()) {
            const auto it = m_formats.constFind(context.traceFormatRef);
            if (it == m_formats.constEnd())
                fail(QStringLiteral("unknown trace format '#%1'").arg(context.traceFormatRef));
            return *it;
        }
        if (!context.inkSourceRef.isEmpty()) {
            const auto it = m_inkSources.constFind(context.inkSourceRef);
            if (it != m_inkSources.constEnd())
                return *it;
        }
        if (!context.contextRef.isEmpty())
            return resolveRef(context.contextRef, depth + 1);
        return TraceFormat::xy();
    }

    TraceFormat resolveRef(const QString& id, int depth) const
    {
        const auto it = m_contexts.constFind(id);
        if (it == m_contexts.constEnd())
            fail(QStringLiteral("unknown context '#%1'").arg(id));
        return resolve(*it, depth);
    }

    void parseTraceGroup(const QString& inheritedRef, int depth = 0)
    {
        if (depth > 64)
            fail(QStringLiteral("trace groups nested more than 64 deep"));
        const QString own = refId(m_xml.attributes().value(QLatin1String("contextRef")));
        const QString ref = own.isEmpty() ? inheritedRef : own;
        while (m_xml.readNextStartElement()) {
            if (m_xml.name() == QLatin1String("trace"))
                parseTrace(ref);
            else if (m_xml.name() == QLatin1String("traceGroup"))
                parseTraceGroup(ref, depth + 1);
            else
                m_xml.skipCurrentElement();
        }
    }

    void parseTrace(const QString& inheritedRef)
    {
        const qint64 line = m_xml.lineNumber();
        const int number = ++m_traceCount;
        const QXmlStreamAttributes attributes = m_xml.attributes();
        const QString own = refId(attributes.value(QLatin1String("contextRef")));
        const QString ref = own.isEmpty() ? inheritedRef : own;
        const bool penUp = attributes.value(QLatin1String("type")) == QLatin1String("penUp");
        const QString text = m_xml.readElementText(QXmlStreamReader::SkipChildElements);
        if (m_xml.hasError() || penUp)
            return;
        TraceFormat format;
        try {
            format = ref.isEmpty() ? m_current : resolveRef(ref, 0);
        } catch (const ParseError& e) {
            // Name the trace: "line 9: trace 2: unknown context '#pen'".
            throw ParseError{QStringLiteral("line %1: trace %2: %3")
                                 .arg(line)
                                 .arg(number)
                                 .arg(e.message.section(QStringLiteral(": "), 1))};
        }
        parseTraceText(text, format, number, line);
    }

    void parseTraceText(const QString& text, const TraceFormat& format, int traceNumber,
                        qint64 line)
    {
        const int regular = int(format.regular.size());
        const int total = format.size();
        const int ix = format.indexOf(QStringLiteral("X")),
                  iy = format.indexOf(QStringLiteral("Y"));
        const int it = format.indexOf(QStringLiteral("T")),
                  iF = format.indexOf(QStringLiteral("F"));
        auto where = [&](int point) {
            return QStringLiteral("trace %1, point %2").arg(traceNumber).arg(point);
        };
        if (ix < 0 || iy < 0)
            fail(QStringLiteral("trace %1: its trace format (%2) has no %3 channel")
                     .arg(traceNumber)
                     .arg(format.names(), ix < 0 ? QStringLiteral("X") : QStringLiteral("Y")),
                 line);
        const double tScale = it >= 0 ? secondsPerUnit(format.at(it).units) : 1.0;

        std::vector<double> last(std::size_t(total), kNaN), velocity(std::size_t(total), 0.0);
        std::vector<Mode> mode(std::size_t(total), Mode::Explicit);
        std::vector<double> values(std::size_t(total), kNaN);
        std::vector<RawPoint> points;

        const qsizetype n = text.size();
        qsizetype pos = 0;
        int pointNumber = 0;
        while (pos <= n) {
            ++pointNumber;
            int k = 0;  // values read in this point
            while (true) {
                while (pos < n && isSpace(text[pos]))
                    ++pos;
                if (pos >= n || text[pos] == QLatin1Char(','))
                    break;
                std::optional<Mode> prefix;
                const QChar c = text[pos];
                if (c == QLatin1Char('!') || c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                    prefix = c == QLatin1Char('!')    ? Mode::Explicit
                             : c == QLatin1Char('\'') ? Mode::First
                                                      : Mode::Second;
                    ++pos;
                    while (pos < n && isSpace(text[pos]))
                        ++pos;
                }
                if (k >= total)
                    fail(QStringLiteral("%1: more than %2 values (the channels are %3)")
                             .arg(where(pointNumber))
                             .arg(total)
                             .arg(format.names()),
                         line);
                if (prefix)
                    mode[std::size_t(k)] = *prefix;
                const std::size_t ck = std::size_t(k);
                const bool hasLast = !std::isnan(last[ck]);
                double value = kNaN;
                bool unknown = false;
                const QChar v = pos < n ? text[pos] : QChar();
                if (v == QLatin1Char('T') || v == QLatin1Char('F')) {
                    value = v == QLatin1Char('T') ? 1.0 : 0.0;
                    ++pos;
                } else if (v == QLatin1Char('?') || v == QLatin1Char('*')) {
                    unknown = true;
                    ++pos;
                } else if (v == QLatin1Char('#')) {
                    const qsizetype start = ++pos;
                    while (pos < n && isxdigit(text[pos].toLatin1()))
                        ++pos;
                    bool ok = false;
                    value = double(QStringView(text).mid(start, pos - start).toLongLong(&ok, 16));
                    if (!ok)
                        fail(QStringLiteral("%1: '#' without a hexadecimal number")
                                 .arg(where(pointNumber)),
                             line);
                } else {
                    const qsizetype start = pos;
                    if (pos < n && (text[pos] == QLatin1Char('-') || text[pos] == QLatin1Char('+')))
                        ++pos;
                    int digits = 0;
                    while (pos < n && isDigit(text[pos]))
                        ++pos, ++digits;
                    if (pos < n && text[pos] == QLatin1Char('.')) {
                        ++pos;
                        while (pos < n && isDigit(text[pos]))
                            ++pos, ++digits;
                    }
                    if (digits > 0 && pos < n
                        && (text[pos] == QLatin1Char('e') || text[pos] == QLatin1Char('E'))) {
                        qsizetype e = pos + 1;
                        if (e < n && (text[e] == QLatin1Char('-') || text[e] == QLatin1Char('+')))
                            ++e;
                        if (e < n && isDigit(text[e])) {
                            pos = e;
                            while (pos < n && isDigit(text[pos]))
                                ++pos;
                        }
                    }
                    bool ok = digits > 0;
                    if (ok) {
                        value = QStringView(text).mid(start, pos - start).toDouble(&ok);
                        if (!ok)  // well formed, but no double holds it
                            fail(QStringLiteral("%1: the value %2 is out of range")
                                     .arg(where(pointNumber),
                                          QStringView(text).mid(start, pos - start).toString()),
                                 line);
                    }
                    if (!ok) {
                        qsizetype end = std::max(pos, start + 1);
                        while (end < n && !isSpace(text[end]) && text[end] != QLatin1Char(',')
                               && end - start < 24)
                            ++end;
                        fail(QStringLiteral("%1: cannot read '%2' as a number")
                                 .arg(where(pointNumber),
                                      QStringView(text).mid(start, end - start).toString()),
                             line);
                    }
                    if (!std::isfinite(value))
                        fail(QStringLiteral("%1: the value %2 is out of range")
                                 .arg(where(pointNumber),
                                      QStringView(text).mid(start, pos - start).toString()),
                             line);
                }
                double x = last[ck];
                if (!unknown) {
                    switch (mode[ck]) {
                    case Mode::Explicit:
                        velocity[ck] = hasLast ? value - last[ck] : 0.0;
                        x = value;
                        break;
                    case Mode::First:
                    case Mode::Second:
                        if (!hasLast)
                            fail(
                                QStringLiteral(
                                    "%1: a difference (%2) for channel %3, which has no previous value")
                                    .arg(where(pointNumber),
                                         mode[ck] == Mode::First ? QStringLiteral("'")
                                                                 : QStringLiteral("\""),
                                         format.at(k).name),
                                line);
                        velocity[ck] = mode[ck] == Mode::First ? value : velocity[ck] + value;
                        x = last[ck] + velocity[ck];
                        break;
                    }
                    if (!std::isfinite(x))
                        fail(QStringLiteral("%1: channel %2 runs out of range")
                                 .arg(where(pointNumber), format.at(k).name),
                             line);
                }
                last[ck] = x;
                values[ck] = x;
                ++k;
            }
            const bool atEnd = pos >= n;
            if (k == 0 && atEnd)
                break;  // an empty trace, or a trailing comma
            if (k < regular)
                fail(QStringLiteral("%1: %2 of %3 values (the channels are %4)")
                         .arg(where(pointNumber))
                         .arg(k)
                         .arg(regular)
                         .arg(format.names()),
                     line);
            for (int j = k; j < total; ++j)  // intermittent channels left out keep their last value
                values[std::size_t(j)] = last[std::size_t(j)];
            if (std::isnan(values[std::size_t(ix)]) || std::isnan(values[std::size_t(iy)]))
                fail(QStringLiteral("%1: the position is unknown").arg(where(pointNumber)), line);
            RawPoint p;
            p.x = values[std::size_t(ix)] * (format.at(ix).negative ? -1.0 : 1.0);
            p.y = values[std::size_t(iy)] * (format.at(iy).negative ? -1.0 : 1.0);
            if (it >= 0)
                p.t = values[std::size_t(it)] * tScale;
            if (iF >= 0) {
                p.f = values[std::size_t(iF)];
                p.fMin = format.at(iF).min;
                p.fMax = format.at(iF).max;
            }
            points.push_back(p);
            if (++m_pointCount > m_limits.maxPoints)
                fail(QStringLiteral("more than %1 points").arg(m_limits.maxPoints), line);
            if ((m_pointCount & 0xffff) == 0 && m_watch.stop && m_watch.stop->load())
                throw ParseError{QStringLiteral("cancelled")};
            if (atEnd)
                break;
            ++pos;  // the comma
        }
        if (!points.empty())
            m_strokes.push_back(std::move(points));
        watch();
    }

    void watch() const
    {
        if (m_watch.stop && m_watch.stop->load())
            throw ParseError{QStringLiteral("cancelled")};
        if (m_watch.progress)
            m_watch.progress(std::min<qint64>(m_xml.characterOffset(), m_size), m_size);
    }

    InkDocument finish() const
    {
        if (m_strokes.empty())
            throw ParseError{QStringLiteral("no ink: the file has no <trace> with points")};
        double t0 = std::numeric_limits<double>::infinity();
        double observedMaxF = 0;
        for (const auto& stroke : m_strokes)
            for (const RawPoint& p : stroke) {
                if (!std::isnan(p.t))
                    t0 = std::min(t0, p.t);
                if (!std::isnan(p.f) && std::isnan(p.fMax))
                    observedMaxF = std::max(observedMaxF, p.f);
            }
        InkDocument doc;
        doc.truth = m_truth;
        for (const auto& stroke : m_strokes) {
            imaging::Stroke s;
            s.points.reserve(stroke.size());
            for (const RawPoint& p : stroke) {
                imaging::InkPoint q;
                q.x = float(p.x);
                q.y = float(p.y);
                q.t = std::isnan(p.t) ? 0.f : float(p.t - t0);
                if (!std::isfinite(q.x) || !std::isfinite(q.y) || !std::isfinite(q.t))
                    throw ParseError{
                        QStringLiteral("a coordinate or time is out of range (%1, %2, %3)")
                            .arg(p.x)
                            .arg(p.y)
                            .arg(p.t)};
                if (!std::isnan(p.f)) {
                    double pressure = p.f;
                    if (!std::isnan(p.fMax)) {
                        const double lo = std::isnan(p.fMin) ? 0.0 : p.fMin;
                        pressure = p.fMax > lo ? (p.f - lo) / (p.fMax - lo) : 0.5;
                    } else if (observedMaxF > 1.0) {
                        pressure = p.f / observedMaxF;
                    }
                    q.pressure = float(std::clamp(pressure, 0.0, 1.0));
                }
                s.points.push_back(q);
            }
            doc.ink.strokes.push_back(std::move(s));
        }
        return doc;
    }

    QXmlStreamReader m_xml;
    InkMlLimits m_limits;
    InkMlWatch m_watch;
    qint64 m_size = 0;
    QHash<QString, TraceFormat> m_formats;
    QHash<QString, TraceFormat> m_inkSources;
    QHash<QString, ContextDef> m_contexts;
    TraceFormat m_current = TraceFormat::xy();
    std::vector<std::vector<RawPoint>> m_strokes;
    QString m_truth;
    int m_traceCount = 0;
    qint64 m_pointCount = 0;
};

// Shortest decimal text for a value: "12.5", not "12.500000".
QString number(double value, int significant)
{
    if (std::abs(value) < 1e-12)
        return QStringLiteral("0");
    return QString::number(value, 'g', significant);
}

}  // namespace

std::optional<InkDocument> readInkMl(const QByteArray& xml, QString* error,
                                     const InkMlLimits& limits, const InkMlWatch& watch)
{
    if (xml.size() > limits.maxBytes) {
        if (error)
            *error = QStringLiteral("too large (%1 MB)").arg(xml.size() / (1024 * 1024));
        return std::nullopt;
    }
    try {
        Parser parser(xml, limits, watch);
        return parser.run();
    } catch (const ParseError& e) {
        if (error)
            *error = e.message;
    } catch (const std::exception& e) {  // std::bad_alloc on absurd input
        if (error)
            *error = QString::fromUtf8(e.what());
    }
    return std::nullopt;
}

std::optional<InkDocument> readInkMlFile(const QString& path, QString* error,
                                         const InkMlLimits& limits, const InkMlWatch& watch)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    if (file.size() > limits.maxBytes) {
        if (error)
            *error = QStringLiteral("too large (%1 MB)").arg(file.size() / (1024 * 1024));
        return std::nullopt;
    }
    return readInkMl(file.readAll(), error, limits, watch);
}

QByteArray writeInkMl(const imaging::Ink& ink, const QString& truth)
{
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(kInkMlNamespace);
    xml.writeStartElement(kInkMlNamespace, QStringLiteral("ink"));

    xml.writeStartElement(kInkMlNamespace, QStringLiteral("definitions"));
    xml.writeStartElement(kInkMlNamespace, QStringLiteral("context"));
    xml.writeAttribute(QStringLiteral("xml:id"), QStringLiteral("ctx0"));
    xml.writeStartElement(kInkMlNamespace, QStringLiteral("traceFormat"));
    xml.writeAttribute(QStringLiteral("xml:id"), QStringLiteral("format0"));
    auto channel = [&](const char* name, const char* units, bool unitRange) {
        xml.writeEmptyElement(kInkMlNamespace, QStringLiteral("channel"));
        xml.writeAttribute(QStringLiteral("name"), QString::fromLatin1(name));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("decimal"));
        if (units)
            xml.writeAttribute(QStringLiteral("units"), QString::fromLatin1(units));
        if (unitRange) {
            xml.writeAttribute(QStringLiteral("min"), QStringLiteral("0"));
            xml.writeAttribute(QStringLiteral("max"), QStringLiteral("1"));
        }
    };
    channel("X", nullptr, false);
    channel("Y", nullptr, false);
    channel("T", "ms", false);
    channel("F", nullptr, true);
    xml.writeEndElement();  // traceFormat
    xml.writeEndElement();  // context
    xml.writeEndElement();  // definitions

    if (!truth.isEmpty()) {
        xml.writeStartElement(kInkMlNamespace, QStringLiteral("annotation"));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("truth"));
        xml.writeCharacters(truth);
        xml.writeEndElement();
    }
    for (const imaging::Stroke& stroke : ink.strokes) {
        if (stroke.points.empty())
            continue;
        QString text;
        text.reserve(qsizetype(stroke.points.size()) * 24);
        for (std::size_t i = 0; i < stroke.points.size(); ++i) {
            const imaging::InkPoint& p = stroke.points[i];
            if (i > 0)
                text += QStringLiteral(", ");
            text += number(p.x, 7) + QLatin1Char(' ') + number(p.y, 7) + QLatin1Char(' ')
                    + number(std::round(double(p.t) * 1e4) / 10.0, 12) + QLatin1Char(' ')
                    + number(p.pressure, 4);
        }
        xml.writeStartElement(kInkMlNamespace, QStringLiteral("trace"));
        xml.writeAttribute(QStringLiteral("contextRef"), QStringLiteral("#ctx0"));
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
    xml.writeEndElement();  // ink
    xml.writeEndDocument();
    return bytes;
}

bool writeInkMlFile(const QString& path, const imaging::Ink& ink, QString* error,
                    const QString& truth)
{
    // QSaveFile, flushed and checked before the commit (a full disk keeps the old file).
    return saveAtomically(path, writeInkMl(ink, truth), error);
}

}  // namespace inklens::service
