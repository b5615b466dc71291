#include "metrics.h"

#include "model/charset.h"

#include <algorithm>

namespace inklens::training {

namespace {

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

// Character alignment by dynamic programming, collecting the edit operations.
void collectConfusions(const std::u32string& r, const std::u32string& h,
                       std::map<std::pair<std::u32string, std::u32string>, int>& out)
{
    const std::size_t n = r.size(), m = h.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (std::size_t i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (std::size_t j = 0; j <= m; ++j)
        d[0][j] = int(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j)
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1)});
    std::size_t i = n, j = m;
    while (i > 0 || j > 0) {
        if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1)) {
            if (r[i - 1] != h[j - 1])
                ++out[{std::u32string(1, r[i - 1]), std::u32string(1, h[j - 1])}];
            --i, --j;
        } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
            ++out[{std::u32string(1, r[i - 1]), U""}];
            --i;
        } else {
            ++out[{U"", std::u32string(1, h[j - 1])}];
            --j;
        }
    }
}

}  // namespace

std::pair<int, int> ErrorRates::add(std::string_view reference, std::string_view hypothesis)
{
    const std::u32string r = model::normalizeText(model::decodeUtf8(reference));
    const std::u32string h = model::normalizeText(model::decodeUtf8(hypothesis));
    const int ce = editDistance(std::vector<char32_t>(r.begin(), r.end()), std::vector<char32_t>(h.begin(), h.end()));
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
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (int(all.size()) > n)
        all.resize(std::size_t(n));
    return all;
}

}  // namespace inklens::training
