// inklens_soak: a long session through the real window (issue #17, load): resident memory
// over time and the GUI thread's longest stall. Not part of the test run.
//
//   inklens_soak [--minutes M] [--pages N] [--pages-dir DIR] [--page-seconds S]
//                [--ink FILE]... [--ink-points N] [--samples N] [--csv FILE] [--model FILE] [--model2 FILE]
//                [--seed S]
//
// Phases, one after another, in one MainWindow (offscreen unless QT_QPA_PLATFORM says
// otherwise; settings and the sample store in a temporary folder):
//   draw     M minutes of writing: lines of 1-5 random words in Hershey cursive, replayed as
//            mouse events at 200 points a second with a writer's pauses (every pen-up reads);
//            after each line: clear, undo a few strokes, undo the whole line, or write on
//            below; every 10th line is corrected (F2, a text, Return: a sample kept on the
//            GUI thread); every 2 minutes the writing language changes (en, fr, de, es),
//            every 5 minutes the model (--model and --model2, by default a blended copy of
//            the bundled model) and the interface language.
//   pages    first each --ink file (InkML, e.g. a large one) opened with File > Open and
//            waited for (parsed on the page worker, or refused: the time and the message
//            are printed), drawn (large ink on a worker: the time is printed), its reading
//            given --page-seconds, three words written over it and undone stroke by stroke
//            (actions "writing over", "undo over"); then N files opened in turn,
//            each read to the end (at most --page-seconds, 30 by default) before the next:
//            --pages-dir's pictures and InkML files (cycled), else generated page PNGs.
//   samples  the sample store filled with --samples samples (a worker thread, the store's
//            own transaction per sample), then Tools > Samples opened, scrolled to the end,
//            closed, opened again.
//
// Measured meanwhile:
//   - resident memory (VmRSS of /proc/self/status) and the bytes malloc has handed out
//     (mallinfo2) every 2 s by a thread of its own, into the CSV (seconds, phase, rss_kb,
//     heap_kb, strokes, pages, samples);
//   - the GUI thread's stalls: a 5 ms timer on the GUI thread; each interval between its
//     ticks beyond 5 ms is a stall. For every stall the GUI thread's own CPU time in it and
//     its time waiting for a CPU (/proc/thread-self/schedstat) are kept: on a shared machine
//     a stall with little CPU time and much run-queue wait is the machine's load, not the
//     program. Printed: per phase the longest stall (where: the action under way), the
//     p99 and p99.9 of all intervals, and the longest stalls with their split; every
//     stall in CSV.stalls.csv.
#include "app_info.h"
#include "document_area.h"
#include "ink_canvas.h"
#include "language.h"
#include "main_window.h"
#include "mouse_events.h"
#include "recognition_options.h"
#include "sample_browser.h"
#include "text_panel.h"
#include "tools_menu.h"

#include "model/model_file.h"
#include "service/fine_tuning.h"
#include "service/inkml.h"
#include "service/model_locator.h"
#include "service/page_session.h"
#include "service/recognition_service.h"
#include "service/sample_store.h"
#include "training/hershey.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPointingDevice>
#include <QScrollBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <malloc.h>
#include <time.h>

using namespace inklens;

namespace {

const char* const kPhases[] = {"start", "draw", "pages", "samples", "end"};
enum Phase { Start, Draw, Pages, Samples, End };

// Bytes malloc holds for the program (in use, not what it keeps free for later): a growth
// of RSS without a growth of this is the allocator keeping freed memory, not a leak.
long heapKb()
{
    const struct mallinfo2 m = mallinfo2();
    return long((m.uordblks + m.hblkhd) / 1024);
}

long rssKb(const char* key = "VmRSS:")
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0)
            return std::atol(line.c_str() + n);
    return -1;
}

