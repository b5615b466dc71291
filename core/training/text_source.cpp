#include "text_source.h"

#include "training/metrics.h"

#include "nn/tensor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <map>

namespace inklens::training {

namespace {

using model::decodeUtf8;
using model::encodeUtf8;

// Frequent words per language: real text is mostly short function words, which a word
// list (uniform over the dictionary) almost never gives.
const std::map<std::string, const char*>& commonWordTables()
{
    static const std::map<std::string, const char*> tables = {
        {"en",
         "the of and to a in is it you that he was for on are with as I his they be at one have this from or "
         "had by not word but what some we can out other were all there when up use your how said an each she "
         "which do their time if will way about many then them write would like so these her long make thing see "
         "him two has look more day could go come did number sound no most people my over know water than call "
         "first who may down side been now find any new work part take get place made live where after back "
         "little only round man year came show every good me give our under name very through just form sentence "
         "great think say help low line differ turn cause much mean before move right boy old too same tell does "
         "set three want air well also play small end put home read hand port large spell add even land here must "
         "big high such follow act why ask men change went light kind off need house picture try us again animal "
         "point mother world near build self earth father head stand own page should country found answer school "
         "grow study still learn plant cover food sun four between state keep eye never last let thought city tree "
         "cross farm hard start might story saw far sea draw left late run don't while press close night real life "
         "few north open seem together next white children begin got walk example ease paper group always music "
         "those both mark often letter until mile river car feet care second book carry took science eat room "
         "friend began idea fish mountain stop once base hear horse cut sure watch color face wood main enough "
         "plain girl usual young ready above ever red list though feel talk bird soon body dog family direct "
         "leave song measure door product black short class wind question happen complete ship area half rock "
         "order fire south problem piece told knew pass since top whole king space heard best hour better during "
         "hundred five remember step early hold west ground interest reach fast verb sing listen six table travel "
         "less morning ten simple several toward war lay against pattern slow center love person money serve "
         "appear road map rain rule govern pull cold notice voice unit power town fine certain fly fall lead cry "
         "dark machine note wait plan figure star box noun field rest correct able pound done beauty drive stood "
         "contain front teach week final gave green oh quick develop ocean warm free minute strong special mind "
         "behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object "
         "decide surface deep moon island foot system busy test record boat common gold possible plane age dry "
         "wonder laugh thousand ago ran check game shape yes hot miss brought heat snow tire bring distant fill "
         "east paint language among it's I'm can't won't"},
        {"fr",
         "le de un être et à il avoir ne je son que se qui ce dans en du elle au pour pas que vous par sur faire "
         "plus dire me on mon lui nous comme mais pouvoir avec tout y aller voir en bien où sans tu ou leur homme "
         "si deux mari moi vouloir te femme venir quand grand celui notre devoir là jour prendre même votre rien "
         "petit encore aussi quelque dont tout mer trouver donner temps ça peu même falloir sous parler alors "
         "main chose ton mettre vie savoir yeux passer autre après regarder toujours puis jamais cela aimer non "
         "heure croire cent monde donc enfant fois seul autre entre vers chez demander jeune jusque très moment "
         "rester répondre tout tête père fille mille premier car entendre ni bon trois cœur an quatre la les des "
         "une est sont était été fait avait ai as a ont été cette ces ses mes tes nos vos leurs aux l'homme "
         "d'abord c'est j'ai qu'il n'est s'il l'eau d'un d'une jusqu'à aujourd'hui où déjà là-bas peut-être "
         "école maison rue ville pays père mère frère sœur ami amie travail argent livre lettre année semaine "
         "matin soir nuit hier demain toujours souvent parfois beaucoup trop assez moins ici voilà merci bonjour "
         "au revoir s'il vous plaît oui non été hiver printemps automne noël fête août début fin après-midi"},
        {"de",
         "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus "
         "er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber "
         "vor zur bis mehr durch man sein wurde sei Jahr Jahre zwei Prozent können schon wenn ihre dann unter wir "
         "soll ich eines Es worden diese dieser Millionen muss zwischen Uhr seit sehr gegen kann hatte ihr keine "
         "drei Zeit wieder Menschen alle neue seine sagte wurden Deutschland gibt Frau Mann Kind Kinder Haus "
         "Straße Stadt Land Tag Woche Monat Abend Morgen Nacht heute gestern morgen immer oft nie vielleicht "
         "groß klein gut schön schnell langsam früh spät viel wenig Arbeit Schule Freund Freundin Brief Buch "
         "Wasser Brot Geld Weg Hand Kopf Auge Herz Leben Welt Frage Antwort Zimmer Tür Fenster Tisch Stuhl "
         "für über Größe Straße schön müssen würde hätte Mädchen Bäume Füße Grüße Glück fünf zwölf weiß heiß "
         "Fußball Übung Ärger Öl Äpfel dürfen möchte können natürlich Tschüss Danke bitte ja nein"},
        {"es",
         "de la que el en y a los se del las un por con no una su para es al lo como más o pero sus le ha me si "
         "sin sobre este ya entre cuando todo esta ser son dos también fue había era muy años hasta desde está "
         "mi porque qué sólo han yo hay vez puede todos así nos ni parte tiene él uno donde bien tiempo mismo "
         "ese ahora cada e vida otro después te otros aunque esa eso hace otra gobierno tan durante siempre día "
         "tanto ella tres sí dijo sido gran país según menos mundo año antes estado contra sino forma caso nada "
         "hacer general estaba poco estos presidente mayor ante unos les algo hacia casa ellos ayer hecho "
         "mucho mientras además quien momento millones esto España hombre están pues hoy lugar madrid nacional "
         "trabajo otras mejor nuevo decir algunos entonces todas días debe política cómo casi toda tal luego "
         "pasado medio estas sea tenía nunca aquí ver veces embargo partido personas grupo cuenta pueden tienen "
         "misma nueva cual fueron mujer frente José tras cosas fin ciudad él niño niña señor señora mañana "
         "año pequeño corazón canción jamás también adiós gracias buenos días qué tal cuándo dónde por qué"},
    };
    return tables;
}

struct Months
{
    const char* names;  // 12 names, space separated
};
const std::map<std::string, Months>& monthTables()
{
    static const std::map<std::string, Months> tables = {
        {"en",
         {"January February March April May June July August September October November December"}},
        {"fr",
         {"janvier février mars avril mai juin juillet août septembre octobre novembre décembre"}},
        {"de",
         {"Januar Februar März April Mai Juni Juli August September Oktober November Dezember"}},
        {"es",
         {"enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"}},
    };
    return tables;
}

std::string languageOf(const std::string& path)
{
    std::string base = path.substr(path.find_last_of('/') + 1);
    if (const auto dot = base.find('.'); dot != std::string::npos)
        base = base.substr(0, dot);
    if (base == "american-english" || base == "british-english" || base == "english"
        || base == "words" || base == "en")
        return "en";
    if (base == "french" || base == "fr")
        return "fr";
    if (base == "ngerman" || base == "ogerman" || base == "german" || base == "swiss"
        || base == "de")
        return "de";
    if (base == "spanish" || base == "es")
        return "es";
    return base;
}

char32_t upper1(char32_t c)
{
    if (c >= U'a' && c <= U'z')
        return c - 32;
    if ((c >= 0xE0 && c <= 0xFE) && c != 0xF7)
        return c - 32;
    if (c == U'ÿ')
        return U'Ÿ';
    if (c == U'œ')
        return U'Œ';
    return c;
}

std::u32string capitalize(std::u32string w)
{
    if (!w.empty() && w[0] != U'ß')
        w[0] = upper1(w[0]);
    return w;
}

std::u32string number(nn::Rng& rng, int digits)
{
    std::u32string s;
    for (int i = 0; i < digits; ++i)
        s += char32_t(U'0' + (i == 0 && digits > 1 ? 1 + rng.below(9) : rng.below(10)));
    return s;
}

std::u32string twoDigits(int v)
{
    std::u32string s;
    s += char32_t(U'0' + v / 10);
    s += char32_t(U'0' + v % 10);
    return s;
}

std::u32string toU32(long v)
{
    const std::string s = std::to_string(v);
    return std::u32string(s.begin(), s.end());
}

// A number with thousands grouped by sep ("1 234 567", "1.234", "1,234").
std::u32string grouped(long v, char32_t sep)
{
    std::u32string s = toU32(v), out;
    const int n = int(s.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += sep;
        out += s[std::size_t(i)];
    }
    return out;
}

template<class T>
const T& pick(const std::vector<T>& v, nn::Rng& rng)
{
    return v[std::size_t(rng.below(int(v.size())))];
}

}  // namespace

const char* textKindName(TextKind kind)
{
    static const char* names[kTextKinds] = {"word",  "phrase",      "digits",   "date",
                                            "price", "punctuation", "capitals", "mixed"};
    return names[int(kind)];
}

std::u32string upperLatin(std::u32string_view text)
{
    std::u32string out;
    for (char32_t c : text) {
        if (c == U'ß')
            out += U"SS";
        else
            out += upper1(c);
    }
    return out;
}

TextSource::TextSource(model::Charset charset, const std::vector<std::string>& wordLists,
                       TextSourceOptions options)
    : m_charset(std::move(charset)), m_opt(options)
{
    for (const auto& [lang, table] : commonWordTables()) {
        Language& l = language(lang);
        for (auto& w : splitWords(decodeUtf8(table))) {
            // Built-in entries may hold a space ("s'il vous plaît" is split into words above).
            if (acceptWord(w))
                l.common.push_back(w);
        }
    }
    for (const std::string& path : wordLists) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            m_missing.push_back(path);
            continue;
        }
        std::vector<std::string> words;
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (!line.empty())
                words.push_back(line);
        }
        addWords(languageOf(path), words);
    }
    // Languages with nothing to write (a table whose words all fall outside the charset).
    m_langs.erase(
        std::remove_if(m_langs.begin(), m_langs.end(),
                       [](const Language& l) { return l.words.empty() && l.common.empty(); }),
        m_langs.end());
}

