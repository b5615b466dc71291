#include "metrics.h"

#include "model/charset.h"

#include <algorithm>

namespace inklens::training {

std::vector<std::u32string> splitWords(const std::u32string& s)
{
    std::vector<std::u32string> out;
    std::u32string cur;
    for (char32_t c : s) {
        if (c == U' ') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

namespace {

// Character alignment, collecting the edit operations.
void collectConfusions(const std::u32string& r, const std::u32string& h,
                       std::map<std::pair<std::u32string, std::u32string>, int>& out)
{
    for (const ctc::EditStep& e : ctc::editAlignmentBackwards(r, h)) {
        if (e.kind == ctc::EditStep::Substitute)
            ++out[{std::u32string(1, r[e.i]), std::u32string(1, h[e.j])}];
        else if (e.kind == ctc::EditStep::Delete)
            ++out[{std::u32string(1, r[e.i]), U""}];
        else if (e.kind == ctc::EditStep::Insert)
            ++out[{U"", std::u32string(1, h[e.j])}];
    }
}

}  // namespace

std::pair<int, int> ErrorRates::add(std::string_view reference, std::string_view hypothesis)
{
    const std::u32string r = model::normalizeText(model::decodeUtf8(reference));
    const std::u32string h = model::normalizeText(model::decodeUtf8(hypothesis));
    const int ce = editDistance(std::vector<char32_t>(r.begin(), r.end()),
                                std::vector<char32_t>(h.begin(), h.end()));
    const auto rw = splitWords(r), hw = splitWords(h);
    charErrors += ce;
    chars += long(r.size());
    wordErrors += editDistance(rw, hw);
    words += long(rw.size());
    ++lines;
    if (ce > 0 && r.size() * h.size() < 4'000'000)
        collectConfusions(r, h, confusions);
    return {ce, int(r.size())};
}

void ErrorRates::merge(const ErrorRates& o)
{
    charErrors += o.charErrors;
    chars += o.chars;
    wordErrors += o.wordErrors;
    words += o.words;
    lines += o.lines;
    for (const auto& [k, v] : o.confusions)
        confusions[k] += v;
}

std::vector<std::pair<std::string, int>> ErrorRates::mostConfused(int n) const
{
    std::vector<std::pair<std::string, int>> all;
    auto show = [](const std::u32string& s) {
        std::string out = "'";
        out.append(s.empty() ? std::string() : model::encodeUtf8(s));
        out.push_back('\'');
        return s.empty() ? std::string("(none)") : out;
    };
    for (const auto& [k, v] : confusions)
        all.emplace_back(show(k.first).append(" -> ").append(show(k.second)), v);
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (int(all.size()) > n)
        all.resize(std::size_t(n));
    return all;
}

}  // namespace inklens::training
