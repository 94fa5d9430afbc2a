// Mapping rules shared by every source format (see record_mapper.h).
#include "ingest/record_mapper.h"

#include <charconv>

#include "ingest/hash.h"

namespace foidesk::ingest {
namespace {

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
    --e;
  return s.substr(b, e - b);
}

// A value may be quoted in a finding only when it cannot be personal data:
// dates and timestamps are digits and separators; codes are short.
bool QuotableDate(std::string_view v) {
  if (v.empty() || v.size() > 32) return false;
  for (char c : v)
    if (!((c >= '0' && c <= '9') || c == '/' || c == '-' || c == ':' || c == '+' || c == '.' ||
          c == ' ' || c == 'T' || c == 'Z'))
      return false;
  return true;
}

bool QuotableCode(std::string_view v) {
  if (v.empty() || v.size() > 8) return false;
  for (char c : v)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
          c == '.'))
      return false;
  return true;
}

// Whether `v` has the shape of `pattern` (digits where digits go), so that
// a failed parse means an impossible date rather than another format.
bool ShapeMatches(std::string_view v, std::string_view pattern) {
  size_t pos = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size()) {
      size_t n = pattern[++i] == 'Y' ? 4 : 2;
      if (pos + n > v.size()) return false;
      for (size_t k = 0; k < n; ++k)
        if (v[pos + k] < '0' || v[pos + k] > '9') return false;
      pos += n;
    } else {
      if (pos >= v.size() || v[pos] != pattern[i]) return false;
      ++pos;
    }
  }
  return pos == v.size();
}

bool ParseAge(std::string_view v, int& out) {
  if (v.empty() || v.size() > 3) return false;
  int age = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), age);
  if (ec != std::errc() || p != v.data() + v.size() || age < 0 || age > 130) return false;
  out = age;
  return true;
}

void HashDate(Hasher& h, const std::optional<Date>& d) {
  h.AddInt(d ? d->DaysSinceEpoch() : INT64_MIN);
}

// Content hash of everything the record contributes to a crime.
std::string ContentHash(const Crime& c, std::string_view id, std::string_view legacy_ref) {
  Hasher h;
  h.Add(id);
  h.Add(legacy_ref);
  HashDate(h, c.recorded);
  HashDate(h, c.committed_from);
  for (const std::string* s : {&c.offence, &c.offence_subclass, &c.offence_title, &c.town, &c.beat,
                               &c.lsoa, &c.text, &c.outcome_type})
    h.Add(*s);
  HashDate(h, c.outcome_date);
  h.AddInt(static_cast<int64_t>(c.people.size()));
  for (const auto& p : c.people) {
    h.Add(p.role);
    h.Add(p.surname);
    h.Add(p.forenames);
    HashDate(h, p.dob);
    h.AddInt(p.stated_age ? *p.stated_age : -1);
    h.AddInt(static_cast<int64_t>(p.online_ids.size()));
    for (const auto& o : p.online_ids) h.Add(o);
  }
  return h.Hex();
}

}  // namespace

RecordMapper::RecordMapper(const Mapping& mapping, const CodeLists& codes)
    : mapping_(mapping), codes_(codes) {
  if (!mapping.offence_codes.empty()) {
    auto it = codes.offences.find(mapping.offence_codes);
    if (it != codes.offences.end()) offences_ = &it->second;
  }
}

bool RecordMapper::Reject(std::string field, std::string reason) {
  field_ = std::move(field);
  reason_ = std::move(reason);
  return false;
}

bool RecordMapper::ReadDate(const FieldSource& f, std::string_view value, const std::string& name,
                            std::optional<Date>& out) {
  out.reset();
  value = Trim(value);
  if (value.empty()) return true;
  const DateFormat& fmt = f.date;
  if (fmt.kind == DateFormat::Kind::kIsoLocalDate) {
    out = LocalDateOfTimestamp(value);
    if (out) return true;
    if (f.personal)
      return Reject(name, "bad timestamp in " + name + " (expected " + fmt.display + ")");
    if (!QuotableDate(value))
      return Reject(name, "bad timestamp in " + name + " (expected " + fmt.display + ")");
    return Reject(name, "bad timestamp " + std::string(value) + " in " + name + " (expected " +
                            fmt.display + ")");
  }
  if (fmt.month_only) {
    month_buffer_.assign(value);
    month_buffer_ += "|01";
    out = ParseDatePattern(month_buffer_, fmt.pattern + "|%d");
  } else {
    out = ParseDatePattern(value, fmt.pattern);
  }
  if (out) return true;
  bool shaped = ShapeMatches(value, fmt.pattern);
  std::string shown = f.personal || !QuotableDate(value) ? "" : std::string(value) + " ";
  if (shaped) return Reject(name, "impossible date " + shown + "in " + name);
  return Reject(name, "date " + shown + "in " + name + " is not in the form " + fmt.display);
}

