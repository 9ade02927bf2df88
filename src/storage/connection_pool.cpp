#include "storage/connection_pool.hpp"

namespace gezicht::storage {

ConnectionPool::ConnectionPool(const Factory& factory, std::size_t size) {
  if (size == 0) throw DatabaseError("connection pool needs at least one connection");
  for (std::size_t i = 0; i < size; ++i) idle_.push_back(factory());
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(connection));
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace gezicht::storage
