// CTC decoders (core/ctc/decode.h): greedy best path, prefix beam search, forced alignment.

#include "ctc/ctc.h"
#include "ctc_paths.h"
#include "ctc/decode.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using inklens::nn::EngineError;
using inklens::nn::Mat;
using namespace inklens::ctc;
using inklens::test::collapse;

using Labels = std::vector<int>;

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// '_' is the blank, 'a' label 1, 'b' label 2, ...
int symbol(char c)
{
    return c == '_' ? kBlank : c - 'a' + 1;
}

Labels labelsOf(const std::string& text)
{
    Labels out;
    for (char c : text)
        out.push_back(symbol(c));
    return out;
}

std::string textOf(const Labels& labels)
{
    std::string out;
    for (int l : labels)
        out += char('a' + l - 1);
    return out;
}

// Log-posteriors whose best path is `path`: the path's symbol gets `peak`, the other
// classes share the rest equally.
Mat peaked(const std::string& path, int classes, float peak)
{
    const float rest = (1.f - peak) / float(classes - 1);
    Mat lp = Mat::Constant(Eigen::Index(path.size()), classes, std::log(rest));
    for (std::size_t t = 0; t < path.size(); ++t)
        lp(Eigen::Index(t), symbol(path[t])) = std::log(peak);
    return lp;
}

Mat logOf(std::initializer_list<std::initializer_list<float>> probs)
{
    Mat lp(Eigen::Index(probs.size()), Eigen::Index(probs.begin()->size()));
    Eigen::Index t = 0;
    for (const auto& row : probs) {
        Eigen::Index k = 0;
        for (float p : row)
            lp(t, k++) = std::log(p);
        ++t;
    }
    return lp;
}

Mat randomLogProbs(int T, int C, std::mt19937& rng, float scale = 2.f)
{
    std::normal_distribution<double> normal(0.0, scale);
    Mat lp(T, C);
    for (int t = 0; t < T; ++t) {
        std::vector<double> z(static_cast<std::size_t>(C));
        double sum = 0.0;
        for (double& v : z)
            sum += std::exp(v = normal(rng));
        for (int k = 0; k < C; ++k)
            lp(t, k) = float(z[std::size_t(k)] - std::log(sum));
    }
    return lp;
}

// Every label sequence over {1, .., symbols} of length <= T (the rows of lp), scored by its exact
// log-probability -ctcLoss plus extra(labels), best first; infeasible ones left out.
template<class Extra>
std::vector<std::pair<double, Labels>> rankedSequences(const Mat& lp, Extra extra, int symbols = 2)
{
    std::vector<std::pair<double, Labels>> all;
    const int T = int(lp.rows());
    for (int len = 0; len <= T; ++len) {
        int count = 1;
        for (int i = 0; i < len; ++i)
            count *= symbols;
        for (int code = 0; code < count; ++code) {
            Labels l;
            for (int i = 0, rest = code; i < len; ++i, rest /= symbols)
                l.push_back(1 + rest % symbols);
            const CtcSample s = ctcLoss(lp, l, nullptr);
            if (s.feasible)
                all.emplace_back(-double(s.loss) + extra(l), l);
        }
    }
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    return all;
}

// The chars of a hypothesis are well formed: one per label, spans inside [0, T),
// non-empty, disjoint and increasing; confidence = max posterior of the label over its span.
void checkChars(const Mat& lp, const Labels& labels, const std::vector<DecodedChar>& chars)
{
    QCOMPARE(chars.size(), labels.size());
    int prevLast = -1;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const DecodedChar& c = chars[i];
        QCOMPARE(c.label, labels[i]);
        QVERIFY(c.firstFrame > prevLast);
        QVERIFY(c.firstFrame <= c.lastFrame);
        QVERIFY(c.lastFrame < lp.rows());
        QVERIFY(c.confidence >= 0.f && c.confidence <= 1.f);
        const float want = std::exp(
            lp.col(c.label).segment(c.firstFrame, c.lastFrame - c.firstFrame + 1).maxCoeff());
        QVERIFY(std::abs(c.confidence - want) < 1e-6f);
        prevLast = c.lastFrame;
    }
}

