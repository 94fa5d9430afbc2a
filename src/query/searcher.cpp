// Query execution: the AST evaluated bottom-up as bitsets over rowids.
// Field filters scan doc values; text subtrees go to the backend's index as
// one compiled expression, or, when an AND's field side is narrow, are
// matched in C++ against the candidates' texts (the planner rule of
// notes/search-performance.md: 1,000 texts read beat 80,000 index hits).
#include "query/searcher.h"

#include <algorithm>
#include <limits>
#include <bit>
#include <climits>
#include <cstdio>
#include <deque>
#include <memory>
#include <unordered_map>
#include <utility>

#include "model/crime.h"
#include "query/parser.h"

namespace foidesk::query {
namespace {

class Bitset {
 public:
  explicit Bitset(size_t n = 0) : n_(n), w_((n + 63) / 64, 0) {}

  size_t size() const { return n_; }
  void Set(size_t i) { w_[i >> 6] |= uint64_t{1} << (i & 63); }
  bool Test(size_t i) const { return (w_[i >> 6] >> (i & 63)) & 1; }
  uint64_t* words() { return w_.data(); }

  Bitset& operator&=(const Bitset& o) {
    for (size_t i = 0; i < w_.size(); ++i) w_[i] &= o.w_[i];
    return *this;
  }
  Bitset& operator|=(const Bitset& o) {
    for (size_t i = 0; i < w_.size(); ++i) w_[i] |= o.w_[i];
    return *this;
  }
  Bitset& AndNot(const Bitset& o) {
    for (size_t i = 0; i < w_.size(); ++i) w_[i] &= ~o.w_[i];
    return *this;
  }
  size_t Count() const {
    size_t c = 0;
    for (uint64_t w : w_) c += static_cast<size_t>(std::popcount(w));
    return c;
  }
  std::vector<int64_t> Rowids() const {
    std::vector<int64_t> out;
    out.reserve(Count());
    for (size_t i = 0; i < w_.size(); ++i) {
      uint64_t w = w_[i];
      while (w) {
        out.push_back(static_cast<int64_t>(i * 64 + static_cast<size_t>(std::countr_zero(w))));
        w &= w - 1;
      }
    }
    return out;
  }

