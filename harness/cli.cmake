# The harness's command line: `run`, `replay` and `show`, the in-process
# route to this library's profiles and the reports.
# The adapter client (adapter.cmake) is included after this file; the
# executable links it only if that target exists at generation time.

add_library(cryptarchia_harness
  src/in_process.cpp
  src/judge.cpp
  src/expectation_for.cpp
  src/run_case.cpp
  src/vector_selection.cpp
  src/expected_failures.cpp
  src/report_json.cpp
  src/report_junit.cpp
  src/report_text.cpp
  src/cli_args.cpp
  src/cli_run.cpp
  src/cli_merge.cpp
  src/cli_replay.cpp
  src/cli_replay_diff.cpp
  src/trace_diff.cpp
  src/cli_show.cpp
  $<$<TARGET_EXISTS:cryptarchia_harness_adapter>:${CMAKE_CURRENT_SOURCE_DIR}/src/cli_mutants.cpp>
  $<$<TARGET_EXISTS:cryptarchia_harness_adapter>:${CMAKE_CURRENT_SOURCE_DIR}/src/check.cpp>
  src/block_catalogue.cpp
  src/show.cpp
  src/show_dot.cpp
  src/cli_main.cpp
)
target_include_directories(cryptarchia_harness
  PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
  PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(cryptarchia_harness
  PUBLIC cryptarchia_impl cryptarchia_vectors cryptarchia_properties
  PRIVATE cryptarchia_harness_trace cryptarchia_harness_interrupt CLI11::CLI11 nlohmann_json::nlohmann_json
          $<TARGET_NAME_IF_EXISTS:cryptarchia_harness_adapter>)
# The --adapter route needs subprocess(), which the adapter library provides.
target_compile_definitions(cryptarchia_harness PRIVATE
  $<$<TARGET_EXISTS:cryptarchia_harness_adapter>:CSC_HAVE_ADAPTER>)

add_executable(harness src/main.cpp)
target_link_libraries(harness PRIVATE cryptarchia_harness)

add_executable(cryptarchia_harness_tests
  tests/cli_test_support.cpp
  tests/cli_run_test.cpp
  tests/cli_shard_test.cpp
  tests/cli_reports_test.cpp
  tests/cli_expected_failures_test.cpp
  tests/cli_show_test.cpp
  tests/cli_trace_test.cpp
  tests/cli_replay_diff_test.cpp
  tests/cli_adapter_test.cpp
  tests/cli_reliability_test.cpp
  tests/cli_path_messages_test.cpp
  tests/cli_nul_byte_test.cpp
  tests/cli_signals_test.cpp
  tests/cli_report_files_test.cpp
  tests/cli_adapter_text_test.cpp
  tests/cli_vector_paths_test.cpp
  tests/cli_in_process_timeout_test.cpp
  tests/judge_test.cpp
)
target_include_directories(cryptarchia_harness_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(cryptarchia_harness_tests PRIVATE
  cryptarchia_harness nlohmann_json::nlohmann_json GTest::gtest_main)
target_compile_definitions(cryptarchia_harness_tests PRIVATE
  CSC_CORPUS_DIR="${PROJECT_SOURCE_DIR}/vectors/corpus"
  CSC_HARNESS_TEST_TMP="${CMAKE_CURRENT_BINARY_DIR}/cli-test-tmp"
  CSC_HARNESS="$<TARGET_FILE:harness>")
add_dependencies(cryptarchia_harness_tests harness)
# With the adapter client, the tests also drive the C++ reference adapter.
# Its target is defined later (adapter.cmake); generator expressions and
# add_dependencies resolve it when the build files are generated.
if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/adapter.cmake)
  target_compile_definitions(cryptarchia_harness_tests PRIVATE
    CSC_REFERENCE_ADAPTER="$<TARGET_FILE:cryptarchia-reference-adapter>")
  add_dependencies(cryptarchia_harness_tests cryptarchia-reference-adapter)
endif()
gtest_discover_tests(cryptarchia_harness_tests PROPERTIES LABELS harness DISCOVERY_TIMEOUT 60)

add_test(NAME harness_run_corpus
         COMMAND harness run ${PROJECT_SOURCE_DIR}/vectors/corpus
                 --junit ${CMAKE_BINARY_DIR}/harness-corpus.xml)
# The ibd profile against the vectors that pin its outcome (the four ibd
# errata); every other vector has no ibd expectation and is skipped.
add_test(NAME harness_run_corpus_ibd
         COMMAND harness run ${PROJECT_SOURCE_DIR}/vectors/corpus/errata --impl ibd)
add_test(NAME harness_show_smoke
         COMMAND harness show ${PROJECT_SOURCE_DIR}/vectors/corpus/spec/spec-03-forks-from-genesis.json)
add_test(NAME harness_show_dot_smoke
         COMMAND harness show --dot ${PROJECT_SOURCE_DIR}/vectors/corpus/spec/spec-03-forks-from-genesis.json)
add_test(NAME harness_replay_smoke
         COMMAND harness replay ${PROJECT_SOURCE_DIR}/vectors/corpus/spec/spec-05-forks-by-backfilling.json)
set_tests_properties(harness_run_corpus harness_run_corpus_ibd harness_show_smoke harness_show_dot_smoke harness_replay_smoke
                     PROPERTIES LABELS harness)

# docs/ALGORITHMS.md quotes `harness replay` traces as a reader's reference:
# each quoted command is run and must still print the lines the page shows.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME harness_algorithms_doc_traces
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/tests/algorithms_doc_test.py
            $<TARGET_FILE:harness> ${PROJECT_SOURCE_DIR}/docs/ALGORITHMS.md ${PROJECT_SOURCE_DIR})
  set_tests_properties(harness_algorithms_doc_traces PROPERTIES LABELS harness)
endif()
