// Evaluation of personal-data detection on public data sets (see pii_eval.h).
#include "privacy/pii_eval.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace foidesk::privacy {
namespace {

using Json = nlohmann::json;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound(path + ": cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Error::Io(path + ": cannot read");
  return s.str();
}

// ---- tokenizer ----

// The code point at byte `at` and its length; invalid bytes read as U+FFFD, length 1.
UChar32 CodePointAt(std::string_view s, size_t at, size_t& length) {
  int32_t i = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  length = static_cast<size_t>(i) - at;
  return c < 0 ? 0xFFFD : c;
}

bool IsPrefixPunct(UChar32 c) {
  static const std::u32string kSet = U"\"'([{<\u201C\u2018\u00AB\u00BF\u00A1#$\u00A3\u20AC*";
  return kSet.find(c) != std::u32string::npos;
}

bool IsSuffixPunct(UChar32 c) {
  static const std::u32string kSet = U".,;:!?\"')]}>\u201D\u2019\u00BB%\u2026";
  return kSet.find(c) != std::u32string::npos;
}

struct CodePoint {
  UChar32 c;
  size_t start;
  size_t end;
};

// "J.", "U.S.", "a.m.": letters each followed by a dot.
bool IsDottedInitials(const std::vector<CodePoint>& cps, size_t from, size_t to) {
  if (to <= from || (to - from) % 2 != 0) return false;
  for (size_t i = from; i < to; i += 2)
    if (!u_isalpha(cps[i].c) || cps[i + 1].c != '.') return false;
  return true;
}

// Tokens of one white-space-free chunk, appended to `out`.
void TokenizeChunk(const std::vector<CodePoint>& cps, std::vector<EvalToken>& out) {
  size_t from = 0, to = cps.size();
  while (from < to && to - from > 1 && IsPrefixPunct(cps[from].c)) {
    out.push_back({cps[from].start, cps[from].end});
    ++from;
  }
  std::vector<EvalToken> suffixes;  // in reverse order
  while (from < to && IsSuffixPunct(cps[to - 1].c)) {
    if (cps[to - 1].c == '.' && IsDottedInitials(cps, from, to)) break;
    suffixes.push_back({cps[to - 1].start, cps[to - 1].end});
    --to;
  }
  if (to - from > 2 && (cps[to - 1].c == 's' || cps[to - 1].c == 'S') &&
      (cps[to - 2].c == '\'' || cps[to - 2].c == 0x2019)) {
    suffixes.push_back({cps[to - 2].start, cps[to - 1].end});
    to -= 2;
  }
  if (from < to) out.push_back({cps[from].start, cps[to - 1].end});
  for (auto it = suffixes.rbegin(); it != suffixes.rend(); ++it) out.push_back(*it);
}

// ---- scoring helpers ----

bool Overlaps(size_t a_start, size_t a_end, size_t b_start, size_t b_end) {
  return a_start < b_end && b_start < a_end;
}

std::optional<double> Ratio(int64_t num, int64_t den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

// Index of the first finding overlapping [start, end), or -1. `findings` are
// sorted by start; `from` moves forward as tokens do.
int FirstOverlap(const std::vector<PiiFinding>& findings, size_t& from, size_t start, size_t end) {
  while (from < findings.size() && findings[from].end <= start) ++from;
  for (size_t i = from; i < findings.size() && findings[i].start < end; ++i)
    if (Overlaps(findings[i].start, findings[i].end, start, end)) return static_cast<int>(i);
  return -1;
}

std::vector<PiiFinding> SortedFindings(const FindFunction& find, std::string_view text) {
  std::vector<PiiFinding> f = find(text);
  std::sort(f.begin(), f.end(), [](const PiiFinding& a, const PiiFinding& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  return f;
}

Json RatioJson(std::optional<double> r) {
  if (!r) return nullptr;
  return std::round(*r * 10000) / 10000;
}

}  // namespace

std::vector<EvalToken> TokenizeForEval(std::string_view text) {
  std::vector<EvalToken> out;
  std::vector<CodePoint> chunk;
  size_t at = 0;
  while (at <= text.size()) {
    size_t length = 0;
    const bool end = at == text.size();
    const UChar32 c = end ? ' ' : CodePointAt(text, at, length);
    if (end || u_isUWhiteSpace(c)) {
      if (!chunk.empty()) TokenizeChunk(chunk, out);
      chunk.clear();
      if (end) break;
    } else {
      chunk.push_back({c, at, at + length});
    }
    at += length;
  }
  return out;
}

// ---- presidio-research JSON ----

Result<std::vector<GoldRecord>> ParsePresidioJson(std::string_view json_text,
                                                  std::string_view source_name) {
  const std::string name(source_name);
  Json root;
  try {
    root = Json::parse(json_text.begin(), json_text.end());
  } catch (const Json::parse_error& e) {
    // e.what() may quote the input: report only where it failed.
    const size_t byte = std::min<size_t>(e.byte == 0 ? 0 : e.byte - 1, json_text.size());
    size_t line = 1, column = 1;
    for (size_t i = 0; i < byte; ++i) {
      if (json_text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return Error::InvalidInput(name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                               ": not valid JSON (or not valid UTF-8)");
  }
  auto fail = [&](const std::string& path, const std::string& reason) {
    return Error::InvalidInput(name + ": " + path + ": " + reason);
  };
  if (!root.is_array()) return fail("(top level)", "expected an array of records");
  std::vector<GoldRecord> records;
  records.reserve(root.size());
  for (size_t r = 0; r < root.size(); ++r) {
    const std::string rpath = "[" + std::to_string(r) + "]";
    const Json& rec = root[r];
    if (!rec.is_object()) return fail(rpath, "expected an object");
    auto text_it = rec.find("full_text");
    if (text_it == rec.end() || !text_it->is_string())
      return fail(rpath + ".full_text", "missing or not a string");
    GoldRecord out;
    out.text = text_it->get<std::string>();
    // Byte offset of each code point, and of the end.
    std::vector<size_t> offsets;
    for (size_t i = 0; i < out.text.size(); ++i)
      if ((static_cast<unsigned char>(out.text[i]) & 0xC0) != 0x80) offsets.push_back(i);
    offsets.push_back(out.text.size());
    const size_t code_points = offsets.size() - 1;

    auto spans_it = rec.find("spans");
    if (spans_it == rec.end() || !spans_it->is_array())
      return fail(rpath + ".spans", "missing or not an array");
    for (size_t s = 0; s < spans_it->size(); ++s) {
      const std::string spath = rpath + ".spans[" + std::to_string(s) + "]";
      const Json& span = (*spans_it)[s];
      if (!span.is_object()) return fail(spath, "expected an object");
      auto type_it = span.find("entity_type");
      if (type_it == span.end() || !type_it->is_string() || type_it->get<std::string>().empty())
        return fail(spath + ".entity_type", "missing or not a non-empty string");
      size_t pos[2] = {0, 0};
      const char* keys[2] = {"start_position", "end_position"};
      for (int k = 0; k < 2; ++k) {
        auto it = span.find(keys[k]);
        if (it == span.end() || !it->is_number_unsigned())
          return fail(spath + "." + keys[k], "missing or not a non-negative integer");
        pos[k] = it->get<size_t>();
      }
      if (pos[1] > code_points)
        return fail(spath + ".end_position", "beyond the end of full_text (" +
                                                 std::to_string(code_points) + " characters)");
      if (pos[0] > pos[1]) return fail(spath + ".start_position", "after end_position");
      GoldSpan g{type_it->get<std::string>(), offsets[pos[0]], offsets[pos[1]]};
      auto value_it = span.find("entity_value");
      if (value_it != span.end()) {
        if (!value_it->is_string()) return fail(spath + ".entity_value", "not a string");
        if (value_it->get_ref<const std::string&>() !=
            std::string_view(out.text).substr(g.start, g.end - g.start))
          return fail(spath + ".entity_value",
                      "differs from full_text between start_position and end_position "
                      "(positions count Unicode code points)");
      }
      out.spans.push_back(std::move(g));
    }
    records.push_back(std::move(out));
  }
  return records;
}

Result<std::vector<GoldRecord>> ReadPresidioJson(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  return ParsePresidioJson(*text, path);
}

// ---- CoNLL ----

Result<std::vector<ConllSentence>> ParseConll(std::string_view text, std::string_view source_name) {
  std::vector<ConllSentence> sentences;
  ConllSentence current;
  int line_no = 0;
  size_t at = 0;
  auto fail = [&](const std::string& reason) {
    return Error::InvalidInput(std::string(source_name) + ":" + std::to_string(line_no) + ": " +
                               reason);
  };
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(at, nl - at);
    at = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (!current.tokens.empty()) sentences.push_back(std::move(current));
      current = ConllSentence{};
      continue;
    }
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos)
      return fail("expected TOKEN<TAB>TAG (exactly one tab)");
    const std::string_view token = line.substr(0, tab), tag = line.substr(tab + 1);
    if (token.empty()) return fail("empty token");
    const bool bio = tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-';
    if (tag != "O" && !bio) return fail("tag must be O, B-TYPE or I-TYPE");
    if (current.tokens.empty()) current.first_line = line_no;
    current.tokens.emplace_back(token);
    current.tags.emplace_back(tag);
  }
  if (!current.tokens.empty()) sentences.push_back(std::move(current));
  return sentences;
}

Result<std::vector<ConllSentence>> ReadConll(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  return ParseConll(*text, path);
}

// ---- scores ----

std::optional<double> TokenScore::Recall() const { return Ratio(both, gold); }
std::optional<double> TokenScore::Precision() const { return Ratio(both, predicted); }
std::optional<double> TokenScore::F(double beta) const {
  auto r = Recall(), p = Precision();
  if (!r || !p) return std::nullopt;
  const double b2 = beta * beta;
  if (b2 * *p + *r == 0) return 0.0;
  return (1 + b2) * *p * *r / (b2 * *p + *r);
}

std::optional<double> PredictedTypeScore::Precision() const {
  return Ratio(on_gold, tokens - on_ignored);
}

PresidioEval EvaluatePresidio(const std::vector<GoldRecord>& records, const FindFunction& find,
                              const PresidioOptions& options) {
  PresidioEval ev;
  ev.ignored_types.assign(options.ignored_types.begin(), options.ignored_types.end());
  for (const GoldRecord& rec : records) {
    ++ev.records;
    ev.spans += static_cast<int64_t>(rec.spans.size());
    const std::vector<PiiFinding> findings = SortedFindings(find, rec.text);
    const std::vector<EvalToken> tokens = TokenizeForEval(rec.text);
    // Per span: tokens it holds, and whether all are flagged.
    std::vector<int> span_tokens(rec.spans.size(), 0);
    std::vector<bool> span_covered(rec.spans.size(), true);
    size_t cursor = 0;
    for (const EvalToken& t : tokens) {
      ++ev.tokens;
      const int f = FirstOverlap(findings, cursor, t.start, t.end);
      const GoldSpan* gold = nullptr;
      bool counted = false;
      for (size_t s = 0; s < rec.spans.size(); ++s) {
        const GoldSpan& g = rec.spans[s];
        if (!Overlaps(g.start, g.end, t.start, t.end)) continue;
        ++span_tokens[s];
        if (f < 0) span_covered[s] = false;
        const bool c = options.ignored_types.count(g.type) == 0;
        if (!gold || (c && !counted) || (c == counted && g.start < gold->start)) {
          gold = &g;
          counted = c;
        }
      }
      if (gold) {
        GoldTypeScore& gs = ev.by_gold_type[gold->type];
        gs.counted = counted;
        ++gs.tokens;
        if (f >= 0) ++gs.detected;
      }
      if (gold && !counted) ++ev.ignored_tokens;
      if (f >= 0) {
        PredictedTypeScore& ps = ev.by_predicted_type[std::string(PiiTypeName(findings[f].type))];
        ++ps.tokens;
        if (gold && counted) ++ps.on_gold;
        if (gold && !counted) ++ps.on_ignored;
      }
      if (gold && !counted) continue;
      if (gold) ++ev.any.gold;
      if (f >= 0) ++ev.any.predicted;
      if (gold && f >= 0) ++ev.any.both;
    }
    for (size_t s = 0; s < rec.spans.size(); ++s) {
      if (span_tokens[s] == 0) continue;
      GoldTypeScore& gs = ev.by_gold_type[rec.spans[s].type];
      gs.counted = options.ignored_types.count(rec.spans[s].type) == 0;
      ++gs.spans;
      if (span_covered[s]) ++gs.spans_covered;
    }
  }
  return ev;
}

WnutEval EvaluateWnut(const std::vector<ConllSentence>& sentences, const FindFunction& find) {
  WnutEval ev;
  for (const ConllSentence& s : sentences) {
    ++ev.sentences;
    std::string text;
    std::vector<EvalToken> offsets;
    for (const std::string& tok : s.tokens) {
      if (!text.empty()) text += ' ';
      offsets.push_back({text.size(), text.size() + tok.size()});
      text += tok;
    }
    const std::vector<PiiFinding> findings = SortedFindings(find, text);
    size_t cursor = 0;
    std::string entity_type;  // type of the open entity, "" when none
    bool entity_covered = false;
    auto close_entity = [&] {
      if (entity_type.empty()) return;
      WnutTypeScore& ts = ev.by_type[entity_type];
      ++ts.entities;
      if (entity_covered) ++ts.entities_covered;
      entity_type.clear();
    };
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      ++ev.tokens;
      const bool flagged = FirstOverlap(findings, cursor, offsets[i].start, offsets[i].end) >= 0;
      const std::string& tag = s.tags[i];
      const std::string type = tag == "O" ? "none" : tag.substr(2);
      WnutTypeScore& ts = ev.by_type[type];
      ++ts.tokens;
      if (flagged) ++ts.flagged;
      if (tag == "O") {
        close_entity();
        continue;
      }
      if (tag[0] == 'B' || type != entity_type) {
        close_entity();
        entity_type = type;
        entity_covered = true;
      }
      entity_covered = entity_covered && flagged;
    }
    close_entity();
  }
  return ev;
}

Result<PiiEvalReport> RunPiiEval(const std::string& dir, const FindFunction& find,
                                 const PresidioOptions& options) {
  auto presidio = ReadPresidioJson(dir + "/" + kPresidioFileName);
  if (!presidio.ok()) return presidio.error();
  auto wnut = ReadConll(dir + "/" + kWnutDevFileName);
  if (!wnut.ok()) return wnut.error();
  PiiEvalReport report;
  report.presidio = EvaluatePresidio(*presidio, find, options);
  report.wnut = EvaluateWnut(*wnut, find);
  return report;
}

std::string PiiEvalJson(const PiiEvalReport& report) {
  const PresidioEval& p = report.presidio;
  Json gold_types = Json::object();
  for (const auto& [type, g] : p.by_gold_type) {
    gold_types[type] = {{"counted", g.counted},
                        {"tokens", g.tokens},
                        {"detected", g.detected},
                        {"missed", g.tokens - g.detected},
                        {"recall", RatioJson(Ratio(g.detected, g.tokens))},
                        {"spans", g.spans},
                        {"spans_covered", g.spans_covered},
                        {"span_recall", RatioJson(Ratio(g.spans_covered, g.spans))}};
  }
  Json predicted_types = Json::object();
  for (const auto& [type, s] : p.by_predicted_type) {
    predicted_types[type] = {{"tokens", s.tokens},
                             {"on_gold", s.on_gold},
                             {"on_ignored", s.on_ignored},
                             {"precision", RatioJson(s.Precision())}};
  }
  Json presidio = {
      {"file", kPresidioFileName},
      {"records", p.records},
      {"spans", p.spans},
      {"tokens", p.tokens},
      {"ignored_tokens", p.ignored_tokens},
      {"ignored_types", p.ignored_types},
      {"any",
       {{"gold_tokens", p.any.gold},
        {"predicted_tokens", p.any.predicted},
        {"true_positive_tokens", p.any.both},
        {"recall", RatioJson(p.any.Recall())},
        {"precision", RatioJson(p.any.Precision())},
        {"f1", RatioJson(p.any.F(1))},
        {"f2", RatioJson(p.any.F(2))}}},
      {"by_gold_type", gold_types},
      {"by_predicted_type", predicted_types},
  };
  const WnutEval& w = report.wnut;
  Json wnut_types = Json::object();
  for (const auto& [type, s] : w.by_type) {
    Json j = {{"tokens", s.tokens},
              {"flagged", s.flagged},
              {"token_recall", RatioJson(Ratio(s.flagged, s.tokens))}};
    if (type != "none") {
      j["entities"] = s.entities;
      j["entities_covered"] = s.entities_covered;
      j["entity_recall"] = RatioJson(Ratio(s.entities_covered, s.entities));
    }
    wnut_types[type] = std::move(j);
  }
  Json wnut = {{"file", kWnutDevFileName},
               {"sentences", w.sentences},
               {"tokens", w.tokens},
               {"by_type", wnut_types}};
  Json root = {{"presidio", presidio}, {"wnut", wnut}};
  return root.dump(2) + "\n";
}

}  // namespace foidesk::privacy
