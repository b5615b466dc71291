// inklens_text_panel_bench: the text panel while a page of long lines is read (issue #17,
// load). Not part of the test run.
//
//   inklens_text_panel_bench [--lines N] [--chars C] [--runs R]
//
// A page's text as DocumentArea shows it while its lines are read (PageDocument::paragraph:
// every line not read yet is "…", joined by joinLineRecognitions), N lines of C characters
// of random words, a character in ten below the confidence threshold (the wavy underline).
// The lines are read one after another; after each, the paragraph is given to a TextPanel
// (offscreen, 900 x 300, shown) and the panel is painted: the time of
// setRecognition + the paint is one update, on the GUI thread. Printed: the median, the
// longest and the sum of the N updates, the medians of R runs (default 3). Then the same
// paragraph shown again unchanged (the 200 ms refresh with nothing new), and a corrected
// line (one line's text replaced).
#include "text_panel.h"

#include "service/recognition_service.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTextBrowser>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

using namespace inklens;

namespace {

std::shared_ptr<const model::Recognition> lineOf(const std::string& text, std::mt19937& rng,
                                                 float doubt)
{
    auto r = std::make_shared<model::Recognition>();
    r->text = text;
    std::uniform_real_distribution<float> u(0, 1);
    for (char c : text) {
        model::RecognizedChar rc;
        rc.text = std::string(1, c);
        rc.confidence = u(rng) < doubt ? 0.3f : 0.95f;
        r->chars.push_back(rc);
    }
    r->confidence = 0.9f;
    return r;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// One update: setRecognition and the panel painted (what the window would do next).
double update(ui::TextPanel& panel, QTextBrowser* text,
              std::shared_ptr<const model::Recognition> paragraph)
{
    QElapsedTimer clock;
    clock.start();
    panel.setRecognition(std::move(paragraph));
    text->viewport()->repaint();
    return double(clock.nsecsElapsed()) / 1e6;
}

}  // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption linesOpt(QStringLiteral("lines"), QStringLiteral("Lines (62)."),
                                      QStringLiteral("N"), QStringLiteral("62"));
    const QCommandLineOption charsOpt(QStringLiteral("chars"),
                                      QStringLiteral("Characters a line (600)."),
                                      QStringLiteral("C"), QStringLiteral("600"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs (3)."),
                                     QStringLiteral("R"), QStringLiteral("3"));
    parser.addOptions({linesOpt, charsOpt, runsOpt});
    parser.process(app);
    const int lines = parser.value(linesOpt).toInt();
    const int chars = parser.value(charsOpt).toInt();
    const int runs = parser.value(runsOpt).toInt();

    std::mt19937 rng(1);
    const char* const words[] = {"the",    "quick", "brown", "fox",       "jumps",  "over",
                                 "lazy",   "dog",   "page",  "testament", "will",   "written",
                                 "copied", "line",  "read",  "minimum",   "letter", "and"};
    std::vector<std::shared_ptr<const model::Recognition>> read, unread;
    for (int l = 0; l < lines; ++l) {
        std::string s;
        while (int(s.size()) < chars) {
            if (!s.empty())
                s += ' ';
            s += words[std::uniform_int_distribution<int>(0, std::size(words) - 1)(rng)];
        }
        s.resize(std::size_t(chars));
        read.push_back(lineOf(s, rng, 0.1f));
        unread.push_back(lineOf("\xe2\x80\xa6", rng, 0.f));  // "…"
    }

    ui::TextPanel panel;
    panel.resize(900, 300);
    panel.show();
    auto* text = panel.findChild<QTextBrowser*>(QStringLiteral("recognizedText"));
    QApplication::processEvents();

    std::vector<double> medians, longest, sums, same, corrected;
    for (int run = 0; run < runs; ++run) {
        panel.setRecognition(nullptr);
        std::vector<std::shared_ptr<const model::Recognition>> page = unread;
        std::vector<double> times;
        for (int l = 0; l < lines; ++l) {
            page[std::size_t(l)] = read[std::size_t(l)];
            times.push_back(update(panel, text, service::joinLineRecognitions(page)));
            QApplication::processEvents();
        }
        medians.push_back(median(times));
        longest.push_back(*std::max_element(times.begin(), times.end()));
        double sum = 0;
        for (double t : times)
            sum += t;
        sums.push_back(sum);
        same.push_back(update(panel, text, service::joinLineRecognitions(page)));
        page[std::size_t(lines / 2)] = lineOf("a corrected line", rng, 0.f);
        corrected.push_back(update(panel, text, service::joinLineRecognitions(page)));
        QApplication::processEvents();
    }
    std::printf("%d lines of %d characters, %d runs (medians of the runs), ms on the GUI thread\n",
                lines, chars, runs);
    std::printf("  a line read:      median %.2f, longest %.2f, all %d lines %.1f\n",
                median(medians), median(longest), lines, median(sums));
    std::printf("  shown again, unchanged: %.2f\n", median(same));
    std::printf("  one line corrected:     %.2f\n", median(corrected));
    return 0;
}
