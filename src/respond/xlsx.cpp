#include "respond/xlsx.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace foidesk::respond {
namespace {

// A cell that is a whole number is written as a number, so a reader can sum
// it; "*", "Suppressed" and words stay text.
bool WholeNumber(const std::string& s, double& v) {
  if (s.empty() || s.size() > 15) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  v = std::stod(s);
  return true;
}

}  // namespace

Result<std::string> XlsxBytes(const tables::PublicTable& table, const std::string& title,
                              const Date& created, const std::string& scratch_path) {
  lxw_workbook* wb = workbook_new(scratch_path.c_str());
  if (!wb) return Error::Io(scratch_path + ": cannot create the XLSX workbook");
  lxw_doc_properties props{};
  std::string title_copy = title;
  props.title = title_copy.data();
  props.created = static_cast<time_t>(created.DaysSinceEpoch()) * 86400;
  workbook_set_properties(wb, &props);
  std::string sheet_name = table.name.empty() ? "Table" : table.name;
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t c = 0; c < table.header.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(), bold);
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (size_t c = 0; c < table.rows[r].size(); ++c) {
      const std::string& cell = table.rows[r][c];
      double v;
      const auto row = static_cast<lxw_row_t>(r + 1);
      const auto col = static_cast<lxw_col_t>(c);
      if (WholeNumber(cell, v)) {
        worksheet_write_number(ws, row, col, v, nullptr);
      } else if (!cell.empty()) {
        worksheet_write_string(ws, row, col, cell.c_str(), nullptr);
      }
    }
  // Headers stay in view when scrolling; columns wide enough to read.
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(std::max<size_t>(table.header.size(), 1) - 1), 14, nullptr);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return Error::Io(scratch_path + ": writing the XLSX workbook: " + lxw_strerror(err));
  std::ifstream in(scratch_path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::error_code ec;
  std::filesystem::remove(scratch_path, ec);
  if (!in.good() && !in.eof()) return Error::Io(scratch_path + ": cannot read the XLSX workbook back");
  return bytes.str();
}

}  // namespace foidesk::respond
