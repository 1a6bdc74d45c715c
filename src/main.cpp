#include "cli/commands.hpp"

int main(int argc, char** argv) { return psoas::cli::run(argc, argv); }
