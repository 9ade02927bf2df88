#include "storage/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <utility>
#include <variant>

namespace gezicht::storage::postgres {

void ConnDeleter::operator()(pg_conn* conn) const noexcept { PQfinish(conn); }
void ResultDeleter::operator()(pg_result* result) const noexcept { PQclear(result); }

namespace {

// libpq messages end in a newline; exception texts should not.
std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Keeps log lines readable when a whole migration script fails.
std::string sql_for_message(std::string_view sql) {
  constexpr std::size_t limit = 500;
  if (sql.size() <= limit) return std::string(sql);
  return std::string(sql.substr(0, limit)) + "...";
}

[[noreturn]] void fail(PGconn* conn, const PGresult* result, std::string_view sql) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  // The primary message names the constraint but, unlike DETAIL, not the
  // row's values, which may be personal data that should not reach the log.
  std::string text = trimmed(result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr);
  if (text.empty() && result) text = trimmed(PQresultErrorMessage(result));
  if (text.empty()) text = trimmed(PQerrorMessage(conn));
  if (text.empty() && result) text = std::string("unexpected result ") + PQresStatus(PQresultStatus(result));

  std::string message = "PostgreSQL";
  if (state) message += std::string(" ") + state;
  message += ": " + text + " [SQL: " + sql_for_message(sql) + "]";
  // Class 23 is integrity constraint violation (unique, foreign key, not null, check).
  if (state && std::string_view(state).starts_with("23")) throw ConstraintError(message);
  // Lost mid-statement, or refused because the server is going away (57P*)
  // or has become read-only (25006, a primary turned standby).
  if (PQstatus(conn) != CONNECTION_OK ||
      (state && (std::string_view(state).starts_with("57P") || std::string_view(state) == "25006"))) {
    throw ConnectionLost(message);
  }
  throw DatabaseError(message);
}

void check(PGconn* conn, const ResultPtr& result, std::string_view sql) {
  if (result) {
    switch (PQresultStatus(result.get())) {
      case PGRES_COMMAND_OK:
      case PGRES_TUPLES_OK:
      case PGRES_EMPTY_QUERY: return;
      default: break;
    }
  }
  fail(conn, result.get(), sql);
}

std::string quote_identifier(PGconn* conn, std::string_view name) {
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(PQescapeIdentifier(conn, name.data(), name.size()), &PQfreemem);
  if (!quoted) throw DatabaseError("cannot quote identifier: " + trimmed(PQerrorMessage(conn)));
  return quoted.get();
}

// COPY text format: tab separates columns, newline ends the row, \N is NULL,
// so those characters and the backslash itself must be escaped.
void append_copy_value(std::string& out, const Value& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) {
    out += "\\N";
  } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
    out += std::to_string(*number);
  } else {
    for (char c : std::get<std::string>(value)) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
    }
  }
}

struct ToParameter {
  std::optional<std::string> operator()(std::nullptr_t) const { return std::nullopt; }
  std::optional<std::string> operator()(std::int64_t number) const { return std::to_string(number); }
  std::optional<std::string> operator()(const std::string& text) const { return text; }
};

}  // namespace

std::string rewrite_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    // Copies from i through the closer (or to the end) unchanged.
    auto copy_through = [&](std::size_t search_from, std::string_view closer) {
      const std::size_t end = sql.find(closer, search_from);
      const std::size_t stop = end == std::string_view::npos ? sql.size() : end + closer.size();
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    };
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'') {
      copy_through(i + 1, "'");  // a doubled '' just closes and reopens
    } else if (c == '"') {
      copy_through(i + 1, "\"");
    } else if (c == '-' && next == '-') {
      copy_through(i + 2, "\n");
    } else if (c == '/' && next == '*') {
      copy_through(i + 2, "*/");
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
    } else {
      out += c;
    }
  }
  return out;
}

