#pragma once

// Tells ThreadSanitizer about synchronisation it cannot see. The distribution's Qt is not built
// with -fsanitize=thread and its QMutex waits on futexes, so a posted event's hand-over from the
// posting thread to the receiving one is invisible to TSan: every queued call would be reported
// as a race on its arguments. The dispatcher marks the hand-over instead: wakeUp(), which Qt
// calls after each post, releases; each event delivered in that thread acquires.
// Without TSan these are empty.

#if defined(__SANITIZE_THREAD__)
#define DOCKPULSE_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DOCKPULSE_UNDER_TSAN 1
#endif
#endif

#ifdef DOCKPULSE_UNDER_TSAN
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace dockpulse::eventloop {

inline void tsanRelease([[maybe_unused]] void* sync)
{
#ifdef DOCKPULSE_UNDER_TSAN
    __tsan_release(sync);
#endif
}

inline void tsanAcquire([[maybe_unused]] void* sync)
{
#ifdef DOCKPULSE_UNDER_TSAN
    __tsan_acquire(sync);
#endif
}

} // namespace dockpulse::eventloop
