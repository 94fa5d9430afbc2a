#include "review/labelled_data.h"

#include <algorithm>
#include <fstream>
#include <unordered_set>

#include "model/csv.h"

namespace foidesk::review {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::string DuplicateKey(const std::string& title, const std::string& abstract) {
  std::string key;
  for (unsigned char c : title + abstract)
    if (std::isalnum(c) || c >= 0x80) key += static_cast<char>(std::tolower(c));
  return key;
}

}  // namespace

int64_t LabelledData::relevant() const { return std::count(labels.begin(), labels.end(), 1); }

Result<LabelledData> ReadLabelledCsv(const std::string& path, bool clean) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot open the data file");
  SkipUtf8Bom(in);
  CsvReader reader(in);
  CsvRecord rec;
  int title = -1, body = -1, label = -1;
  std::string label_name;
  bool header = true;
  LabelledData out;
  std::unordered_set<std::string> seen;
  while (reader.Next(rec)) {
    const std::string where = path + ":" + std::to_string(rec.line);
    if (rec.malformed) return Error::InvalidInput(where + ": " + rec.problem);
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    if (header) {
      header = false;
      for (size_t i = 0; i < rec.fields.size(); ++i) {
        const std::string name = Lower(rec.fields[i]);
        const int col = static_cast<int>(i);
        if (name == "title") title = col;
        if (name == "abstract" || (name == "text" && body < 0)) body = col;
        if (name == "label_included" || (name == "label" && label < 0)) label = col, label_name = name;
      }
      if (body < 0 && title < 0)
        return Error::InvalidInput(where + ": no 'title', 'abstract' or 'text' column");
      if (label < 0) return Error::InvalidInput(where + ": no 'label_included' or 'label' column");
      continue;
    }
    ++out.rows_read;
    auto field = [&](int col) -> std::string {
      return col >= 0 && col < static_cast<int>(rec.fields.size()) ? rec.fields[col] : "";
    };
    if (label >= static_cast<int>(rec.fields.size()))
      return Error::InvalidInput(where + ": column " + label_name + ": missing (" +
                                 std::to_string(rec.fields.size()) + " fields)");
    const std::string l = field(label);
    if (l != "0" && l != "1")
      return Error::InvalidInput(where + ": column " + label_name + ": expected 0 or 1");
    const std::string t = field(title), b = field(body);
    if (clean && Blank(body >= 0 ? b : t)) {
      ++out.dropped_empty;
      continue;
    }
    if (clean && !seen.insert(DuplicateKey(t, b)).second) {
      ++out.dropped_duplicates;
      continue;
    }
    out.texts.push_back(t.empty() ? b : b.empty() ? t : t + "\n" + b);
    out.labels.push_back(l == "1" ? 1 : 0);
  }
  if (header) return Error::InvalidInput(path + ": empty file, expected a header line");
  return out;
}

Result<LabelledData> ReadLabelledCrimes(Store& store, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(path + ": cannot open the labels file");
  SkipUtf8Bom(in);
  CsvReader reader(in);
  CsvRecord rec;
  int id_col = -1, rel_col = -1;
  bool header = true;
  std::vector<std::pair<int64_t, uint8_t>> rows;  // rowid, label
  while (reader.Next(rec)) {
    const std::string where = path + ":" + std::to_string(rec.line);
    if (rec.malformed) return Error::InvalidInput(where + ": " + rec.problem);
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    if (header) {
      header = false;
      for (size_t i = 0; i < rec.fields.size(); ++i) {
        const std::string name = Lower(rec.fields[i]);
        if (name == "crime_id") id_col = static_cast<int>(i);
        if (name == "relevant" || name == "label") rel_col = static_cast<int>(i);
      }
      if (id_col < 0 || rel_col < 0)
        return Error::InvalidInput(where + ": expected columns 'crime_id' and 'relevant'");
      continue;
    }
    if (std::max(id_col, rel_col) >= static_cast<int>(rec.fields.size()))
      return Error::InvalidInput(where + ": expected at least " + std::to_string(std::max(id_col, rel_col) + 1) +
                                 " fields, found " + std::to_string(rec.fields.size()));
    const std::string v = Lower(rec.fields[rel_col]);
    uint8_t label;
    if (v == "1" || v == "yes" || v == "y" || v == "true") {
      label = 1;
    } else if (v == "0" || v == "no" || v == "n" || v == "false") {
      label = 0;
    } else {
      return Error::InvalidInput(where + ": column relevant: expected 1 or 0, yes or no");
    }
    auto rowid = store.ResolveCrimeId(rec.fields[id_col]);
    if (!rowid.ok()) return rowid.error();
    if (!*rowid) return Error::NotFound(where + ": column crime_id: no such crime in the store");
    rows.emplace_back(**rowid, label);
  }
  if (header) return Error::InvalidInput(path + ": empty file, expected a header line");
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             rows.end());
  LabelledData out;
  out.rows_read = static_cast<int64_t>(rows.size());
  std::vector<int64_t> ids;
  for (auto& [id, label] : rows) {
    ids.push_back(id);
    out.labels.push_back(label);
  }
  out.texts.reserve(ids.size());
  if (auto s = store.ForEachText(ids, [&](int64_t, std::string_view text) { out.texts.emplace_back(text); });
      !s.ok())
    return s.error();
  if (out.texts.size() != out.labels.size())
    return Error::Internal(path + ": the store returned " + std::to_string(out.texts.size()) +
                           " texts for " + std::to_string(out.labels.size()) + " crimes");
  return out;
}

}  // namespace foidesk::review
