// Status and Result<T>: how every sprintetl function that can fail reports it.
//
// A Status is either OK or carries a code and a message. The message names the
// thing that failed and what the user can do about it; context (endpoint, page,
// record id) is added with WithContext() where the error passes a boundary.
// Both types are cheap to move and hold no resources. Not thread-safe to share
// mutable instances; copies are independent.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sprintetl {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // bad input or configuration; fixing the input fixes it
  kNotFound,          // a named thing does not exist
  kUnauthenticated,   // a token is missing, wrong or expired
  kPermissionDenied,  // the credentials are valid but not allowed to do this
  kUnavailable,       // a remote service failed; a later retry may succeed
  kDataLoss,          // a payload is truncated, malformed or fails its checksum
  kFailedPrecondition,  // the system is not in a state where this can run
  kInternal,          // a bug in sprintetl
};

// Returns the code's name, e.g. "invalid argument".
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message".
  Status WithContext(const std::string& context) const;

  // "invalid argument: message", or "OK".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Internal("Result built from an OK status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace sprintetl

// Returns the status from the enclosing function when `expr` is not OK.
#define SPRINTETL_RETURN_IF_ERROR(expr)            \
  do {                                             \
    ::sprintetl::Status status_macro_ = (expr);    \
    if (!status_macro_.ok()) return status_macro_; \
  } while (0)

#define SPRINTETL_CONCAT_INNER(a, b) a##b
#define SPRINTETL_CONCAT(a, b) SPRINTETL_CONCAT_INNER(a, b)

// Declares `lhs` from a Result, or returns its status from the enclosing function.
#define SPRINTETL_ASSIGN_OR_RETURN(lhs, expr) \
  SPRINTETL_ASSIGN_OR_RETURN_IMPL(SPRINTETL_CONCAT(result_macro_, __LINE__), lhs, expr)
#define SPRINTETL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()
