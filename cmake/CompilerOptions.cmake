# One INTERFACE target carries the language standard, warnings and Qt hygiene defines.
# Every target of the project links it; nothing sets flags globally.
add_library(dockpulse_options INTERFACE)
target_compile_features(dockpulse_options INTERFACE cxx_std_20)
set_target_properties(dockpulse_options PROPERTIES INTERFACE_CXX_EXTENSIONS OFF)

target_compile_options(dockpulse_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
if(DOCKPULSE_WARNINGS_AS_ERRORS)
  target_compile_options(dockpulse_options INTERFACE -Werror)
endif()

target_compile_definitions(dockpulse_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_NO_KEYWORDS
  QT_USE_QSTRINGBUILDER
  QT_DISABLE_DEPRECATED_BEFORE=0x060400)

# lld links a test program in a quarter of GNU ld's time (0.9 s against 3.5 s with the debug
# information, here), and the build links about a hundred programs.
include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" DOCKPULSE_HAVE_LLD)
if(DOCKPULSE_HAVE_LLD)
  target_link_options(dockpulse_options INTERFACE -fuse-ld=lld)
endif()

if(DOCKPULSE_SANITIZE)
  target_compile_options(dockpulse_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(dockpulse_options INTERFACE -fsanitize=address,undefined)
endif()

if(DOCKPULSE_TSAN)
  if(DOCKPULSE_SANITIZE OR DOCKPULSE_FUZZ)
    message(FATAL_ERROR "DOCKPULSE_TSAN cannot be combined with AddressSanitizer (DOCKPULSE_SANITIZE, DOCKPULSE_FUZZ)")
  endif()
  # Qt itself is not instrumented: its own synchronisation is invisible to TSan, so reports from
  # inside Qt are silenced in cmake/tsan.supp (never our code). -O1 keeps the tests fast enough.
  target_compile_options(dockpulse_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer -O1)
  target_link_options(dockpulse_options INTERFACE -fsanitize=thread)
endif()

if(DOCKPULSE_FUZZ)
  # Coverage for libFuzzer everywhere; the fuzz targets add -fsanitize=fuzzer (the driver).
  target_compile_options(dockpulse_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(dockpulse_options INTERFACE -fsanitize=address,undefined)
endif()
