// Tests of core/model/charset: UTF-8, Latin NFC, whitespace normalization, Charset.

#include "model/charset.h"
#include "nn/tensor.h"

#include <QTest>

#include <random>

using inklens::model::Charset;
using inklens::nn::EngineError;
namespace model = inklens::model;

namespace {

std::string utf8(const char8_t* s)
{
    return std::string(reinterpret_cast<const char*>(s));
}

QList<uint> codePoints(const std::u32string& s)
{
    return QList<uint>(s.begin(), s.end());
}

QString hexList(const std::u32string& s)
{
    QStringList parts;
    for (char32_t c : s)
        parts << QString::asprintf("%04X", unsigned(c));
    return parts.join(' ');
}

std::u32string fromHex(const QString& hex)
{
    std::u32string out;
    for (const QString& part : hex.split(' ', Qt::SkipEmptyParts))
        out += char32_t(part.toUInt(nullptr, 16));
    return out;
}

}  // namespace

class TestCharset : public QObject
{
    Q_OBJECT

private slots:
    void decodeUtf8_data();
    void decodeUtf8();
    void encodeUtf8();
    void randomBytesNeverCrash();
    void nfc_data();
    void nfc();
    void nfcMatchesPythonSamples_data();
    void nfcMatchesPythonSamples();
    void normalizeText_data();
    void normalizeText();
    void defaultLatinContents();
    void roundTripSentences_data();
    void roundTripSentences();
    void unknownCharacters_data();
    void unknownCharacters();
    void fallbacks_data();
    void fallbacks();
    void whitespaceCollapse();
    void labelsAndDecode();
    void toStringFromString();
    void fromStringRejects_data();
    void fromStringRejects();
};

void TestCharset::decodeUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<uint>>("expected");
    QTest::addColumn<bool>("valid");

    QTest::newRow("ascii") << QByteArray("Ab 1") << QList<uint>{0x41, 0x62, 0x20, 0x31} << true;
    QTest::newRow("2-byte") << QByteArray("\xC3\xA9") << QList<uint>{0xE9} << true;
    QTest::newRow("3-byte") << QByteArray("\xE2\x82\xAC") << QList<uint>{0x20AC} << true;
    QTest::newRow("4-byte") << QByteArray("\xF0\x9F\x98\x80") << QList<uint>{0x1F600} << true;
    QTest::newRow("max") << QByteArray("\xF4\x8F\xBF\xBF") << QList<uint>{0x10FFFF} << true;
    QTest::newRow("stray continuation")
        << QByteArray("a\x80z") << QList<uint>{0x61, 0xFFFD, 0x7A} << false;
    QTest::newRow("truncated 3-byte")
        << QByteArray("\xE2\x82z") << QList<uint>{0xFFFD, 0x7A} << false;
    QTest::newRow("truncated at end")
        << QByteArray("a\xF0\x9F\x98") << QList<uint>{0x61, 0xFFFD} << false;
    QTest::newRow("overlong C0") << QByteArray("\xC0\xAF") << QList<uint>{0xFFFD, 0xFFFD} << false;
    QTest::newRow("overlong E0") << QByteArray("\xE0\x80\x80")
                                 << QList<uint>{0xFFFD, 0xFFFD, 0xFFFD} << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << QList<uint>{0xFFFD, 0xFFFD, 0xFFFD}
                               << false;
    QTest::newRow("beyond U+10FFFF")
        << QByteArray("\xF4\x90\x80\x80") << QList<uint>{0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD} << false;
    QTest::newRow("F5 lead") << QByteArray("\xF5x") << QList<uint>{0xFFFD, 0x78} << false;
    QTest::newRow("lead then lead")
        << QByteArray("\xC3\xC3\xA9") << QList<uint>{0xFFFD, 0xE9} << false;
    QTest::newRow("embedded NUL") << QByteArray("a\0b", 3) << QList<uint>{0x61, 0, 0x62} << true;
}

void TestCharset::decodeUtf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<uint>, expected);
    QFETCH(bool, valid);
    bool ok = !valid;
    const std::u32string decoded = model::decodeUtf8(
        std::string_view(bytes.constData(), std::size_t(bytes.size())), &ok);
    QCOMPARE(codePoints(decoded), expected);
    QCOMPARE(ok, valid);
    if (valid)  // valid input survives the round trip byte for byte
        QCOMPARE(QByteArray::fromStdString(model::encodeUtf8(decoded)), bytes);
}

