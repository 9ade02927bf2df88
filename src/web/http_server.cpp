#include "web/http_server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <thread>

#include "web/beast_request.hpp"
#include "web/metrics.hpp"
#include "web/security_headers.hpp"

namespace gezicht::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

http::response<http::string_body> to_message(Response response, unsigned version, bool keep_alive, bool head) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "gezicht");
  message.set(http::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.keep_alive(keep_alive);
  message.body() = std::move(response.body);
  message.prepare_payload();
  if (head) message.body().clear();  // Content-Length stays that of the GET
  return message;
}

http::response<http::string_body> plain_error(const Refusal& refusal, bool over_tls) {
  http::response<http::string_body> message{static_cast<http::status>(refusal.status), 11};
  message.set(http::field::server, "gezicht");
  message.set(http::field::content_type, "text/plain; charset=utf-8");
  for (const auto& [name, value] : security_headers(over_tls)) message.set(name, value);
  message.keep_alive(false);
  message.body() = refusal.reason + "\n";
  message.prepare_payload();
  return message;
}

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  RequestHandler handler;
  InlinePredicate runs_inline;
  Metrics& metrics;
  // One single-threaded io_context per I/O thread, each with its own
  // acceptor on the same port (SO_REUSEPORT): the kernel spreads connections
  // and no two threads ever wake each other for network work.
  struct Loop {
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
  };
  std::vector<std::unique_ptr<Loop>> loops;
  asio::thread_pool workers{static_cast<std::size_t>(options.worker_threads)};
  std::atomic<std::size_t> connections{0};
  std::atomic<int> in_flight{0};
  std::atomic<int> large_bodies{0};  // upload bodies above max_body_bytes being read or handled
  std::atomic<bool> stopping{false};

  Impl(ServerOptions o, RequestHandler h, InlinePredicate i, Metrics& m)
      : options(std::move(o)), handler(std::move(h)), runs_inline(std::move(i)), metrics(m) {
    for (int n = 0; n < options.io_threads; ++n) loops.push_back(std::make_unique<Loop>());
  }

  asio::awaitable<void> serve_connection(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    std::string remote;
    beast::error_code endpoint_error;
    const auto endpoint = stream.socket().remote_endpoint(endpoint_error);
    if (!endpoint_error) remote = endpoint.address().to_string();
    const auto& limits = options.limits;
    beast::flat_buffer buffer(read_buffer_limit(limits));

    while (!stopping) {
      BeastRequestParser parser;
      configure_parser(parser, limits);
      // The idle timeout covers waiting for and reading the header; a slow
      // client cannot hold the connection open by trickling bytes.
      stream.expires_after(std::chrono::seconds(limits.idle_timeout_seconds));
      auto [header_error, header_bytes] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
      if (header_error) {
        co_await reply_to_read_error(stream, header_error);
        break;
      }
      // Framing Beast accepts but a proxy might read differently: refused before the body is read.
      const auto header_refusal = check_header(parser, limits);
      if (header_refusal) {
        co_await refuse(stream, *header_refusal);
        break;
      }
      // An upload's large body holds its memory from here until it is answered:
      // only a few at a time, whoever sends them.
      const auto length = parser.content_length();
      const bool large = (length && *length > limits.max_body_bytes) ||
                         (parser.chunked() && is_upload_target(parser.get().method_string(), parser.get().target()));
      bool holds_large_body = false;  // counted until the answer is written
      if (large) {
        if (++large_bodies > limits.max_concurrent_uploads) {
          --large_bodies;
          // A named value, not a temporary in the co_await: GCC 12 destroys such a temporary twice.
          const Refusal busy{503, "Too many uploads at once; try again in a moment"};
          co_await refuse(stream, busy);
          break;
        }
        holds_large_body = true;
      }
      stream.expires_after(std::chrono::seconds(limits.request_timeout_seconds));
      auto [body_error, body_bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
      if (body_error) {
        if (holds_large_body) --large_bodies;
        co_await reply_to_read_error(stream, body_error);
        break;
      }
      auto& message = parser.get();
      const bool keep_alive = message.keep_alive() && !stopping;
      const bool head = message.method() == http::verb::head;
      Request request = to_request(message, remote);
      apply_forwarded(request, options.trusted_proxies);

      ++in_flight;
      // Handlers that may block on the database run on the worker pool, and
      // the connection's coroutine resumes on the I/O thread afterwards. The
      // rest (the front door, assets) answer at once, saving two thread hops.
      // (if/else, not ?: : GCC 12 miscompiles co_await inside a conditional expression.)
      Response response;
      if (runs_inline(request)) {
        response = handler(request);
      } else {
        response = co_await asio::co_spawn(
            workers, [this, &request]() -> asio::awaitable<Response> { co_return handler(request); },
            asio::use_awaitable);
      }
      auto reply = to_message(std::move(response), message.version(), keep_alive, head);
      stream.expires_after(std::chrono::seconds(limits.request_timeout_seconds));
      auto [write_error, written] = co_await http::async_write(stream, reply, use_tuple);
      --in_flight;
      if (holds_large_body) --large_bodies;
      if (write_error || !reply.keep_alive()) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
  }

  // Answers a request we refuse to read, so the client learns why; then the
  // connection closes, because after a framing error nothing that follows can be trusted.
  asio::awaitable<void> reply_to_read_error(beast::tcp_stream& stream, beast::error_code error) {
    const auto refusal = refusal_for(error);
    if (refusal) co_await refuse(stream, *refusal);
  }

  asio::awaitable<void> refuse(beast::tcp_stream& stream, const Refusal& refusal) {
    auto reply = plain_error(refusal, options.over_tls);
    stream.expires_after(5s);
    auto [write_error, written] = co_await http::async_write(stream, reply, use_tuple);
    if (write_error) co_return;
    // Lingering close: a client still sending its (too large) body would get
    // a reset instead of our answer if we closed now. Stop sending, then read
    // and discard for a bounded time and amount.
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 16384> sink;
    std::size_t discarded = 0;
    stream.expires_after(2s);
    while (discarded < 4 * 1024 * 1024) {
      auto [read_error, read] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
      if (read_error) break;
      discarded += read;
    }
  }

  asio::awaitable<void> accept_loop(Loop& loop) {
    auto& acceptor = loop.acceptor;
    while (acceptor.is_open()) {
      auto [error, socket] = co_await acceptor.async_accept(use_tuple);
      if (error) {
        if (error == asio::error::operation_aborted || !acceptor.is_open()) break;
        spdlog::warn("accept failed: {}", error.message());
        continue;
      }
      // Count first, then check: two I/O threads cannot both take the last place.
      if (connections.fetch_add(1) >= options.limits.max_connections) {
        --connections;
        // Over the cap: close at once rather than queue without bound.
        metrics.connection_refused();
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      metrics.connection_opened();
      asio::co_spawn(loop.io, serve_connection(std::move(socket)), [this](std::exception_ptr failure) {
        --connections;
        metrics.connection_closed();
        if (failure) {
          try {
            std::rethrow_exception(failure);
          } catch (const std::exception& error) {
            spdlog::error("connection failed: {}", error.what());
          }
        }
      });
    }
  }

  asio::awaitable<void> drain_then_stop() {
    asio::steady_timer timer(loops.front()->io);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.limits.shutdown_grace_seconds);
    while (in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(20ms);
      co_await timer.async_wait(use_tuple);
    }
    if (in_flight > 0) spdlog::warn("shutting down with {} requests still running", in_flight.load());
    for (auto& loop : loops) loop->io.stop();
  }
};

HttpServer::HttpServer(ServerOptions options, RequestHandler handler, InlinePredicate runs_inline, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(runs_inline), metrics)) {}