std::vector<std::pair<std::string, float>> parseLanguageWeights(std::string_view spec)
{
    std::vector<std::pair<std::string, float>> out;
    std::size_t start = 0;
    while (start <= spec.size()) {
        const std::size_t end = std::min(spec.find(',', start), spec.size());
        const std::string_view part = spec.substr(start, end - start);
        start = end + 1;
        if (part.empty())
            continue;
        const std::size_t eq = part.find('=');
        float w = -1;
        if (eq != std::string_view::npos && eq > 0) {
            const std::string number(part.substr(eq + 1));
            char* stop = nullptr;
            w = std::strtof(number.c_str(), &stop);
            if (number.empty() || *stop != '\0')
                w = -1;
        }
        if (!(w >= 0) || !std::isfinite(w))
            throw nn::EngineError("language weight: '" + std::string(part)
                                  + "' is not LANG=WEIGHT (a number >= 0)");
        out.emplace_back(std::string(part.substr(0, eq)), w);
    }
    return out;
}

std::vector<std::string> TextSource::debianWordLists()
{
    std::vector<std::string> out;
    for (const char* name : {"american-english", "french", "ngerman", "spanish"}) {
        const std::string path = std::string("/usr/share/dict/") + name;
        if (std::ifstream(path).good())
            out.push_back(path);
    }
    return out;
}

