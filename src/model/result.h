// Errors as values: expected failures (bad row, unknown request, busy store)
// travel as Error inside Result<T>; exceptions are caught only in main().
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace foidesk {

enum class ErrorCode { kInvalidInput, kNotFound, kIo, kStore, kMismatch, kInternal };

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // shown to the user: never holds personal data

  static Error InvalidInput(std::string m) { return {ErrorCode::kInvalidInput, std::move(m)}; }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error Io(std::string m) { return {ErrorCode::kIo, std::move(m)}; }
  static Error Store(std::string m) { return {ErrorCode::kStore, std::move(m)}; }
  static Error Mismatch(std::string m) { return {ErrorCode::kMismatch, std::move(m)}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
};

// Result<T> holds a T or an Error. Result<void> holds only a possible Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace foidesk
