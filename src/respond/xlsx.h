// A published table as an XLSX workbook (libxlsxwriter): one visible sheet
// holding exactly the published cells, header row bold, whole numbers as
// numbers; no hidden sheets, rows or columns, no comments, no pivot caches.
// The creation time is the response date, so the same inputs give the same
// bytes.
#pragma once

#include <string>

#include "model/date.h"
#include "model/result.h"
#include "tables/tables.h"

namespace foidesk::respond {

// The workbook's bytes. libxlsxwriter writes to a file: `scratch_path` is
// used and removed. `title` becomes the document title (no personal data).
Result<std::string> XlsxBytes(const tables::PublicTable& table, const std::string& title,
                              const Date& created, const std::string& scratch_path);

}  // namespace foidesk::respond
