// A mutation point: a place where the test-only build `cryptarchia_mutable`
// can switch in one deliberate bug from the catalogue in impl/mutants/, to
// measure whether the suite notices it (docs/STRENGTH.md). In the library
// that users link, CSC_MUTANT(...) is the constant false and compiles away.
#pragma once

#ifdef CSC_MUTANTS
#include "cryptarchia/mutants.hpp"
#define CSC_MUTANT(name) (::cryptarchia::mutants::active() == ::cryptarchia::mutants::Mutant::name)
#else
#define CSC_MUTANT(name) false
#endif
