# dockpulse_add_test(<name> SOURCES <files...> [LIBS <targets...>] LABEL unit|engine|ui [TIMEOUT s])
# One executable per test file, linking the libraries (never recompiling their sources).

function(_dockpulse_test_pch name)
  file(RELATIVE_PATH folder "${PROJECT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}")
  string(JOIN _ libs ${ARGN})
  string(MAKE_C_IDENTIFIER "pch_${folder}_${libs}" pch)
  if(NOT TARGET ${pch})
    add_library(${pch} OBJECT "${PROJECT_SOURCE_DIR}/tests/support/PchAnchor.cpp")
    target_link_libraries(${pch} PRIVATE dockpulse_options dockpulse_core dockpulse_testsupport Qt6::Test ${ARGN})
    target_precompile_headers(${pch} PRIVATE <QtTest/QtTest> <QtCore/QtCore>)
    _dockpulse_test_optimisation(${pch})
  endif()
  target_precompile_headers(${name} REUSE_FROM ${pch})
  # AUTOMOC's mocs_compilation.cpp of a test is empty (the test includes its own .moc): loading
  # the precompiled headers into it cost more than compiling it (3 to 7 s each).
  set_source_files_properties("${CMAKE_CURRENT_BINARY_DIR}/${name}_autogen/mocs_compilation.cpp"
                              TARGET_DIRECTORY ${name} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
endfunction()

# A test program's own code is compiled without optimisation: generating optimised code for the
# test macros was most of its compile time (16 s at -O2, 8.5 s at -O0 for tst_commandline), and
# the code under test is the libraries', compiled as the build type says. The sanitizer builds
# keep their own level.
function(_dockpulse_test_optimisation target)
  if(NOT DOCKPULSE_SANITIZE AND NOT DOCKPULSE_TSAN AND NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    target_compile_options(${target} PRIVATE -O0)
  endif()
endfunction()

function(dockpulse_add_test name)
  cmake_parse_arguments(arg "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT arg_LABEL)
    set(arg_LABEL unit)
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 120)
  endif()
  if(DOCKPULSE_TSAN)
    # ThreadSanitizer runs the data-heavy tests 5 to 10 times slower (tst_logcursor: 1.7 s -> 82 s).
    math(EXPR arg_TIMEOUT "${arg_TIMEOUT} * 8")
  endif()
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE dockpulse_options dockpulse_core dockpulse_testsupport Qt6::Test ${arg_LIBS})
  _dockpulse_test_optimisation(${name})
  if(DOCKPULSE_PCH)
    _dockpulse_test_pch(${name} ${arg_LIBS})
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    LABELS ${arg_LABEL}
    TIMEOUT ${arg_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
