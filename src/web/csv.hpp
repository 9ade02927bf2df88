#pragma once
// Tables as CSV downloads (RFC 4180) that a spreadsheet opens safely.

#include <string>
#include <string_view>
#include <vector>

namespace gezicht::web {

// One field: the formula guard first, then RFC 4180 quoting.
// Formula guard: a spreadsheet runs a cell that starts with = + - @, and
// some also one that starts with a tab or a carriage return, so such a cell
// gets a leading apostrophe, which the spreadsheet shows as text. A plain
// negative number stays as it is, so a column of amounts still sums: "-",
// one or more digits, and at most one "." or "," followed by one or more
// digits ("-12.50", "-12,50", "-3"); "-1.234,50", "-12e3" or "-2+3" are
// guarded. Quoting: a field holding a comma, a double quote, a carriage
// return or a line feed is put in double quotes, its quotes doubled.
std::string csv_field(std::string_view text);

// The whole file: a UTF-8 byte order mark (so Excel reads é and ë as such),
// the header row, then the rows, every line ended by CRLF. Throws
// std::invalid_argument when the header is empty or a row's width differs
// from the header's.
std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

}  // namespace gezicht::web
