#ifndef METROPOLE_MALLOC_SUPPORT_H
#define METROPOLE_MALLOC_SUPPORT_H

/// Sets glibc's thresholds for handing freed memory back to the system (M_TRIM_THRESHOLD) and for
/// giving a block a mapping of its own (M_MMAP_THRESHOLD), in bytes. Returns 1 when both were set;
/// 0 with another C library, where nothing changes. The constants are macros of <malloc.h>, which
/// Swift's Glibc module does not bring.
int metropole_keep_freed_memory(int trim_threshold, int own_mapping_threshold);

#endif
