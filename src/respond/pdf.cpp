#include "respond/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace foidesk::respond {

PdfBlock PdfBlock::Heading(std::string text) {
  PdfBlock b;
  b.kind = Kind::kHeading;
  b.text = std::move(text);
  return b;
}

PdfBlock PdfBlock::Paragraph(std::string text) {
  PdfBlock b;
  b.kind = Kind::kParagraph;
  b.text = std::move(text);
  return b;
}

PdfBlock PdfBlock::Table(std::string caption, std::vector<std::string> header,
                         std::vector<std::vector<std::string>> rows) {
  PdfBlock b;
  b.kind = Kind::kTable;
  b.text = std::move(caption);
  b.header = std::move(header);
  b.rows = std::move(rows);
  return b;
}

PdfBlock PdfBlock::BarChart(std::string caption, std::vector<std::string> labels,
                            std::vector<std::string> values) {
  PdfBlock b;
  b.kind = Kind::kBarChart;
  b.text = std::move(caption);
  b.labels = std::move(labels);
  b.values = std::move(values);
  return b;
}

namespace {

// A4 in points; margins as a plain letter.
constexpr double kPageW = 595.276;
constexpr double kPageH = 841.89;
constexpr double kMargin = 56.0;
constexpr double kContentW = kPageW - 2 * kMargin;
// Body text stops above the footer line.
constexpr double kBottom = kPageH - kMargin - 16.0;
constexpr double kFooterY = kPageH - kMargin + 4.0;
constexpr double kCellPad = 4.0;

// One family, named exactly: a fallback font would change the bytes.
constexpr const char* kFamily = "DejaVu Sans";
constexpr const char* kBody = "DejaVu Sans 10";
constexpr const char* kBold = "DejaVu Sans Bold 10";
constexpr const char* kSmall = "DejaVu Sans 8.5";
constexpr const char* kSmallBold = "DejaVu Sans Bold 8.5";
constexpr const char* kSmallItalic = "DejaVu Sans Oblique 8.5";
constexpr const char* kHeadingFont = "DejaVu Sans Bold 12";
constexpr const char* kTitleFont = "DejaVu Sans Bold 13";
constexpr const char* kForceFont = "DejaVu Sans Bold 16";

// Police navy for bars and the letterhead rule; greys for table lines.
constexpr double kNavy[3] = {0.12, 0.23, 0.37};

struct GObjectUnref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

constexpr const char* kMonths[12] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

std::string LongDate(const Date& d) {
  if (d.month < 1 || d.month > 12) return d.Iso();
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

// "1,234" or "56": a count the chart can draw. Anything else is shown as text.
bool CountValue(const std::string& s, double& v) {
  std::string digits;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ',') {
      return false;
    }
  }
  if (digits.empty() || digits.size() > 15) return false;
  v = std::stod(digits);
  return true;
}

bool Numeric(const std::string& s) {
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != ',' && c != '.' && c != '%' && c != '-') {
      return false;
    }
  }
  return digit;
}

// A column of counts reads best right-aligned, header included; a hidden
// cell ("*", "Suppressed") in it does not make it a text column.
bool RightAligned(const std::vector<std::vector<std::string>>& rows, size_t col) {
  bool any = false;
  for (const auto& row : rows) {
    if (col >= row.size() || row[col].empty() || row[col] == "*" || row[col] == "Suppressed") continue;
    if (!Numeric(row[col])) return false;
    any = true;
  }
  return any;
}

// Lays out and (in the second pass) draws the document. The first pass
// draws nothing and only counts pages, so the footer can say "of M".
class Renderer {
 public:
  Renderer(cairo_t* cr, PangoContext* ctx, const PdfDocument& doc, bool draw, int total_pages)
      : cr_(cr), ctx_(ctx), doc_(doc), draw_(draw), total_pages_(total_pages) {}

  int Run() {
    y_ = kMargin;
    Letterhead();
    for (const PdfBlock& b : doc_.blocks) {
      switch (b.kind) {
        case PdfBlock::Kind::kHeading: Heading(b.text); break;
        case PdfBlock::Kind::kParagraph: Paragraph(b.text, kBody); break;
        case PdfBlock::Kind::kTable: Table(b); break;
        case PdfBlock::Kind::kBarChart: Chart(b); break;
      }
    }
    Footer();
    if (draw_) cairo_show_page(cr_);
    return page_;
  }

