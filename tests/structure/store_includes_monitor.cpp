// Against the arrows: the store keeps what monitors deliver; it does not know monitors (its
// ContainerRef mirrors monitor::ContainerKey for that reason).
#include "ContainerKey.h"