void TestCharset::encodeUtf8()
{
    QCOMPARE(model::encodeUtf8(U'\xE9'), std::string("\xC3\xA9"));
    QCOMPARE(model::encodeUtf8(char32_t(0xD800)), std::string("\xEF\xBF\xBD"));
    QCOMPARE(model::encodeUtf8(char32_t(0x110000)), std::string("\xEF\xBF\xBD"));
    // Every scalar value survives encode + decode.
    for (char32_t c = 0; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 97)) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        bool ok = false;
        const std::u32string back = model::decodeUtf8(model::encodeUtf8(c), &ok);
        QVERIFY(ok);
        QCOMPARE(back, std::u32string(1, c));
    }
}

void TestCharset::randomBytesNeverCrash()
{
    std::mt19937 rng(1);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
    const Charset cs = Charset::defaultLatin();
    for (int i = 0; i < 5000; ++i) {
        std::string s;
        const int n = length(rng);
        for (int k = 0; k < n; ++k)
            s += char(i % 2 ? byte(rng) : (byte(rng) % 2 ? 0x80 | byte(rng) : byte(rng) & 0x7F));
        bool ok = false;
        model::decodeUtf8(model::normalizeText(s), &ok);
        QVERIFY(ok);  // the output is always valid UTF-8
        std::vector<char32_t> unknown;
        const std::vector<int> labels = cs.encode(s, &unknown);
        for (int l : labels)
            QVERIFY(l > 0 && l < cs.size());
        model::decodeUtf8(cs.decode(labels), &ok);
        QVERIFY(ok);
    }
    std::vector<char32_t> unknown;
    QCOMPARE(cs.decode(cs.encode("abc\xFF\xFE\xC3", &unknown)), std::string("abc"));
    QCOMPARE(unknown, std::vector<char32_t>{0xFFFD});
}

void TestCharset::nfc_data()
{
    QTest::addColumn<QString>("input");     // code points, hex
    QTest::addColumn<QString>("expected");  // code points, hex

    QTest::newRow("e acute") << "0065 0301"
                             << "00E9";
    QTest::newRow("E grave") << "0045 0300"
                             << "00C8";
    QTest::newRow("i circumflex") << "0069 0302"
                                  << "00EE";
    QTest::newRow("n tilde") << "006E 0303"
                             << "00F1";
    QTest::newRow("u diaeresis") << "0075 0308"
                                 << "00FC";
    QTest::newRow("Y diaeresis") << "0059 0308"
                                 << "0178";
    QTest::newRow("c cedilla") << "0063 0327"
                               << "00E7";
    QTest::newRow("C cedilla") << "0043 0327"
                               << "00C7";
    QTest::newRow("a ring") << "0061 030A"
                            << "00E5";
    QTest::newRow("O diaeresis") << "004F 0308"
                                 << "00D6";
    QTest::newRow("Latin Ext-A: c caron") << "0063 030C"
                                          << "010D";
    QTest::newRow("Latin Ext-A: a ogonek") << "0061 0328"
                                           << "0105";
    QTest::newRow("Romanian s comma") << "0073 0326"
                                      << "0219";
    QTest::newRow("already composed") << "00E9 00E8 0153"
                                      << "00E9 00E8 0153";
    QTest::newRow("two levels: u diaeresis macron") << "0075 0308 0304"
                                                    << "01D6";
    QTest::newRow("Vietnamese e dot-below circumflex") << "0056 0069 0065 0323 0302 0074"
                                                       << "0056 0069 1EC7 0074";
    QTest::newRow("reordered: acute then dot below") << "0061 0301 0323"
                                                     << "1EA1 0301";
    QTest::newRow("precomposed + mark below") << "00E9 0323"
                                              << "1EB9 0301";
    QTest::newRow("horn + acute") << "006F 031B 0301"
                                  << "1EDB";
    QTest::newRow("blocked second acute") << "0061 0301 0301"
                                          << "00E1 0301";
    QTest::newRow("A ring acute") << "0041 030A 0301"
                                  << "01FA";
    QTest::newRow("long s dot below dot above") << "1E9B 0323"
                                                << "1E9B 0323";
    QTest::newRow("angstrom sign") << "212B"
                                   << "00C5";
    QTest::newRow("kelvin sign") << "212A"
                                 << "004B";
    QTest::newRow("greek question mark") << "0061 037E"
                                         << "0061 003B";
    QTest::newRow("acute tone mark") << "0065 0341"
                                     << "00E9";
    QTest::newRow("dialytika tonos") << "0344"
                                     << "0308 0301";
    QTest::newRow("leading mark") << "0301 0065"
                                  << "0301 0065";
    QTest::newRow("long s stays") << "017F"
                                  << "017F";
    QTest::newRow("typography kept") << "2019 00AB 00BB 201C 201D 2026 2013 2014"
                                     << "2019 00AB 00BB 201C 201D 2026 2013 2014";
    QTest::newRow("Greek passes through (outside the repertoire)") << "03B1 0301"
                                                                   << "03B1 0301";
}

