// Character n-gram language model (core/ctc/char_lm.h): normalization at every order and
// context, counting, pruning, and the stored tables.

#include "ctc/char_lm.h"
#include "nn/tensor.h"

#include <QtTest/QtTest>

#include <cmath>
#include <random>
#include <vector>

using inklens::ctc::CharNgramLm;
using inklens::nn::EngineError;

namespace {

// Symbols: 'a' = 1, 'b' = 2, ..., ' ' = 27; 28 labels in all (0 = line boundary).
constexpr int kLabels = 28;
std::vector<int> enc(const char* s)
{
    std::vector<int> out;
    for (; *s; ++s)
        out.push_back(*s == ' ' ? 27 : *s - 'a' + 1);
    return out;
}

double sumOver(const CharNgramLm& lm, const std::vector<int>& history)
{
    double sum = 0;
    for (int c = 0; c < lm.numLabels(); ++c)
        sum += std::exp(lm.logProb(history.data(), int(history.size()), c));
    return sum;
}

CharNgramLm trained(int order, double minCount = 0)
{
    CharNgramLm::Builder b(kLabels, {order, minCount});
    for (const char* line :
         {"the cat sat on the mat", "the dog sat", "a cat and a dog", "that hat"})
        b.addLine(enc(line));
    for (const char* w : {"cathedral", "catalogue", "dogma"})
        b.addWord(enc(w), 27, 0.5);
    return b.finish();
}

}  // namespace

class TestCharLm : public QObject
{
    Q_OBJECT
private slots:
    void normalizedEverywhere();
    void learnsTheText();
    void unigramIsCountsOverTotal();
    void pruningKeepsNormalization();
    void tablesRoundTrip();
    void interpolationIsADistribution();
    void badInput();
};

void TestCharLm::normalizedEverywhere()
{
    // Every conditional distribution sums to 1: seen and unseen contexts, contexts at the
    // line start and inside a line, every order.
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> sym(1, kLabels - 1);
    for (int order = 1; order <= CharNgramLm::kMaxOrder; ++order) {
        const CharNgramLm lm = trained(order);
        QCOMPARE(lm.order(), order);
        std::vector<std::vector<int>> histories = {
            {0}, {0, 20}, enc("the c"), enc("the cat sat on"), {0, 1, 2, 3}};
        for (int r = 0; r < 20; ++r) {
            std::vector<int> h(std::size_t(r % 8));
            for (int& x : h)
                x = sym(rng);
            histories.push_back(h);
        }
        for (const auto& h : histories)
            QVERIFY2(std::abs(sumOver(lm, h) - 1.0) < 1e-5,
                     qPrintable(QString("order %1: sum %2").arg(order).arg(sumOver(lm, h))));
    }
}

void TestCharLm::learnsTheText()
{
    const CharNgramLm lm = trained(5);
    const auto p = [&](const char* history, char c) {
        auto h = enc(history);
        return std::exp(lm.logProb(h.data(), int(h.size()), c == ' ' ? 27 : c - 'a' + 1));
    };
    QVERIFY(p("the c", 'a') > 0.8);  // "the cat" twice
    QVERIFY(p("the c", 'a') > 20 * p("the c", 'o'));
    QVERIFY(p("sa", 't') > 0.8);
    // The line start: after 0, 't' and 'a' begin lines.
    std::vector<int> start{0};
    QVERIFY(std::exp(lm.logProb(start.data(), 1, 20)) > 0.5);
    // A likely line beats a scrambled one of the same length.
    QVERIFY(lm.lineLogProb(enc("the cat sat")) > lm.lineLogProb(enc("tca eht tas")) + 10);
    // Words counted inside running text: "cathedral" after a space.
    QVERIFY(p("a cath", 'e') > 0.5);
}

void TestCharLm::unigramIsCountsOverTotal()
{
    // Order 1 by hand: "ab" and "a" as lines -> counts a 2, b 1, end 2 (total 5, 3 types):
    // P(c) = (C(c) + 3 / 28) / (5 + 3).
    CharNgramLm::Builder b(kLabels, {1, 0});
    b.addLine(enc("ab"));
    b.addLine(enc("a"));
    const CharNgramLm lm = b.finish();
    const int none = 0;
    QVERIFY(std::abs(std::exp(lm.logProb(&none, 0, 1)) - (2 + 3.0 / 28) / 8) < 1e-6);
    QVERIFY(std::abs(std::exp(lm.logProb(&none, 0, 2)) - (1 + 3.0 / 28) / 8) < 1e-6);
    QVERIFY(std::abs(std::exp(lm.logProb(&none, 0, 0)) - (2 + 3.0 / 28) / 8) < 1e-6);
    QVERIFY(std::abs(std::exp(lm.logProb(&none, 0, 5)) - (3.0 / 28) / 8) < 1e-6);
    // Weighted counts: the same lines at weight 2 give the same distribution.
    CharNgramLm::Builder b2(kLabels, {1, 0});
    b2.addLine(enc("ab"), 2);
    b2.addLine(enc("a"), 2);
    const CharNgramLm lm2 = b2.finish();
    QVERIFY(std::abs(std::exp(lm2.logProb(&none, 0, 1)) - (4 + 3.0 / 28) / 13) < 1e-6);
}

void TestCharLm::pruningKeepsNormalization()
{
    const CharNgramLm full = trained(6), pruned = trained(6, 2.0);
    QVERIFY(pruned.ngramCount() < full.ngramCount());
    for (const char* h : {"the ca", "a do", "that h", "zzz"}) {
        const auto v = enc(h);
        QVERIFY(std::abs(sumOver(pruned, v) - 1.0) < 1e-5);
    }
}