// Log-probability of the single path that ctcAlign's spans describe (frames outside every
// span are blanks).
double alignedPathLogProb(const Mat& lp, const std::vector<DecodedChar>& chars)
{
    std::vector<int> path(std::size_t(lp.rows()), kBlank);
    for (const DecodedChar& c : chars)
        for (int t = c.firstFrame; t <= c.lastFrame; ++t)
            path[std::size_t(t)] = c.label;
    double s = 0.0;
    for (std::size_t t = 0; t < path.size(); ++t)
        s += double(lp(Eigen::Index(t), path[t]));
    return s;
}

// Brute force: the best single path collapsing to `labels`.
double bestPathLogProb(const Mat& lp, const Labels& labels)
{
    const int T = int(lp.rows()), C = int(lp.cols());
    std::vector<int> path(std::size_t(T), 0);
    double best = kNegInf;
    for (;;) {
        if (collapse(path) == labels) {
            double s = 0.0;
            for (int t = 0; t < T; ++t)
                s += double(lp(t, path[std::size_t(t)]));
            best = std::max(best, s);
        }
        int t = 0;
        while (t < T && ++path[std::size_t(t)] == C)
            path[std::size_t(t++)] = 0;
        if (t == T)
            break;
    }
    return best;
}

}  // namespace

class TestDecode : public QObject
{
    Q_OBJECT

private slots:
    void greedy_data();
    void greedy();
    void emptyInput();
    void ties();
    void beamBeatsGreedy();
    void nbestIsExactWithWideBeam();
    void beamDefaultsOnRandomPosteriors();
    void beamWidthOneEqualsGreedy();
    void lmWeightZeroIsPlainBeam();
    void lmFusedBeamIsExactWithWideBeam();
    void lmResolvesAmbiguity();
    void lexiconBeamIsExactWithWideBeam();
    void lexiconResolvesAmbiguity();
    void nbestMatchesExactSearch_data();
    void nbestMatchesExactSearch();
    void alignSpans_data();
    void alignSpans();
    void alignIsViterbi();
    void alignErrors();
};

void TestDecode::greedy_data()
{
    QTest::addColumn<QString>("path");  // argmax symbol of each frame
    QTest::addColumn<QString>("text");  // expected labels
    QTest::addColumn<Labels>("first");  // expected firstFrame of each char
    QTest::addColumn<Labels>("last");   // expected lastFrame of each char

    QTest::newRow("collapse repeats") << "aa_bbb"
                                      << "ab" << Labels{0, 3} << Labels{1, 5};
    QTest::newRow("adjacent different") << "aab"
                                        << "ab" << Labels{0, 2} << Labels{1, 2};
    QTest::newRow("aa needs a blank") << "a_a"
                                      << "aa" << Labels{0, 2} << Labels{0, 2};
    QTest::newRow("aaa without blank is a") << "aaa"
                                            << "a" << Labels{0} << Labels{2};
    QTest::newRow("all blank") << "____"
                               << "" << Labels{} << Labels{};
    QTest::newRow("blanks around") << "_a__bb_c"
                                   << "abc" << Labels{1, 4, 7} << Labels{1, 5, 7};
    QTest::newRow("word with double letter")
        << "_bb_oo__o_kk_"
        << "book" << Labels{1, 4, 8, 10} << Labels{2, 5, 8, 11};
}

void TestDecode::greedy()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(Labels, first);
    QFETCH(Labels, last);

    const float peak = 0.8f;
    const Mat lp = peaked(path.toStdString(), 16, peak);
    const Decoding d = ctcDecodeGreedy(lp);
    QCOMPARE(d.nbest.size(), std::size_t(1));
    const Hypothesis& h = d.best();
    QCOMPARE(QString::fromStdString(textOf(h.labels)), text);
    QVERIFY(std::abs(h.logProb - float(path.size()) * std::log(peak)) < 1e-4f);
    checkChars(lp, h.labels, h.chars);
    for (std::size_t i = 0; i < h.chars.size(); ++i) {
        QCOMPARE(h.chars[i].firstFrame, first[i]);
        QCOMPARE(h.chars[i].lastFrame, last[i]);
        QCOMPARE(h.chars[i].confidence, peak);
    }

    // The forced alignment of the greedy labels is the greedy path itself.
    const std::vector<DecodedChar> aligned = ctcAlign(lp, h.labels);
    for (std::size_t i = 0; i < aligned.size(); ++i) {
        QCOMPARE(aligned[i].firstFrame, first[i]);
        QCOMPARE(aligned[i].lastFrame, last[i]);
    }

    // Unambiguous posteriors: the beam search agrees, with the same spans.
    const Decoding b = ctcDecodeBeam(lp, {});
    QCOMPARE(b.best().labels, h.labels);
    for (std::size_t i = 0; i < h.chars.size(); ++i) {
        QCOMPARE(b.best().chars[i].firstFrame, first[i]);
        QCOMPARE(b.best().chars[i].lastFrame, last[i]);
    }
}

