#pragma once

// CI's sanitizer stages run the data-heavy single-threaded tests on a share of their data:
// AddressSanitizer slows such code 5 to 10 times and CI has a time budget; the dev stage runs all
// of it, and the sanitizers still see every code path. Each use says why its red case still shows
// at the smaller size.

namespace dockpulse::test {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kUnderSanitizer = true;
#else
inline constexpr bool kUnderSanitizer = false;
#endif

// `full` in a plain build; `full / divisor`, at least 1, in a sanitizer build.
constexpr int sanitizerShare(int full, int divisor)
{
    return !kUnderSanitizer ? full : (full / divisor > 0 ? full / divisor : 1);
}

// A wait that must outlast work a sanitizer slows down: `ms` in a plain build, `ms * factor` in one.
constexpr int sanitizerStretch(int ms, int factor)
{
    return kUnderSanitizer ? ms * factor : ms;
}

} // namespace dockpulse::test