void TestCharLm::tablesRoundTrip()
{
    const CharNgramLm lm = trained(4);
    const CharNgramLm copy = CharNgramLm::fromTables(lm.order(), lm.numLabels(), lm.aTable(),
                                                     lm.gammaTable());
    for (const char* line : {"the cat", "dogma", "qqq"})
        QCOMPARE(copy.lineLogProb(enc(line)), lm.lineLogProb(enc(line)));
}

void TestCharLm::interpolationIsADistribution()
{
    // A general model (order 4) and a cache of one line (order 5) mixed: every conditional
    // sums to 1; weight 0 and 1 give the models back; a small weight raises what the cache
    // saw, and the mix lies near (1 - w) P_x + w P_y on an n-gram both saw.
    const CharNgramLm general = trained(4);
    CharNgramLm::Builder b(kLabels, {5, 0});
    b.addLine(enc("zebra quiz"));
    const CharNgramLm cache = b.finish();
    const CharNgramLm mixed = CharNgramLm::interpolate(general, cache, 0.2);
    QCOMPARE(mixed.order(), 5);
    for (const auto& h : std::vector<std::vector<int>>{
             {0}, enc("zebr"), enc("the c"), {0, 26, 5}, enc("quiz"), enc("xq")})
        QVERIFY2(std::abs(sumOver(mixed, h) - 1.0) < 1e-5,
                 qPrintable(QString::number(sumOver(mixed, h))));
    // Weight 0 is the general model; weight 1 is the cache where the cache saw every context
    // of the history ("zebra"), and the general model's own contexts elsewhere.
    const std::vector<int> zebra = enc("zebra");
    const std::vector<int> cat = enc("the cat");
    const CharNgramLm none = CharNgramLm::interpolate(general, cache, 0);
    const CharNgramLm all = CharNgramLm::interpolate(general, cache, 1);
    for (int c = 0; c < kLabels; ++c) {
        for (const auto& h : {zebra, cat})
            QVERIFY(std::abs(none.logProb(h.data(), int(h.size()), c)
                             - general.logProb(h.data(), int(h.size()), c))
                    < 1e-5);
        QVERIFY(std::abs(all.logProb(zebra.data(), 5, c) - cache.logProb(zebra.data(), 5, c))
                < 1e-5);
    }
    // A context the cache never saw, nor any of its suffixes but the empty one: the general
    // model's estimate, only its unigram floor mixed.
    const std::vector<int> th = enc("th");
    QVERIFY(std::abs(mixed.logProb(th.data(), 2, 5) - general.logProb(th.data(), 2, 5)) < 0.05);
    const std::vector<int> qui = enc("qui");
    const int z = 26;  // 'z' after "qui": only the cache saw it
    QVERIFY2(mixed.logProb(qui.data(), 3, z) > general.logProb(qui.data(), 3, z) + 1.0,
             qPrintable(QString("%1 vs %2")
                            .arg(mixed.logProb(qui.data(), 3, z))
                            .arg(general.logProb(qui.data(), 3, z))));
    // Where the cache never saw the context, the mix stays near the general model (not
    // diluted by the cache's weak estimate as (1 - w) P_x + w P_y would be).
    const std::vector<int> the = enc("the");
    const int space = 27;
    const double g = general.logProb(the.data(), 3, space), m = mixed.logProb(the.data(), 3, space);
    QVERIFY2(m > g + std::log(0.8) && m < g + 0.5, qPrintable(QString("%1 vs %2").arg(m).arg(g)));
}

void TestCharLm::badInput()
{
    QVERIFY_THROWS_EXCEPTION(EngineError, CharNgramLm::Builder(kLabels, {0, 0}));
    QVERIFY_THROWS_EXCEPTION(EngineError,
                             CharNgramLm::Builder(kLabels, {CharNgramLm::kMaxOrder + 1, 0}));
    QVERIFY_THROWS_EXCEPTION(EngineError, CharNgramLm::Builder(1000, {3, 0}));
    CharNgramLm::Builder b(kLabels, {3, 0});
    QVERIFY_THROWS_EXCEPTION(EngineError, b.addLine({1, kLabels}));
    QVERIFY_THROWS_EXCEPTION(EngineError, b.addLine({0}));
    const CharNgramLm lm = trained(3);
    auto a = lm.aTable();
    auto g = lm.gammaTable();
    // A key longer than the order, a symbol out of range, a value that is no probability,
    // and no unigram context: each refused.
    {
        auto a2 = a;
        const int s[4] = {1, 2, 3, 4};
        a2[CharNgramLm::key(s, 4)] = 0.1f;
        QVERIFY_THROWS_EXCEPTION(EngineError, CharNgramLm::fromTables(3, kLabels, a2, g));
    }
    {
        auto a2 = a;
        const int s[2] = {1, 200};
        a2[CharNgramLm::key(s, 2)] = 0.1f;
        QVERIFY_THROWS_EXCEPTION(EngineError, CharNgramLm::fromTables(3, kLabels, a2, g));
    }
    {
        auto g2 = g;
        g2.begin()->second = 1.5f;
        QVERIFY_THROWS_EXCEPTION(EngineError, CharNgramLm::fromTables(3, kLabels, a, g2));
    }
    {
        auto g2 = g;
        g2.erase(CharNgramLm::key(nullptr, 0));
        QVERIFY_THROWS_EXCEPTION(EngineError, CharNgramLm::fromTables(3, kLabels, a, g2));
    }
}

QTEST_APPLESS_MAIN(TestCharLm)
#include "test_char_lm.moc"