double nowMs()
{
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The calling thread's CPU time and run-queue wait, ms (/proc/thread-self/schedstat).
struct SchedTimes
{
    double cpuMs = 0, waitMs = 0;
};
SchedTimes schedTimes()
{
    SchedTimes t;
    if (FILE* f = std::fopen("/proc/thread-self/schedstat", "r")) {
        unsigned long long run = 0, wait = 0;
        if (std::fscanf(f, "%llu %llu", &run, &wait) == 2)
            t = {double(run) / 1e6, double(wait) / 1e6};
        std::fclose(f);
    }
    return t;
}

struct Stall
{
    double atS, ms, cpuMs, waitMs;
    int phase;
    QString action;
};

// The 5 ms timer on the GUI thread and what it saw.
class StallMonitor : public QObject
{
public:
    static constexpr double kPeriodMs = 5;
    explicit StallMonitor(double startMs) : m_start(startMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(int(kPeriodMs));
        connect(&m_timer, &QTimer::timeout, this, &StallMonitor::tick);
    }
    void start()
    {
        m_last = nowMs();
        m_lastSched = schedTimes();
        m_timer.start();
    }
    void setPhase(int phase) { m_phase = phase, m_last = nowMs(), m_lastSched = schedTimes(); }
    void setAction(const QString& action) { m_action = action; }
    // A stretch the bench itself holds the GUI thread (setting up data) is not counted.
    void skip() { m_last = nowMs(), m_lastSched = schedTimes(); }

    std::vector<float> intervals[End + 1];  // ms, per phase
    std::vector<Stall> stalls;              // intervals > 20 ms

private:
    void tick()
    {
        const double now = nowMs();
        const SchedTimes s = schedTimes();
        const double interval = now - m_last;
        intervals[m_phase].push_back(float(interval));
        if (interval > 20)
            stalls.push_back({(now - m_start) / 1000, interval, s.cpuMs - m_lastSched.cpuMs,
                              s.waitMs - m_lastSched.waitMs, m_phase, m_action});
        m_last = now;
        m_lastSched = s;
    }
    QTimer m_timer;
    double m_start, m_last = 0;
    SchedTimes m_lastSched;
    int m_phase = Start;
    QString m_action = QStringLiteral("start");
};

// Runs the event loop for ms milliseconds. Objects whose deleteLater() was called by the
// bench itself (outside any event loop: a closed dialog) are deleted, as QTest::qWait does.
void pump(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

template<class F>
bool waitFor(F done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        pump(10);
    }
    return true;
}

using bench::sendMouse;

void sendKey(QWidget* widget, int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QCoreApplication::sendEvent(widget, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier);
    QCoreApplication::sendEvent(widget, &release);
}

// Random words of the writing languages' lists (ASCII letters only: Hershey's set).
QStringList wordList()
{
    QStringList words;
    for (const char* file : {"/usr/share/dict/american-english", "/usr/share/dict/french"}) {
        QFile f(QString::fromLatin1(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        int n = 0;
        while (!f.atEnd()) {
            const QString w = QString::fromUtf8(f.readLine()).trimmed();
            if (++n % 7 == 0 && w.size() >= 2 && w.size() <= 10 && !w.contains(QLatin1Char('\'')))
                words << w;
        }
    }
    if (words.isEmpty())
        words = QStringList{QStringLiteral("hello"),   QStringLiteral("world"),
                            QStringLiteral("minimum"), QStringLiteral("quick"),
                            QStringLiteral("brown"),   QStringLiteral("fox")};
    return words;
}

QString randomLine(const QStringList& words, std::mt19937& rng, int maxWords)
{
    const int n = std::uniform_int_distribution<int>(1, maxWords)(rng);
    QStringList line;
    for (int i = 0; i < n; ++i)
        line << words[std::uniform_int_distribution<int>(0, int(words.size()) - 1)(rng)];
    return line.join(QLatin1Char(' '));
}

// Generated pages: lines of words in a sans-serif font on a white 1700 x 2200 picture.
QStringList makePages(const QString& dir, int count, const QStringList& words, std::mt19937& rng)
{
    QStringList files;
    for (int p = 0; p < count; ++p) {
        QImage page(1700, 2200, QImage::Format_Grayscale8);
        page.fill(255);
        QPainter painter(&page);
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPixelSize(38);
        painter.setFont(font);
        const int lines = 12 + p % 20;
        for (int l = 0; l < lines; ++l)
            painter.drawText(120, 160 + l * 2000 / lines, randomLine(words, rng, 7));
        painter.end();
        const QString file = QDir(dir).filePath(
            QStringLiteral("page%1.png").arg(p, 3, 10, QLatin1Char('0')));
        page.save(file);
        files << file;
    }
    return files;
}

// Fills the store at path with n ink samples of random words; runs on its own thread.
int fillStore(const QString& path, int n, const training::HersheyFont& font,
              const QStringList& words, unsigned seed)
{
    QString error;
    auto store = service::SampleStore::open(path, &error);
    if (!store) {
        std::fprintf(stderr, "inklens_soak: %s\n", qPrintable(error));
        return 0;
    }
    std::mt19937 rng(seed);
    nn::Rng inkRng(seed);
    int added = 0;
    for (int i = 0; i < n; ++i) {
        const QString text = randomLine(words, rng, 3);
        const training::HersheyStyle style = training::HersheyStyle::random(inkRng);
        const imaging::Ink ink = training::hersheyInk(font, text.toStdString(), style, inkRng,
                                                      20.f);
        service::Sample s;
        s.kind = service::Sample::Kind::Ink;
        s.data = service::writeInkMl(ink, text);
        s.text = text;
        s.recognized = text.left(text.size() - 1);
        s.source = QStringLiteral("soak");
        if (store->add(s, &error))
            ++added;
    }
    return added;
}

double percentile(std::vector<float> v, double q)
{
    if (v.empty())
        return 0;
    const std::size_t k = std::min(v.size() - 1, std::size_t(q * double(v.size())));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

}  // namespace

int main(int argc, char* argv[])
{
    // Settings, the sample store and model versions in a folder of their own.
    QTemporaryDir home(QDir::tempPath() + QStringLiteral("/inklens-soak-XXXXXX"));
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QApplication app(argc, argv);
    ui::setApplicationInfo();
    QCoreApplication::setApplicationName(QStringLiteral("InkLens soak"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A long session of the InkLens window: memory and GUI stalls."));
    parser.addHelpOption();
    const QCommandLineOption minutesOpt(QStringLiteral("minutes"),
                                        QStringLiteral("Minutes of writing (default 30)."),
                                        QStringLiteral("M"), QStringLiteral("30"));
    const QCommandLineOption pagesOpt(QStringLiteral("pages"),
                                      QStringLiteral("Pages opened in turn (default 100)."),
                                      QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption pagesDirOpt(
        QStringLiteral("pages-dir"),
        QStringLiteral("Pictures to open (cycled; default: generated pages)."),
        QStringLiteral("DIR"));
    const QCommandLineOption pageSecondsOpt(
        QStringLiteral("page-seconds"),
        QStringLiteral("Seconds a page may be read before the next is opened (default 30)."),
        QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption inkOpt(
        QStringLiteral("ink"),
        QStringLiteral("InkML opened before the pages (repeatable; e.g. a large file)."),
        QStringLiteral("FILE"));
    const QCommandLineOption inkPointsOpt(
        QStringLiteral("ink-points"),
        QStringLiteral("The window's limit of points for --ink (default: the window's own, "
                       "DocumentArea::defaultInkLimits)."),
        QStringLiteral("N"));
    const QCommandLineOption samplesOpt(QStringLiteral("samples"),
                                        QStringLiteral("Samples stored (default 10000)."),
                                        QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"),
                                    QStringLiteral("Memory samples (default soak.csv)."),
                                    QStringLiteral("FILE"), QStringLiteral("soak.csv"));
    const QCommandLineOption modelOpt(QStringLiteral("model"),
                                      QStringLiteral("Model (default: the bundled one)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption model2Opt(
        QStringLiteral("model2"),
        QStringLiteral("The model switched to (default: a blended copy of --model)."),
        QStringLiteral("FILE"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed (default 1)."),
                                     QStringLiteral("S"), QStringLiteral("1"));
    parser.addOptions({minutesOpt, pagesOpt, pagesDirOpt, pageSecondsOpt, inkOpt, inkPointsOpt,
                       samplesOpt, csvOpt, modelOpt, model2Opt, seedOpt});
    parser.process(app);
    const double minutes = parser.value(minutesOpt).toDouble();
    const int pageCount = parser.value(pagesOpt).toInt();
    const int sampleCount = parser.value(samplesOpt).toInt();
    const unsigned seed = parser.value(seedOpt).toUInt();
    const int pageMs = parser.value(pageSecondsOpt).toInt() * 1000;

    QString models[2] = {parser.value(modelOpt), parser.value(model2Opt)};
    if (models[0].isEmpty()) {
        QString searched;
        models[0] = service::defaultModelPath(&searched);
        if (models[0].isEmpty()) {
            std::fprintf(stderr, "inklens_soak: %s\n",
                         qPrintable(service::noModelMessage(searched)));
            return 1;
        }
    }
    if (models[1].isEmpty()) {  // base + 0.5 (base - base): the same weights, another file
        models[1] = home.filePath(QStringLiteral("blend.safetensors"));
        const model::Model base = model::loadModel(QFile::encodeName(models[0]).toStdString());
        model::saveModel(QFile::encodeName(models[1]).toStdString(),
                         service::interpolateModels(base, base, 0.5f));
        QString lm = models[0];
        lm.replace(QStringLiteral(".safetensors"), QStringLiteral(".lm"));
        QFile::copy(lm, home.filePath(QStringLiteral("blend.lm")));
    }
    const std::string fontPath = "/usr/share/hershey-fonts/cursive.jhf";
    if (!QFileInfo::exists(QString::fromStdString(fontPath))) {
        std::fprintf(stderr, "inklens_soak: %s not found (Debian: hershey-fonts-data)\n",
                     fontPath.c_str());
        return 1;
    }
    const training::HersheyFont font = training::HersheyFont::load(fontPath);
    const QStringList words = wordList();
    std::mt19937 rng(seed);

    QStringList pageFiles;
    if (parser.isSet(pagesDirOpt)) {
        const QDir dir(parser.value(pagesDirOpt));
        for (const QFileInfo& fi :
             dir.entryInfoList({QStringLiteral("*.jpg"), QStringLiteral("*.png"),
                                QStringLiteral("*.tif"), QStringLiteral("*.inkml")},
                               QDir::Files, QDir::Name))
            pageFiles << fi.absoluteFilePath();
    } else {
        QDir().mkpath(home.filePath(QStringLiteral("pages")));
        pageFiles = makePages(home.filePath(QStringLiteral("pages")), std::min(pageCount, 10),
                              words, rng);
    }
    if (pageFiles.isEmpty() && pageCount > 0) {
        std::fprintf(stderr, "inklens_soak: no pictures in %s\n",
                     qPrintable(parser.value(pagesDirOpt)));
        return 1;
    }

    // Memory, by a thread of its own.
    const double t0 = nowMs();
    std::atomic<int> phase{Start}, strokes{0}, pagesOpened{0}, samplesStored{0};
    std::atomic<bool> stop{false};
    std::vector<std::pair<int, long>> rssCurve;  // phase, kB
    std::mutex rssMutex;
    FILE* csv = std::fopen(qPrintable(parser.value(csvOpt)), "w");
    if (!csv) {
        std::fprintf(stderr, "inklens_soak: cannot write %s\n", qPrintable(parser.value(csvOpt)));
        return 1;
    }
    std::fprintf(csv, "seconds,phase,rss_kb,heap_kb,strokes,pages,samples\n");
    std::thread sampler([&] {
        while (!stop) {
            const long kb = rssKb();
            std::fprintf(csv, "%.1f,%s,%ld,%ld,%d,%d,%d\n", (nowMs() - t0) / 1000, kPhases[phase],
                         kb, heapKb(), int(strokes), int(pagesOpened), int(samplesStored));
            std::fflush(csv);
            {
                const std::lock_guard lock(rssMutex);
                rssCurve.emplace_back(int(phase), kb);
            }
            for (int i = 0; i < 20 && !stop; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });

    ui::Translator translator;
    service::RecognitionService recognition;
    recognition.loadModel(models[0]);
    waitFor(
        [&] {
        return recognition.modelState() != service::RecognitionService::ModelState::Loading;
        },
        120000);
    if (recognition.modelState() != service::RecognitionService::ModelState::Ready) {
        std::fprintf(stderr, "inklens_soak: %s\n", qPrintable(recognition.modelMessage()));
        stop = true;
        sampler.join();
        return 1;
    }
    ui::MainWindow window(translator, recognition);
    window.resize(1500, 800);
    window.show();
    waitFor([&] { return window.isVisible(); }, 5000);
    pump(200);
    ui::InkCanvas* canvas = window.canvas();
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QAction* clear = window.findChild<QAction*>(QStringLiteral("clearAction"));
    QAction* editText = window.findChild<QAction*>(QStringLiteral("editTextAction"));
    auto* editor = window.findChild<QLineEdit*>(QStringLiteral("correctionEditor"));
    if (!undo || !clear || !editText || !editor) {
        std::fprintf(stderr, "inklens_soak: the window lacks an action this bench uses\n");
        return 1;
    }

    StallMonitor monitor(t0);
    monitor.start();
    auto enter = [&](Phase p) {
        phase = p;
        monitor.setPhase(p);
        std::printf("%7.1f s  %s, RSS %ld MB, malloc in use %ld MB\n", (nowMs() - t0) / 1000,
                    kPhases[p], rssKb() / 1024, heapKb() / 1024);
        std::fflush(stdout);
    };
    auto act = [&](const QString& what) { monitor.setAction(what); };
    // A stroke written with the mouse at 200 points a second.
    auto replay = [&](const imaging::Stroke& stroke) {
        QPoint last(qRound(stroke.points.front().x), qRound(stroke.points.front().y));
        sendMouse(canvas, QEvent::MouseButtonPress, last);
        for (std::size_t i = 1; i < stroke.points.size(); ++i) {
            const QPoint p(qRound(stroke.points[i].x), qRound(stroke.points[i].y));
            if (p == last)
                continue;
            pump(5);
            sendMouse(canvas, QEvent::MouseMove, p);
            last = p;
        }
        sendMouse(canvas, QEvent::MouseButtonRelease, last);
    };

    // --- draw ---------------------------------------------------------------------------
    enter(Draw);
    const QStringList languages = {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("de"),
                                   QStringLiteral("es")};
    const QStringList uiLanguages = {QStringLiteral("en"), QStringLiteral("de"),
                                     QStringLiteral("fr"), QStringLiteral("es")};
    int lineCount = 0, linesOnCanvas = 0, languageSwitches = 0, modelSwitches = 0, corrections = 0,
        undos = 0, clears = 0;
    double nextLanguage = 2 * 60e3, nextModel = 5 * 60e3;
    const double drawStart = nowMs();
    while (nowMs() - drawStart < minutes * 60e3) {
        const double elapsed = nowMs() - drawStart;
        if (elapsed >= nextLanguage) {
            nextLanguage += 2 * 60e3;
            ++languageSwitches;
            const QString code = languages[languageSwitches % languages.size()];
            act(QStringLiteral("writing language ") + code);
            window.recognitionOptions()->setWritingLanguage(code);
            pump(50);
        }
        if (elapsed >= nextModel) {
            nextModel += 5 * 60e3;
            ++modelSwitches;
            act(QStringLiteral("model switch"));
            recognition.loadModel(models[modelSwitches % 2]);
            pump(50);
            act(QStringLiteral("interface language"));
            window.setLanguage(uiLanguages[modelSwitches % uiLanguages.size()]);
            pump(50);
        }
        // A line of words below the lines already written.
        const QString text = randomLine(words, rng, 5);
        nn::Rng inkRng(seed * 7919u + unsigned(lineCount));
        training::HersheyStyle style = training::HersheyStyle::random(inkRng);
        imaging::Ink ink = training::hersheyInk(font, text.toStdString(), style, inkRng,
                                                float(canvas->xHeight()));
        const auto box = ink.bounds();
        // Two lines at most: the first above the guides, the second on them.
        const float dy = float(canvas->baselineY() - (1 - linesOnCanvas) * 1.6 * canvas->xHeight());
        for (auto& s : ink.strokes)
            for (auto& p : s.points)
                p.x += 30.f - box.x, p.y += dy;
        act(QStringLiteral("writing"));
        int strokesOfLine = 0;
        for (const auto& stroke : ink.strokes) {
            if (stroke.points.empty())
                continue;
            replay(stroke);
            ++strokes;
            ++strokesOfLine;
            pump(std::uniform_int_distribution<int>(80, 250)(rng));  // between strokes
        }
        ++lineCount;
        ++linesOnCanvas;
        pump(600);  // the writer looks at the text
        if (lineCount % 10 == 0) {
            act(QStringLiteral("correction"));
            editText->trigger();
            pump(20);
            if (editor->isVisible()) {
                editor->setText(text);
                sendKey(editor, Qt::Key_Return);
                ++corrections;
            }
            pump(200);
        }
        const int what = std::uniform_int_distribution<int>(0, 9)(rng);
        if (what < 4 || linesOnCanvas >= 2) {
            act(QStringLiteral("clear"));
            clear->trigger();
            linesOnCanvas = 0;
            ++clears;
        } else if (what < 6) {
            act(QStringLiteral("undo strokes"));
            for (int i = 0; i < 3 && undo->isEnabled(); ++i, ++undos) {
                undo->trigger();
                pump(60);
            }
        } else if (what < 8) {
            act(QStringLiteral("undo line"));
            for (int i = 0; i < strokesOfLine && undo->isEnabled(); ++i, ++undos) {
                undo->trigger();
                pump(30);
            }
            --linesOnCanvas;
        }  // else write on, below
        pump(300);
    }
    act(QStringLiteral("clear"));
    clear->trigger();
    waitFor([&] { return !recognition.busy(); }, 30000);
    pump(500);
    std::printf("         %d lines, %d strokes, %d undos, %d clears, %d corrections, %d writing "
                "language and %d model switches\n",
                lineCount, int(strokes), undos, clears, corrections, languageSwitches,
                modelSwitches);

    // --- pages --------------------------------------------------------------------------
    enter(Pages);
    ui::DocumentArea* area = window.documentArea();
    if (parser.isSet(inkPointsOpt)) {
        service::InkMlLimits limits = ui::DocumentArea::defaultInkLimits();
        limits.maxPoints = parser.value(inkPointsOpt).toLongLong();
        limits.maxBytes = std::max(limits.maxBytes, limits.maxPoints * 40);
        area->setInkLimits(limits);
    }
    for (const QString& file : parser.values(inkOpt)) {
        const QString name = QFileInfo(file).fileName();
        act(QStringLiteral("open ") + name);
        QString error;
        const double openStart = nowMs();
        QString failure;
        const QMetaObject::Connection failed = QObject::connect(
            area, &ui::DocumentArea::openFailed, area,
            [&](const QString&, const QString& why) { failure = why; });
        if (!window.openFile(file, &error)) {
            std::printf("         %s refused at once (%.2f s): %s\n", qPrintable(name),
                        (nowMs() - openStart) / 1000, qPrintable(error));
        } else {
            act(QStringLiteral("parsing ") + name);
            waitFor([&] { return !area->opening(); }, 3600 * 1000);
            std::printf("         %s: %s after %.1f s\n", qPrintable(name),
                        failure.isEmpty() ? qPrintable(
                            QStringLiteral("opened, %1 strokes").arg(canvas->ink().strokes.size()))
                                          : qPrintable(QStringLiteral("refused: ") + failure),
                        (nowMs() - openStart) / 1000);
            if (failure.isEmpty()) {
                act(QStringLiteral("drawing ") + name);
                const bool drawn = waitFor([&] { return !canvas->drawingInBackground(); }, pageMs);
                std::printf("         %s drawn %.1f s after it was opened\n", qPrintable(name),
                            drawn ? (nowMs() - openStart) / 1000 : -1.0);
                act(QStringLiteral("reading ") + name);
                waitFor([&] { return !recognition.busy(); }, pageMs);
                // A few words written over it (each stroke drawn onto the canvas), and undone
                // (the whole ink drawn again).
                act(QStringLiteral("writing over ") + name);
                nn::Rng inkRng(seed);
                const imaging::Ink words = training::hersheyInk(
                    font, "over the ink", training::HersheyStyle::random(inkRng), inkRng,
                    float(canvas->xHeight()));
                const auto box = words.bounds();
                int written = 0;
                for (auto stroke : words.strokes) {
                    if (stroke.points.empty())
                        continue;
                    for (auto& p : stroke.points)
                        p.x += 30.f - box.x, p.y += float(canvas->baselineY()) - 10.f;
                    replay(stroke);
                    ++written;
                    ++strokes;
                    pump(100);
                }
                act(QStringLiteral("undo over ") + name);
                for (int i = 0; i < written; ++i) {
                    undo->trigger();
                    pump(100);
                }
                waitFor([&] { return !canvas->drawingInBackground(); }, pageMs);
                waitFor([&] { return !recognition.busy(); }, pageMs);
                std::printf("         %d strokes written over %s and undone\n", written,
                            qPrintable(name));
            }
        }
        QObject::disconnect(failed);
        if (auto* box = window.findChild<QWidget*>(QStringLiteral("cannotOpenBox")))
            box->close();
        act(QStringLiteral("clear"));
        area->clearInk();
        pump(500);
    }
    int pagesRead = 0;
    for (int p = 0; p < pageCount; ++p) {
        const QString file = pageFiles[p % pageFiles.size()];
        act(QStringLiteral("open ") + QFileInfo(file).fileName());
        QString error;
        if (!window.openFile(file, &error)) {
            std::fprintf(stderr, "inklens_soak: %s: %s\n", qPrintable(file), qPrintable(error));
            continue;
        }
        ++pagesOpened;
        act(QStringLiteral("reading ") + QFileInfo(file).fileName());
        service::PageSession* session = area->pageSession();
        auto idle = [&] { return !area->opening() && session && !session->busy(); };
        QElapsedTimer pageClock;
        pageClock.start();
        bool read = false;
        while (!read && pageClock.elapsed() < pageMs) {  // idle, and still idle 300 ms later
            pump(300);
            read = waitFor(idle, int(std::max<qint64>(0, pageMs - pageClock.elapsed())));
            pump(300);
            read = read && idle();
        }
        pagesRead += read;
        pump(200);
    }
    act(QStringLiteral("clear"));
    area->clearInk();
    pump(500);
    std::printf("         %d pages opened, %d read to the end within %d s\n", int(pagesOpened),
                pagesRead, pageMs / 1000);

    // --- samples ------------------------------------------------------------------------
    enter(Samples);
    const QString storePath = service::SampleStore::defaultPath();
    act(QStringLiteral("filling the store (worker)"));
    std::atomic<bool> filled{false};
    std::thread filler([&] {
        samplesStored = fillStore(storePath, sampleCount, font, words, seed);
        filled = true;
    });
    const double fillStart = nowMs();
    waitFor([&] { return bool(filled); }, 3600 * 1000);
    filler.join();
    std::printf("         %d samples stored in %.1f s\n", int(samplesStored),
                (nowMs() - fillStart) / 1000);
    for (int round = 0; round < 2; ++round) {
        act(QStringLiteral("open sample browser"));
        ui::SampleBrowser* browser = window.toolsMenu()->showSamples();
        bool loaded = false;
        QObject::connect(browser, &ui::SampleBrowser::loaded, browser, [&] { loaded = true; });
        act(QStringLiteral("sample browser loading"));
        const double loadStart = nowMs();
        if (!waitFor([&] { return loaded; }, 600000))
            std::printf("         the sample browser did not load within 10 minutes (busy: %d)\n",
                        int(browser->busy()));
        std::printf("         sample browser loaded in %.1f s\n", (nowMs() - loadStart) / 1000);
        act(QStringLiteral("sample browser scrolling"));
        QScrollBar* bar = browser->table()->verticalScrollBar();
        for (int i = 0; i <= 40; ++i) {
            bar->setValue(bar->maximum() * i / 40);
            pump(50);
        }
        std::printf("         sample browser: %d rows\n", browser->table()->rowCount());
        act(QStringLiteral("close sample browser"));
        browser->close();
        pump(1000);
    }

    enter(End);
    act(QStringLiteral("end"));
    pump(3000);
    stop = true;
    sampler.join();
    std::fclose(csv);

    // --- report -------------------------------------------------------------------------
    std::printf("\nresident memory (MB): start / peak / end per phase\n");
    for (int p = Start; p <= End; ++p) {
        long first = -1, peak = 0, last = 0;
        for (const auto& [ph, kb] : rssCurve)
            if (ph == p) {
                if (first < 0)
                    first = kb;
                peak = std::max(peak, kb);
                last = kb;
            }
        if (first >= 0)
            std::printf("  %-8s %7.1f %7.1f %7.1f\n", kPhases[p], first / 1024.0, peak / 1024.0,
                        last / 1024.0);
    }
    std::printf("  VmHWM %.1f MB; malloc in use at the end %.1f MB", rssKb("VmHWM:") / 1024.0,
                heapKb() / 1024.0);
    malloc_trim(0);
    std::printf(", RSS after malloc_trim %.1f MB\n", rssKb() / 1024.0);
    std::printf("\nGUI thread: intervals of the %g ms timer (ms)\n", StallMonitor::kPeriodMs);
    std::printf("  %-8s %9s %8s %8s %8s  %s\n", "phase", "ticks", "p99", "p99.9", "max",
                "the longest at");
    for (int p = Start; p <= End; ++p) {
        const auto& v = monitor.intervals[p];
        if (v.empty())
            continue;
        const Stall* worst = nullptr;
        for (const Stall& s : monitor.stalls)
            if (s.phase == p && (!worst || s.ms > worst->ms))
                worst = &s;
        std::printf("  %-8s %9zu %8.1f %8.1f %8.1f  %s\n", kPhases[p], v.size(),
                    percentile(v, 0.99), percentile(v, 0.999),
                    double(*std::max_element(v.begin(), v.end())),
                    worst ? qPrintable(QStringLiteral("%1 s, %2 (GUI thread CPU %3 ms, waiting "
                                                      "for a CPU %4 ms)")
                                           .arg(worst->atS, 0, 'f', 1)
                                           .arg(worst->action)
                                           .arg(worst->cpuMs, 0, 'f', 1)
                                           .arg(worst->waitMs, 0, 'f', 1))
                          : "");
    }
    if (FILE* f = std::fopen(qPrintable(parser.value(csvOpt) + QStringLiteral(".stalls.csv")),
                             "w")) {
        std::fprintf(f, "seconds,ms,gui_cpu_ms,runqueue_ms,phase,action\n");
        for (const Stall& s : monitor.stalls)
            std::fprintf(f, "%.2f,%.1f,%.1f,%.1f,%s,\"%s\"\n", s.atS, s.ms, s.cpuMs, s.waitMs,
                         kPhases[s.phase], qPrintable(s.action));
        std::fclose(f);
    }
    std::vector<Stall> sorted = monitor.stalls;
    std::sort(sorted.begin(), sorted.end(),
              [](const Stall& a, const Stall& b) { return a.ms > b.ms; });
    int over50 = 0, over50Cpu = 0;
    for (const Stall& s : sorted)
        if (s.ms > 50) {
            ++over50;
            if (s.ms - s.waitMs > 50)
                ++over50Cpu;
        }
    std::printf("\nstalls over 50 ms: %d; over 50 ms even without the time waiting for a CPU: %d\n",
                over50, over50Cpu);
    std::printf("the longest 15 (s, ms, GUI CPU ms, run-queue wait ms, phase, action):\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(15, sorted.size()); ++i)
        std::printf("  %8.1f %7.1f %7.1f %7.1f  %-8s %s\n", sorted[i].atS, sorted[i].ms,
                    sorted[i].cpuMs, sorted[i].waitMs, kPhases[sorted[i].phase],
                    qPrintable(sorted[i].action));
    return 0;
}