class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection& connection, std::string sql, int param_count)
      : connection_(connection), sql_(std::move(sql)), params_(static_cast<std::size_t>(param_count)) {}

  void bind(int index, const Value& value) override {
    if (index < 1 || index > static_cast<int>(params_.size())) {
      throw DatabaseError("bind index " + std::to_string(index) + " out of range [SQL: " + sql_for_message(sql_) + "]");
    }
    // Binding after a run starts a fresh run, so a statement can be reused.
    result_.reset();
    row_ = -1;
    params_[static_cast<std::size_t>(index - 1)] = std::visit(ToParameter{}, value);
  }

  bool step() override {
    if (!result_) result_ = connection_.execute_prepared(sql_, params_);
    const int rows = PQntuples(result_.get());
    if (row_ < rows) ++row_;
    return row_ < rows;
  }

  bool is_null(int column) const override { return PQgetisnull(cell(column), row_, column) == 1; }

  std::int64_t int64(int column) const override {
    const PGresult* result = cell(column);
    // NULL reads as 0, as sqlite3_column_int64 does, so repositories behave
    // the same on both databases.
    if (PQgetisnull(result, row_, column)) return 0;
    const char* begin = PQgetvalue(result, row_, column);
    const char* end = begin + PQgetlength(result, row_, column);
    // PostgreSQL prints booleans as t/f where SQLite has 1/0.
    if (end - begin == 1 && (*begin == 't' || *begin == 'f')) return *begin == 't' ? 1 : 0;
    std::int64_t value = 0;
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (error != std::errc{} || stop != end || begin == end) {
      throw DatabaseError("column " + std::to_string(column) +
                          " is not a 64-bit integer [SQL: " + sql_for_message(sql_) + "]");
    }
    return value;
  }

  std::string text(int column) const override {
    const PGresult* result = cell(column);
    return std::string(PQgetvalue(result, row_, column), static_cast<std::size_t>(PQgetlength(result, row_, column)));
  }

  std::int64_t changes() const override {
    if (!result_) return 0;
    const std::string_view tuples = PQcmdTuples(result_.get());  // "" for commands without a count
    std::int64_t value = 0;
    std::from_chars(tuples.data(), tuples.data() + tuples.size(), value);
    return value;
  }

 private:
  // The current result, after checking that a row and the column exist.
  const PGresult* cell(int column) const {
    if (!result_ || row_ < 0 || row_ >= PQntuples(result_.get())) {
      throw DatabaseError("no current row [SQL: " + sql_for_message(sql_) + "]");
    }
    if (column < 0 || column >= PQnfields(result_.get())) {
      throw DatabaseError("column " + std::to_string(column) + " out of range [SQL: " + sql_for_message(sql_) + "]");
    }
    return result_.get();
  }

  friend class PgConnection;  // run_together() fills in results

  PgConnection& connection_;
  std::string sql_;
  std::vector<std::optional<std::string>> params_;  // unbound parameters are NULL, as in SQLite
  ResultPtr result_;
  int row_ = -1;
};

PgConnection::PgConnection(const std::string& url) {
  // Parse first: libpq's parse errors quote the URL, which may hold the password.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  if (!options) {
    PQfreemem(parse_error);
    throw DatabaseError("invalid PostgreSQL URL (details withheld, they may contain the password)");
  }
  PQconninfoFree(options);

  // The URL is expanded from "dbname"; it comes last so its own settings win
  // over these defaults. Without a timeout an unreachable host hangs startup.
  const char* const keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* const values[] = {"10", "gezicht", url.c_str(), nullptr};
  conn_.reset(PQconnectdbParams(keys, values, 1));
  if (!conn_) throw DatabaseError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    // libpq's connection errors name host, port and user, never the password.
    throw DatabaseError("cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(conn_.get())));
  }
  configure_session();
}

