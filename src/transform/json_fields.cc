#include "transform/json_fields.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace sprintetl::transform {

const nlohmann::json* Member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return nullptr;
  return &*found;
}

const nlohmann::json* Member(const nlohmann::json& object, std::string_view first,
                             std::string_view second) {
  const nlohmann::json* outer = Member(object, first);
  return outer == nullptr ? nullptr : Member(*outer, second);
}

std::optional<std::string> TextOf(const nlohmann::json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return std::to_string(value->get<long long>());
  if (value->is_number_unsigned()) return std::to_string(value->get<unsigned long long>());
  if (value->is_number_float() || value->is_boolean()) return value->dump();
  return std::nullopt;
}

std::optional<double> ParseDecimal(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;

  double parsed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(parsed)) return std::nullopt;
  return parsed;
}

std::optional<double> NumberOf(const nlohmann::json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) return value->get<double>();
  if (value->is_string()) return ParseDecimal(value->get_ref<const std::string&>());
  return std::nullopt;
}

std::optional<long long> IntegerOf(const nlohmann::json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number_integer()) return value->get<long long>();
  std::optional<double> number = NumberOf(value);
  // 2^63 is the first double that no longer fits a signed 64-bit integer.
  if (!number || std::trunc(*number) != *number || std::fabs(*number) >= 9.2233720368547758e18) {
    return std::nullopt;
  }
  if (value->is_string()) {
    // Parse digits exactly: ms epochs are beyond the 53 bits a double keeps.
    std::string_view text = value->get_ref<const std::string&>();
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    }
    long long exact = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), exact);
    if (error == std::errc() && end == text.data() + text.size()) return exact;
  }
  return static_cast<long long>(*number);
}

std::optional<bool> BoolOf(const nlohmann::json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  if (!value->is_string()) return std::nullopt;
  std::string text = value->get<std::string>();
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::optional<UtcTime> MillisTimeOf(const nlohmann::json* value) {
  std::optional<long long> millis = IntegerOf(value);
  if (!millis) return std::nullopt;
  return UtcTime(std::chrono::milliseconds(*millis));
}

nlohmann::json TimeOrNull(const std::optional<UtcTime>& value) {
  return value ? nlohmann::json(FormatUtcMillis(*value)) : nlohmann::json();
}

}  // namespace sprintetl::transform