bool RecordMapper::ReadScalar(RecordFields& in, Field field, std::string_view& out) {
  const FieldSource& f = mapping_.field(field);
  out = {};
  if (!f.mapped()) return true;
  Value v = in.Get(f);
  if (v.bad) return Reject(f.from, f.from + " is not a single value");
  out = Trim(v.text);
  if (out.empty() && mapping_.is_required(field)) return Reject(f.from, "missing " + f.from);
  return true;
}

bool RecordMapper::FinishPerson(Person& p, Value dob, Value age, const std::string& dob_name,
                                const std::string& age_name) {
  if (dob.bad) return Reject(dob_name, dob_name + " is not a single value");
  if (age.bad) return Reject(age_name, age_name + " is not a single value");
  const FieldSource& dob_field = mapping_.has_people ? mapping_.person.dob : mapping_.victim.dob;
  if (!ReadDate(dob_field, dob.text, dob_name, p.dob)) return false;
  std::string_view a = Trim(age.text);
  p.stated_age.reset();
  if (!a.empty()) {
    int n = 0;
    if (!ParseAge(a, n)) return Reject(age_name, age_name + " is not an age in whole years");
    p.stated_age = n;
  }
  return true;
}

bool RecordMapper::ReadVictim(RecordFields& in, Crime& crime) {
  const PersonMap& pm = mapping_.victim;
  auto get = [&](const FieldSource& f) { return f.mapped() ? in.Get(f) : Value{}; };
  Value surname = get(pm.surname), forenames = get(pm.forenames), dob = get(pm.dob),
        age = get(pm.age), ids = get(pm.online_ids);
  if (surname.bad || forenames.bad || ids.bad)
    return Reject("victim", "a victim field is not a single value");
  if (Trim(surname.text).empty() && Trim(forenames.text).empty() && Trim(dob.text).empty() &&
      Trim(age.text).empty() && Trim(ids.text).empty())
    return true;  // no victim recorded
  Person& p = crime.people.emplace_back();
  p.role = "victim";
  p.surname.assign(Trim(surname.text));
  p.forenames.assign(Trim(forenames.text));
  if (!Trim(ids.text).empty()) p.online_ids.emplace_back(Trim(ids.text));
  return FinishPerson(p, dob, age, pm.dob.from, pm.age.from);
}

bool RecordMapper::ReadPeople(RecordFields& in, Crime& crime) {
  const std::string& array = mapping_.people.from;
  int64_t n = in.PeopleCount(mapping_.people);
  if (n < 0) return Reject(array, array + " is not a list");
  const PersonMap& pm = mapping_.person;
  std::string prefix;
  for (int64_t i = 0; i < n; ++i) {
    prefix = array + "[" + std::to_string(i) + "].";
    auto get = [&](const FieldSource& f) { return f.mapped() ? in.GetPerson(i, f) : Value{}; };
    Value role = get(pm.role);
    if (role.bad)
      return Reject(prefix + pm.role.from,
                    array + "[" + std::to_string(i) + "] is not an object with a role");
    Person& p = crime.people.emplace_back();
    std::string_view r = Trim(role.text);
    auto code = mapping_.role_codes.find(std::string(r));
    if (code != mapping_.role_codes.end())
      p.role = code->second;
    else
      p.role.assign(r);
    Value surname = get(pm.surname), forenames = get(pm.forenames);
    if (surname.bad || forenames.bad)
      return Reject(prefix + "surname",
                    "a name in " + array + "[" + std::to_string(i) + "] is not a single value");
    p.surname.assign(Trim(surname.text));
    p.forenames.assign(Trim(forenames.text));
    if (pm.online_ids.mapped() && !in.GetPersonList(i, pm.online_ids, p.online_ids))
      return Reject(prefix + pm.online_ids.from,
                    prefix + pm.online_ids.from + " is not a list of strings");
    if (!FinishPerson(p, get(pm.dob), get(pm.age), prefix + pm.dob.from, prefix + pm.age.from))
      return false;
  }
  return true;
}

