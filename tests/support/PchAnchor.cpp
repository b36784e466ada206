// The one source of the targets that hold the test programs' precompiled header
// (cmake/DockpulseTest.cmake): a target needs a source to build its header with.