HttpServer::~HttpServer() { impl_->workers.join(); }

unsigned short HttpServer::listen() {
  tcp::endpoint endpoint(asio::ip::make_address(impl_->options.host), impl_->options.port);
  using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
  for (auto& loop : impl_->loops) {
    auto& acceptor = loop->acceptor;
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.set_option(reuse_port(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    endpoint.port(acceptor.local_endpoint().port());  // port 0: the others join the one the first got
  }
  return endpoint.port();
}

void HttpServer::run() {
  auto& impl = *impl_;
  auto& first = impl.loops.front()->io;
  asio::signal_set signals(first, SIGTERM, SIGINT);
  signals.async_wait([&impl, &first](beast::error_code error, int signal) {
    if (error) return;
    spdlog::info("signal {} received: no new connections, finishing requests in flight", signal);
    impl.stopping = true;
    for (auto& loop : impl.loops) {
      // Each acceptor belongs to its own loop's thread.
      asio::post(loop->io, [&loop = *loop] {
        beast::error_code ignored;
        loop.acceptor.close(ignored);
      });
    }
    asio::co_spawn(first, impl.drain_then_stop(), asio::detached);
  });
  for (auto& loop : impl.loops) asio::co_spawn(loop->io, impl.accept_loop(*loop), asio::detached);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl.loops.size(); ++i) threads.emplace_back([&loop = *impl.loops[i]] { loop.io.run(); });
  first.run();
  for (auto& thread : threads) thread.join();
  impl.workers.join();
}

}  // namespace gezicht::web