 private:
  // width <= 0: one unwrapped line.
  LayoutPtr Make(const std::string& text, const char* font, double width,
                 PangoAlignment align = PANGO_ALIGN_LEFT) const {
    LayoutPtr l(pango_layout_new(ctx_));
    PangoFontDescription* fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l.get(), fd);
    pango_font_description_free(fd);
    if (width > 0) {
      pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_text(l.get(), text.c_str(), static_cast<int>(text.size()));
    return l;
  }

  static double Height(PangoLayout* l) {
    PangoRectangle logical;
    pango_layout_get_extents(l, nullptr, &logical);
    return static_cast<double>(logical.height) / PANGO_SCALE;
  }

  static double Width(PangoLayout* l) {
    PangoRectangle logical;
    pango_layout_get_extents(l, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }

  void Show(PangoLayout* l, double x, double y, double grey = 0.0) {
    if (!draw_) return;
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  void NewPage() {
    Footer();
    if (draw_) cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  void Footer() {
    if (!draw_) return;
    LayoutPtr ref = Make(doc_.reference, kSmall, kContentW / 2);
    Show(ref.get(), kMargin, kFooterY, 0.3);
    LayoutPtr num = Make("Page " + std::to_string(page_) + " of " + std::to_string(total_pages_), kSmall,
                         kContentW / 2, PANGO_ALIGN_RIGHT);
    Show(num.get(), kMargin + kContentW / 2, kFooterY, 0.3);
    cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMargin, kFooterY - 4);
    cairo_line_to(cr_, kMargin + kContentW, kFooterY - 4);
    cairo_stroke(cr_);
  }

  static std::string Joined(const std::vector<std::string>& lines) {
    std::string s;
    for (size_t i = 0; i < lines.size(); ++i) s += (i ? "\n" : "") + lines[i];
    return s;
  }

  void Letterhead() {
    const PdfLetterhead& lh = doc_.letterhead;
    if (!lh.force_name.empty()) {
      LayoutPtr name = Make(lh.force_name, kForceFont, kContentW);
      if (draw_) {
        cairo_set_source_rgb(cr_, kNavy[0], kNavy[1], kNavy[2]);
        cairo_move_to(cr_, kMargin, y_);
        pango_cairo_show_layout(cr_, name.get());
      }
      y_ += Height(name.get()) + 6;
    }
    // Address on the left, contact details on the right, as on headed paper.
    LayoutPtr address = Make(Joined(lh.address_lines), kSmall, kContentW / 2);
    LayoutPtr contact = Make(Joined(lh.contact_lines), kSmall, kContentW / 2, PANGO_ALIGN_RIGHT);
    Show(address.get(), kMargin, y_, 0.2);
    Show(contact.get(), kMargin + kContentW / 2, y_, 0.2);
    y_ += std::max(Height(address.get()), Height(contact.get())) + 8;
    if (draw_) {
      cairo_set_source_rgb(cr_, kNavy[0], kNavy[1], kNavy[2]);
      cairo_set_line_width(cr_, 1.0);
      cairo_move_to(cr_, kMargin, y_);
      cairo_line_to(cr_, kMargin + kContentW, y_);
      cairo_stroke(cr_);
    }
    y_ += 14;
    LayoutPtr ref = Make("Our reference: " + doc_.reference, kBody, kContentW * 0.6);
    const std::string date = doc_.date_line.empty() ? LongDate(doc_.date) : doc_.date_line;
    LayoutPtr when = Make(date, kBody, kContentW * 0.4, PANGO_ALIGN_RIGHT);
    Show(ref.get(), kMargin, y_);
    Show(when.get(), kMargin + kContentW * 0.6, y_);
    y_ += std::max(Height(ref.get()), Height(when.get())) + 18;
    if (!doc_.title.empty()) {
      LayoutPtr title = Make(doc_.title, kTitleFont, kContentW);
      Flow(title.get(), kMargin);
      y_ += 10;
    }
  }

  // Draws a wrapped layout line by line, turning the page between lines.
  void Flow(PangoLayout* l, double x) {
    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double h = static_cast<double>(logical.height) / PANGO_SCALE;
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
      if (y_ + h > kBottom) NewPage();
      if (draw_) {
        cairo_set_source_rgb(cr_, 0, 0, 0);
        // Line extents are relative to the layout; alignment shifts x.
        cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, y_ + baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      }
      y_ += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void Heading(const std::string& text) {
    LayoutPtr l = Make(text, kHeadingFont, kContentW);
    y_ += 8;
    // Keep a heading with the first lines after it.
    if (y_ + Height(l.get()) + 40 > kBottom) NewPage();
    Flow(l.get(), kMargin);
    y_ += 4;
  }

  void Paragraph(const std::string& text, const char* font) {
    LayoutPtr l = Make(text, font, kContentW);
    Flow(l.get(), kMargin);
    y_ += 8;
  }

  struct Row {
    std::vector<LayoutPtr> cells;
    double height = 0;
  };

  Row MakeRow(const std::vector<std::string>& cells, const std::vector<double>& widths,
              const std::vector<bool>& right, const char* font) const {
    Row r;
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string text = c < cells.size() ? cells[c] : "";
      r.cells.push_back(Make(text, font, widths[c] - 2 * kCellPad, right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT));
      r.height = std::max(r.height, Height(r.cells.back().get()) + 2 * kCellPad);
    }
    return r;
  }

  void DrawRow(const Row& r, const std::vector<double>& widths, bool header) {
    if (draw_) {
      double x = kMargin;
      cairo_set_line_width(cr_, 0.5);
      for (size_t c = 0; c < widths.size(); ++c) {
        cairo_rectangle(cr_, x, y_, widths[c], r.height);
        if (header) {
          cairo_set_source_rgb(cr_, 0.87, 0.89, 0.92);
          cairo_fill_preserve(cr_);
        }
        cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
        cairo_stroke(cr_);
        Show(r.cells[c].get(), x + kCellPad, y_ + kCellPad);
        x += widths[c];
      }
    }
    y_ += r.height;
  }

  void Table(const PdfBlock& b) {
    size_t ncols = b.header.size();
    for (const auto& row : b.rows) ncols = std::max(ncols, row.size());
    if (ncols == 0) return;
    // Column widths from content: the natural width of the widest cell.
    // When the table would not fit, narrow columns keep their width and the
    // wide ones share what is left, wrapping their text.
    std::vector<double> widths(ncols, 2 * kCellPad + 12);
    auto widen = [&](const std::vector<std::string>& cells, const char* font) {
      for (size_t c = 0; c < cells.size(); ++c) {
        LayoutPtr l = Make(cells[c], font, 0);
        widths[c] = std::max(widths[c], std::ceil(Width(l.get())) + 2 * kCellPad + 1);
      }
    };
    widen(b.header, kSmallBold);
    for (const auto& row : b.rows) widen(row, kSmall);
    double total = 0;
    for (double w : widths) total += w;
    if (total > kContentW) {
      std::vector<bool> kept(ncols, false);
      double left = kContentW;
      size_t open = ncols;
      for (bool changed = true; changed && open > 0;) {
        changed = false;
        const double share = left / static_cast<double>(open);
        for (size_t c = 0; c < ncols; ++c)
          if (!kept[c] && widths[c] <= share) {
            kept[c] = true;
            left -= widths[c];
            --open;
            changed = true;
          }
      }
      double wide = 0;
      for (size_t c = 0; c < ncols; ++c)
        if (!kept[c]) wide += widths[c];
      for (size_t c = 0; c < ncols; ++c)
        if (!kept[c]) widths[c] = widths[c] * left / wide;
    }

    std::vector<bool> right(ncols);
    for (size_t c = 0; c < ncols; ++c) right[c] = RightAligned(b.rows, c);
    Row header = MakeRow(b.header, widths, right, kSmallBold);
    std::vector<Row> rows;
    for (const auto& cells : b.rows) rows.push_back(MakeRow(cells, widths, right, kSmall));
    const bool has_header = !b.header.empty();
    LayoutPtr caption = Make(b.text, kBold, kContentW);
    const double caption_h = b.text.empty() ? 0 : Height(caption.get()) + 4;
    // Keep the caption with the header and the first row.
    const double first = (has_header ? header.height : 0) + (rows.empty() ? 0 : rows[0].height);
    if (y_ + caption_h + first > kBottom) NewPage();
    if (!b.text.empty()) {
      Show(caption.get(), kMargin, y_);
      y_ += caption_h;
    }
    if (has_header) DrawRow(header, widths, true);
    for (const Row& r : rows) {
      if (y_ + r.height > kBottom) {
        NewPage();
        if (!b.text.empty()) {
          LayoutPtr cont = Make(b.text + " (continued)", kSmallItalic, kContentW);
          Show(cont.get(), kMargin, y_, 0.3);
          y_ += Height(cont.get()) + 4;
        }
        // The header row repeats on every page the table spans.
        if (has_header) DrawRow(header, widths, true);
      }
      DrawRow(r, widths, false);
    }
    y_ += 12;
  }

  void Chart(const PdfBlock& b) {
    const size_t n = std::min(b.labels.size(), b.values.size());
    if (n == 0) return;
    LayoutPtr caption = Make(b.text, kBold, kContentW);
    const double caption_h = b.text.empty() ? 0 : Height(caption.get()) + 6;
    constexpr double kPlotH = 150, kAxisW = 40, kAbove = 14, kBelow = 28;
    if (y_ + caption_h + kAbove + kPlotH + kBelow > kBottom) NewPage();
    if (!b.text.empty()) {
      Show(caption.get(), kMargin, y_);
      y_ += caption_h;
    }
    std::vector<double> v(n, 0);
    std::vector<bool> shown(n, false);
    double max = 0;
    for (size_t i = 0; i < n; ++i) {
      shown[i] = CountValue(b.values[i], v[i]);
      if (shown[i]) max = std::max(max, v[i]);
    }
    // Axis step of 1, 2 or 5 times a power of ten, about five gridlines.
    double step = 1;
    if (max > 0) {
      const double raw = max / 5;
      const double mag = std::pow(10.0, std::floor(std::log10(raw)));
      step = mag;
      for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= raw) {
          step = m * mag;
          break;
        }
      step = std::max(step, 1.0);
    }
    const double top_value = std::max(step, std::ceil(max / step) * step);
    const double x0 = kMargin + kAxisW, x1 = kMargin + kContentW;
    const double top = y_ + kAbove, bottom = top + kPlotH;
    if (draw_) {
      cairo_set_line_width(cr_, 0.4);
      for (double t = 0; t <= top_value + step / 2; t += step) {
        const double y = bottom - t / top_value * kPlotH;
        cairo_set_source_rgb(cr_, 0.85, 0.85, 0.85);
        cairo_move_to(cr_, x0, y);
        cairo_line_to(cr_, x1, y);
        cairo_stroke(cr_);
        std::ostringstream tick;
        tick << static_cast<long long>(std::llround(t));
        LayoutPtr l = Make(tick.str(), kSmall, kAxisW - 6, PANGO_ALIGN_RIGHT);
        Show(l.get(), kMargin, y - Height(l.get()) / 2, 0.3);
      }
      const double slot = (x1 - x0) / static_cast<double>(n);
      const double bar_w = slot * 0.6;
      for (size_t i = 0; i < n; ++i) {
        const double sx = x0 + slot * static_cast<double>(i);
        double label_y = bottom - 2;
        if (shown[i]) {
          const double h = v[i] / top_value * kPlotH;
          cairo_set_source_rgb(cr_, kNavy[0], kNavy[1], kNavy[2]);
          cairo_rectangle(cr_, sx + (slot - bar_w) / 2, bottom - h, bar_w, h);
          cairo_fill(cr_);
          label_y = bottom - h - 2;
        }
        // The value above its bar; a hidden value as its text, with no bar.
        LayoutPtr value = Make(b.values[i], shown[i] ? kSmall : kSmallItalic, slot, PANGO_ALIGN_CENTER);
        Show(value.get(), sx, label_y - Height(value.get()), shown[i] ? 0.0 : 0.35);
        LayoutPtr label = Make(b.labels[i], kSmall, slot, PANGO_ALIGN_CENTER);
        Show(label.get(), sx, bottom + 4);
      }
      cairo_set_source_rgb(cr_, 0.2, 0.2, 0.2);
      cairo_set_line_width(cr_, 0.8);
      cairo_move_to(cr_, x0, top - 4);
      cairo_line_to(cr_, x0, bottom);
      cairo_line_to(cr_, x1, bottom);
      cairo_stroke(cr_);
    }
    y_ = bottom + kBelow;
    y_ += 8;
  }

  cairo_t* cr_;
  PangoContext* ctx_;
  const PdfDocument& doc_;
  bool draw_;
  int total_pages_;
  int page_ = 1;
  double y_ = kMargin;
};

bool AllUtf8(const PdfDocument& doc) {
  auto ok = [](const std::string& s) { return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr); };
  auto all = [&](const std::vector<std::string>& v) { return std::all_of(v.begin(), v.end(), ok); };
  if (!ok(doc.letterhead.force_name) || !all(doc.letterhead.address_lines) || !all(doc.letterhead.contact_lines) ||
      !ok(doc.reference) || !ok(doc.date_line) || !ok(doc.title))
    return false;
  for (const PdfBlock& b : doc.blocks) {
    if (!ok(b.text) || !all(b.header) || !all(b.labels) || !all(b.values)) return false;
    for (const auto& row : b.rows)
      if (!all(row)) return false;
  }
  return true;
}

