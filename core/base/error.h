#pragma once
/// \file
/// The library's one exception type: a message a person can read, and what to do about it.

#include <stdexcept>
#include <string>

namespace rscir {

/// Thrown by every part of core for failures a user can meet: bad files, bad
/// arguments, missing resources. `what()` is the whole sentence; `hint()` the advice alone.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::string hint = {})
        : std::runtime_error(hint.empty() ? message : message + " (" + hint + ")"),
          m_message(message),
          m_hint(std::move(hint))
    {
    }

    const std::string& message() const noexcept { return m_message; }
    const std::string& hint() const noexcept { return m_hint; }

private:
    std::string m_message;
    std::string m_hint;
};

} // namespace rscir