void TestDecode::emptyInput()
{
    const Mat none(0, 5);
    const Decoding g = ctcDecodeGreedy(none);
    QCOMPARE(g.nbest.size(), std::size_t(1));
    QVERIFY(g.best().labels.empty() && g.best().chars.empty());
    QCOMPARE(g.best().logProb, 0.f);
    const Decoding b = ctcDecodeBeam(none, {});
    QCOMPARE(b.nbest.size(), std::size_t(1));
    QVERIFY(b.best().labels.empty());
    QCOMPARE(b.best().logProb, 0.f);
}

void TestDecode::ties()
{
    // Greedy: a tie goes to the lowest label, so blank beats 'a', and 'a' beats 'b'.
    const Mat blankTie = logOf({{0.4f, 0.4f, 0.2f}});
    QVERIFY(ctcDecodeGreedy(blankTie).best().labels.empty());
    const Mat letterTie = logOf({{0.2f, 0.4f, 0.4f}, {0.2f, 0.4f, 0.4f}});
    QCOMPARE(ctcDecodeGreedy(letterTie).best().labels, labelsOf("a"));

    // Beam: "a" and "b" have exactly the same score; the smaller label sequence first,
    // every time.
    const Mat single = logOf({{0.2f, 0.4f, 0.4f}});
    BeamOptions opt;
    opt.nbest = 3;
    for (int rep = 0; rep < 3; ++rep) {
        const Decoding d = ctcDecodeBeam(single, opt);
        QCOMPARE(d.nbest.size(), std::size_t(3));
        QCOMPARE(d.nbest[0].labels, labelsOf("a"));
        QCOMPARE(d.nbest[1].labels, labelsOf("b"));
        QCOMPARE(d.nbest[2].labels, Labels{});
        QCOMPARE(d.nbest[0].logProb, d.nbest[1].logProb);
        QVERIFY(std::abs(d.nbest[0].logProb - std::log(0.4f)) < 1e-6f);
    }

    // Equal ties along a wider beam, with longer prefixes: still sorted and reproducible.
    const Mat flat = Mat::Constant(4, 3, std::log(1.f / 3.f));
    opt.beamWidth = 8;
    opt.nbest = 8;
    const Decoding a = ctcDecodeBeam(flat, opt);
    const Decoding b = ctcDecodeBeam(flat, opt);
    QCOMPARE(a.nbest.size(), b.nbest.size());
    for (std::size_t i = 0; i < a.nbest.size(); ++i) {
        QCOMPARE(a.nbest[i].labels, b.nbest[i].labels);
        if (i > 0 && a.nbest[i].logProb == a.nbest[i - 1].logProb)
            QVERIFY(std::lexicographical_compare(
                a.nbest[i - 1].labels.begin(), a.nbest[i - 1].labels.end(),
                a.nbest[i].labels.begin(), a.nbest[i].labels.end()));
    }
}

void TestDecode::beamBeatsGreedy()
{
    // Blank is the argmax of both frames (best path "__", p = 0.36), but "a" collects
    // the paths "aa", "a_" and "_a": p = 0.16 + 0.24 + 0.24 = 0.64.
    const Mat lp = logOf({{0.6f, 0.4f}, {0.6f, 0.4f}});
    const Decoding g = ctcDecodeGreedy(lp);
    QVERIFY(g.best().labels.empty());
    QVERIFY(std::abs(g.best().logProb - std::log(0.36f)) < 1e-5f);

    const Decoding b = ctcDecodeBeam(lp, {});
    QCOMPARE(b.best().labels, labelsOf("a"));
    QVERIFY(std::abs(b.best().logProb - std::log(0.64f)) < 1e-5f);
    QVERIFY(b.best().logProb > g.best().logProb);
    QVERIFY(std::abs(b.best().logProb + ctcLoss(lp, labelsOf("a"), nullptr).loss) < 1e-5f);
    // "a", then "" (0.36); "aa" is impossible in 2 frames (p = 0) and is not listed.
    QCOMPARE(b.nbest.size(), std::size_t(2));
    QCOMPARE(b.nbest[1].labels, Labels{});
    QVERIFY(std::abs(b.nbest[1].logProb - std::log(0.36f)) < 1e-5f);

    // "a_" and "_a" are equally likely alignments; the tie goes to the final blank.
    QCOMPARE(b.best().chars.size(), std::size_t(1));
    QCOMPARE(b.best().chars[0].firstFrame, 0);
    QCOMPARE(b.best().chars[0].lastFrame, 0);
    QVERIFY(std::abs(b.best().chars[0].confidence - 0.4f) < 1e-6f);
}

