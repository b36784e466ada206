# cmake -Dgenerated=FILE -Dkept=FILE -P CheckManPage.cmake
# Fails when the man page kept in the tree (kept) differs from the one help2man makes from the
# program's --help now (generated). Not compared: help2man's comment lines (they name its
# version) and the month in the .TH line (when the page was made).
function(normalised file out)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${file} is missing: make it with "
                        "`cmake --build --preset dev --target manpage-update` and commit it")
  endif()
  file(READ "${file}" text)
  string(REGEX REPLACE "(^|\n)\\.\\\\\"[^\n]*" "" text "${text}")
  string(REGEX REPLACE "\n(\\.TH [^\"\n]*\"[^\"\n]*\" )\"[^\"\n]*\"" "\n\\1\"(date)\"" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

normalised("${generated}" want)
normalised("${kept}" have)
if(NOT want STREQUAL have)
  message(FATAL_ERROR "${kept} no longer matches dockpulse --help (diff ${kept} ${generated}): "
                      "refresh it with `cmake --build --preset dev --target manpage-update` and commit it")
endif()
message(STATUS "${kept} matches dockpulse --help")