TextSource::Language& TextSource::language(const std::string& name)
{
    for (auto& l : m_langs)
        if (l.name == name)
            return l;
    m_langs.push_back({name, {}, {}});
    return m_langs.back();
}

bool TextSource::acceptWord(const std::u32string& w) const
{
    if (w.empty() || w.size() > 24)
        return false;
    for (char32_t c : w)
        if (c == U' ' || !m_charset.contains(c))
            return false;
    return true;
}

void TextSource::addWords(const std::string& lang, const std::vector<std::string>& words)
{
    Language& l = language(lang);
    for (const auto& w8 : words) {
        std::u32string w = model::normalizeText(decodeUtf8(w8));
        if (w.size() > 2 && w.compare(w.size() - 2, 2, U"'s") == 0)
            continue;
        if (acceptWord(w))
            l.words.push_back(std::move(w));
    }
}

std::size_t TextSource::wordCount() const
{
    std::size_t n = 0;
    for (const auto& l : m_langs)
        n += l.words.size();
    return n;
}

std::vector<std::string> TextSource::languages() const
{
    std::vector<std::string> out;
    for (const auto& l : m_langs)
        out.push_back(l.name);
    return out;
}

bool TextSource::inCharset(std::string_view utf8) const
{
    for (char32_t c : model::normalizeText(decodeUtf8(utf8)))
        if (!m_charset.contains(c))
            return false;
    return true;
}

const TextSource::Language& TextSource::pickLanguage(nn::Rng& rng) const
{
    // Languages with list words are preferred (they carry the vocabulary); the built-in
    // tables alone still give text when no list exists.
    std::vector<const Language*> withWords;
    for (const auto& l : m_langs)
        if (!l.words.empty())
            withWords.push_back(&l);
    if (withWords.empty())
        for (const auto& l : m_langs)
            withWords.push_back(&l);
    if (m_opt.languageWeights.empty())
        return *withWords[std::size_t(rng.below(int(withWords.size())))];
    std::vector<float> cumulative;
    float total = 0;
    for (const Language* l : withWords) {
        float w = 1;
        for (const auto& [name, weight] : m_opt.languageWeights)
            if (name == l->name)
                w = weight;
        cumulative.push_back(total += std::max(0.f, w));
    }
    if (!(total > 0))
        return *withWords[std::size_t(rng.below(int(withWords.size())))];
    const float u = rng.uniform() * total;
    const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
    return *withWords[std::min(std::size_t(at), withWords.size() - 1)];
}

