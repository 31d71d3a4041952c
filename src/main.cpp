#include <iostream>

#include "cli/command.hpp"

int main(int argc, char** argv) { return skydda::cli::run_cli(argc, argv, std::cin, std::cout, std::cerr); }
