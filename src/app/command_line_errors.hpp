#pragma once
// What the command line says when input is wrong: a sentence that names the
// option and says what to do, for the administrator at the terminal. The web
// layer translates the same message keys for residents and professionals.

#include <CLI/CLI.hpp>

#include <string>

#include "domain/validation_error.hpp"

namespace gezicht::app {

// What a field error's field is: a command-line option (user add: "phone"
// is --phone) or a place in a file the command read (directory import:
// "teams[0].walk_in[1].opens").
enum class FieldKind { option, file_path };

// One sentence for one field error, for example "--phone is required for
// professionals and team leads: residents see it on the front door".
// Throws std::out_of_range for a key without a sentence (a defect).
std::string describe_for_command_line(const domain::FieldError& error, FieldKind kind);

// Prints every field error as "gezicht: <sentence>" and ends the command
// with exit code 2 (bad input).
[[noreturn]] void fail_with(const domain::ValidationError& error, FieldKind kind);

// Refuses a command line whose command or subcommand does not exist
// ("gezicht backup", "gezicht user frobnicate"), even with --help after it:
// CLI11 would answer "A subcommand is required" or print the main help and
// succeed. Throws CLI::ParseError subclasses that main turns into exit 2.
void check_command_names(const CLI::App& app, int argc, const char* const* argv);

}  // namespace gezicht::app