std::u32string TextSource::word(const Language& lang, nn::Rng& rng, float commonShare) const
{
    const bool common = !lang.common.empty() && (lang.words.empty() || rng.uniform() < commonShare);
    if (common)
        return pick(lang.common, rng);
    if (lang.words.empty())
        return U"";
    return pick(lang.words, rng);
}

std::u32string TextSource::phrase(const Language& lang, nn::Rng& rng, int minWords,
                                  int maxWords) const
{
    // Mostly 2-6 words: a triangular-ish draw over [minWords, maxWords].
    const int span = std::max(0, maxWords - minWords);
    const int n = minWords + std::min(span, (rng.below(span + 1) + rng.below(span + 1) + 1) / 2);
    std::u32string out;
    for (int i = 0; i < n; ++i) {
        std::u32string w = word(lang, rng, m_opt.commonWords);
        if (w.empty())
            continue;
        if (i == 0 && rng.uniform() < 0.45f)
            w = capitalize(w);
        if (!out.empty()) {
            if (int(out.size() + 1 + w.size()) > m_opt.maxChars)
                break;
            if (rng.uniform() < 0.06f)
                out += rng.uniform() < 0.8f ? U"," : (lang.name == "fr" ? U" ;" : U";");
            out += U' ';
        }
        out += w;
    }
    if (!out.empty() && rng.uniform() < 0.3f) {
        const float r = rng.uniform();
        const bool fr = lang.name == "fr";
        if (r < 0.55f)
            out += U'.';
        else if (r < 0.7f)
            out += fr ? U" ?" : U"?";
        else if (r < 0.8f)
            out += fr ? U" !" : U"!";
        else if (r < 0.88f)
            out += U"…";
        else if (r < 0.94f)
            out += U",";
        else
            out += fr ? U" :" : U":";
        if (lang.name == "es" && (out.back() == U'?' || out.back() == U'!'))
            out.insert(out.begin(), out.back() == U'?' ? U'¿' : U'¡');
    }
    return out;
}