void TestDecode::nbestIsExactWithWideBeam()
{
    // With no pruning and a beam wider than the number of prefixes, prefix beam search
    // is exact: its n-best are the n most probable label sequences, scored -ctcLoss.
    const int T = 5, C = 3;
    std::mt19937 rng(11);
    for (int rep = 0; rep < 10; ++rep) {
        const Mat lp = randomLogProbs(T, C, rng, 1.f);
        // Every label sequence over {1, .., symbols} of length <= T, with its exact probability.
        const auto all = rankedSequences(lp, [](const Labels&) { return 0.0; });

        BeamOptions opt;
        opt.beamWidth = 1000;
        opt.nbest = 8;
        opt.pruneLogProb = -std::numeric_limits<float>::infinity();
        const Decoding d = ctcDecodeBeam(lp, opt);
        QCOMPARE(d.nbest.size(), std::size_t(8));
        std::set<Labels> seen;
        for (std::size_t i = 0; i < d.nbest.size(); ++i) {
            const Hypothesis& h = d.nbest[i];
            QVERIFY(seen.insert(h.labels).second);  // distinct
            if (i > 0)
                QVERIFY(h.logProb <= d.nbest[i - 1].logProb);  // sorted
            QVERIFY2(std::abs(double(h.logProb) - all[i].first) < 1e-5,
                     qPrintable(QString("rank %1: beam %2 (%3), exact %4 (%5)")
                                    .arg(i)
                                    .arg(h.logProb)
                                    .arg(QString::fromStdString(textOf(h.labels)))
                                    .arg(all[i].first)
                                    .arg(QString::fromStdString(textOf(all[i].second)))));
            QVERIFY(std::abs(h.logProb + ctcLoss(lp, h.labels, nullptr).loss) < 1e-5f);
            checkChars(lp, h.labels, h.chars);
        }
        QCOMPARE(d.best().labels, all[0].second);
    }
}

void TestDecode::beamDefaultsOnRandomPosteriors()
{
    // Realistic size, default options: sorted, distinct, well-formed chars, and each score
    // at most the exact probability of its labels (pruned prefixes only lose mass).
    std::mt19937 rng(5);
    for (int rep = 0; rep < 20; ++rep) {
        const Mat lp = randomLogProbs(40, 12, rng, 3.f);
        const Decoding d = ctcDecodeBeam(lp, {});
        QCOMPARE(d.nbest.size(), std::size_t(5));
        std::set<Labels> seen;
        for (std::size_t i = 0; i < d.nbest.size(); ++i) {
            const Hypothesis& h = d.nbest[i];
            QVERIFY(seen.insert(h.labels).second);
            if (i > 0)
                QVERIFY(h.logProb <= d.nbest[i - 1].logProb);
            QVERIFY(std::isfinite(h.logProb));
            QVERIFY(h.logProb <= -ctcLoss(lp, h.labels, nullptr).loss + 1e-4f);
            checkChars(lp, h.labels, h.chars);
        }
        // The best label sequence is at least as probable as greedy's labels.
        const Labels greedyLabels = ctcDecodeGreedy(lp).best().labels;
        QVERIFY(-ctcLoss(lp, d.best().labels, nullptr).loss
                >= -ctcLoss(lp, greedyLabels, nullptr).loss - 1e-4f);
    }
}

