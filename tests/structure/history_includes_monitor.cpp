// Against the arrows: history reads the store back (export, search) without an engine; it does not
// know monitors.
#include "ContainerKey.h"
