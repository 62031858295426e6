# The adapter client: subprocess() and adapter_node_factory() speak the
# adapter protocol (PROTOCOL.md) to an implementation in any language;
# run_check() (in the harness library, cli.cmake) runs the property suite
# against one. Also the C++ reference
# adapter and the client's tests.

add_library(cryptarchia_harness_adapter
  src/protocol_json.cpp
  src/protocol_serve.cpp
  src/protocol_session.cpp
  src/protocol_transport.cpp
  src/protocol_replay.cpp
  src/subprocess_child.cpp
  src/subprocess_implementation.cpp
  src/adapter_node.cpp
)
target_include_directories(cryptarchia_harness_adapter
  PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
  PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(cryptarchia_harness_adapter
  PUBLIC cryptarchia_impl cryptarchia_vectors cryptarchia_properties nlohmann_json::nlohmann_json
  PRIVATE cryptarchia_harness_trace cryptarchia_harness_interrupt)

add_executable(cryptarchia-reference-adapter adapters/reference/main.cpp)
target_include_directories(cryptarchia-reference-adapter PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(cryptarchia-reference-adapter PRIVATE cryptarchia_harness_adapter)

# Test-only: the reference adapter with the mutant catalogue (--mutant NAME),
# for `harness mutants` (docs/STRENGTH.md).
if(CSC_MUTATION_CHECK)
  add_executable(cryptarchia-mutant-adapter adapters/reference/main.cpp)
  set_target_properties(cryptarchia-mutant-adapter PROPERTIES CSC_WITH_MUTANTS ON)
  target_compile_definitions(cryptarchia-mutant-adapter PRIVATE CSC_ADAPTER_WITH_MUTANTS)
  target_include_directories(cryptarchia-mutant-adapter PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(cryptarchia-mutant-adapter PRIVATE cryptarchia_harness_adapter)
endif()

add_executable(cryptarchia_adapter_tests
  tests/adapter_test_support.cpp
  tests/adapter_corpus_test.cpp
  tests/adapter_hostile_test.cpp
  tests/adapter_reliability_test.cpp
  tests/protocol_replay_test.cpp
  tests/adapter_node_test.cpp
  tests/adapter_check_test.cpp
  tests/adapter_harness_failure_test.cpp
  tests/adapter_stream_memory_test.cpp
  tests/adapter_skip_race_test.cpp
  tests/adapter_protocol_version_test.cpp
  tests/adapter_value_messages_test.cpp
  tests/adapter_nul_byte_test.cpp
  tests/adapter_mutant_hang_test.cpp
  tests/adapter_exit_after_done_test.cpp
  tests/adapter_escaped_descendant_test.cpp
  tests/adapter_download_test.cpp
  tests/adapter_variants_test.cpp
)
target_link_libraries(cryptarchia_adapter_tests PRIVATE
  cryptarchia_harness cryptarchia_harness_adapter GTest::gtest_main)
target_include_directories(cryptarchia_adapter_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_compile_definitions(cryptarchia_adapter_tests PRIVATE
  CSC_REFERENCE_ADAPTER="$<TARGET_FILE:cryptarchia-reference-adapter>"
  CSC_CORPUS_DIR="${PROJECT_SOURCE_DIR}/vectors/corpus"
  CSC_FUZZ_DIR="${PROJECT_SOURCE_DIR}/fuzz"
  CSC_ADAPTER_TEST_TMP="${CMAKE_CURRENT_BINARY_DIR}/adapter-test-tmp")
add_dependencies(cryptarchia_adapter_tests cryptarchia-reference-adapter)
gtest_discover_tests(cryptarchia_adapter_tests PROPERTIES LABELS harness DISCOVERY_TIMEOUT 60)

# The Python example adapter (standard library only, harness/adapters/python_seed):
# it is an independent implementation of the seed, so judged as the seed it
# must pass the whole corpus, and judged as the reference it must fail
# exactly the vectors its expected-failures file explains.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  set(CSC_PYTHON_SEED "${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/adapters/python_seed/adapter.py")
  add_test(NAME harness_python_seed_self_test
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/adapters/python_seed/adapter.py --self-test)
  add_test(NAME harness_python_seed_conforms_to_seed
    COMMAND harness run ${PROJECT_SOURCE_DIR}/vectors/corpus --impl seed --adapter "${CSC_PYTHON_SEED}"
            --junit ${CMAKE_BINARY_DIR}/harness-python-seed.xml)
  add_test(NAME harness_python_seed_fails_where_the_seed_is_wrong
    COMMAND harness run ${PROJECT_SOURCE_DIR}/vectors/corpus/spec ${PROJECT_SOURCE_DIR}/vectors/corpus/errata
            --adapter "${CSC_PYTHON_SEED}"
            --expected-failures ${CMAKE_CURRENT_SOURCE_DIR}/adapters/python_seed/expected-failures-reference.txt)
  # Adapters that do nothing plausible (done at once at the genesis or the
  # local start, with every end and abort kind, with and without asking the
  # tips first) pass 0 vectors, judged as any profile.
  add_test(NAME harness_null_adapters_fail_every_vector
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/tests/null_adapters_test.py
            $<TARGET_FILE:harness> ${PROJECT_SOURCE_DIR}/vectors/corpus
            ${CMAKE_CURRENT_BINARY_DIR}/null-adapters)
  set_tests_properties(harness_python_seed_self_test harness_python_seed_conforms_to_seed
    harness_python_seed_fails_where_the_seed_is_wrong harness_null_adapters_fail_every_vector
    PROPERTIES LABELS harness)
endif()

# Protocol 1.1: the reference adapter judged as ibd sends `download`
# requests; over the errata it must reach the in-process ibd verdicts (the
# four ibd errata pass; CliAdapter.TheReferenceAdapterJudgedAsIbd... compares
# them vector by vector).
add_test(NAME harness_reference_adapter_as_ibd_over_errata
  COMMAND harness run ${PROJECT_SOURCE_DIR}/vectors/corpus/errata --impl ibd
          --adapter "$<TARGET_FILE:cryptarchia-reference-adapter> --profile ibd")
set_tests_properties(harness_reference_adapter_as_ibd_over_errata PROPERTIES LABELS harness)

if(CSC_MUTATION_CHECK)
  # The mutation route through a real subprocess: two mutants, one that needs
  # a tie case (tens of cases) and one the first property kills at once (the
  # whole catalogue runs in-process in properties/mutants; docs/STRENGTH.md
  # has the tables). Mutants found late would make this test a minute long:
  # the quick ladder runs every property before them through the adapter.
  add_test(NAME harness_mutants_through_the_adapter
    COMMAND harness mutants --adapter "$<TARGET_FILE:cryptarchia-mutant-adapter>"
            --vectors ${PROJECT_SOURCE_DIR}/vectors/corpus --quick
            --mutant praos-tie-switches --mutant duplicate-counts-as-progress)
  # An adapter without the catalogue is refused with a message, not run.
  add_test(NAME harness_mutants_refuses_an_adapter_without_mutants
    COMMAND harness mutants --adapter "$<TARGET_FILE:cryptarchia-reference-adapter>"
            --vectors ${PROJECT_SOURCE_DIR}/vectors/corpus --quick)
  set_tests_properties(harness_mutants_refuses_an_adapter_without_mutants PROPERTIES
    WILL_FAIL FALSE PASS_REGULAR_EXPRESSION "does not list mutants")
  # --shard i/n: the k-th mutant the adapter lists goes to shard k mod n, so
  # the two named mutants (positions 2 and 37 of --list-mutants, 0-based) land
  # in different shards of two, each measured exactly once.
  foreach(shard 0 1)
    add_test(NAME harness_mutants_shard_${shard}_of_2
      COMMAND harness mutants --adapter "$<TARGET_FILE:cryptarchia-mutant-adapter>"
              --vectors ${PROJECT_SOURCE_DIR}/vectors/corpus --quick --shard ${shard}/2
              --mutant praos-tie-switches --mutant duplicate-counts-as-progress)
    set_tests_properties(harness_mutants_shard_${shard}_of_2 PROPERTIES LABELS "harness;mutants")
  endforeach()
  set_tests_properties(harness_mutants_shard_0_of_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "praos-tie-switches +killed" FAIL_REGULAR_EXPRESSION "duplicate-counts")
  set_tests_properties(harness_mutants_shard_1_of_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "duplicate-counts-as-progress +killed" FAIL_REGULAR_EXPRESSION "praos-tie")
  set_tests_properties(harness_mutants_through_the_adapter
    harness_mutants_refuses_an_adapter_without_mutants PROPERTIES LABELS "harness;mutants")
endif()

# `harness check` as a user runs it: the reference behind the adapter holds
# every property (none weak, untested or erroring); the spec profile fails
# exactly its errata-matrix row (an expected failure that holds, or an
# unlisted failure, makes the check fail). The long timeout is for the
# sanitizer build, where a spinning spec sync takes over 10 s per case.
add_test(NAME harness_check_reference_holds
  COMMAND harness check --adapter $<TARGET_FILE:cryptarchia-reference-adapter> --cases 100 --timeout 300
          --no-progress --out ${CMAKE_CURRENT_BINARY_DIR}/check-reference-failures)
add_test(NAME harness_check_spec_fails_its_errata_row
  COMMAND harness check --adapter "$<TARGET_FILE:cryptarchia-reference-adapter> --profile spec"
          --cases 300 --no-shrink --no-progress --jobs 2 --timeout 300
          --expected-failures ${CMAKE_CURRENT_SOURCE_DIR}/expected-failures/spec-properties.txt
          --out ${CMAKE_CURRENT_BINARY_DIR}/check-spec-failures)
set_tests_properties(harness_check_reference_holds harness_check_spec_fails_its_errata_row
                     PROPERTIES LABELS harness)
