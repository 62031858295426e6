// The `harness` executable: see harness/README.md.
#include "cli.hpp"

int main(int argc, char** argv) { return cryptarchia::harness::harness_main(argc, argv); }
