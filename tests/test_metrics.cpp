// Tests of core/training/metrics: character and word error rates (Levenshtein on
// normalized text) and the most confused characters, on hand-made pairs.

#include "training/metrics.h"

#include <QTest>

using inklens::training::ErrorRates;
using inklens::training::editDistance;

namespace {

// QString -> UTF-8 for the engine; the tables are written as QStrings (\u escapes).
std::string utf8(const QString& s)
{
    return s.toStdString();
}

}  // namespace

class TestMetrics : public QObject
{
    Q_OBJECT
private slots:
    void editDistanceBasics();
    void lineRates_data();
    void lineRates();
    void ratesAreTotalsNotMeans();
    void mergeEqualsAdd();
    void emptyReference();
    void mostConfused_data();
    void mostConfused();
};

void TestMetrics::editDistanceBasics()
{
    auto d = [](const std::string& a, const std::string& b) {
        return editDistance(std::vector<char>(a.begin(), a.end()),
                            std::vector<char>(b.begin(), b.end()));
    };
    QCOMPARE(d("", ""), 0);
    QCOMPARE(d("abc", ""), 3);
    QCOMPARE(d("", "abc"), 3);
    QCOMPARE(d("kitten", "sitting"), 3);
    QCOMPARE(d("flaw", "lawn"), 2);
    QCOMPARE(d("sitting", "kitten"), 3);  // symmetric
}

void TestMetrics::lineRates_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("hypothesis");
    QTest::addColumn<int>("charErrors");
    QTest::addColumn<int>("chars");
    QTest::addColumn<int>("wordErrors");
    QTest::addColumn<int>("words");

    QTest::newRow("identical") << "hello world"
                               << "hello world" << 0 << 11 << 0 << 2;
    QTest::newRow("substitution") << "hello"
                                  << "hallo" << 1 << 5 << 1 << 1;
    QTest::newRow("insertion") << "cat"
                               << "cart" << 1 << 3 << 1 << 1;
    QTest::newRow("deletion") << "cart"
                              << "cat" << 1 << 4 << 1 << 1;
    QTest::newRow("word substitution") << "the cat sat"
                                       << "the bat sat" << 1 << 11 << 1 << 3;
    QTest::newRow("word deleted") << "the cat sat"
                                  << "the sat" << 4 << 11 << 1 << 3;
    QTest::newRow("words merged") << "to day"
                                  << "today" << 1 << 6 << 2 << 2;
    QTest::newRow("words swapped") << "a b"
                                   << "b a" << 2 << 3 << 2 << 2;
    QTest::newRow("empty hypothesis") << "abc def"
                                      << "" << 7 << 7 << 2 << 2;
    QTest::newRow("both empty") << ""
                                << "" << 0 << 0 << 0 << 0;
    QTest::newRow("case matters") << "Paris"
                                  << "paris" << 1 << 5 << 1 << 1;
    QTest::newRow("accent is a letter") << QString::fromUtf8("été") << "ete" << 2 << 3 << 1 << 1;
    // NFC and NFD spellings of the same text are the same text.
    QTest::newRow("NFD hypothesis")
        << QStringLiteral("caf\u00e9") << QStringLiteral("cafe\u0301") << 0 << 4 << 0 << 1;
    QTest::newRow("NFD reference") << QStringLiteral("cafe\u0301 cr\u00e8me")
                                   << QStringLiteral("caf\u00e9 cre\u0300me") << 0 << 10 << 0 << 2;
    QTest::newRow("NFD error counts once")
        << QStringLiteral("cafe\u0301") << QStringLiteral("cafe") << 1 << 4 << 1 << 1;
    // Whitespace: runs collapse to one space, ends are trimmed, exotic spaces are spaces.
    QTest::newRow("whitespace collapsed") << "  a   b\t c  "
                                          << "a b c" << 0 << 5 << 0 << 3;
    QTest::newRow("no-break space") << QStringLiteral("a\u00a0b") << "a b" << 0 << 3 << 0 << 2;
    QTest::newRow("missing space") << "a b"
                                   << "ab" << 1 << 3 << 2 << 2;
    QTest::newRow("zero-width space removed")
        << QStringLiteral("a\u200bb") << "ab" << 0 << 2 << 0 << 1;
    QTest::newRow("beyond ASCII") << QStringLiteral("\u0153uvre") << "oeuvre" << 2 << 5 << 1 << 1;
}