void TestDecode::beamWidthOneEqualsGreedy()
{
    const Mat lp = peaked("_aa_b_bc__c_dd", 6, 0.7f);
    BeamOptions opt;
    opt.beamWidth = 1;
    opt.nbest = 5;
    const Decoding b = ctcDecodeBeam(lp, opt);
    const Decoding g = ctcDecodeGreedy(lp);
    QCOMPARE(b.nbest.size(), std::size_t(1));  // nbest is capped by the beam width
    QCOMPARE(b.best().labels, labelsOf("abbccd"));
    QCOMPARE(b.best().labels, g.best().labels);
    QCOMPARE(b.best().chars.size(), g.best().chars.size());
    for (std::size_t i = 0; i < g.best().chars.size(); ++i) {
        QCOMPARE(b.best().chars[i].label, g.best().chars[i].label);
        QCOMPARE(b.best().chars[i].firstFrame, g.best().chars[i].firstFrame);
        QCOMPARE(b.best().chars[i].lastFrame, g.best().chars[i].lastFrame);
        QCOMPARE(b.best().chars[i].confidence, g.best().chars[i].confidence);
    }
    // The beam score sums alignments, so it is at least the single best path's.
    QVERIFY(b.best().logProb >= g.best().logProb);
}

namespace {
// A small language model over labels 1..C-1 from random lines.
CharNgramLm randomLm(int C, int order, std::mt19937& rng)
{
    CharNgramLm::Builder b(C, {order, 0});
    std::uniform_int_distribution<int> sym(1, C - 1), len(0, 6);
    for (int i = 0; i < 12; ++i) {
        Labels l(std::size_t(len(rng)));
        for (int& x : l)
            x = sym(rng);
        b.addLine(l);
    }
    return b.finish();
}
}  // namespace

void TestDecode::lmWeightZeroIsPlainBeam()
{
    std::mt19937 rng(3);
    const Mat lp = randomLogProbs(30, 6, rng);
    const CharNgramLm lm = randomLm(6, 4, rng);
    BeamOptions plain;
    BeamOptions fused = plain;
    fused.lm = &lm;
    fused.lmWeight = 0.f;
    fused.lmBonus = 0.f;
    const Decoding a = ctcDecodeBeam(lp, plain), b = ctcDecodeBeam(lp, fused);
    QCOMPARE(a.nbest.size(), b.nbest.size());
    for (std::size_t i = 0; i < a.nbest.size(); ++i) {
        QCOMPARE(a.nbest[i].labels, b.nbest[i].labels);
        QCOMPARE(a.nbest[i].logProb, b.nbest[i].logProb);
        QCOMPARE(b.nbest[i].lmLogProb, float(lm.lineLogProb(b.nbest[i].labels)));
    }
}

void TestDecode::lmFusedBeamIsExactWithWideBeam()
{
    // No pruning and a beam wider than all prefixes: the n-best are the label sequences
    // with the highest fused score log p_ctc + w log P_lm(l, end) + bonus |l|, found by
    // enumerating every sequence.
    const int T = 5, C = 3;
    std::mt19937 rng(17);
    for (int rep = 0; rep < 10; ++rep) {
        const Mat lp = randomLogProbs(T, C, rng, 1.f);
        const CharNgramLm lm = randomLm(C, 2 + rep % 3, rng);
        const float w = 0.3f + 0.2f * float(rep % 4), bonus = rep % 2 ? 0.5f : -0.25f;
        const auto all = rankedSequences(
            lp, [&](const Labels& l) { return w * lm.lineLogProb(l) + bonus * double(l.size()); });
        BeamOptions opt;
        opt.beamWidth = 1000;
        opt.nbest = 6;
        opt.pruneLogProb = -std::numeric_limits<float>::infinity();
        opt.lm = &lm;
        opt.lmWeight = w;
        opt.lmBonus = bonus;
        const Decoding d = ctcDecodeBeam(lp, opt);
        QCOMPARE(d.nbest.size(), std::size_t(6));
        for (std::size_t i = 0; i < d.nbest.size(); ++i) {
            const Hypothesis& h = d.nbest[i];
            const double fused = double(h.logProb) + w * double(h.lmLogProb)
                                 + bonus * double(h.labels.size());
            QVERIFY2(std::abs(fused - all[i].first) < 1e-4,
                     qPrintable(QString("rep %1 rank %2: beam %3 (%4), exact %5 (%6)")
                                    .arg(rep)
                                    .arg(i)
                                    .arg(fused)
                                    .arg(QString::fromStdString(textOf(h.labels)))
                                    .arg(all[i].first)
                                    .arg(QString::fromStdString(textOf(all[i].second)))));
            QVERIFY(std::abs(h.logProb + ctcLoss(lp, h.labels, nullptr).loss)
                    < 1e-5f);  // still the CTC score
            checkChars(lp, h.labels, h.chars);
        }
    }
}

