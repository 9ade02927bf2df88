#pragma once
// The HTTP/1.1 server: Boost.Beast on Asio coroutines. Only http_server.cpp
// includes Beast; everything else sees Request and Response.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "web/address_networks.hpp"
#include "web/http.hpp"

namespace gezicht::web {

class Metrics;

struct ServerLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 64 * 1024;
  // A photo of 2 MB (domain::photo_max_bytes) with the form around it.
  std::size_t max_upload_bytes = 2 * 1024 * 1024 + 64 * 1024;
  // Bodies above max_body_bytes being read at once (Beast reserves each whole
  // body up front, before the router knows who sends it): more wait for a 503.
  int max_concurrent_uploads = 4;
  int idle_timeout_seconds = 30;     // waiting for the next request on a kept-alive connection
  int request_timeout_seconds = 15;  // reading one whole request once it started
  std::size_t max_connections = 10000;
  int shutdown_grace_seconds = 10;  // time in-flight requests get after SIGTERM
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  int io_threads = 2;
  int worker_threads = 4;  // handlers run here, each may hold a database connection
  // Served over TLS (behind a proxy, --secure-cookies): the refusals this
  // layer answers itself (413, 431, 400, 503) carry HSTS like the router's.
  bool over_tls = false;
  // Peers whose X-Forwarded-For and X-Forwarded-Proto are believed.
  AddressNetworks trusted_proxies;
  ServerLimits limits;
};

using RequestHandler = std::function<Response(const Request&)>;
// True when the handler cannot block for this request, so it may run on the
// network thread; otherwise it runs on the worker pool.
using InlinePredicate = std::function<bool(const Request&)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, RequestHandler handler, InlinePredicate runs_inline, Metrics& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the port actually bound.
  unsigned short listen();
  // Serves until SIGTERM or SIGINT, then drains in-flight requests and returns.
  void run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gezicht::web
