#pragma once
// Work on a stream of items in several threads, handed back in the order they came in. The items
// live in a fixed ring of slots that are reused, so memory stays flat however long the stream:
// the caller fills a slot, the threads work on it, and the caller takes it back in turn before
// filling it again. While the caller waits for an item to be done, it works on one still queued,
// so with N threads beside it N + 1 work at once and none sits idle. With no threads the work
// runs in the caller's thread, in the same order, so both ways give the same results by
// construction.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace psoas {

template <class Item>
class OrderedPool {
 public:
  // `work(worker, item)` runs on worker thread `worker` (0 to threads - 1), or in the caller's
  // thread as worker `threads`, so each can keep scratch state of its own. `done(item)` runs in
  // the caller's thread, in input order.
  OrderedPool(int threads, std::function<void(int, Item&)> work, std::function<void(Item&)> done)
      : work_(std::move(work)), done_(std::move(done)), caller_(threads > 0 ? threads : 0) {
    slots_.resize(threads > 0 ? static_cast<std::size_t>(2 * (threads + 1)) : 1);
    for (int t = 0; t < threads; ++t) threads_.emplace_back([this, t] { serve(t); });
  }

  ~OrderedPool() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // The item to fill next. If its slot still holds an earlier item, that one is finished and
  // handed to `done` first.
  Item& next() {
    if (submitted_ - handed_ == slots_.size()) hand_back(slots_[handed_ % slots_.size()]);
    return slots_[submitted_ % slots_.size()].item;
  }

  // Queues the item from next().
  void submit() {
    Slot& slot = slots_[submitted_ % slots_.size()];
    if (threads_.empty()) {
      work_(caller_, slot.item);
      slot.state = State::Done;
      ++submitted_;
      return;
    }
    {
      const std::lock_guard lock(mutex_);
      slot.state = State::Queued;
      ++submitted_;
    }
    ready_.notify_one();
  }

  // Hands back every queued item, in order.
  void finish() {
    for (; handed_ < submitted_;) hand_back(slots_[handed_ % slots_.size()]);
  }

 private:
  enum class State { Free, Queued, Working, Done };  // written under the lock when threads run
  struct Slot {
    Item item{};
    State state = State::Free;
    std::exception_ptr failure;
  };

  void hand_back(Slot& slot) {
    if (!threads_.empty()) {
      std::unique_lock lock(mutex_);
      while (slot.state != State::Done) {
        if (started_ < submitted_) {
          run_next(lock, caller_);  // rather than wait, work on a queued item
        } else {
          finished_.wait(lock);
        }
      }
    }
    slot.state = State::Free;
    ++handed_;
    if (slot.failure) std::rethrow_exception(std::exchange(slot.failure, nullptr));
    done_(slot.item);
  }

  void serve(int worker) {
    std::unique_lock lock(mutex_);
    for (;;) {
      ready_.wait(lock, [&] { return stopping_ || started_ < submitted_; });
      if (started_ == submitted_) return;  // stopping, and nothing left
      run_next(lock, worker);
    }
  }

  // Takes the next queued item and works on it, with the lock released meanwhile.
  void run_next(std::unique_lock<std::mutex>& lock, int worker) {
    Slot& slot = slots_[started_++ % slots_.size()];
    slot.state = State::Working;
    lock.unlock();
    try {
      work_(worker, slot.item);
    } catch (...) {
      slot.failure = std::current_exception();
    }
    lock.lock();
    slot.state = State::Done;
    finished_.notify_all();
  }

  std::function<void(int, Item&)> work_;
  std::function<void(Item&)> done_;
  const int caller_;  // the caller's worker number
  std::vector<Slot> slots_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable ready_;     // an item was queued, or the pool is stopping
  std::condition_variable finished_;  // an item is done
  std::size_t submitted_ = 0;  // items queued so far (written by the caller, under the lock)
  std::size_t started_ = 0;    // items a thread has taken
  std::size_t handed_ = 0;     // items handed back
  bool stopping_ = false;
};

}  // namespace psoas