void TestDecode::lmResolvesAmbiguity()
{
    // "c?t" with the middle frame split evenly between 'a' and 'o' (and 'a' a hair ahead):
    // the language model decides.
    const int C = 27;
    Mat lp = peaked("c_a_t", C, 0.9f);
    lp(2, symbol('a')) = std::log(0.46f);
    lp(2, symbol('o')) = std::log(0.45f);
    QCOMPARE(textOf(ctcDecodeBeam(lp).best().labels), std::string("cat"));
    for (const char* word : {"cot", "cat"}) {
        CharNgramLm::Builder b(C, {3, 0});
        for (int i = 0; i < 3; ++i)
            b.addLine(labelsOf(word));
        b.addLine(labelsOf("tac"));
        const CharNgramLm lm = b.finish();
        BeamOptions opt;
        opt.lm = &lm;
        QCOMPARE(textOf(ctcDecodeBeam(lp, opt).best().labels), std::string(word));
    }
    // A language model with the wrong number of symbols is refused.
    CharNgramLm::Builder b(5, {2, 0});
    b.addLine({1, 2});
    const CharNgramLm small = b.finish();
    BeamOptions opt;
    opt.lm = &small;
    QVERIFY_THROWS_EXCEPTION(EngineError, ctcDecodeBeam(lp, opt));
}

void TestDecode::lexiconBeamIsExactWithWideBeam()
{
    // Labels 1 ('a') and 2 ('b') are letters, 3 ('c') separates words. No pruning and a
    // beam wider than all prefixes: the n-best are the sequences with the highest score
    // log p_ctc [+ w log P_lm(l, end) + bonus |l|] - penalty * (words not in the lexicon),
    // found by enumerating every sequence; words that leave the lexicon's trie and words
    // that end as a prefix of a lexicon word both count.
    const int T = 5, C = 4;
    std::mt19937 rng(23);
    Lexicon lex({0, 1, 1, 0}, {0, 1, 2, 3});
    QCOMPARE(lex.addWords(labelsOf("ab")), 1);
    QCOMPARE(lex.addWords(labelsOf("bcaab")), 2);
    QCOMPARE(lex.addWords(labelsOf("ab")), 0);
    for (int rep = 0; rep < 8; ++rep) {
        const Mat lp = randomLogProbs(T, C, rng, 1.f);
        const CharNgramLm lm = randomLm(C, 3, rng);
        const bool withLm = rep % 2 == 1;
        const float w = 0.4f, bonus = 0.3f, penalty = 0.5f + 0.5f * float(rep % 3);
        const auto all = rankedSequences(
            lp,
            [&](const Labels& l) {
            return (withLm ? w * lm.lineLogProb(l) + bonus * double(l.size()) : 0.0)
                   - penalty * countOutOfLexicon(lex, l);
            },
            3);
        BeamOptions opt;
        opt.beamWidth = 1000;
        opt.nbest = 8;
        opt.pruneLogProb = -std::numeric_limits<float>::infinity();
        opt.lm = withLm ? &lm : nullptr;
        opt.lmWeight = w;
        opt.lmBonus = bonus;
        opt.lexicon = &lex;
        opt.oovPenalty = penalty;
        const Decoding d = ctcDecodeBeam(lp, opt);
        QCOMPARE(d.nbest.size(), std::size_t(8));
        for (std::size_t i = 0; i < d.nbest.size(); ++i) {
            const Hypothesis& h = d.nbest[i];
            const double fused =
                double(h.logProb)
                + (withLm ? w * double(h.lmLogProb) + bonus * double(h.labels.size()) : 0.0)
                - penalty * countOutOfLexicon(lex, h.labels);
            QVERIFY2(std::abs(fused - all[i].first) < 1e-4,
                     qPrintable(QString("rep %1 rank %2: beam %3 (%4), exact %5 (%6)")
                                    .arg(rep)
                                    .arg(i)
                                    .arg(fused)
                                    .arg(QString::fromStdString(textOf(h.labels)))
                                    .arg(all[i].first)
                                    .arg(QString::fromStdString(textOf(all[i].second)))));
        }
    }
}