std::u32string TextSource::generate(TextKind kind, nn::Rng& rng) const
{
    // Every draw is its own statement: the order in which the operands of a '+' chain are
    // evaluated is unspecified, and the texts must not depend on the compiler.
    const Language& lang = pickLanguage(rng);
    const bool fr = lang.name == "fr", de = lang.name == "de", es = lang.name == "es";
    switch (kind) {
    case TextKind::Word: {
        std::u32string w = word(lang, rng, 0.15f);
        if (rng.uniform() < 0.2f)
            w = capitalize(w);
        return w;
    }
    case TextKind::Phrase:
        return phrase(lang, rng, 1, m_opt.maxWords);
    case TextKind::Digits: {
        const int variant = rng.below(9);
        switch (variant) {
        case 0:
            return number(rng, 1 + rng.below(9));
        case 1: {
            const long v = long(rng.below(9'000'000)) + 1000;
            const char32_t sep = rng.uniform() < 0.5f ? U' ' : (fr || de || es ? U'.' : U',');
            return grouped(v, sep);
        }
        case 2: {
            const std::u32string a = number(rng, 1 + rng.below(4));
            const std::u32string sep = rng.uniform() < 0.5f ? U"," : U".";
            const std::u32string b = number(rng, 1 + rng.below(3));
            return a + sep + b;
        }
        case 3: {  // phone numbers
            std::u32string s = U"0" + toU32(1 + rng.below(9));
            for (int i = 0; i < 4; ++i)
                s += U" " + twoDigits(rng.below(100));
            return rng.uniform() < 0.3f ? U"+33 " + s.substr(1) : s;
        }
        case 4: {
            const std::u32string v = toU32(rng.below(101));
            return v + (rng.uniform() < 0.5f ? U" %" : U"%");
        }
        case 5: {
            const std::u32string a = toU32(1 + rng.below(12));
            const std::u32string b = toU32(2 + rng.below(14));
            return a + U"/" + b;
        }
        case 6: {
            const std::u32string sign = rng.uniform() < 0.5f ? U"-" : U"+";
            return sign + number(rng, 1 + rng.below(3));
        }
        case 7:
            return (fr ? U"n° " : U"#") + number(rng, 1 + rng.below(4));
        default: {
            const std::u32string a = number(rng, 2 + rng.below(3));
            const std::u32string b = number(rng, 2 + rng.below(3));
            return a + U"-" + b;
        }
        }
    }
    case TextKind::Date: {
        const int day = 1 + rng.below(28);
        const int month = 1 + rng.below(12);
        const bool recent = rng.uniform() < 0.5f;
        const int year = recent ? 1990 + rng.below(40) : 1800 + rng.below(200);
        const int variant = rng.below(8);
        const auto it = monthTables().find(lang.name);
        const auto months = splitWords(
            decodeUtf8((it != monthTables().end() ? it->second : monthTables().at("en")).names));
        const std::u32string& mname = months[std::size_t(month - 1)];
        switch (variant) {
        case 0:
            return twoDigits(day) + U"/" + twoDigits(month) + U"/" + toU32(year);
        case 1:
            return toU32(day) + U"." + toU32(month) + U"." + twoDigits(year % 100);
        case 2:
            return toU32(year) + U"-" + twoDigits(month) + U"-" + twoDigits(day);
        case 3:
            return toU32(day) + U"/" + toU32(month) + U"/" + twoDigits(year % 100);
        case 4: {  // a time of day
            const int hour = rng.below(24);
            const int minute = rng.below(60);
            return toU32(hour) + (rng.uniform() < 0.5f ? U"h" : U":") + twoDigits(minute);
        }
        default: {
            const bool alt = rng.uniform() < 0.5f;
            if (lang.name == "en")
                return alt ? mname + U" " + toU32(day) + U", " + toU32(year)
                           : toU32(day) + U" " + mname + U" " + toU32(year);
            if (de)
                return toU32(day) + U". " + mname + U" " + toU32(year);
            if (es)
                return toU32(day) + U" de " + mname + (alt ? U" de " + toU32(year) : U"");
            return (day == 1 && alt ? U"1er" : toU32(day)) + U" " + mname + U" " + toU32(year);
        }
        }
    }
    case TextKind::Price: {
        const bool small = rng.uniform() < 0.7f;
        const long whole = small ? long(rng.below(100)) : long(rng.below(5000));
        const std::u32string cents = twoDigits(rng.below(100));
        const int variant = rng.below(8);
        switch (variant) {
        case 0:
            return grouped(whole, U' ') + U"," + cents + U" €";
        case 1:
            return U"$" + grouped(whole, U',') + U"." + cents;
        case 2:
            return U"£" + toU32(whole) + U"." + cents;
        case 3:
            return U"€" + toU32(whole);
        case 4:
            return toU32(whole) + U"." + cents + U" $";
        case 5:
            return toU32(whole) + U" € " + cents;
        case 6:
            return toU32(whole) + U",- €";
        default: {
            const std::u32string w = word(lang, rng, 0.3f);
            const bool euro = rng.uniform() < 0.5f;
            return w + U" " + toU32(whole) + (euro ? U"," + cents + U"€" : U"$");
        }
        }
    }
    case TextKind::Punctuation: {
        const std::u32string p = phrase(lang, rng, 1, std::min(4, m_opt.maxWords));
        const std::u32string w = word(lang, rng, 0.3f);
        const std::u32string w2 = word(lang, rng, 0.6f);
        const int n = 1 + rng.below(300);
        const int variant = rng.below(16);
        switch (variant) {
        case 0:
            return fr ? U"« " + p + U" »" : (de ? U"„" + p + U"\"" : U"«" + p + U"»");
        case 1:
            return U"\"" + p + U"\"";
        case 2:
            return U"(" + p + U")";
        case 3:
            return p + U" (" + toU32(n) + U")";
        case 4:
            return U"¿" + p + U"?";
        case 5:
            return U"¡" + p + U"!";
        case 6:
            return p + U"...";
        case 7:
            return w + U"@" + w2 + (n % 2 ? U".com" : U".fr");
        case 8:
            return p + U" – " + w;
        case 9:
            return w + U"-" + w2;
        case 10:
            return U"[" + toU32(n % 99 + 1) + U"] " + w;
        case 11: {
            const int a = rng.below(20);
            const int b = rng.below(20);
            return toU32(a) + U" + " + toU32(b) + U" = " + toU32(a + b);
        }
        case 12:
            return U"'" + w + U"'";
        case 13:
            return w + U"’" + w2;
        case 14:
            return U"§ " + toU32(n % 99 + 1) + U" " + w;
        default: {  // a run of symbols around a word
            static const std::u32string sym = U"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~€£°§«»’…–¿¡";
            std::u32string s;
            const int count = 1 + rng.below(3);
            for (int i = 0; i < count; ++i)
                s += sym[std::size_t(rng.below(int(sym.size())))];
            return rng.uniform() < 0.5f ? s + U" " + w : w + U" " + s;
        }
        }
    }
    case TextKind::Capitals:
        return upperLatin(phrase(lang, rng, 1, std::min(4, m_opt.maxWords)));
    case TextKind::Mixed: {
        const int variant = rng.below(5);
        switch (variant) {
        case 0: {  // codes: AB-1234, XKQ 27
            std::u32string s;
            const int n = 2 + rng.below(3);
            for (int i = 0; i < n; ++i)
                s += char32_t(U'A' + rng.below(26));
            s += rng.uniform() < 0.5f ? U"-" : U" ";
            return s + number(rng, 2 + rng.below(4));
        }
        case 1: {  // a street address
            const int n = 1 + rng.below(120);
            const std::u32string street = capitalize(word(lang, rng, 0.2f));
            const int m = rng.below(50);
            if (fr)
                return toU32(n) + U", rue " + street;
            if (de)
                return street + U"straße " + toU32(n);
            if (es)
                return U"calle " + street + (m % 2 ? U", " : U" núm. ") + toU32(m + 1);
            return toU32(n) + U" " + street + U" Street";
        }
        case 2: {  // any characters of the charset (covers the rare ones)
            std::u32string s;
            const int n = 3 + rng.below(12);
            const int size = m_charset.size();
            for (int i = 0; i < n; ++i) {
                const char32_t c = m_charset.charOf(1 + rng.below(size - 1));
                s += (c == U' ' && (s.empty() || s.back() == U' ')) ? U'x' : c;
            }
            return s;
        }
        case 3: {  // words and numbers
            const std::u32string a = capitalize(word(lang, rng, 0.5f));
            const std::u32string v = toU32(rng.below(1000));
            const std::u32string b = word(lang, rng, 0.5f);
            return a + U" " + v + U" " + b;
        }
        default: {  // letters and digits
            static const std::u32string pool =
                U"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            std::u32string s;
            const int n = 4 + rng.below(8);
            for (int i = 0; i < n; ++i)
                s += pool[std::size_t(rng.below(int(pool.size())))];
            return s;
        }
        }
    }
    }
    return U"";
}