 private:
  size_t n_;
  std::vector<uint64_t> w_;
};

std::string Plural(size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

// Doc values plus the name tables normalised the way the parser normalises
// filter values, so offence:071 finds a store that says "71" and town
// filters ignore case whatever the store kept.
struct Searcher::Loaded {
  DocValues dv;
  Bitset present;
  std::vector<std::string> offence, outcome, source, town;
};

namespace {

// A field filter resolved against the doc values' name tables.
struct FieldMask {
  Field field = Field::kOffence;
  std::vector<uint8_t> names;  // per name index: matches
  uint8_t source_bits = 0;
  int64_t from = INT64_MIN, to = INT64_MAX;
};

}  // namespace

// One query's execution: the plan and warnings it writes, and the masks of
// its field filters.
class Searcher::Run {
 public:
  Run(Searcher& searcher, SearchResult& result)
      : s_(searcher), l_(*searcher.loaded_), result_(result) {}

  Result<Bitset> Eval(const Node& node);
  Result<Bitset> Scan(const Node& node, const Bitset& candidates);

  // Field filters for the matcher, one document at a time. Masks are cached
  // by the filter's address: valid only while the matcher that owns the
  // filters lives, so make one FieldTest per Matcher.
  FieldTest MakeFieldTest(const size_t& current) {
    auto cache = std::make_shared<std::unordered_map<const FieldFilter*, const FieldMask*>>();
    return [this, &current, cache](const FieldFilter& f) {
      auto it = cache->find(&f);
      if (it == cache->end()) it = cache->emplace(&f, &MaskFor(f)).first;
      return MatchesAt(*it->second, current);
    };
  }

 private:
  const FieldMask& MaskFor(const FieldFilter& f);
  bool MatchesAt(const FieldMask& m, size_t r) const;
  Bitset FieldSet(const Node& node);
  Result<Bitset> TextSet(const Node& node);
  // The crimes matching a compilable text subtree. With a `limit`, gives up
  // (nullopt) once the index has streamed more than `limit` hits.
  Result<std::optional<Bitset>> Index(const Node& node, size_t limit);
  Result<Bitset> Index(const Node& node);
  bool ShouldScan(size_t candidates) const;
  void Warn(std::string w) {
    for (const auto& x : result_.warnings)
      if (x == w) return;
    result_.warnings.push_back(std::move(w));
  }
  Bitset Universe() const { return l_.present; }

  Searcher& s_;
  Loaded& l_;
  SearchResult& result_;
  // By content: filters are few, and copies of one filter share a mask.
  std::deque<std::pair<FieldFilter, FieldMask>> masks_;
};

const FieldMask& Searcher::Run::MaskFor(const FieldFilter& f) {
  for (const auto& [filter, mask] : masks_)
    if (filter == f) return mask;
  FieldMask m;
  m.field = f.field;
  auto resolve = [&](const std::vector<std::string>& names) {
    m.names.assign(names.size(), 0);
    for (const auto& v : f.values) {
      bool found = false;
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == v) {
          m.names[i] = 1;
          found = true;
        }
      if (!found) {
        std::string shown = f.field == Field::kOutcome && v.empty() ? "open" : v;
        Warn(std::string(FieldName(f.field)) + ":" + shown + " matches no crime in this store");
      }
    }
  };
  switch (f.field) {
    case Field::kOffence:
      resolve(l_.offence);
      break;
    case Field::kOutcome:
      resolve(l_.outcome);
      break;
    case Field::kTown:
      resolve(l_.town);
      break;
    case Field::kSource:
      resolve(l_.source);
      for (size_t i = 0; i < m.names.size() && i < 8; ++i)
        if (m.names[i]) m.source_bits |= static_cast<uint8_t>(1u << i);
      break;
    case Field::kRecorded:
      if (f.from) m.from = f.from->DaysSinceEpoch();
      if (f.to) m.to = f.to->DaysSinceEpoch();
      break;
  }
  masks_.emplace_back(f, std::move(m));
  return masks_.back().second;
}

bool Searcher::Run::MatchesAt(const FieldMask& m, size_t r) const {
  const DocValues& dv = l_.dv;
  if (r >= dv.size() || !dv.present[r]) return false;
  switch (m.field) {
    case Field::kOffence:
      return dv.offence[r] < m.names.size() && m.names[dv.offence[r]];
    case Field::kOutcome:
      return dv.outcome[r] < m.names.size() && m.names[dv.outcome[r]];
    case Field::kTown:
      return dv.town[r] < m.names.size() && m.names[dv.town[r]];
    case Field::kSource:
      return (dv.source_mask[r] & m.source_bits) != 0;
    case Field::kRecorded:
      return dv.recorded_day[r] >= m.from && dv.recorded_day[r] <= m.to;
  }
  return false;
}

Bitset Searcher::Run::FieldSet(const Node& node) {
  const FieldMask& m = MaskFor(node.filter);
  const DocValues& dv = l_.dv;
  const size_t n = dv.size();
  Bitset out(n);
  // This loop runs over every crime: one word of 64 crimes at a time, with
  // no branches in the body, so the compiler can keep it tight.
  auto fill = [&](auto pred) {
    uint64_t* words = out.words();
    for (size_t base = 0; base < n; base += 64) {
      const size_t end = std::min(n, base + 64);
      uint64_t bits = 0;
      for (size_t r = base; r < end; ++r)
        bits |= static_cast<uint64_t>(dv.present[r] & static_cast<uint8_t>(pred(r))) << (r - base);
      words[base >> 6] = bits;
    }
  };
  // Offence and outcome indexes are 16-bit: a table of every possible index
  // needs no bounds check.
  std::vector<uint8_t> wide;
  if (m.field == Field::kOffence || m.field == Field::kOutcome) {
    wide.assign(65536, 0);
    std::copy(m.names.begin(),
              m.names.begin() + static_cast<ptrdiff_t>(std::min<size_t>(m.names.size(), 65536)),
              wide.begin());
  }
  const auto& names = m.names;
  switch (m.field) {
    case Field::kOffence:
      fill([&](size_t r) { return wide[dv.offence[r]]; });
      break;
    case Field::kOutcome:
      fill([&](size_t r) { return wide[dv.outcome[r]]; });
      break;
    case Field::kTown:
      fill([&](size_t r) { return dv.town[r] < names.size() ? names[dv.town[r]] : uint8_t{0}; });
      break;
    case Field::kSource:
      fill([&](size_t r) { return (dv.source_mask[r] & m.source_bits) != 0; });
      break;
    case Field::kRecorded:
      fill([&](size_t r) { return dv.recorded_day[r] >= m.from && dv.recorded_day[r] <= m.to; });
      break;
  }
  result_.plan.push_back("doc values " + ToString(node) + ": " + Plural(out.Count(), "crime"));
  return out;
}

bool Searcher::Run::ShouldScan(size_t candidates) const {
  if (!s_.compiler_) return true;
  switch (s_.options_.strategy) {
    case SearchOptions::Strategy::kScan:
      return true;
    case SearchOptions::Strategy::kIndex:
      return false;
    case SearchOptions::Strategy::kAuto:
      break;
  }
  double limit = std::max(static_cast<double>(s_.options_.scan_rows),
                          s_.options_.scan_fraction * static_cast<double>(l_.dv.count));
  return static_cast<double>(candidates) <= limit;
}

Result<Bitset> Searcher::Run::Scan(const Node& node, const Bitset& candidates) {
  std::vector<int64_t> rowids = candidates.Rowids();
  Matcher matcher(node);
  size_t current = 0;
  FieldTest fields = MakeFieldTest(current);
  Bitset out(l_.dv.size());
  Status st = s_.store_.ForEachText(rowids, [&](int64_t r, std::string_view text) {
    if (r < 0 || static_cast<size_t>(r) >= out.size()) return;
    current = static_cast<size_t>(r);
    if (matcher.Matches(text, fields)) out.Set(current);
  });
  if (!st.ok()) return st.error();
  result_.plan.push_back("scan " + Plural(rowids.size(), "text") + " for " + ToString(node) + ": " +
                         std::to_string(out.Count()) + " matching");
  return out;
}

// A text subtree the compiler accepts as one expression.
Result<Bitset> Searcher::Run::Index(const Node& node) {
  auto out = Index(node, std::numeric_limits<size_t>::max());
  if (!out.ok()) return out.error();
  return std::move(**out);
}

Result<std::optional<Bitset>> Searcher::Run::Index(const Node& node, size_t limit) {
  auto expr = s_.compiler_->Compile(node);
  if (!expr.ok()) return expr.error();
  Bitset out(l_.dv.size());
  size_t outside = 0, streamed = 0;
  Status st = s_.store_.ForEachTextMatch(*expr, [&](int64_t r) {
    if (r >= 0 && static_cast<size_t>(r) < out.size())
      out.Set(static_cast<size_t>(r));
    else
      ++outside;
    return ++streamed <= limit;
  });
  if (!st.ok()) return st.error();
  if (streamed > limit) {
    result_.plan.push_back("index " + *expr + ": more than " + Plural(limit, "hit") +
                           ", so scanning the candidates instead");
    return std::optional<Bitset>();
  }
  // Rows added since the doc values were loaded are not in the universe.
  out &= l_.present;
  if (outside) Warn(Plural(outside, "crime") + " newer than the loaded doc values were left out");
  result_.plan.push_back("index " + *expr + ": " + Plural(out.Count(), "crime"));
  return std::optional<Bitset>(std::move(out));
}

Result<Bitset> Searcher::Run::TextSet(const Node& node) {
  if (!s_.compiler_ || s_.options_.strategy == SearchOptions::Strategy::kScan)
    return Scan(node, Universe());
  if (s_.compiler_->CanCompile(node)) return Index(node);
  // Not one expression (a bare NOT, or an OR with a NOT inside): split into
  // the largest pieces that are, and combine the sets.
  switch (node.kind) {
    case NodeKind::kNot: {
      auto inner = TextSet(node.children.front());
      if (!inner.ok()) return inner;
      Bitset out = Universe();
      out.AndNot(*inner);
      return out;
    }
    case NodeKind::kOr: {
      std::vector<Node> compilable;
      Bitset out(l_.dv.size());
      for (const auto& c : node.children) {
        if (s_.compiler_->CanCompile(c)) {
          compilable.push_back(c);
          continue;
        }
        auto part = TextSet(c);
        if (!part.ok()) return part;
        out |= *part;
      }
      if (!compilable.empty()) {
        auto part = Index(Node::MakeBool(NodeKind::kOr, std::move(compilable)));
        if (!part.ok()) return part;
        out |= *part;
      }
      return out;
    }
    case NodeKind::kAnd: {
      std::vector<Node> positive, negative;
      std::vector<const Node*> other_positive, other_negative;
      for (const auto& c : node.children) {
        bool neg = c.kind == NodeKind::kNot;
        const Node& inner = neg ? c.children.front() : c;
        bool ok = s_.compiler_->CanCompile(inner);
        if (neg) {
          if (ok)
            negative.push_back(inner);
          else
            other_negative.push_back(&inner);
        } else {
          if (ok)
            positive.push_back(inner);
          else
            other_positive.push_back(&inner);
        }
      }
      Bitset out = Universe();
      if (!positive.empty()) {
        auto part = Index(Node::MakeBool(NodeKind::kAnd, std::move(positive)));
        if (!part.ok()) return part;
        out &= *part;
      }
      for (const Node* c : other_positive) {
        auto part = TextSet(*c);
        if (!part.ok()) return part;
        out &= *part;
      }
      if (!negative.empty()) {
        auto part = Index(Node::MakeBool(NodeKind::kOr, std::move(negative)));
        if (!part.ok()) return part;
        out.AndNot(*part);
      }
      for (const Node* c : other_negative) {
        auto part = TextSet(*c);
        if (!part.ok()) return part;
        out.AndNot(*part);
      }
      return out;
    }
    case NodeKind::kTerm:
    case NodeKind::kField:
      break;
  }
  return Error::Internal("cannot evaluate text query " + ToString(node));
}

Result<Bitset> Searcher::Run::Eval(const Node& node) {
  if (!HasText(node) && node.kind == NodeKind::kField) return FieldSet(node);
  if (!HasField(node)) return TextSet(node);
  switch (node.kind) {
    case NodeKind::kNot: {
      auto inner = Eval(node.children.front());
      if (!inner.ok()) return inner;
      Bitset out = Universe();
      out.AndNot(*inner);
      return out;
    }
    case NodeKind::kOr: {
      // Text-only operands go to the index together, as one expression.
      std::vector<Node> text;
      Bitset out(l_.dv.size());
      for (const auto& c : node.children) {
        if (!HasField(c)) {
          text.push_back(c);
          continue;
        }
        auto part = Eval(c);
        if (!part.ok()) return part;
        out |= *part;
      }
      if (!text.empty()) {
        auto part = TextSet(Node::MakeBool(NodeKind::kOr, std::move(text)));
        if (!part.ok()) return part;
        out |= *part;
      }
      return out;
    }
    case NodeKind::kAnd: {
      std::vector<const Node*> fields, mixed;
      std::vector<Node> text;
      for (const auto& c : node.children) {
        if (!HasText(c))
          fields.push_back(&c);
        else if (!HasField(c))
          text.push_back(c);
        else
          mixed.push_back(&c);
      }
      Bitset candidates = Universe();
      for (const Node* f : fields) {
        auto part = Eval(*f);
        if (!part.ok()) return part;
        candidates &= *part;
      }
      // The planner rule, by racing: stream the text side from the index, but
      // stop and read the candidates' texts once the index has cost more
      // than reading them would. Never worse than twice the better plan.
      if (!fields.empty() && mixed.empty() && !text.empty() && s_.compiler_ &&
          s_.options_.strategy == SearchOptions::Strategy::kAuto) {
        Node text_side = text.size() == 1 ? text.front() : Node::MakeBool(NodeKind::kAnd, text);
        if (s_.compiler_->CanCompile(text_side)) {
          const size_t n = candidates.Count();
          const size_t limit = static_cast<size_t>(s_.options_.index_hits_per_text * static_cast<double>(n));
          auto part = Index(text_side, limit);
          if (!part.ok()) return part.error();
          if (!part->has_value()) return Scan(text_side, candidates);
          candidates &= **part;
          return candidates;
        }
      }
      // Otherwise a narrow field side means reading its texts costs less
      // than running the text side over the whole index.
      if (!fields.empty() && ShouldScan(candidates.Count())) {
        std::vector<Node> rest = text;
        for (const Node* m : mixed) rest.push_back(*m);
        return Scan(Node::MakeBool(NodeKind::kAnd, std::move(rest)), candidates);
      }
      for (const Node* m : mixed) {
        auto part = Eval(*m);
        if (!part.ok()) return part;
        candidates &= *part;
      }
      if (text.empty()) return candidates;
      Node text_side = Node::MakeBool(NodeKind::kAnd, std::move(text));
      if (ShouldScan(candidates.Count())) return Scan(text_side, candidates);
      auto part = TextSet(text_side);
      if (!part.ok()) return part;
      candidates &= *part;
      return candidates;
    }
    case NodeKind::kTerm:
    case NodeKind::kField:
      break;
  }
  return Error::Internal("cannot evaluate query " + ToString(node));
}

Searcher::Searcher(Store& store, SearchOptions options)
    : store_(store), options_(options), compiler_(MakeTextCompiler(store.Dialect())) {}

Searcher::~Searcher() = default;

Status Searcher::Reload() {
  auto dv = store_.LoadDocValues();
  if (!dv.ok()) return dv.error();
  auto l = std::make_unique<Loaded>();
  l->dv = std::move(*dv);
  const DocValues& v = l->dv;
  l->present = Bitset(v.size());
  for (size_t r = 0; r < v.size(); ++r)
    if (v.present[r]) l->present.Set(r);
  for (const auto& n : v.offence_names) l->offence.push_back(CanonicalOffence(n));
  for (const auto& n : v.outcome_names) l->outcome.push_back(CanonicalOutcome(n));
  for (const auto& n : v.source_names) l->source.push_back(NormalizeName(n));
  for (const auto& n : v.town_names) l->town.push_back(NormalizeName(n));
  loaded_ = std::move(l);
  return {};
}

Status Searcher::EnsureLoaded() {
  if (loaded_) return {};
  return Reload();
}

Result<const DocValues*> Searcher::Values() {
  if (auto st = EnsureLoaded(); !st.ok()) return st.error();
  return &loaded_->dv;
}

Result<SearchResult> Searcher::Search(const Query& query) {
  if (auto st = EnsureLoaded(); !st.ok()) return st.error();
  SearchResult result;
  Run run(*this, result);
  Result<Bitset> set = options_.strategy == SearchOptions::Strategy::kScan && HasText(query.root)
                           ? run.Scan(query.root, loaded_->present)
                           : run.Eval(query.root);
  if (!set.ok()) return set.error();
  result.rowids = set->Rowids();
  return result;
}

Result<SearchResult> Searcher::Search(std::string_view query_text) {
  auto query = ParseQuery(query_text);
  if (!query.ok()) return query.error();
  return Search(*query);
}

Buckets Searcher::CountBy(const SearchResult& result, Bucket by) const {
  if (!loaded_) return {};
  return query::CountBy(loaded_->dv, result.rowids, by);
}

Result<std::vector<Hit>> Searcher::Hits(const SearchResult& result, const Query& query,
                                        size_t limit, const SnippetOptions& snippet) {
  if (auto st = EnsureLoaded(); !st.ok()) return st.error();
  std::vector<int64_t> ids(
      result.rowids.begin(),
      result.rowids.begin() + static_cast<ptrdiff_t>(std::min(limit, result.rowids.size())));
  std::vector<Hit> hits;
  if (ids.empty()) return hits;
  auto keys = store_.CrimeKeys(ids);
  if (!keys.ok()) return keys.error();
  if (keys->size() != ids.size())
    return Error::Internal("store returned " + std::to_string(keys->size()) + " keys for " +
                           std::to_string(ids.size()) + " crimes");
  hits.resize(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    hits[i].rowid = ids[i];
    hits[i].key = (*keys)[i];
  }
  SearchResult scratch;
  Run run(*this, scratch);
  Matcher matcher(query.root);
  size_t current = 0;
  FieldTest fields = run.MakeFieldTest(current);
  std::unordered_map<int64_t, size_t> slot;
  for (size_t i = 0; i < hits.size(); ++i) slot.emplace(hits[i].rowid, i);
  Status st = store_.ForEachText(ids, [&](int64_t r, std::string_view text) {
    auto it = slot.find(r);
    if (it == slot.end()) return;
    Hit& hit = hits[it->second];
    current = static_cast<size_t>(r);
    hit.highlights = matcher.Highlights(text, fields);
    hit.snippet = Snippet(text, hit.highlights, snippet);
  });
  if (!st.ok()) return st.error();
  return hits;
}

Buckets CountBy(const DocValues& values, const std::vector<int64_t>& rowids, Bucket by) {
  Buckets out;
  if (rowids.empty()) return out;
  // Count per day first: a few thousand distinct days stand behind even a
  // million hits, so the date arithmetic runs once per day, not per hit.
  // A rowid the doc values do not know (a caller's stale list) is counted
  // under "?" rather than dropped, so totals still add up and it shows.
  auto known = [&](int64_t r) {
    return r >= 0 && static_cast<size_t>(r) < values.size() &&
           values.present[static_cast<size_t>(r)];
  };
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (int64_t r : rowids) {
    if (!known(r)) {
      ++out["?"];
      continue;
    }
    int32_t d = values.recorded_day[static_cast<size_t>(r)];
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  if (lo > hi) return out;
  std::vector<int64_t> per_day(static_cast<size_t>(static_cast<int64_t>(hi) - lo + 1), 0);
  for (int64_t r : rowids)
    if (known(r)) ++per_day[static_cast<size_t>(values.recorded_day[static_cast<size_t>(r)] - lo)];
  for (size_t i = 0; i < per_day.size(); ++i) {
    if (!per_day[i]) continue;
    Date d = Date::FromDaysSinceEpoch(static_cast<int64_t>(lo) + static_cast<int64_t>(i));
    std::string key;
    switch (by) {
      case Bucket::kYear: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%04d", d.year);
        key = buf;
        break;
      }
      case Bucket::kFinancialYear:
        key = d.FinancialYear();
        break;
      case Bucket::kMonth:
        key = d.YearMonth();
        break;
    }
    out[key] += per_day[i];
  }
  return out;
}

}  // namespace foidesk::query