void TestCharset::nfc()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const std::u32string out = model::nfcLatin(fromHex(input));
    QCOMPARE(hexList(out), expected);
    QCOMPARE(hexList(model::nfcLatin(out)), expected);  // idempotent
    // The UTF-8 entry point agrees.
    QCOMPARE(model::nfcLatin(model::encodeUtf8(fromHex(input))), model::encodeUtf8(out));
}

// Random Latin strings with stacked marks; expected values from Python's
// unicodedata.normalize('NFC', ...) (Unicode 14).
void TestCharset::nfcMatchesPythonSamples_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    // Generated once with random.seed(2024) over a-z/A-Z, ſ, some precomposed letters and
    // 18 marks (above, below, attached, overlay, iota subscript).
    QTest::newRow("python 00") << "017F 00FC 0309 0331 1E63"
                               << "017F 00FC 0331 0309 1E63";
    QTest::newRow("python 01") << "030A 030C 0307 0328 0304 0327"
                               << "0328 0327 030A 030C 0307 0304";
    QTest::newRow("python 02") << "0063 0308 0309 0327"
                               << "00E7 0308 0309";
    QTest::newRow("python 03") << "0063 0302 0306 017F 0306 0075"
                               << "0109 0306 017F 0306 0075";
    QTest::newRow("python 04") << "0045 004E 0307 0101 0304"
                               << "0045 1E44 0101 0304";
    QTest::newRow("python 05") << "0301 004E 0345 0327 1E63"
                               << "0301 0145 0345 1E63";
    QTest::newRow("python 06") << "0309 031B 0327 030C"
                               << "0327 031B 0309 030C";
    QTest::newRow("python 07") << "0301 0300 0309 0045 0304 017F"
                               << "0301 0300 0309 0112 017F";
    QTest::newRow("python 08") << "0308 0334 0055 0327 00F4"
                               << "0334 0308 0055 0327 00F4";
    QTest::newRow("python 09") << "030A 0309 0328"
                               << "0328 030A 0309";
    QTest::newRow("python 10") << "00F4 030A 0304 0334"
                               << "00F4 0334 030A 0304";
    QTest::newRow("python 11") << "0331 0300 0323"
                               << "0331 0323 0300";
    QTest::newRow("python 12") << "0043 0053 0302 0303 0304 0303"
                               << "0043 015C 0303 0304 0303";
    QTest::newRow("python 13") << "0308 0075 0323"
                               << "0308 1EE5";
    QTest::newRow("python 14") << "0345 0075 0308"
                               << "0345 00FC";
    QTest::newRow("python 15") << "0101 0328 0301 030A 0053"
                               << "0105 0304 0301 030A 0053";
    QTest::newRow("python 16") << "0345 0308 1EA1"
                               << "0308 0345 1EA1";
    QTest::newRow("python 17") << "0306 0053 0323 0063 0304"
                               << "0306 1E62 0063 0304";
    QTest::newRow("python 18") << "004F 0308 004E 00E7"
                               << "00D6 004E 00E7";
    QTest::newRow("python 19") << "0101 006F 0327 0323 0308 0328"
                               << "0101 1ECD 0327 0328 0308";
    QTest::newRow("python 20") << "0061 0308 00E9 0045"
                               << "00E4 00E9 0045";
    QTest::newRow("python 21") << "0069 0306 0307"
                               << "012D 0307";
    QTest::newRow("python 22") << "0043 0302 0327"
                               << "00C7 0302";
    QTest::newRow("python 23") << "0334 0075 0063 0061 0304 006E"
                               << "0334 0075 0063 0101 006E";
    QTest::newRow("python 24") << "0079 0327 004E 031B 0079 0309"
                               << "0079 0327 004E 031B 1EF7";
    QTest::newRow("python 25") << "030A 00E9 0307 0307 0328"
                               << "030A 0119 0301 0307 0307";
    QTest::newRow("python 26") << "0306 00FC 0334 0301"
                               << "0306 01D8 0334";
    QTest::newRow("python 27") << "00F4 0301"
                               << "1ED1";
    QTest::newRow("python 28") << "004E 0041 0303 0308 0334 0323"
                               << "004E 1EA0 0334 0303 0308";
    QTest::newRow("python 29") << "0308 0327 0301 0301"
                               << "0327 0308 0301 0301";
    QTest::newRow("python 30") << "0073 0334 0306 031B 0065 0327"
                               << "0073 0334 031B 0306 0229";
    QTest::newRow("python 31") << "00C5 0045 0309 0304"
                               << "00C5 1EBA 0304";
    QTest::newRow("python 32") << "0345 031B 0308 0079 031B 0055"
                               << "031B 0308 0345 0079 031B 0055";
    QTest::newRow("python 33") << "00E9 0327 00E7"
                               << "0229 0301 00E7";
    QTest::newRow("python 34") << "0065 0301"
                               << "00E9";
    QTest::newRow("python 35") << "0308 0306 0334"
                               << "0334 0308 0306";
    QTest::newRow("python 36") << "030A 0323 0301 0334 0345"
                               << "0334 0323 030A 0301 0345";
    QTest::newRow("python 37") << "0303 0073 0302 0327"
                               << "0303 015F 0302";
    QTest::newRow("python 38") << "0301 0331 0303 1E63 0055 017F"
                               << "0331 0301 0303 1E63 0055 017F";
    QTest::newRow("python 39") << "0063 007A 0323"
                               << "0063 1E93";
}