void TestDecode::lexiconResolvesAmbiguity()
{
    // "c?t" with the middle frame split between 'a' and 'o' ('a' a hair ahead), a word
    // list with "cot" only: the penalty on "cat" decides; with penalty 0 it does not.
    const int C = 27;
    Mat lp = peaked("c_a_t", C, 0.9f);
    lp(2, symbol('a')) = std::log(0.46f);
    lp(2, symbol('o')) = std::log(0.45f);
    std::vector<char> letters(C, 1);
    letters[0] = 0;
    std::vector<int> identity(C);
    for (int c = 0; c < C; ++c)
        identity[std::size_t(c)] = c;
    Lexicon lex(letters, identity);
    lex.addWords(labelsOf("cot"));
    BeamOptions opt;
    opt.lexicon = &lex;
    QCOMPARE(textOf(ctcDecodeBeam(lp, opt).best().labels), std::string("cot"));
    opt.oovPenalty = 0;
    QCOMPARE(textOf(ctcDecodeBeam(lp, opt).best().labels), std::string("cat"));
    // A lexicon over another number of labels is refused.
    const Lexicon small({0, 1, 1}, {0, 1, 2});
    opt.lexicon = &small;
    QVERIFY_THROWS_EXCEPTION(EngineError, ctcDecodeBeam(lp, opt));
}

void TestDecode::nbestMatchesExactSearch_data()
{
    QTest::addColumn<bool>("withLm");
    QTest::addColumn<bool>("withLexicon");
    QTest::newRow("ctc") << false << false;
    QTest::newRow("language model") << true << false;
    QTest::newRow("lexicon") << false << true;
    QTest::newRow("both") << true << true;
}

void TestDecode::nbestMatchesExactSearch()
{
    // The whole N-best list, texts and CTC log-probabilities (1e-5), against the exact
    // ranking of every label sequence, on random posteriors: no pruning and a beam wider
    // than all prefixes, so the search is exact. Labels 1, 2 are letters, 3 separates words.
    QFETCH(bool, withLm);
    QFETCH(bool, withLexicon);
    const int T = 6, C = 4;
    std::mt19937 rng(withLm * 2 + withLexicon + 31);
    Lexicon lex({0, 1, 1, 0}, {0, 1, 2, 3});
    lex.addWords(labelsOf("abcbbca"));
    for (int rep = 0; rep < 8; ++rep) {
        const Mat lp = randomLogProbs(T, C, rng, 1.f + 0.25f * float(rep % 3));
        const CharNgramLm lm = randomLm(C, 2 + rep % 4, rng);
        const float w = 0.3f + 0.1f * float(rep % 3), bonus = rep % 2 ? 0.4f : -0.2f,
                    penalty = 0.7f;
        const auto extra = [&](const Labels& l) {
            return (withLm ? w * lm.lineLogProb(l) + bonus * double(l.size()) : 0.0)
                   - (withLexicon ? penalty * countOutOfLexicon(lex, l) : 0.0);
        };
        const auto all = rankedSequences(lp, extra, 3);
        const Decoding d = ctcDecodeBeam(lp,
                                         {.beamWidth = 2000,
                                          .nbest = 10,
                                          .pruneLogProb = -std::numeric_limits<float>::infinity(),
                                          .lm = withLm ? &lm : nullptr,
                                          .lmWeight = w,
                                          .lmBonus = bonus,
                                          .lexicon = withLexicon ? &lex : nullptr,
                                          .oovPenalty = penalty});
        QCOMPARE(d.nbest.size(), std::size_t(10));
        for (std::size_t i = 0; i < d.nbest.size(); ++i) {
            const Hypothesis& h = d.nbest[i];
            const Labels& want = all[i].second;
            QVERIFY2(h.labels == want, qPrintable(QString("rep %1 rank %2: beam %3, exact %4")
                                                      .arg(rep)
                                                      .arg(i)
                                                      .arg(QString::fromStdString(textOf(h.labels)))
                                                      .arg(QString::fromStdString(textOf(want)))));
            const double exactCtc = -double(ctcLoss(lp, want, nullptr).loss);
            QVERIFY(std::abs(double(h.logProb) - exactCtc) < 1e-5);
            QVERIFY(std::abs(double(h.logProb) + extra(h.labels) - all[i].first) < 1e-5);
            if (withLm)
                QVERIFY(std::abs(double(h.lmLogProb) - lm.lineLogProb(want)) < 1e-5);
        }
    }
}