bool RecordMapper::Map(RecordFields& in, const std::string& file, int64_t line, MappedRecord& out,
                       Finding& rejection) {
  out.mapping = &mapping_;
  out.warnings.clear();
  Crime& c = out.crime;
  c.rowid = 0;
  c.people.clear();
  c.refs.resize(1);
  file_ = &file;
  line_ = line;
  bool ok = [&] {
    std::string_view id, legacy_ref, v;
    if (!ReadScalar(in, Field::kId, id)) return false;
    if (!ReadScalar(in, Field::kLegacyRef, legacy_ref)) return false;

    const FieldSource& rec = mapping_.field(Field::kRecorded);
    if (!ReadScalar(in, Field::kRecorded, v)) return false;
    std::optional<Date> recorded;
    if (!ReadDate(rec, v, rec.from, recorded)) return false;
    c.recorded = *recorded;  // required, so present
    if (!ReadScalar(in, Field::kCommittedFrom, v)) return false;
    if (!ReadDate(mapping_.field(Field::kCommittedFrom), v,
                  mapping_.field(Field::kCommittedFrom).from, c.committed_from))
      return false;
    if (!ReadScalar(in, Field::kOutcomeDate, v)) return false;
    if (!ReadDate(mapping_.field(Field::kOutcomeDate), v, mapping_.field(Field::kOutcomeDate).from,
                  c.outcome_date))
      return false;

    for (auto [field, target] :
         {std::pair{Field::kOffenceSubclass, &c.offence_subclass},
          std::pair{Field::kOffenceTitle, &c.offence_title}, std::pair{Field::kTown, &c.town},
          std::pair{Field::kBeat, &c.beat}, std::pair{Field::kLsoa, &c.lsoa}}) {
      if (!ReadScalar(in, field, v)) return false;
      target->assign(v);
    }

    if (!ReadScalar(in, Field::kOffence, v)) return false;
    c.offence = v.empty() ? std::string() : CanonicalOffence(std::string(v));
    if (offences_ && !c.offence.empty() && !offences_->count(c.offence)) {
      const std::string& name = mapping_.field(Field::kOffence).from;
      return Reject(name, QuotableCode(v)
                              ? "unknown offence code " + std::string(v) + " in " + name
                              : "unknown offence code in " + name + " (value not shown)");
    }

    if (!ReadScalar(in, Field::kOutcome, v)) return false;
    const std::string& oname = mapping_.field(Field::kOutcome).from;
    if (v.empty()) {
      c.outcome_type.clear();
    } else if (mapping_.has_outcome_codes) {
      auto it = mapping_.outcome_codes.find(std::string(v));
      if (it == mapping_.outcome_codes.end())
        return Reject(oname, QuotableCode(v)
                                 ? "unknown outcome code " + std::string(v) + " in " + oname
                                 : "unknown outcome code in " + oname + " (value not shown)");
      c.outcome_type = it->second;
    } else {
      c.outcome_type.assign(v);
      if (!codes_.outcomes.Has(c.outcome_type))
        return Reject(oname,
                      QuotableCode(v)
                          ? "unknown Home Office outcome type " + std::string(v) + " in " + oname
                          : "unknown Home Office outcome type in " + oname + " (value not shown)");
    }

    if (mapping_.has_victim && !ReadVictim(in, c)) return false;
    if (mapping_.has_people && !ReadPeople(in, c)) return false;

    c.text.clear();
    for (const auto& f : mapping_.text) {
      Value t = in.Get(f);
      if (t.bad) return Reject(f.from, f.from + " is not text");
      if (t.text.empty()) continue;
      if (!c.text.empty()) c.text += mapping_.text_separator;
      c.text.append(t.text);
    }

    // Keys and the source reference.
    c.key.assign(legacy_ref.empty() ? id : legacy_ref);
    SourceRef& ref = c.refs[0];
    ref.source = mapping_.name;
    ref.id.assign(id);
    ref.file = file;
    ref.line = line;
    ref.hash = ContentHash(c, id, legacy_ref);
    return true;
  }();
  if (!ok) {
    rejection.kind = FindingKind::kRejected;
    rejection.file = file;
    rejection.line = line;
    rejection.field = std::move(field_);
    rejection.reason = std::move(reason_);
    return false;
  }

  // The stated age should match the date of birth, on the offence date or
  // on the recording date (when it was stated); the date of birth wins.
  for (size_t i = 0; i < c.people.size(); ++i) {
    const Person& p = c.people[i];
    if (!p.dob || !p.stated_age) continue;
    int on_offence = AgeOn(*p.dob, c.committed_from.value_or(c.recorded));
    int on_recorded = AgeOn(*p.dob, c.recorded);
    if (*p.stated_age == on_offence || *p.stated_age == on_recorded) continue;
    std::string age_name, dob_name;
    if (mapping_.has_people) {
      std::string prefix = mapping_.people.from + "[" + std::to_string(i) + "].";
      age_name = prefix + mapping_.person.age.from;
      dob_name = prefix + mapping_.person.dob.from;
    } else {
      age_name = mapping_.victim.age.from;
      dob_name = mapping_.victim.dob.from;
    }
    out.warnings.push_back(Finding{
        FindingKind::kWarning, file, line, age_name,
        age_name + " disagrees with " + dob_name + "; loaded with the age from the date of birth"});
  }
  return true;
}

}  // namespace foidesk::ingest
