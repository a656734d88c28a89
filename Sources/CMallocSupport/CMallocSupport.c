#include <stdlib.h>
#include "CMallocSupport.h"

#if defined(__GLIBC__)
#include <malloc.h>

int metropole_keep_freed_memory(int trim_threshold, int own_mapping_threshold) {
    return mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1 && mallopt(M_MMAP_THRESHOLD, own_mapping_threshold) == 1;
}
#else
int metropole_keep_freed_memory(int trim_threshold, int own_mapping_threshold) {
    (void)trim_threshold;
    (void)own_mapping_threshold;
    return 0;
}
#endif
