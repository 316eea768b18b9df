// finsam/error.hpp — the error types every part of finsam throws.
//
// Design notes: all errors derive from finsam::Error (a std::runtime_error), so a caller
// that only wants "did it work" catches one type. A plan that fails validation throws
// PlanError, which carries every problem found as (JSON pointer, message) pairs — the
// same list the CLI prints as FILE:POINTER: message and Python raises as PlanError.problems.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace finsam {

/// Base of every exception finsam throws.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A number or amount that is not written as the spec allows (malformed decimal, fraction, …).
class ParseError : public Error {
public:
    using Error::Error;
};

/// A value, read or computed, beyond ±(2^63 − 1) öre (or another representable range).
class OverflowError : public Error {
public:
    using Error::Error;
};

/// An allocation that cannot be made (all weights zero for a non-zero amount, negative weight).
class AllocationError : public Error {
public:
    using Error::Error;
};

/// One problem in a plan: where (RFC 6901 JSON pointer, "" is the root) and what.
struct Problem {
    std::string path;     ///< JSON pointer into the (patched) plan
    std::string message;  ///< what is wrong and what to write instead

    friend bool operator==(const Problem&, const Problem&) = default;
};

/// An invalid plan: every problem found, in the order found.
class PlanError : public Error {
public:
    explicit PlanError(std::vector<Problem> problems)
        : Error(summary(problems)), problems_(std::move(problems)) {}
    /// One problem at `path`.
    PlanError(std::string path, std::string message)
        : PlanError(std::vector<Problem>{Problem{std::move(path), std::move(message)}}) {}

    /// All problems, each with its JSON pointer.
    const std::vector<Problem>& problems() const noexcept { return problems_; }

private:
    static std::string summary(const std::vector<Problem>& problems) {
        if (problems.empty()) return "invalid plan";
        std::string s = problems.front().path + ": " + problems.front().message;
        if (problems.size() > 1)
            s += " (and " + std::to_string(problems.size() - 1) + " more problem" +
                 (problems.size() > 2 ? "s" : "") + ")";
        return s;
    }
    std::vector<Problem> problems_;
};

}  // namespace finsam
