# dockpulse_add_test(<name> SOURCES <files...> [LIBS <targets...>] LABEL unit|engine|ui [TIMEOUT s])
# One executable per test file, linking the libraries (never recompiling their sources).
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
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    LABELS ${arg_LABEL}
    TIMEOUT ${arg_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