std::string TextSource::finish(std::u32string text,
                               const std::function<bool(char32_t)>& allowed) const
{
    text = model::normalizeText(text);
    std::u32string kept;
    for (char32_t c : text)
        if ((c == U' ' || m_charset.contains(c)) && (!allowed || c == U' ' || allowed(c)))
            kept += c;
    // "><" marks an unreadable passage in ground-truth manifests (the trainer drops such
    // lines): never write it.
    for (std::size_t at = kept.find(U"><"); at != std::u32string::npos; at = kept.find(U"><", at))
        kept.insert(at + 1, 1, U' ');
    kept = model::normalizeText(kept);
    if (int(kept.size()) > m_opt.maxChars) {  // cut at a space when there is one
        std::size_t cut = kept.rfind(U' ', std::size_t(m_opt.maxChars));
        if (cut == std::u32string::npos || cut < std::size_t(m_opt.maxChars) / 2)
            cut = std::size_t(m_opt.maxChars);
        kept = model::normalizeText(kept.substr(0, cut));
    }
    return encodeUtf8(kept);
}

std::string TextSource::make(TextKind kind, nn::Rng& rng,
                             const std::function<bool(char32_t)>& allowed) const
{
    if (m_langs.empty())
        return {};
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::string s = finish(generate(kind, rng), allowed);
        if (!s.empty())
            return s;
    }
    return {};
}

std::string TextSource::next(nn::Rng& rng, const std::function<bool(char32_t)>& allowed) const
{
    float total = 0;
    for (float w : m_opt.weights)
        total += std::max(0.f, w);
    float r = rng.uniform() * total;
    int kind = 0;
    for (; kind < kTextKinds - 1; ++kind) {
        r -= std::max(0.f, m_opt.weights[kind]);
        if (r < 0)
            break;
    }
    return make(TextKind(kind), rng, allowed);
}

}  // namespace inklens::training