void PgConnection::configure_session() {
  // Timestamps are stored as UTC text; NOTICEs (e.g. "table does not exist,
  // skipping") would only clutter stderr.
  run("SET TimeZone = 'UTC'; SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

void PgConnection::ensure_connected() {
  if (PQstatus(conn_.get()) == CONNECTION_OK) return;
  // The server already rolled the transaction back; carrying on over a new
  // connection would commit only its second half.
  if (in_transaction_) throw ConnectionLost("PostgreSQL connection lost inside a transaction");
  // With several hosts in the URL and target_session_attrs=read-write, this
  // finds whichever server now takes writes (a promoted standby).
  PQreset(conn_.get());
  statements_.clear();  // prepared statements died with the old session
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw ConnectionLost("cannot reconnect to PostgreSQL: " + trimmed(PQerrorMessage(conn_.get())));
  }
  configure_session();
}

ResultPtr PgConnection::run(std::string_view sql) {
  const std::string text(sql);
  ResultPtr result(PQexec(conn_.get(), text.c_str()));
  check(conn_.get(), result, sql);
  return result;
}

const PgConnection::Prepared& PgConnection::prepared(const std::string& sql) {
  ensure_connected();
  if (auto found = statements_.find(sql); found != statements_.end()) return found->second;
  int count = 0;
  const std::string rewritten = rewrite_placeholders(sql, count);
  std::string name = "s" + std::to_string(next_statement_id_++);
  // No parameter types: the server infers them; values travel as text.
  ResultPtr result(PQprepare(conn_.get(), name.c_str(), rewritten.c_str(), count, nullptr));
  check(conn_.get(), result, sql);
  return statements_.emplace(sql, Prepared{std::move(name), count}).first->second;
}

ResultPtr PgConnection::execute_prepared(const std::string& sql,
                                         const std::vector<std::optional<std::string>>& params) {
  // Looked up again on every run, so a statement re-prepares after a reconnect.
  const Prepared& statement = prepared(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  ResultPtr result(PQexecPrepared(conn_.get(), statement.name.c_str(), static_cast<int>(values.size()), values.data(),
                                  nullptr, nullptr, 0));
  check(conn_.get(), result, sql);
  return result;
}

std::unique_ptr<Statement> PgConnection::prepare(std::string_view sql) {
  std::string text(sql);
  const int count = prepared(text).param_count;  // prepare now, so SQL errors surface here
  return std::make_unique<PgStatement>(*this, std::move(text), count);
}

void PgConnection::execute_script(std::string_view sql) {
  ensure_connected();
  run(sql);  // PQexec runs several ;-separated statements (simple query protocol)
}

void PgConnection::begin() {
  ensure_connected();
  try {
    run("BEGIN");
  } catch (const ConnectionLost&) {
    // An idle connection learns only now that its server went away. Nothing
    // has run yet, so connecting again and beginning there is safe.
    ensure_connected();
    run("BEGIN");
  }
  in_transaction_ = true;
}

void PgConnection::commit() {
  in_transaction_ = false;  // whatever happens below, the transaction is over
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw ConnectionLost("PostgreSQL connection lost; transaction not committed");
  }
  ResultPtr result = run("COMMIT");
  // COMMIT of a transaction that already failed "succeeds" with the tag
  // ROLLBACK; the caller must learn that nothing was saved.
  if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
    throw DatabaseError("PostgreSQL transaction was rolled back because an earlier statement failed");
  }
}

void PgConnection::rollback() {
  in_transaction_ = false;
  // A lost connection has rolled back on the server; the next use reconnects.
  if (PQstatus(conn_.get()) != CONNECTION_OK) return;
  // Idle after a failed COMMIT (which Transaction's destructor follows with a
  // rollback): a ROLLBACK now would only draw a warning.
  if (PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) return;
  run("ROLLBACK");
}