void TestMetrics::lineRates()
{
    QFETCH(QString, reference);
    QFETCH(QString, hypothesis);
    QFETCH(int, charErrors);
    QFETCH(int, chars);
    QFETCH(int, wordErrors);
    QFETCH(int, words);

    ErrorRates rates;
    const auto [lineErrors, lineChars] = rates.add(utf8(reference), utf8(hypothesis));
    QCOMPARE(lineErrors, charErrors);
    QCOMPARE(lineChars, chars);
    QCOMPARE(rates.charErrors, long(charErrors));
    QCOMPARE(rates.chars, long(chars));
    QCOMPARE(rates.wordErrors, long(wordErrors));
    QCOMPARE(rates.words, long(words));
    QCOMPARE(rates.lines, 1L);
    if (chars > 0)
        QCOMPARE(rates.cer(), double(charErrors) / chars);
    if (words > 0)
        QCOMPARE(rates.wer(), double(wordErrors) / words);
}

void TestMetrics::ratesAreTotalsNotMeans()
{
    ErrorRates rates;
    rates.add("a", "b");                  // 1 / 1
    rates.add("abcdefghi", "abcdefghi");  // 0 / 9
    QCOMPARE(rates.cer(), 0.1);           // 1 / 10, not the mean of 100 % and 0 %
    QCOMPARE(rates.wer(), 0.5);           // 1 / 2
    QCOMPARE(rates.lines, 2L);
}

void TestMetrics::mergeEqualsAdd()
{
    const std::pair<const char*, const char*> lines[] = {
        {"hello world", "hallo world"}, {"abc", ""}, {"x y z", "x  z"}};
    ErrorRates all, first, rest;
    for (const auto& [r, h] : lines)
        all.add(r, h);
    first.add(lines[0].first, lines[0].second);
    for (std::size_t i = 1; i < std::size(lines); ++i)
        rest.add(lines[i].first, lines[i].second);
    first.merge(rest);
    QCOMPARE(first.charErrors, all.charErrors);
    QCOMPARE(first.chars, all.chars);
    QCOMPARE(first.wordErrors, all.wordErrors);
    QCOMPARE(first.words, all.words);
    QCOMPARE(first.lines, all.lines);
    QVERIFY(first.confusions == all.confusions);
    QVERIFY(first.mostConfused(10) == all.mostConfused(10));
}

void TestMetrics::emptyReference()
{
    // Nothing to read but something read: the insertions count in the totals, the rate of
    // this line alone is 0 by convention (no reference characters to divide by).
    ErrorRates rates;
    const auto [errors, chars] = rates.add("", "ab");
    QCOMPARE(errors, 2);
    QCOMPARE(chars, 0);
    QCOMPARE(rates.cer(), 0.0);
    QCOMPARE(rates.wordErrors, 1L);
    rates.add("abcd", "abcd");
    QCOMPARE(rates.cer(), 0.5);  // the 2 insertions over the 4 reference characters
}

void TestMetrics::mostConfused_data()
{
    QTest::addColumn<QStringList>("pairs");  // "reference|hypothesis"
    QTest::addColumn<int>("n");
    QTest::addColumn<QStringList>("expected");  // "text=count", most frequent first

    QTest::newRow("none") << QStringList{"same|same"} << 10 << QStringList{};
    QTest::newRow("substitution") << QStringList{"hello|hallo"} << 10
                                  << QStringList{"'e' -> 'a'=1"};
    QTest::newRow("deletion") << QStringList{"cart|cat"} << 10 << QStringList{"'r' -> (none)=1"};
    QTest::newRow("insertion") << QStringList{"cat|cart"} << 10 << QStringList{"(none) -> 'r'=1"};
    QTest::newRow("counted over lines") << QStringList{"hello|hallo", "bell|ball", "cut|cat"} << 10
                                        << QStringList{"'e' -> 'a'=2", "'u' -> 'a'=1"};
    QTest::newRow("ties in key order")
        << QStringList{"zb|yc"} << 10 << QStringList{"'b' -> 'c'=1", "'z' -> 'y'=1"};
    QTest::newRow("first n") << QStringList{"hello|hallo", "bell|ball", "cut|cat"} << 1
                             << QStringList{"'e' -> 'a'=2"};
    QTest::newRow("accents, NFD") << QStringList{QStringLiteral("\u00e9t\u00e9|ete\u0301")} << 10
                                  << QStringList{QStringLiteral("'\u00e9' -> 'e'=1")};
    QTest::newRow("whitespace is not confused") << QStringList{"a  b|a b"} << 10 << QStringList{};
    QTest::newRow("space dropped") << QStringList{"a b|ab"} << 10 << QStringList{"' ' -> (none)=1"};
}

void TestMetrics::mostConfused()
{
    QFETCH(QStringList, pairs);
    QFETCH(int, n);
    QFETCH(QStringList, expected);

    ErrorRates rates;
    for (const QString& pair : pairs) {
        const QStringList parts = pair.split(QLatin1Char('|'));
        rates.add(utf8(parts[0]), utf8(parts[1]));
    }
    QStringList got;
    for (const auto& [text, count] : rates.mostConfused(n))
        got << QStringLiteral("%1=%2").arg(QString::fromStdString(text)).arg(count);
    QCOMPARE(got, expected);
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
