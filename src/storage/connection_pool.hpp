#pragma once
// A fixed set of open connections shared by the database worker threads.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // Opens `size` connections now, so a bad URL fails at start-up, not on the first request.
  ConnectionPool(const Factory& factory, std::size_t size);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (connection_) pool_->release(std::move(connection_));
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Blocks until a connection is free.
  Lease acquire();

 private:
  void release(std::unique_ptr<Connection> connection);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace gezicht::storage
