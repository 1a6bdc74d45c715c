#pragma once
// Errors are values: every layer below the command line returns them, and one place prints them.
#include <string>
#include <vector>

namespace psoas {

// A place in an input file. Line and column count from 1; 0 means "not known".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Error {
  Location where;
  std::string message;
};

// "FILE:LINE:COL: message", leaving out the parts of the place that are not known.
std::string to_string(const Error& error);

using Errors = std::vector<Error>;

}  // namespace psoas