void TestCharset::nfcMatchesPythonSamples()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(hexList(model::nfcLatin(fromHex(input))), expected);
}

void TestCharset::normalizeText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("only whitespace") << " \t\n\r "
                                     << "";
    QTest::newRow("trim and collapse") << "  Bonjour \t\n  le   monde  "
                                       << "Bonjour le monde";
    QTest::newRow("unicode spaces") << QString::fromUtf8(u8"«\u00A0Oui\u202F»\u2003!\u3000")
                                    << QString::fromUtf8(u8"« Oui » !");
    QTest::newRow("invisible characters removed")
        << QString::fromUtf8(u8"\uFEFFab\u200Bc\u2060d") << "abcd";
    QTest::newRow("NFC") << QString::fromUtf8(u8"Cafe\u0301  cre\u0300me")
                         << QString::fromUtf8(u8"Café crème");
    QTest::newRow("line separators") << QString::fromUtf8(u8"a\u2028b\u2029c\u0085d") << "a b c d";
}

void TestCharset::normalizeText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(model::normalizeText(input.toStdString())), expected);
}

void TestCharset::defaultLatinContents()
{
    const Charset cs = Charset::defaultLatin();
    const std::u32string required = model::decodeUtf8(
        utf8(u8" 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
             u8"àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸäöüßÄÖÜáéíóúñü¿¡ÁÉÍÓÚÑ"
             u8".,;:!?'\"()-/&%€$+*=@#«»’…–[]_<>£°§"));
    for (char32_t c : required)
        QVERIFY2(cs.contains(c), model::encodeUtf8(c).c_str());
    QCOMPARE(cs.labelOf(U' '), 1);
    QCOMPARE(cs.labelOf(U'0'), 2);
    QCOMPARE(cs.labelOf(U'a'), 12);
    QCOMPARE(cs.labelOf(U'A'), 38);
    QCOMPARE(cs.size(), 154);               // blank + 153 characters
    QCOMPARE(Charset::defaultLatin(), cs);  // deterministic
    QCOMPARE(Charset::defaultLatin().toString(), cs.toString());
}