void TestDecode::alignSpans_data()
{
    QTest::addColumn<QString>("path");    // peaked posteriors with this best path
    QTest::addColumn<QString>("labels");  // labels to align
    QTest::addColumn<Labels>("first");
    QTest::addColumn<Labels>("last");

    QTest::newRow("labels of the best path") << "_aa_bb_"
                                             << "ab" << Labels{1, 4} << Labels{2, 5};
    QTest::newRow("repeat at the limit") << "aaa"
                                         << "aa" << Labels{0, 2} << Labels{0, 2};
    QTest::newRow("forced extra letter") << "aaaa"
                                         << "ab" << Labels{0, 3} << Labels{2, 3};
    QTest::newRow("letter missing from path") << "a__c"
                                              << "abc" << Labels{0, 1, 3} << Labels{0, 1, 3};
    QTest::newRow("empty labels") << "_a_"
                                  << "" << Labels{} << Labels{};
}

void TestDecode::alignSpans()
{
    QFETCH(QString, path);
    QFETCH(QString, labels);
    QFETCH(Labels, first);
    QFETCH(Labels, last);

    const Mat lp = peaked(path.toStdString(), 5, 0.9f);
    const Labels l = labelsOf(labels.toStdString());
    const std::vector<DecodedChar> chars = ctcAlign(lp, l);
    checkChars(lp, l, chars);
    for (std::size_t i = 0; i < chars.size(); ++i) {
        QCOMPARE(chars[i].firstFrame, first[i]);
        QCOMPARE(chars[i].lastFrame, last[i]);
    }
}

void TestDecode::alignIsViterbi()
{
    // On random small cases the spans describe a best single path (brute force), and are
    // monotone and cover every label.
    std::mt19937 rng(17);
    int checked = 0;
    for (int rep = 0; rep < 300; ++rep) {
        const int T = std::uniform_int_distribution<int>(1, 6)(rng);
        const int C = std::uniform_int_distribution<int>(2, 4)(rng);
        const int L = std::uniform_int_distribution<int>(0, T)(rng);
        Labels l(static_cast<std::size_t>(L));
        for (int& v : l)
            v = std::uniform_int_distribution<int>(1, C - 1)(rng);
        if (T < ctcMinFrames(l))
            continue;
        const Mat lp = randomLogProbs(T, C, rng);
        const std::vector<DecodedChar> chars = ctcAlign(lp, l);
        checkChars(lp, l, chars);
        QVERIFY(std::abs(alignedPathLogProb(lp, chars) - bestPathLogProb(lp, l)) < 1e-4);
        ++checked;
    }
    QVERIFY(checked > 100);

    // Degenerate posteriors (-inf entries) still give a valid alignment.
    Mat lp = Mat::Constant(5, 3, -std::numeric_limits<float>::infinity());
    lp.col(0).setZero();  // only blanks are possible
    const std::vector<DecodedChar> chars = ctcAlign(lp, labelsOf("ab"));
    checkChars(lp, labelsOf("ab"), chars);
    QCOMPARE(chars[0].confidence, 0.f);
}

void TestDecode::alignErrors()
{
    const Mat lp = peaked("_ab", 3, 0.9f);
    QVERIFY_THROWS_EXCEPTION(EngineError, ctcAlign(lp, labelsOf("aa_")));   // blank is no label
    QVERIFY_THROWS_EXCEPTION(EngineError, ctcAlign(lp, Labels{3}));         // == C
    QVERIFY_THROWS_EXCEPTION(EngineError, ctcAlign(lp, labelsOf("abab")));  // too long for 3 frames
    QVERIFY_THROWS_EXCEPTION(EngineError,
                             ctcAlign(lp, labelsOf("aab")));        // aa needs a blank: 4 frames
    QCOMPARE(ctcAlign(lp, labelsOf("aa")).size(), std::size_t(2));  // 3 frames: just enough
}

QTEST_APPLESS_MAIN(TestDecode)
#include "test_decode.moc"
