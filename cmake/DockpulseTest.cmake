# dockpulse_add_test(<name> SOURCES <files...> [LIBS <targets...>] LABEL unit|engine|ui [TIMEOUT s])
# One executable per test file, linking the libraries (never recompiling their sources).

# Parsing <QtTest> and <QtCore> is about three quarters of a test file's compile time (9 of 12 s
# of CPU here), so the test programs share precompiled ones. Qt's test macros carry the folder
# (QT_TESTCASE_BUILDDIR) and the linked Qt modules (QT_WIDGETS_LIB, ...), which a precompiled
# header must match exactly (else GCC quietly parses the headers again): one per folder and set of
# libraries. Off by default under a compiler launcher: ccache does not cache a compile that uses
# one unless told to (its sloppiness setting).
if(CMAKE_CXX_COMPILER_LAUNCHER)
  set(_dockpulse_pch_default OFF)
else()
  set(_dockpulse_pch_default ON)
endif()
option(DOCKPULSE_TEST_PCH "Precompile Qt's test headers once for the test programs" ${_dockpulse_pch_default})

function(_dockpulse_test_pch name)
  file(RELATIVE_PATH folder "${PROJECT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}")
  string(JOIN _ libs ${ARGN})
  string(MAKE_C_IDENTIFIER "pch_${folder}_${libs}" pch)
  if(NOT TARGET ${pch})
    add_library(${pch} OBJECT "${PROJECT_SOURCE_DIR}/tests/support/PchAnchor.cpp")
    target_link_libraries(${pch} PRIVATE dockpulse_options dockpulse_core dockpulse_testsupport Qt6::Test ${ARGN})
    target_precompile_headers(${pch} PRIVATE <QtTest/QtTest> <QtCore/QtCore>)
  endif()
  target_precompile_headers(${name} REUSE_FROM ${pch})
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
  if(DOCKPULSE_TEST_PCH)
    _dockpulse_test_pch(${name} ${arg_LIBS})
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    LABELS ${arg_LABEL}
    TIMEOUT ${arg_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