void TestCharset::roundTripSentences_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("French") << QString::fromUtf8(
        u8"Où est la forêt ? Ça m’étonne : « Noël » coûte 12,50 € ; l’été, Ève et Zoë… Œuvre, cœur, naïf, Ÿ.");
    QTest::newRow("German") << QString::fromUtf8(
        u8"Größe: Äpfel, Öl und Übermaß – 100 % süß! Straße (Nr. 7/8).");
    QTest::newRow("Spanish") << QString::fromUtf8(
        u8"¿Qué tal? ¡Año nuevo! Niño, corazón, pingüino, Ángel & Óscar, Íñigo, Úrsula, Éxito.");
    QTest::newRow("ASCII symbols")
        << QString::fromUtf8(u8"a+b=c*d; x@y.z #1 $5 [ok] {x} <y> ~ ^ | \\ ` _");
}

void TestCharset::roundTripSentences()
{
    QFETCH(QString, text);
    const Charset cs = Charset::defaultLatin();
    std::vector<char32_t> unknown;
    const std::string utf8 = text.toStdString();
    const std::vector<int> labels = cs.encode(utf8, &unknown);
    QVERIFY2(unknown.empty(),
             model::encodeUtf8(std::u32string(unknown.begin(), unknown.end())).c_str());
    QCOMPARE(QString::fromStdString(cs.decode(labels)), text);
    QCOMPARE(labels.size(), std::size_t(text.toStdU32String().size()));

    // The decomposed (NFD) spelling gives the same labels.
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QCOMPARE(cs.encode(decomposed.toStdString()), labels);
}

void TestCharset::unknownCharacters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("decoded");
    QTest::addColumn<QString>("unknown");  // hex code points, in order of first appearance
    QTest::newRow("Polish and symbols") << QString::fromUtf8(u8"Łódź ☃ 日本")
                                        << QString::fromUtf8(u8"ód") << "0141 017A 2603 65E5 672C";
    QTest::newRow("reported once") << QString::fromUtf8(u8"☃a☃b☃") << "ab"
                                   << "2603";
    QTest::newRow("accents not stripped") << QString::fromUtf8(u8"ą ē") << ""
                                          << "0105 0113";
    QTest::newRow("control character") << QString::fromUtf8(u8"a\u0007b") << "ab"
                                       << "0007";
    QTest::newRow("spaces around skipped") << QString::fromUtf8(u8"a ☃ b") << "a b"
                                           << "2603";
}

void TestCharset::unknownCharacters()
{
    QFETCH(QString, text);
    QFETCH(QString, decoded);
    QFETCH(QString, unknown);
    const Charset cs = Charset::defaultLatin();
    std::vector<char32_t> reported;
    const std::vector<int> labels = cs.encode(text.toStdString(), &reported);
    QCOMPARE(QString::fromStdString(cs.decode(labels)), decoded);
    QCOMPARE(hexList(std::u32string(reported.begin(), reported.end())), unknown);
    // Without a report vector the characters are still skipped.
    QCOMPARE(cs.encode(text.toStdString()), labels);
    // The vector accumulates over calls without repeating.
    cs.encode(text.toStdString(), &reported);
    QCOMPARE(hexList(std::u32string(reported.begin(), reported.end())), unknown);
}

void TestCharset::fallbacks_data()
{
    QTest::addColumn<QString>("charset");  // empty: defaultLatin
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("decoded");
    QTest::newRow("default: quotes, long s, dashes, ligature")
        << "" << QString::fromUtf8(u8"“Hello” ſo — ﬁne ‘x’ a‐b −1 ﬅ")
        << QString::fromUtf8(u8"\"Hello\" so – fine 'x’ a-b -1 st");
    QTest::newRow("small: typographic to ASCII")
        << QString::fromUtf8(u8" .'\"-acoeur") << QString::fromUtf8(u8"« ca » – ’ … cœur")
        << QString::fromUtf8(u8"\" ca \" - ' ... coeur");
    QTest::newRow("only curly apostrophe")
        << QString::fromUtf8(u8"ls’") << "l's" << QString::fromUtf8(u8"l’s");
    QTest::newRow("sharp s") << "asS" << QString::fromUtf8(u8"aß ẞ") << "assSS";
}

void TestCharset::fallbacks()
{
    QFETCH(QString, charset);
    QFETCH(QString, text);
    QFETCH(QString, decoded);
    const Charset cs = charset.isEmpty() ? Charset::defaultLatin()
                                         : Charset::fromString(charset.toStdString());
    std::vector<char32_t> unknown;
    const std::vector<int> labels = cs.encode(text.toStdString(), &unknown);
    QCOMPARE(QString::fromStdString(cs.decode(labels)), decoded);
    if (charset == "asS")
        QCOMPARE(unknown, std::vector<char32_t>{U' '});  // no space in that charset
    else
        QVERIFY(unknown.empty());
}

