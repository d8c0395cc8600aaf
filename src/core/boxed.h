#pragma once
#include <memory>
#include <utility>

namespace dsqlint {

/// Members that most values of a struct leave empty, kept on the heap only once set: the
/// struct stays small, so copying, moving and freeing many of them touches less memory,
/// and it still copies as plain members do. Reading an unset box gives an empty T.
template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: converts as a member would
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(Boxed other) noexcept {
    value_ = std::move(other.value_);
    return *this;
  }

  const T& operator*() const { return value_ ? *value_ : empty(); }
  const T* operator->() const { return &**this; }
  /// The value to change, made (empty) first if unset.
  T& edit() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }
  /// Sets one member; setting an empty value leaves an unset box unset.
  template <class M, class V>
  void set(M T::*member, V&& value) {
    if (!value_ && value == M{}) return;
    edit().*member = std::forward<V>(value);
  }

 private:
  static const T& empty() {
    static const T value;
    return value;
  }
  std::unique_ptr<T> value_;
};

}  // namespace dsqlint