void PgConnection::bulk_insert(std::string_view table, const std::vector<std::string>& columns,
                               const std::vector<std::vector<Value>>& rows) {
  // Checked up front so a bad row never leaves the connection half-way a COPY.
  for (const auto& row : rows) {
    if (row.size() != columns.size()) {
      throw DatabaseError("bulk_insert into " + std::string(table) + ": row has " + std::to_string(row.size()) +
                          " values for " + std::to_string(columns.size()) + " columns");
    }
  }
  if (rows.empty()) return;
  ensure_connected();
  PGconn* conn = conn_.get();

  std::string sql = "COPY " + quote_identifier(conn, table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + quote_identifier(conn, columns[i]);
  sql += ") FROM STDIN";
  ResultPtr started(PQexec(conn, sql.c_str()));
  if (!started || PQresultStatus(started.get()) != PGRES_COPY_IN) fail(conn, started.get(), sql);

  std::string buffer;
  std::string send_error;
  auto flush = [&] {
    if (send_error.empty() && PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
      send_error = trimmed(PQerrorMessage(conn));
    }
    buffer.clear();
  };
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) buffer += '\t';
      append_copy_value(buffer, row[i]);
    }
    buffer += '\n';
    if (buffer.size() >= 64 * 1024) flush();
  }
  if (!buffer.empty()) flush();

  // Always end the COPY and drain its results, so the connection stays usable.
  if (PQputCopyEnd(conn, nullptr) != 1 && send_error.empty()) send_error = trimmed(PQerrorMessage(conn));
  ResultPtr outcome;
  for (ResultPtr next(PQgetResult(conn)); next; next.reset(PQgetResult(conn))) outcome = std::move(next);
  if (outcome && PQresultStatus(outcome.get()) != PGRES_COMMAND_OK) fail(conn, outcome.get(), sql);
  if (!send_error.empty()) throw DatabaseError("PostgreSQL COPY failed: " + send_error + " [SQL: " + sql + "]");
  if (!outcome) fail(conn, nullptr, sql);
}

void PgConnection::run_together(const std::vector<Statement*>& statements) {
  std::vector<PgStatement*> batch;
  for (Statement* statement : statements) {
    auto* pg = dynamic_cast<PgStatement*>(statement);
    if (!pg || &pg->connection_ != this) throw DatabaseError("run_together: a statement of another connection");
    batch.push_back(pg);
  }
  if (batch.size() < 2) return;  // one statement gains nothing
  ensure_connected();
  // Prepared now if a reconnect forgot them: PQprepare cannot run in a pipeline.
  std::vector<const Prepared*> names;
  for (auto* statement : batch) names.push_back(&prepared(statement->sql_));

  PGconn* conn = conn_.get();
  if (PQenterPipelineMode(conn) != 1) {
    throw DatabaseError("cannot enter pipeline mode: " + trimmed(PQerrorMessage(conn)));
  }
  std::string send_error;
  std::size_t sent = 0;
  for (std::size_t i = 0; i < batch.size() && send_error.empty(); ++i) {
    std::vector<const char*> values;
    for (const auto& param : batch[i]->params_) values.push_back(param ? param->c_str() : nullptr);
    if (PQsendQueryPrepared(conn, names[i]->name.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                            nullptr, 0) != 1) {
      send_error = trimmed(PQerrorMessage(conn));
    } else {
      ++sent;
    }
  }
  if (PQpipelineSync(conn) != 1 && send_error.empty()) send_error = trimmed(PQerrorMessage(conn));

  // Every result is read, even after a failure, so the connection leaves
  // pipeline mode clean; the first failure is reported afterwards.
  ResultPtr failed;
  std::string failed_sql;
  for (std::size_t i = 0; i < sent; ++i) {
    ResultPtr result(PQgetResult(conn));
    while (PGresult* extra = PQgetResult(conn)) PQclear(extra);  // up to the NULL that ends this query
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      batch[i]->result_ = std::move(result);
      batch[i]->row_ = -1;
    } else if (!failed && status != PGRES_PIPELINE_ABORTED) {
      failed = std::move(result);
      failed_sql = batch[i]->sql_;
    }
  }
  for (ResultPtr sync(PQgetResult(conn)); sync; sync.reset(PQgetResult(conn))) {
    if (PQresultStatus(sync.get()) == PGRES_PIPELINE_SYNC) break;
  }
  const bool left = PQexitPipelineMode(conn) == 1;
  if (!send_error.empty()) throw DatabaseError("PostgreSQL pipeline failed: " + send_error);
  if (failed) fail(conn, failed.get(), failed_sql);
  if (!left) throw DatabaseError("cannot leave pipeline mode: " + trimmed(PQerrorMessage(conn)));
}

std::unique_ptr<Connection> open_postgres(const std::string& url) { return std::make_unique<PgConnection>(url); }

}  // namespace gezicht::storage::postgres
