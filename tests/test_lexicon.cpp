// Word lists for the beam search: ctc::Lexicon (labels, a trie walked per prefix, case
// folding) and model/word_lexicon (a charset's letters, word list files). The decoder's
// use of it is tested in test_decode (exact search against brute force).
#include "ctc/lexicon.h"
#include "model/word_lexicon.h"
#include "nn/tensor.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <fstream>

using namespace inklens;
using ctc::Lexicon;

namespace {

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

class TestLexicon : public QObject
{
    Q_OBJECT
private slots:
    void trieStates();
    void countsWordsOutside();
    void refusesBadMaps();
    void charsetLettersAndCase();
    void wordListFile();
    void wordListErrors();
};

void TestLexicon::trieStates()
{
    // Labels 1..3 are letters (3 folds to 1, like 'A' -> 'a'), 4 separates.
    Lexicon lex({0, 1, 1, 1, 0}, {0, 1, 2, 1, 4});
    QCOMPARE(lex.addWords({1, 2, 4, 2}), 2);  // "ab", "b"
    QCOMPARE(lex.addWords({3, 2}), 0);        // "Ab" is "ab"
    QCOMPARE(lex.size(), std::size_t(2));
    QVERIFY(lex.contains({1, 2}));
    QVERIFY(lex.contains({3, 2}));
    QVERIFY(lex.contains({2}));
    QVERIFY(!lex.contains({1}));  // a prefix only
    QVERIFY(!lex.contains({1, 2, 2}));
    QVERIFY(!lex.contains({}));
    QVERIFY(!lex.contains({1, 4}));  // not a word label
    const int a = lex.next(Lexicon::kRoot, 1);
    QVERIFY(a > 0);
    QVERIFY(!lex.isWord(a));
    QCOMPARE(lex.next(Lexicon::kRoot, 3), a);
    const int ab = lex.next(a, 2);
    QVERIFY(lex.isWord(ab));
    QCOMPARE(lex.next(ab, 1), Lexicon::kOutside);
    QCOMPARE(lex.next(Lexicon::kOutside, 1), Lexicon::kOutside);
    QVERIFY(!lex.isWord(Lexicon::kRoot));
    QVERIFY(!lex.isWord(Lexicon::kOutside));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, lex.addWords({5}));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, lex.addWords({-1}));
}

void TestLexicon::countsWordsOutside()
{
    Lexicon lex({0, 1, 1, 0}, {0, 1, 2, 3});
    lex.addWords({1, 2});  // "ab"
    QCOMPARE(ctc::countOutOfLexicon(lex, {}), 0);
    QCOMPARE(ctc::countOutOfLexicon(lex, {3, 3}), 0);           // separators only
    QCOMPARE(ctc::countOutOfLexicon(lex, {1, 2, 3, 1, 2}), 0);  // "ab ab"
    QCOMPARE(ctc::countOutOfLexicon(lex, {1}), 1);              // a prefix, at the end
    QCOMPARE(ctc::countOutOfLexicon(lex, {1, 3, 1, 2}), 1);     // a prefix, then a word
    QCOMPARE(ctc::countOutOfLexicon(lex, {2, 2, 2, 3, 1, 1}), 2);
}

void TestLexicon::refusesBadMaps()
{
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, Lexicon({}, {}));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, Lexicon({0, 1}, {0}));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, Lexicon({1, 1}, {0, 1}));  // blank as a letter
    QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                             Lexicon({0, 1, 0}, {0, 2, 2}));  // letter folds to a separator
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, Lexicon({0, 1}, {0, 7}));
}

void TestLexicon::charsetLettersAndCase()
{
    const model::Charset cs = model::Charset::defaultLatin();
    Lexicon lex = model::emptyLexicon(cs);
    QCOMPARE(lex.numLabels(), cs.size());
    for (char32_t c : {U'a', U'Z', U'é', U'Ç', U'ß', U'ñ', U'œ', U'Œ'})
        QVERIFY2(lex.isWordLabel(cs.labelOf(c)), qPrintable(QString::number(uint(c), 16)));
    for (char32_t c : {U' ', U'0', U'\'', U'-', U'.', U'€', U'«'})
        QVERIFY2(!lex.isWordLabel(cs.labelOf(c)), qPrintable(QString::number(uint(c), 16)));
    QCOMPARE(lex.fold(cs.labelOf(U'É')), cs.labelOf(U'é'));
    QCOMPARE(lex.fold(cs.labelOf(U'Œ')), cs.labelOf(U'œ'));
    QCOMPARE(lex.fold(cs.labelOf(U'Q')), cs.labelOf(U'q'));
    QCOMPARE(lex.fold(cs.labelOf(U'ß')), cs.labelOf(U'ß'));
    // Words are runs of letters: the apostrophe and the hyphen separate.
    QCOMPARE(model::addLexiconText(lex, cs, "L'Été peut-être"), 4);  // l, été, peut, être
    for (const char* w : {"l", "été", "ÉTÉ", "peut", "être", "Être"})
        QVERIFY2(lex.contains(cs.encode(w)), w);
    QVERIFY(!lex.contains(cs.encode("ete")));  // accents are not folded away
    QVERIFY(!lex.contains(cs.encode("peut-être")));
}

void TestLexicon::wordListFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("words.txt")).toStdString();
    writeBytes(path, "maison\r\n\nChâteau\nrendez-vous\nmaison\n");
    const model::Charset cs = model::Charset::defaultLatin();
    const Lexicon lex = model::loadLexicon(path, cs);
    QCOMPARE(lex.size(), std::size_t(4));  // maison, château, rendez, vous
    QVERIFY(lex.contains(cs.encode("château")));
    QVERIFY(lex.contains(cs.encode("Maison")));
    QVERIFY(lex.contains(cs.encode("vous")));
    QVERIFY(!lex.contains(cs.encode("maiso")));
}

void TestLexicon::wordListErrors()
{
    QTemporaryDir dir;
    const model::Charset cs = model::Charset::defaultLatin();
    const auto message = [&](const std::string& path) {
        try {
            model::loadLexicon(path, cs);
        } catch (const nn::EngineError& e) {
            return QString::fromUtf8(e.what());
        }
        return QString();
    };
    const std::string missing = dir.filePath(QStringLiteral("missing.txt")).toStdString();
    QVERIFY(message(missing).contains(QStringLiteral("cannot read the word list")));
    const std::string digits = dir.filePath(QStringLiteral("digits.txt")).toStdString();
    writeBytes(digits, "123\n4.5\n\n");
    QVERIFY(message(digits).contains(QStringLiteral("holds no word")));
    const std::string bad = dir.filePath(QStringLiteral("bad.txt")).toStdString();
    writeBytes(bad, "ok\nbad \xff\xfe word\n");
    const QString m = message(bad);
    QVERIFY2(m.contains(QStringLiteral(", line 2: ")), qPrintable(m));
    QVERIFY(
        message(dir.path().toStdString()).contains(QStringLiteral("word list")));  // a directory
}

QTEST_MAIN(TestLexicon)
#include "test_lexicon.moc"