// The family fontconfig actually gives for `font`: a substitute would make
// the PDF depend on what the host happens to have installed.
std::string ResolvedFamily(PangoFontMap* map, PangoContext* ctx, const char* font) {
  PangoFontDescription* fd = pango_font_description_from_string(font);
  PangoFont* f = pango_font_map_load_font(map, ctx, fd);
  pango_font_description_free(fd);
  if (!f) return "";
  PangoFontDescription* got = pango_font_describe(f);
  const char* family = pango_font_description_get_family(got);
  std::string out = family ? family : "";
  pango_font_description_free(got);
  g_object_unref(f);
  return out;
}

}  // namespace

Result<std::string> RenderPdf(const PdfDocument& doc, const std::string& scratch_path) {
  if (!AllUtf8(doc)) return Error::InvalidInput("PDF text is not valid UTF-8");

  // A fresh font map and context per document: no state carries over from
  // an earlier render, and hinting is off so glyph advances are the font's
  // own, whatever the host's fontconfig says.
  std::unique_ptr<PangoFontMap, GObjectUnref> map(pango_cairo_font_map_new());
  std::unique_ptr<PangoContext, GObjectUnref> ctx(pango_font_map_create_context(map.get()));
  pango_cairo_context_set_resolution(ctx.get(), 72.0);  // 1 pt = 1 unit
  cairo_font_options_t* opts = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(ctx.get(), opts);
  cairo_font_options_destroy(opts);
  for (const char* font : {kBody, kBold}) {
    const std::string family = ResolvedFamily(map.get(), ctx.get(), font);
    if (family != kFamily)
      return Error::Internal(std::string("PDF font \"") + kFamily + "\" is not installed (got \"" + family +
                             "\"): install fonts-dejavu-core");
  }

  // Pass 1 counts the pages; pass 2 draws them.
  const int pages = Renderer(nullptr, ctx.get(), doc, false, 0).Run();

  cairo_surface_t* surface = cairo_pdf_surface_create(scratch_path.c_str(), kPageW, kPageH);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Error::Io(scratch_path + ": cannot create the PDF");
  }
  // Only the reference and title: the document properties never name anyone.
  const std::string title = doc.title.empty() ? doc.reference : doc.reference + " \u2013 " + doc.title;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "foidesk");
  // The response date, not the clock, so the same inputs give the same bytes.
  const std::string stamp = doc.date.Iso() + "T00:00:00";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp.c_str());
  cairo_t* cr = cairo_create(surface);
  const int drawn = Renderer(cr, ctx.get(), doc, true, pages).Run();
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);

  std::error_code ec;
  auto cleanup = [&] { std::filesystem::remove(scratch_path, ec); };
  if (status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS) {
    cleanup();
    return Error::Io(scratch_path + ": writing the PDF: " +
                     cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : surface_status));
  }
  if (drawn != pages) {
    cleanup();
    return Error::Internal("PDF layout changed between passes (" + std::to_string(pages) + " then " +
                           std::to_string(drawn) + " pages)");
  }
  std::ifstream in(scratch_path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const bool read_ok = in.good() || in.eof();
  in.close();
  cleanup();
  if (!read_ok || bytes.str().empty()) return Error::Io(scratch_path + ": cannot read the PDF back");
  return bytes.str();
}

}  // namespace foidesk::respond
