# Parsing Qt's headers is most of a file's compile time where few lines of our own follow: in the
# dashboard library (the Widgets and Charts headers) and in the test programs (<QtTest> and
# <QtCore>: 9 of 12 s of CPU here), so those share precompiled ones. Qt's test macros carry the folder
# (QT_TESTCASE_BUILDDIR) and the linked Qt modules (QT_WIDGETS_LIB, ...), which a precompiled
# header must match exactly (else GCC quietly parses the headers again): one per folder and set of
# libraries. Off by default under a compiler launcher: ccache does not cache a compile that uses
# one unless told to (its sloppiness setting).
if(CMAKE_CXX_COMPILER_LAUNCHER)
  set(_dockpulse_pch_default OFF)
else()
  set(_dockpulse_pch_default ON)
endif()
option(DOCKPULSE_PCH "Precompile Qt's headers for the dashboard library and the test programs" ${_dockpulse_pch_default})