void TestCharset::whitespaceCollapse()
{
    const Charset cs = Charset::defaultLatin();
    const std::vector<int> expected = cs.encode("a b c");
    QCOMPARE(expected.size(), std::size_t(5));
    QCOMPARE(cs.encode("  a \t b\n\n c  "), expected);
    QCOMPARE(cs.encode(utf8(u8"\u00A0a\u2003b\u3000c\uFEFF")), expected);
    QVERIFY(cs.encode("").empty());
    QVERIFY(cs.encode(" \t\n").empty());
}

void TestCharset::labelsAndDecode()
{
    const Charset cs = Charset::defaultLatin();
    QCOMPARE(cs.labelOf(U'☃'), -1);
    QCOMPARE(cs.labelOf(char32_t(0)), -1);
    QCOMPARE(cs.charOf(Charset::kBlank), char32_t(0));
    QCOMPARE(cs.charOf(cs.size()), char32_t(0xFFFD));
    QCOMPARE(cs.charOf(-3), char32_t(0xFFFD));
    for (int label = 1; label < cs.size(); ++label)
        QCOMPARE(cs.labelOf(cs.charOf(label)), label);
    // Blanks are skipped; no CTC collapsing of repeats here.
    const int a = cs.labelOf(U'a');
    QCOMPARE(cs.decode({0, a, a, 0, a, 0}), std::string("aaa"));
    QCOMPARE(cs.decode({a, 9999}), std::string("a\xEF\xBF\xBD"));
    QCOMPARE(cs.decode({}), std::string());
    const Charset empty;
    QCOMPARE(empty.size(), 1);
    QCOMPARE(empty.toString(), std::string());
}

void TestCharset::toStringFromString()
{
    const Charset cs = Charset::defaultLatin();
    const std::string s = cs.toString();
    QCOMPARE(model::decodeUtf8(s).size(), std::size_t(cs.size() - 1));
    const Charset back = Charset::fromString(s);
    QVERIFY(back == cs);
    QCOMPARE(back.toString(), s);
    for (int label = 0; label < cs.size(); ++label)
        QCOMPARE(back.charOf(label), cs.charOf(label));

    // The given order is kept: it is part of the model.
    const Charset custom = Charset::fromString(utf8(u8"zé a"));
    QCOMPARE(custom.size(), 5);
    QCOMPARE(custom.labelOf(U'z'), 1);
    QCOMPARE(custom.labelOf(U'é'), 2);
    QCOMPARE(custom.labelOf(U' '), 3);
    QCOMPARE(custom.labelOf(U'a'), 4);
    QCOMPARE(custom.toString(), utf8(u8"zé a"));
}

void TestCharset::fromStringRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << "invalid charset: empty";
    QTest::newRow("duplicate") << QByteArray("abca") << "duplicate character 'a' (U+0061)";
    QTest::newRow("duplicate accented letter")
        << QByteArray("\xC3\xA9x\xC3\xA9") << "duplicate character '\xC3\xA9' (U+00E9)";
    QTest::newRow("invalid UTF-8") << QByteArray("ab\xFF") << "not valid UTF-8";
    QTest::newRow("control character")
        << QByteArray("a\tb") << "control, format or replacement character U+0009";
    QTest::newRow("replacement character") << QByteArray("a\xEF\xBF\xBD") << "U+FFFD";
    QTest::newRow("no-break space")
        << QByteArray("a\xC2\xA0") << "whitespace other than U+0020: U+00A0";
    QTest::newRow("combining mark") << QByteArray("e\xCC\x81") << "U+0301 is not in NFC";
    QTest::newRow("angstrom sign") << QByteArray("\xE2\x84\xAB") << "U+212B is not in NFC";
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                       "a")
                         << "U+FEFF";
}

void TestCharset::fromStringRejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    try {
        Charset::fromString(std::string_view(text.constData(), std::size_t(text.size())));
        QFAIL("fromString did not throw");
    } catch (const EngineError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
    }
}

QTEST_APPLESS_MAIN(TestCharset)
#include "test_charset.moc"
